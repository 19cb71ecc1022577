-- Retention and erasure of residents' personal data (issue 11). Reporter details are anonymised
-- in place: the case, its geometry and its history stay; who reported it does not. The stamp
-- says when and why, so the anonymisation report and an erasure request can be answered later.
ALTER TABLE case_reporter ADD COLUMN anonymised_at timestamptz;
ALTER TABLE case_reporter ADD COLUMN anonymised_reason text
    CHECK (anonymised_reason IN ('retention', 'erasure_request'));
ALTER TABLE case_reporter ADD CONSTRAINT case_reporter_anonymised_empty
    CHECK (anonymised_at IS NULL OR (name IS NULL AND phone IS NULL AND contact_preference = 'none'));
CREATE INDEX case_reporter_phone ON case_reporter (regexp_replace(phone, '[^0-9]', '', 'g')) WHERE phone IS NOT NULL;
-- finished cases by when they finished: the retention job's walk
CREATE INDEX cases_finished_at ON cases (coalesce(closed_at, updated_at))
    WHERE status IN ('closed', 'closed_not_fixed', 'rejected', 'merged');
