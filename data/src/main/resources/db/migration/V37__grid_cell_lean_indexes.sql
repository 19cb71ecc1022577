-- Every cell written pays for each index of grid_cell: a district's first grid imports 100,000
-- cells in one COPY. Two indexes cost that without serving a query the others do not:
-- (community_id) is the leading column of grid_cell_community_validity (V15), which serves the
-- same lookups; worker_id is looked up by value only (a worker's cells), and most cells have no
-- worker yet, so the index keeps the assigned cells alone.
DROP INDEX grid_cell_community;
DROP INDEX grid_cell_worker;
CREATE INDEX grid_cell_worker ON grid_cell (worker_id) WHERE worker_id IS NOT NULL;
