-- A counter that moves whenever river_basin changes (any statement that writes it), so the server
-- can keep each level's drainage network in memory and rebuild it only when the basins changed.
CREATE TABLE river_basin_revision (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision   bigint NOT NULL
);
INSERT INTO river_basin_revision VALUES (true, 0);

CREATE FUNCTION river_basin_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE river_basin_revision SET revision = revision + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER river_basin_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON river_basin
    FOR EACH STATEMENT EXECUTE FUNCTION river_basin_touched();
