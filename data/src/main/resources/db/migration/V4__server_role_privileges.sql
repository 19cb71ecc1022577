-- When migrations run as a separate owner role, the server's own role (${appRole}) gets data
-- privileges only: it can read and write rows but not alter, drop or disable anything, and on
-- the audit log it may only INSERT and SELECT. Then not even the server can change or switch off
-- its own trail. When the server's role is the owner (a single-role set-up) there is nothing to do.
DO $$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA gridmap TO %I', '${appRole}');
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA gridmap TO %I', '${appRole}');
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA gridmap TO %I', '${appRole}');
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON gridmap.audit_log FROM %I', '${appRole}');
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON gridmap.flyway_schema_history FROM %I', '${appRole}');
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA gridmap GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', '${appRole}');
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA gridmap GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', '${appRole}');
    END IF;
END $$;
