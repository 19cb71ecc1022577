-- The two references to a case that had no index: deleting a case (tests and the benchmark put
-- their database back this way) checked each of them by reading the whole table, once per deleted
-- case (10,000 test cases took 40 s). Partial: only merged duplicates and merge history rows carry
-- them, so reporting a case writes neither index.
CREATE INDEX cases_merged_into ON cases (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX case_event_related ON case_event (related_case_id) WHERE related_case_id IS NOT NULL;
