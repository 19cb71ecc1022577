-- Accounts, sessions and API tokens.
-- A dispatcher works for one district; a grid worker for the cells whose worker_id is theirs.
ALTER TABLE app_user ADD COLUMN district_id bigint REFERENCES admin_unit(id);
ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz;

-- Browser sessions: the cookie holds "public_id.secret"; only a SHA-256 of the secret is stored,
-- so a leaked table does not yield usable sessions. Kept in the database (not server memory) so
-- several servers behind a load balancer share them.
CREATE TABLE user_session (
    public_id     text PRIMARY KEY,
    secret_sha256 bytea NOT NULL,
    user_id       bigint NOT NULL REFERENCES app_user(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    address       text,
    ended_at      timestamptz
);
CREATE INDEX user_session_user ON user_session (user_id);

-- API tokens for machine clients (Open311 intake, GIS clients): "gm_<public_id>_<secret>".
CREATE TABLE api_token (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id     text NOT NULL UNIQUE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_sha256 bytea NOT NULL,
    scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['map:read','cases:read','cases:create']),
    created_by    bigint NOT NULL REFERENCES app_user(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

-- Failed logins, for rate limiting per account and per address across all servers.
CREATE TABLE login_failure (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    username  text NOT NULL,
    address   text NOT NULL
);
CREATE INDEX login_failure_user ON login_failure (username, at);
CREATE INDEX login_failure_address ON login_failure (address, at);

CREATE INDEX audit_log_actor ON audit_log (actor_name, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
