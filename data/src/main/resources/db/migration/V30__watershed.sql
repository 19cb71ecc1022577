-- Watershed planning: basins with HydroBASINS fields, rivers as networks of reaches, river-chief
-- responsibility reaches (河长制) and their chiefs, and water projects with budgets, spending,
-- dates, a status history and retirement instead of deletion.

-- Basins carry the fields HydroBASINS publishes, so an import keeps them and a report can
-- compare them with what the network gives. main_basin_id (MAIN_BAS) names the outlet or inland
-- sink of the basin's drainage system: the Pfafstetter rule compares codes within one system.
ALTER TABLE river_basin
    ADD COLUMN hybas_id      bigint UNIQUE,
    ADD COLUMN main_basin_id bigint REFERENCES river_basin(id),
    ADD COLUMN sub_area_km2  double precision,
    ADD COLUMN up_area_km2   double precision CHECK (up_area_km2 > 0),
    ADD COLUMN dist_main_km  double precision CHECK (dist_main_km >= 0),
    ADD COLUMN endo          smallint NOT NULL DEFAULT 0 CHECK (endo IN (0, 1, 2));
UPDATE river_basin SET sub_area_km2 = ST_Area(geom::geography) / 1e6;
ALTER TABLE river_basin ALTER COLUMN sub_area_km2 SET NOT NULL,
    ADD CHECK (sub_area_km2 > 0);
-- navigation loads one level at a time; the Pfafstetter rule reads codes by system and level
CREATE INDEX river_basin_level_system ON river_basin (level, main_basin_id, pfaf_code);

-- A named river (长江, 顺安河, …); its course is the reaches that belong to it.
CREATE TABLE river (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code     text NOT NULL UNIQUE,
    name     text NOT NULL,
    name_en  text
);

-- A reach: a stretch between junctions, drawn in the direction of flow (first vertex upstream),
-- linked to the reach it flows into, lying in one basin (of the finest level). The length is
-- derived from the geometry, so it cannot drift from it.
CREATE TABLE river_reach (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    river_id      bigint NOT NULL REFERENCES river(id),
    name          text NOT NULL,
    next_down_id  bigint REFERENCES river_reach(id),
    basin_id      bigint REFERENCES river_basin(id),
    geom          geometry(LineString,4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom) AND ST_Length(geom) > 0),
    length_m      double precision GENERATED ALWAYS AS (ST_Length(geom::geography)) STORED,
    CHECK (next_down_id IS NULL OR next_down_id <> id)
);
CREATE INDEX river_reach_geom ON river_reach USING gist (geom);
CREATE INDEX river_reach_river ON river_reach (river_id);
CREATE INDEX river_reach_basin ON river_reach (basin_id);
CREATE INDEX river_reach_next_down ON river_reach (next_down_id);

-- River chiefs (河长): officials answerable for stretches of river, at one level each.
-- Their phone is personal data: the API masks it except for those who assign chiefs.
CREATE TABLE river_chief (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL,
    level     text NOT NULL CHECK (level IN ('province','city','county','township','village')),
    position  text NOT NULL,
    phone     text CHECK (phone ~ '^[0-9+ -]{5,20}$'),
    active    boolean NOT NULL DEFAULT true,
    version   integer NOT NULL DEFAULT 0
);

-- A responsibility reach (河长制河段): a named stretch of one river, at one level, with the
-- administrative unit whose chief answers for it and the chief currently assigned.
CREATE TABLE chief_reach (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    river_id       bigint NOT NULL REFERENCES river(id),
    name           text NOT NULL,
    level          text NOT NULL CHECK (level IN ('province','city','county','township','village')),
    admin_unit_id  bigint REFERENCES admin_unit(id),
    chief_id       bigint REFERENCES river_chief(id),
    geom           geometry(MultiLineString,4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    version        integer NOT NULL DEFAULT 0
);
CREATE INDEX chief_reach_geom ON chief_reach USING gist (geom);
CREATE INDEX chief_reach_chief ON chief_reach (chief_id);

-- Who was chief of a reach when: one row per assignment (chief_id null: the post left vacant).
CREATE TABLE chief_assignment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chief_reach_id  bigint NOT NULL REFERENCES chief_reach(id),
    chief_id        bigint REFERENCES river_chief(id),
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    assigned_by     bigint REFERENCES app_user(id),
    note            text
);
CREATE INDEX chief_assignment_reach ON chief_assignment (chief_reach_id, assigned_at);

-- Water projects: irrigation canals join the types; budgets and spending in 万元; dates instead of
-- a start year; the river chief is a person on record; retired projects stay, marked.
ALTER TABLE water_project DROP CONSTRAINT water_project_project_type_check;
ALTER TABLE water_project ADD CONSTRAINT water_project_project_type_check CHECK (project_type IN
    ('reservoir','dike','dredging','irrigation_canal','waterworks','sluice','pumping_station','sewage_plant','ecological_restoration'));
ALTER TABLE water_project
    ADD COLUMN spent_wan_yuan  numeric(14,2) NOT NULL DEFAULT 0 CHECK (spent_wan_yuan >= 0),
    ADD COLUMN start_date      date,
    ADD COLUMN end_date        date,
    ADD COLUMN river_chief_id  bigint REFERENCES river_chief(id),
    ADD COLUMN created_at      timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at      timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN retired_at      timestamptz,
    ADD COLUMN retired_reason  text,
    ADD CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    ADD CHECK ((retired_at IS NULL) = (retired_reason IS NULL));
UPDATE water_project SET start_date = make_date(start_year, 1, 1) WHERE start_year IS NOT NULL;
ALTER TABLE water_project DROP COLUMN start_year, DROP COLUMN river_chief;
UPDATE water_project SET budget_wan_yuan = 0 WHERE budget_wan_yuan IS NULL;
ALTER TABLE water_project ALTER COLUMN budget_wan_yuan SET NOT NULL;
CREATE INDEX water_project_basin ON water_project (basin_id);
CREATE INDEX water_project_district ON water_project (district_id);

-- Each status a project has had, when and by whom (the first row is its status at creation).
CREATE TABLE water_project_status (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES water_project(id),
    status      text NOT NULL CHECK (status IN ('planned','approved','under_construction','completed','suspended')),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  bigint REFERENCES app_user(id),
    note        text
);
CREATE INDEX water_project_status_project ON water_project_status (project_id, changed_at);
INSERT INTO water_project_status (project_id, status, changed_at)
    SELECT id, status, coalesce(start_date::timestamptz, now()) FROM water_project;
