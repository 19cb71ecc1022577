-- gridmap schema, version 1: the foundation.
-- All geometries are EPSG:4326 (lon/lat), GiST-indexed and kept valid by CHECK constraints,
-- so no code path can store a broken boundary. Areas are computed in metres via geography.
-- Administrative units and grid cells are versioned (valid_from/valid_to, null = current):
-- a boundary change closes rows and inserts new ones, linked by unit_lineage; nothing is deleted.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Accounts. Roles are fixed by the application; passwords are argon2id hashes (or null: no login).
CREATE TABLE app_user (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,64}$'),
    display_name  text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin','planner','watershed_planner','dispatcher','grid_worker','viewer')),
    password_hash text,
    phone         text,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 0
);

-- Province → city → district → street → community. Codes follow GB/T 2260 + 3 + 3 digits:
-- 6 for a district (city: 6 ending in 00), 9 for a street/town, 12 for a community/village.
CREATE TABLE admin_unit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL CHECK (code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    name        text NOT NULL,
    level       text NOT NULL CHECK (level IN ('city','district','street','community')),
    parent_id   bigint REFERENCES admin_unit(id),
    geom        geometry(MultiPolygon,4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    population  integer NOT NULL DEFAULT 0 CHECK (population >= 0),
    households  integer NOT NULL DEFAULT 0 CHECK (households >= 0),
    valid_from  date NOT NULL,
    valid_to    date CHECK (valid_to IS NULL OR valid_to > valid_from),
    version     integer NOT NULL DEFAULT 0,
    CHECK ((level = 'city') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX admin_unit_code_current ON admin_unit (code) WHERE valid_to IS NULL;
CREATE INDEX admin_unit_geom ON admin_unit USING gist (geom);
CREATE INDEX admin_unit_parent ON admin_unit (parent_id);
CREATE INDEX admin_unit_level_validity ON admin_unit (level, valid_from, valid_to);

-- A boundary change (merge, split, redraw, level removal), committed on an effective date
-- with its legal reference (文号). Filled by the planner work; defined now so units can point to it.
CREATE TABLE change_event (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_type    text NOT NULL CHECK (change_type IN ('create','merge','split','redraw','reassign','remove_level','rename')),
    effective_date date NOT NULL,
    legal_ref      text,
    description    text,
    created_by     bigint REFERENCES app_user(id),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Which old units make up each new unit, by area and by population.
CREATE TABLE unit_lineage (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_event_id  bigint NOT NULL REFERENCES change_event(id),
    predecessor_id   bigint NOT NULL REFERENCES admin_unit(id),
    successor_id     bigint NOT NULL REFERENCES admin_unit(id),
    area_share       double precision NOT NULL CHECK (area_share >= 0 AND area_share <= 1),
    population_share double precision NOT NULL CHECK (population_share >= 0 AND population_share <= 1),
    UNIQUE (change_event_id, predecessor_id, successor_id)
);

-- Grid cells (网格): 15-digit code = community code + 3-digit serial, numbered west→east,
-- north→south inside their community. Every cell belongs to exactly one community.
CREATE TABLE grid_cell (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL CHECK (code ~ '^[0-9]{15}$'),
    name          text,
    community_id  bigint NOT NULL REFERENCES admin_unit(id),
    geom          geometry(MultiPolygon,4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    households    integer NOT NULL DEFAULT 0 CHECK (households >= 0),
    population    integer NOT NULL DEFAULT 0 CHECK (population >= 0),
    worker_id     bigint REFERENCES app_user(id),
    valid_from    date NOT NULL,
    valid_to      date CHECK (valid_to IS NULL OR valid_to > valid_from),
    version       integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX grid_cell_code_current ON grid_cell (code) WHERE valid_to IS NULL;
CREATE INDEX grid_cell_geom ON grid_cell USING gist (geom);
CREATE INDEX grid_cell_community ON grid_cell (community_id);
CREATE INDEX grid_cell_worker ON grid_cell (worker_id);

-- River basins, nested by Pfafstetter code (one more digit per level) and linked downstream
-- (next_down, as in HydroBASINS). Upstream of a basin = every basin whose chain reaches it.
CREATE TABLE river_basin (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    pfaf_code     text NOT NULL CHECK (pfaf_code ~ '^[0-9]+$'),
    name          text NOT NULL,
    level         integer NOT NULL CHECK (level >= 1),
    parent_id     bigint REFERENCES river_basin(id),
    next_down_id  bigint REFERENCES river_basin(id),
    geom          geometry(MultiPolygon,4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    version       integer NOT NULL DEFAULT 0,
    CHECK (next_down_id IS NULL OR next_down_id <> id),
    CHECK (level = length(pfaf_code))
);
CREATE INDEX river_basin_geom ON river_basin USING gist (geom);
CREATE INDEX river_basin_next_down ON river_basin (next_down_id);
CREATE INDEX river_basin_parent ON river_basin (parent_id);

-- Water projects: dikes, dredged stretches, reservoirs, works; any geometry type.
CREATE TABLE water_project (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text NOT NULL UNIQUE,
    name              text NOT NULL,
    project_type      text NOT NULL CHECK (project_type IN ('dike','dredging','reservoir','waterworks','sluice','pumping_station','sewage_plant','ecological_restoration')),
    status            text NOT NULL CHECK (status IN ('planned','approved','under_construction','completed','suspended')),
    budget_wan_yuan   numeric(14,2) CHECK (budget_wan_yuan >= 0),
    responsible_unit  text NOT NULL,
    district_id       bigint REFERENCES admin_unit(id),
    river_chief       text,
    basin_id          bigint REFERENCES river_basin(id),
    geom              geometry(Geometry,4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    start_year        integer,
    version           integer NOT NULL DEFAULT 0
);
CREATE INDEX water_project_geom ON water_project USING gist (geom);

-- Case categories: 2-digit major + 2-digit minor code, deadline in working hours.
CREATE TABLE case_category (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
    kind            text NOT NULL CHECK (kind IN ('event','component')),
    major_name      text NOT NULL,
    name            text NOT NULL,
    name_en         text NOT NULL,
    deadline_hours  integer NOT NULL CHECK (deadline_hours > 0)
);

-- Cases (案件): a point, found in a cell/community/district, moving through the closed loop.
CREATE TABLE cases (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    category_code  text NOT NULL REFERENCES case_category(code),
    status         text NOT NULL CHECK (status IN ('reported','registered','dispatched','in_progress','handled','closed','closed_not_fixed','rejected','parked')),
    source         text NOT NULL CHECK (source IN ('patrol','citizen','hotline','video','referral')),
    description    text NOT NULL DEFAULT '',
    address        text,
    geom           geometry(Point,4326) NOT NULL CHECK (ST_IsValid(geom)),
    cell_id        bigint REFERENCES grid_cell(id),
    community_id   bigint REFERENCES admin_unit(id),
    district_id    bigint REFERENCES admin_unit(id),
    assignee_id    bigint REFERENCES app_user(id),
    reported_at    timestamptz NOT NULL,
    due_at         timestamptz,
    closed_at      timestamptz,
    updated_at     timestamptz NOT NULL,
    version        integer NOT NULL DEFAULT 0,
    CHECK (closed_at IS NULL OR closed_at >= reported_at)
);
CREATE INDEX cases_geom ON cases USING gist (geom);
CREATE INDEX cases_cell ON cases (cell_id);
CREATE INDEX cases_status ON cases (status);

-- Audit trail: one row per write, in the same transaction as the write. Append-only.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint REFERENCES app_user(id),
    actor_name  text NOT NULL,
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   text,
    before      jsonb,
    after       jsonb,
    request_id  text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Which demo data set is loaded (name + generator version + seed), so a second start can skip it.
CREATE TABLE demo_dataset (
    name        text PRIMARY KEY,
    fingerprint text NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    report      jsonb NOT NULL
);
