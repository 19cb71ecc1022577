-- The closed loop of a case (issue 8): departments, per-step deadlines in working time, the
-- working calendar, the workflow as a table the database enforces, history, photos, reporter
-- details kept apart, idempotent intake and case codes from a sequence.

-- Departments a case can be dispatched to (城管执法, 市政设施, 园林绿化 ...).
CREATE TABLE department (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code     text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{2,32}$'),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_en  text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
    active   boolean NOT NULL DEFAULT true,
    version  integer NOT NULL DEFAULT 0
);

-- Categories become editable reference data: a default department, retired rather than deleted
-- (cases refer to them), and a deadline per workflow step instead of one number of hours.
ALTER TABLE case_category ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE case_category ADD COLUMN department_id bigint REFERENCES department(id);
ALTER TABLE case_category ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE case_category ADD CONSTRAINT case_category_names CHECK (
    length(major_name) BETWEEN 1 AND 50 AND length(name) BETWEEN 1 AND 50 AND length(name_en) BETWEEN 1 AND 100);

-- register: 立案 after the report; dispatch: 派遣 after registration; handle: 处置 after
-- dispatch; verify: 核查 after the department reports back. Units: working hours and working
-- days follow the calendar below; plain hours run round the clock (emergencies).
CREATE TABLE case_category_deadline (
    category_code  text NOT NULL REFERENCES case_category(code),
    step           text NOT NULL CHECK (step IN ('register','dispatch','handle','verify')),
    amount         integer NOT NULL CHECK (amount BETWEEN 1 AND 1000),
    unit           text NOT NULL CHECK (unit IN ('work_hours','work_days','hours')),
    PRIMARY KEY (category_code, step)
);
INSERT INTO case_category_deadline (category_code, step, amount, unit)
SELECT code, s.step, 1, 'work_hours' FROM case_category, (VALUES ('register'), ('dispatch')) s(step);
INSERT INTO case_category_deadline (category_code, step, amount, unit)
SELECT code, 'handle',
       CASE WHEN deadline_hours >= 40 THEN deadline_hours / 8 ELSE deadline_hours END,
       CASE WHEN code LIKE '05%' THEN 'hours' WHEN deadline_hours >= 40 THEN 'work_days' ELSE 'work_hours' END
FROM case_category;
INSERT INTO case_category_deadline (category_code, step, amount, unit)
SELECT code, 'verify', CASE WHEN code LIKE '05%' THEN 2 ELSE 4 END,
       CASE WHEN code LIKE '05%' THEN 'hours' ELSE 'work_hours' END
FROM case_category;
ALTER TABLE case_category DROP COLUMN deadline_hours;

-- The working calendar, edited per year: office hours of the year, and the exceptions to
-- "Monday to Friday": public holidays (放假) and make-up working days on a weekend (调休上班).
CREATE TABLE work_calendar_year (
    year             integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    morning_start    time NOT NULL DEFAULT '08:30',
    morning_end      time NOT NULL DEFAULT '12:00',
    afternoon_start  time NOT NULL DEFAULT '13:30',
    afternoon_end    time NOT NULL DEFAULT '17:30',
    version          integer NOT NULL DEFAULT 0,
    CHECK (morning_start < morning_end AND morning_end <= afternoon_start AND afternoon_start < afternoon_end)
);
CREATE TABLE work_calendar_day (
    day   date PRIMARY KEY,
    kind  text NOT NULL CHECK (kind IN ('holiday','workday')),
    name  text NOT NULL DEFAULT '' CHECK (length(name) <= 50),
    -- a make-up working day only makes sense on a Saturday or Sunday
    CHECK (kind = 'holiday' OR extract(isodow FROM day) >= 6)
);

-- Case codes: TL + date (UTC+8) + a serial from a sequence. A sequence never blocks and never
-- repeats, so concurrent reports cannot collide and no day has a ceiling; the serial runs
-- across days (it is not reset at midnight), at least 6 digits and longer when it must.
CREATE SEQUENCE case_code_seq;
CREATE FUNCTION next_case_code(at timestamptz) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT 'TL' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(s::text, greatest(6, length(s::text)), '0')
    FROM nextval('case_code_seq') s
$$;

ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN ('reported','registered','rejected','dispatched',
    'in_progress','handled','closed','closed_not_fixed','parked','merged'));
ALTER TABLE cases
    ADD COLUMN priority        text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal','high','urgent')),
    ADD COLUMN department_id   bigint REFERENCES department(id),
    ADD COLUMN registered_at   timestamptz,
    ADD COLUMN dispatched_at   timestamptz,
    ADD COLUMN handled_at      timestamptz,
    ADD COLUMN close_due_at    timestamptz,
    ADD COLUMN rework_count    integer NOT NULL DEFAULT 0 CHECK (rework_count >= 0),
    ADD COLUMN status_note     text CHECK (length(status_note) <= 2000),
    ADD COLUMN merged_into_id  bigint REFERENCES cases(id),
    ADD COLUMN reported_by     bigint REFERENCES app_user(id),
    ADD COLUMN token_id        bigint REFERENCES api_token(id),
    ADD COLUMN media_url       text CHECK (length(media_url) <= 2048),
    ADD CONSTRAINT cases_merged CHECK ((status = 'merged') = (merged_into_id IS NOT NULL) AND merged_into_id IS DISTINCT FROM id);
