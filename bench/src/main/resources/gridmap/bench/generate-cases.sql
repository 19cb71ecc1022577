-- 1,000,000 cases over the demo city for the case benchmark: reported at random over the year
-- before the anchor date, in cells in proportion to their households, each walked through the
-- loop as far as its age makes likely, with the step timestamps the KPIs read. No history rows
-- (the KPIs and the map read the cases table). Run once; the benchmark skips it when present.
CREATE TEMP TABLE bench_cell AS
SELECT g.id, g.community_id, s.parent_id AS district_id, g.worker_id,
       sum(g.households + 1) OVER (ORDER BY g.id) - (g.households + 1) AS lo,
       sum(g.households + 1) OVER (ORDER BY g.id) AS hi
FROM grid_cell g JOIN admin_unit k ON k.id = g.community_id JOIN admin_unit s ON s.id = k.parent_id
WHERE g.valid_to IS NULL;
CREATE INDEX ON bench_cell (hi);

CREATE TEMP TABLE bench_cat AS SELECT row_number() OVER (ORDER BY code) AS n, code FROM case_category WHERE active;

INSERT INTO cases (code, category_code, status, source, priority, description, geom, cell_id, community_id, district_id, assignee_id,
                   reported_at, registered_at, dispatched_at, handled_at, closed_at, due_at, close_due_at, rework_count, updated_at)
SELECT next_case_code(r.reported_at), r.category, r.status, 'hotline', 'normal', 'benchmark case', p.geom, c.id, c.community_id, c.district_id,
       c.worker_id, r.reported_at,
       CASE WHEN r.status NOT IN ('reported','rejected') THEN r.reported_at + r.reg END,
       CASE WHEN r.status NOT IN ('reported','registered','rejected','parked') THEN r.reported_at + r.reg + r.dis END,
       CASE WHEN r.status IN ('handled','closed') THEN r.reported_at + r.reg + r.dis + r.han END,
       CASE WHEN r.status IN ('closed','closed_not_fixed') THEN r.reported_at + r.reg + r.dis + r.han + r.ver
            WHEN r.status = 'rejected' THEN r.reported_at + r.reg END,
       CASE r.status WHEN 'reported' THEN r.reported_at + interval '1 hour' WHEN 'registered' THEN r.reported_at + r.reg + interval '1 hour'
            WHEN 'dispatched' THEN r.reported_at + r.reg + r.dis + interval '8 hours' WHEN 'in_progress' THEN r.reported_at + r.reg + r.dis + interval '8 hours'
            WHEN 'handled' THEN r.reported_at + r.reg + r.dis + r.han + interval '4 hours' END,
       CASE WHEN r.status NOT IN ('reported','registered','rejected','parked') THEN r.reported_at + r.reg + r.dis + interval '12 hours' END,
       CASE WHEN random() < 0.08 AND r.status IN ('closed','handled') THEN 1 ELSE 0 END,
       r.reported_at + r.reg
FROM (
  SELECT s.i, s.reported_at,
         (SELECT code FROM bench_cat WHERE n = 1 + (s.i % (SELECT count(*) FROM bench_cat))) AS category,
         CASE WHEN s.age > interval '14 days' THEN
                (ARRAY['closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','closed',
                       'closed','closed','closed','closed_not_fixed','rejected','parked','closed'])[1 + floor(random() * 20)::int]
              ELSE (ARRAY['reported','registered','dispatched','in_progress','handled','closed','closed','closed','closed','closed'])[1 + floor(random() * 10)::int]
         END AS status,
         make_interval(mins => 10 + floor(random() * 110)::int) AS reg, make_interval(mins => 5 + floor(random() * 60)::int) AS dis,
         make_interval(mins => 30 + floor(random() * 1500)::int) AS han, make_interval(mins => 20 + floor(random() * 300)::int) AS ver,
         s.pick
  -- the age drawn in the target list, once per row (a LATERAL subquery that does not name i is run once: every case
  -- then had the same report time)
  FROM (SELECT i, :'anchor'::timestamptz - a AS reported_at, a AS age, pick
        FROM (SELECT i, make_interval(secs => random() * 365 * 86400) AS a, random() * (SELECT max(hi) FROM bench_cell) AS pick
              FROM generate_series(1, :n) i) y) s
) r
JOIN LATERAL (SELECT * FROM bench_cell WHERE hi >= r.pick ORDER BY hi LIMIT 1) c ON true
JOIN LATERAL (SELECT geom FROM bench_point WHERE cell_id = c.id ORDER BY (r.i::bigint * 7919 + id) % 50 LIMIT 1) p ON true
ORDER BY r.reported_at;
