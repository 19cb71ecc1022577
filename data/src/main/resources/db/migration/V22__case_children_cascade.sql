-- A case's history, photos, reporter details and idempotency keys belong to it: deleting a case
-- (a test's clean-up, a demo reload; the application itself never deletes cases) takes them along.
ALTER TABLE case_event DROP CONSTRAINT case_event_case_id_fkey,
    ADD CONSTRAINT case_event_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE CASCADE;
ALTER TABLE case_event DROP CONSTRAINT case_event_related_case_id_fkey,
    ADD CONSTRAINT case_event_related_case_id_fkey FOREIGN KEY (related_case_id) REFERENCES cases(id) ON DELETE SET NULL;
ALTER TABLE case_photo DROP CONSTRAINT case_photo_case_id_fkey,
    ADD CONSTRAINT case_photo_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE CASCADE;
ALTER TABLE case_reporter DROP CONSTRAINT case_reporter_case_id_fkey,
    ADD CONSTRAINT case_reporter_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE CASCADE;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_case_id_fkey,
    ADD CONSTRAINT idempotency_key_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE CASCADE;