CREATE INDEX cases_reported_at ON cases (reported_at);
CREATE INDEX cases_district_reported ON cases (district_id, reported_at);
CREATE INDEX cases_category_reported ON cases (category_code, reported_at);
CREATE INDEX cases_close_due ON cases (close_due_at);
CREATE INDEX cases_open_due ON cases (due_at) WHERE status IN ('reported','registered','dispatched','in_progress','handled');
CREATE INDEX cases_assignee ON cases (assignee_id);
CREATE INDEX cases_token_recent ON cases (token_id, reported_at) WHERE token_id IS NOT NULL;

-- The workflow: every status change of a case must be a row of this table (the code's
-- gridmap.data.cases.CaseAction holds the same rows, a test compares them). Inserts are not
-- checked: a case starts as reported, and imported or generated cases may start anywhere.
CREATE TABLE case_transition (
    action       text NOT NULL,
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    PRIMARY KEY (action, from_status)
);
INSERT INTO case_transition (action, from_status, to_status) VALUES
 ('register','reported','registered'),
 ('reject','reported','rejected'),
 ('dispatch','registered','dispatched'),
 ('start','dispatched','in_progress'),
 ('handle','in_progress','handled'),
 ('verify','handled','closed'),
 ('fail_verification','handled','dispatched'),
 ('close_not_fixed','registered','closed_not_fixed'),
 ('close_not_fixed','dispatched','closed_not_fixed'),
 ('close_not_fixed','in_progress','closed_not_fixed'),
 ('close_not_fixed','handled','closed_not_fixed'),
 ('park','registered','parked'),
 ('park','dispatched','parked'),
 ('park','in_progress','parked'),
 ('resume','parked','registered'),
 ('reopen','closed','registered'),
 ('reopen','closed_not_fixed','registered'),
 ('reopen','rejected','registered'),
 ('merge','reported','merged'),
 ('merge','registered','merged');

CREATE FUNCTION cases_transition_allowed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
            SELECT 1 FROM case_transition WHERE from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION 'case % cannot go from % to %', OLD.code, OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_transition_allowed BEFORE UPDATE OF status ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_transition_allowed();

-- History: one row per step of a case (its report, each transition, a duplicate merged into it).
CREATE TABLE case_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id          bigint NOT NULL REFERENCES cases(id),
    at               timestamptz NOT NULL DEFAULT now(),
    actor_id         bigint REFERENCES app_user(id),
    actor_name       text NOT NULL,
    action           text NOT NULL,
    from_status      text,
    to_status        text NOT NULL,
    note             text CHECK (length(note) <= 2000),
    assignee_id      bigint REFERENCES app_user(id),
    department_id    bigint REFERENCES department(id),
    related_case_id  bigint REFERENCES cases(id)
);
CREATE INDEX case_event_case ON case_event (case_id, id);

-- Photos, in the database so every server instance serves them and backups include them.
-- Stored as re-encoded by the server: no EXIF or other metadata survives.
CREATE TABLE case_photo (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id        bigint NOT NULL REFERENCES cases(id),
    event_id       bigint REFERENCES case_event(id),
    content_type   text NOT NULL CHECK (content_type IN ('image/jpeg','image/png')),
    original_type  text NOT NULL CHECK (original_type IN ('image/jpeg','image/png','image/heic')),
    bytes          bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 10485760),
    sha256         bytea NOT NULL CHECK (octet_length(sha256) = 32),
    width          integer NOT NULL CHECK (width > 0),
    height         integer NOT NULL CHECK (height > 0),
    thumb          bytea NOT NULL,
    uploaded_by    bigint REFERENCES app_user(id),
    uploaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_photo_case ON case_photo (case_id, id);

-- Reporter details (issue 11), optional and kept out of the cases table, so that no map layer,
-- list, Open311 answer or export can pick them up by accident; reading them is a separate,
-- audited request.
CREATE TABLE case_reporter (
    case_id             bigint PRIMARY KEY REFERENCES cases(id),
    name                text CHECK (length(name) BETWEEN 1 AND 50),
    phone               text CHECK (phone ~ '^\+?[0-9][0-9 -]{2,22}$'),
    contact_preference  text NOT NULL DEFAULT 'none' CHECK (contact_preference IN ('phone','sms','none'))
);

-- Idempotent intake: the first result of a key is returned again for the same key. The
-- primary key makes a concurrent second request wait for the first and then find its case.
CREATE TABLE idempotency_key (
    principal       text NOT NULL,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_sha256  bytea NOT NULL,
    case_id         bigint NOT NULL REFERENCES cases(id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- Intake counters per subject (account, token, address) and minute, for the limits of
-- issue 11. Unlogged: losing them in a crash only forgives a minute.
CREATE UNLOGGED TABLE intake_counter (
    subject       text NOT NULL,
    window_start  timestamptz NOT NULL,
    n             integer NOT NULL,
    PRIMARY KEY (subject, window_start)
);

-- The workflow table is the database's rule, not data the server may change; the history is
-- appended to, never rewritten.
DO $$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON gridmap.case_transition FROM %I', '${appRole}');
        EXECUTE format('REVOKE UPDATE, TRUNCATE ON gridmap.case_event FROM %I', '${appRole}');
    END IF;
END $$;
