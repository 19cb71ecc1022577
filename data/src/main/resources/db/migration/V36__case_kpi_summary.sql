-- KPIs without reading a year of cases (issue 8; measured in docs/PERFORMANCE.md, "KPIs from a
-- monthly summary"). gridmap.data.cases.KpiSummary folds the changes into the monthly summary and
-- KpiRepository reads it; both generate the per-case facts from one definition in Java.
--
-- Every change of a case that moves a KPI is written, in the same transaction, as a signed copy
-- of the columns the KPIs read: −1 for the row as it was, +1 for the row as it is. Insert-only,
-- without an index: 32 clients reporting at once never wait for each other here (a trigger that
-- added to a counter row per district and day would make every report of a district wait for the
-- previous one's commit). A KPI request counts the rows not folded yet together with the summary.
CREATE TABLE case_kpi_change (
    sign           smallint NOT NULL CHECK (sign IN (-1, 1)),
    status         text NOT NULL,
    district_id    bigint,
    community_id   bigint,
    cell_id        bigint,
    assignee_id    bigint,
    category_code  text NOT NULL,
    reported_at    timestamptz NOT NULL,
    registered_at  timestamptz,
    dispatched_at  timestamptz,
    handled_at     timestamptz,
    closed_at      timestamptz,
    close_due_at   timestamptz,
    rework_count   integer NOT NULL
) WITH (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0);

-- The facts of the cases per month and status, once per dimension (a row holds the key of its
-- dimension, the district for a dispatcher's scope, and NULL in the other key columns): the
-- facts of a case's report (reported, handled, reworked, step durations in microseconds, exact in
-- bigint) in the month of its report, those of its closure deadline (due, closed on time) in the
-- month of that deadline, both in Asia/Shanghai (the zone of the KPI periods). Months, because per
-- grid cell or worker a day folds nothing (1,201 cells, ~2 cases a day each); a request for any
-- period takes its whole months from here and the days at its edges from the cases.
CREATE TABLE case_kpi_month (
    dimension      text NOT NULL CHECK (dimension IN ('district', 'community', 'cell', 'worker', 'category')),
    month          date NOT NULL CHECK (extract(day FROM month) = 1),
    status         text NOT NULL,
    district_id    bigint,
    community_id   bigint,
    cell_id        bigint,
    assignee_id    bigint,
    category_code  text,
    n_rep          bigint NOT NULL,
    n_due          bigint NOT NULL,
    n_on_time      bigint NOT NULL,
    n_handled      bigint NOT NULL,
    n_reworked     bigint NOT NULL,
    s1 bigint NOT NULL, c1 bigint NOT NULL, s2 bigint NOT NULL, c2 bigint NOT NULL,
    s3 bigint NOT NULL, c3 bigint NOT NULL, s4 bigint NOT NULL, c4 bigint NOT NULL,
    CONSTRAINT case_kpi_month_key UNIQUE NULLS NOT DISTINCT (dimension, month, status, district_id, community_id, cell_id, assignee_id, category_code)
);
-- rows whose cases have all moved on (e.g. a month's 'reported' row once its cases were
-- registered): the fold deletes them, so that requests do not read empty rows
CREATE INDEX case_kpi_month_empty ON case_kpi_month (month) WHERE n_rep = 0 AND n_due = 0;

CREATE FUNCTION case_kpi_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO case_kpi_change VALUES (-1, OLD.status, OLD.district_id, OLD.community_id, OLD.cell_id, OLD.assignee_id,
            OLD.category_code, OLD.reported_at, OLD.registered_at, OLD.dispatched_at, OLD.handled_at, OLD.closed_at,
            OLD.close_due_at, OLD.rework_count);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO case_kpi_change VALUES (1, NEW.status, NEW.district_id, NEW.community_id, NEW.cell_id, NEW.assignee_id,
            NEW.category_code, NEW.reported_at, NEW.registered_at, NEW.dispatched_at, NEW.handled_at, NEW.closed_at,
            NEW.close_due_at, NEW.rework_count);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER case_kpi_insert_delete AFTER INSERT OR DELETE ON cases
    FOR EACH ROW EXECUTE FUNCTION case_kpi_changed();
-- only the changes that move a KPI (not e.g. a new note or version)
CREATE TRIGGER case_kpi_update AFTER UPDATE ON cases FOR EACH ROW
    WHEN ((OLD.status, OLD.district_id, OLD.community_id, OLD.cell_id, OLD.assignee_id, OLD.category_code, OLD.reported_at,
           OLD.registered_at, OLD.dispatched_at, OLD.handled_at, OLD.closed_at, OLD.close_due_at, OLD.rework_count)
          IS DISTINCT FROM
          (NEW.status, NEW.district_id, NEW.community_id, NEW.cell_id, NEW.assignee_id, NEW.category_code, NEW.reported_at,
           NEW.registered_at, NEW.dispatched_at, NEW.handled_at, NEW.closed_at, NEW.close_due_at, NEW.rework_count))
    EXECUTE FUNCTION case_kpi_changed();

CREATE FUNCTION case_kpi_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM case_kpi_change;
    DELETE FROM case_kpi_month;
    RETURN NULL;
END $$;
CREATE TRIGGER case_kpi_truncate AFTER TRUNCATE ON cases FOR EACH STATEMENT EXECUTE FUNCTION case_kpi_truncated();

-- The cases already there, as changes not folded yet: KPIs count them at once, and the first fold
-- (the server folds at start and every few seconds) moves them into the summary.
INSERT INTO case_kpi_change
SELECT 1, status, district_id, community_id, cell_id, assignee_id, category_code, reported_at, registered_at,
       dispatched_at, handled_at, closed_at, close_due_at, rework_count
FROM cases;
