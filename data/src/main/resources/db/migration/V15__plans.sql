-- Boundary plans (issue 7): a named, saved list of operations on the current units of one parent,
-- previewed, put out for public comment (公示) and committed on an effective date. A commit
-- closes and opens admin_unit/grid_cell rows and writes unit_lineage rows under one change_event,
-- whose id the plan keeps; nothing is ever deleted, so every earlier state stays queryable.

-- What plans do besides the foundation's change types: re-gridding a community, and a reform
-- (a plan whose operations are of several kinds, such as removing a level and merging).
ALTER TABLE change_event DROP CONSTRAINT change_event_change_type_check;
ALTER TABLE change_event ADD CONSTRAINT change_event_change_type_check
    CHECK (change_type IN ('create','merge','split','redraw','reassign','remove_level','rename','regrid','reform'));

CREATE TABLE plan (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id             bigint NOT NULL REFERENCES admin_unit(id),
    name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description           text CHECK (length(description) <= 4000),
    author_id             bigint NOT NULL REFERENCES app_user(id),
    status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','committed','withdrawn')),
    -- the operations, in order, as the API takes them (see gridmap.data.plan.OperationJson)
    operations            jsonb NOT NULL CHECK (jsonb_typeof(operations) = 'array'),
    allow_non_contiguous  boolean NOT NULL DEFAULT false,
    -- optional size target for the metrics: {"basis":"households","min":3000,"max":5000}
    target                jsonb,
    -- what the plan was saved against: {"unit id": version, ...} for the parent and every current
    -- unit below it; a commit finds what changed since by comparing with the live rows
    basis                 jsonb NOT NULL,
    comment_from          date,
    comment_to            date,
    change_event_id       bigint UNIQUE REFERENCES change_event(id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               integer NOT NULL DEFAULT 0,
    CHECK ((status = 'committed') = (change_event_id IS NOT NULL)),
    CHECK (comment_to IS NULL OR comment_to >= comment_from),
    CHECK (status <> 'published' OR comment_from IS NOT NULL)
);
CREATE INDEX plan_parent ON plan (parent_id);
CREATE INDEX plan_status ON plan (status);

-- Comments on a published plan, optionally at a place on the map.
CREATE TABLE plan_comment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     bigint NOT NULL REFERENCES plan(id),
    author_id   bigint NOT NULL REFERENCES app_user(id),
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    geom        geometry(Point,4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_comment_plan ON plan_comment (plan_id, id);
CREATE INDEX plan_comment_geom ON plan_comment USING gist (geom);

-- Lineage is read from both ends (what became of a unit, what a unit came from).
CREATE INDEX unit_lineage_predecessor ON unit_lineage (predecessor_id);
CREATE INDEX unit_lineage_successor ON unit_lineage (successor_id);
-- As-of reads of a parent's children and of a community's cells.
CREATE INDEX admin_unit_parent_validity ON admin_unit (parent_id, valid_from, valid_to);
CREATE INDEX grid_cell_community_validity ON grid_cell (community_id, valid_from, valid_to);
