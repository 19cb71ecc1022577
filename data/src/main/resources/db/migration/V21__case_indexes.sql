-- Indexes for the case screens at city scale (measured with 1,000,000 cases, docs/PERFORMANCE.md):
-- the map's default view (cases still open, parked included) counts per grid cell from this
-- index alone, without touching the table.
CREATE INDEX cases_open_cell ON cases (cell_id) INCLUDE (status, due_at, district_id)
    WHERE status IN ('reported','registered','dispatched','in_progress','handled','parked');
