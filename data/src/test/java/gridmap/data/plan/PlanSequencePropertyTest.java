package gridmap.data.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

import gridmap.data.TestDb;
import gridmap.data.audit.Actor;
import gridmap.geo.Polygons;
import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;
import gridmap.geo.coverage.Contiguity;
import gridmap.geo.coverage.CoverageMerge;
import gridmap.geo.coverage.CoverageValidate;
import gridmap.geo.coverage.EdgeRedraw;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of merges, splits, cell reassignments, border redraws and re-grids on a generated
 * coverage (a street of communities made of Voronoi grid cells), each saved as a plan through
 * the applier and committed on the next month's first day in PostGIS. After every commit the
 * communities are a valid coverage of the street with its area, and each community's cells a
 * valid coverage of it; at the end, the map as of each of those days is exactly the state
 * recorded right after that day's commit.
 */
class PlanSequencePropertyTest {
    enum Op { MERGE, SPLIT, REASSIGN, REDRAW, REGRID }

    static DataSource ds;
    static Actor actor;
    static final AtomicInteger TRY = new AtomicInteger();
    static final LocalDate START = LocalDate.of(2000, 1, 1);

    @BeforeContainer
    static void database() throws SQLException {
        TestDb.get().migrate();
        ds = TestDb.get().dataSource();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO app_user (username, display_name, role) VALUES ('plan-property', '性质测试', 'planner')
                ON CONFLICT (username) DO UPDATE SET role = 'planner' RETURNING id""")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                actor = new Actor(rs.getLong(1), "plan-property", null);
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() { return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(7); }

    @Property(tries = 12)
    void committedPlansKeepAValidCoverageAndEveryDayCanBeReplayed(@ForAll @LongRange(min = 0, max = 100_000) long seed,
                                                                  @ForAll("ops") List<Op> ops) throws Exception {
        String prefix = String.format("98%02d", TRY.incrementAndGet() % 100);
        Random rng = new Random(seed);
        deleteCoverage(prefix); // left over by an interrupted run
        try {
            long street = insertCoverage(prefix, rng);
            Map<LocalDate, Map<String, String>> states = new LinkedHashMap<>();
            states.put(START, state(street, null));
            LocalDate day = START;
            PlanRepository plans = new PlanRepository(ds);
            for (Op op : ops) {
                Fabric f = new PlanPreview(ds).fabric(street);
                Operation o = operation(op, f, rng);
                if (o == null) {
                    Statistics.collect(op, "no candidate");
                    continue;
                }
                Plan p;
                try {
                    p = plans.create(actor, street, new PlanRepository.Draft("prop " + op, null, List.of(o), true, null, false));
                } catch (PlanRejectedException e) {
                    Statistics.collect(op, "refused");
                    continue;
                }
                day = day.plusMonths(1);
                new PlanCommit(ds).commit(actor, p.id(), p.version(), day, "prop", LocalDate.now());
                Statistics.collect(op, "committed");
                checkCoverage(street);
                states.put(day, state(street, null));
            }
            for (var e : states.entrySet()) {
                assertThat(state(street, e.getKey())).as("the map as of " + e.getKey()).isEqualTo(e.getValue());
            }
        } finally {
            deleteCoverage(prefix);
        }
    }

    // --- the generated coverage -------------------------------------------------------------------

    /** City → district → street (all one polygon) → 3–6 communities of Voronoi grid cells. Returns the street's id. */
    static long insertCoverage(String prefix, Random rng) throws Exception {
        Geometry area = new WKTReader(Polygons.WGS84).read("POLYGON ((100.70 20.80, 100.95 20.81, 100.96 21.02, 100.83 20.93, 100.71 21.05, 100.70 20.80),"
                + " (100.80 20.85, 100.85 20.85, 100.85 20.88, 100.80 20.88, 100.80 20.85))");
        List<MultiPolygon> cells = new ArrayList<>();
        for (MultiPolygon c : VoronoiPartition.partition(area, SeededPoints.uniform(area, 12 + rng.nextInt(20), rng))) if (!c.isEmpty()) cells.add(c);
        int k = 3 + rng.nextInt(4);
        List<Coordinate> seeds = SeededPoints.uniform(area, k, rng);
        List<List<MultiPolygon>> groups = new ArrayList<>();
        for (int i = 0; i < k; i++) groups.add(new ArrayList<>());
        for (MultiPolygon c : cells) {
            Coordinate p = c.getInteriorPoint().getCoordinate();
            int best = 0;
            for (int i = 1; i < k; i++) if (seeds.get(i).distance(p) < seeds.get(best).distance(p)) best = i;
            groups.get(best).add(c);
        }
        groups.removeIf(List::isEmpty);
        MultiPolygon whole = CoverageMerge.merge(cells).merged();
        try (Connection c = ds.getConnection()) {
            long city = unit(c, prefix + "00", "city", null, whole, 0);
            long district = unit(c, prefix + "01", "district", city, whole, 0);
            long street = unit(c, prefix + "01001", "street", district, whole, 0);
            for (int g = 0; g < groups.size(); g++) {
                String code = prefix + String.format("01001%03d", g + 1);
                long hh = 0;
                List<Long> hhs = new ArrayList<>();
                for (int i = 0; i < groups.get(g).size(); i++) { long h = 100 + rng.nextInt(400); hhs.add(h); hh += h; }
                long community = unit(c, code, "community", street, CoverageMerge.merge(groups.get(g)).merged(), hh);
                for (int i = 0; i < groups.get(g).size(); i++) {
                    try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO grid_cell (code, name, community_id, geom, households, population, valid_from)
                            VALUES (?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?)""")) {
                        ps.setString(1, code + String.format("%03d", i + 1));
                        ps.setString(2, "网格" + (i + 1));
                        ps.setLong(3, community);
                        ps.setBytes(4, new WKBWriter().write(groups.get(g).get(i)));
                        ps.setLong(5, hhs.get(i));
                        ps.setLong(6, hhs.get(i) * 3);
                        ps.setObject(7, START);
                        ps.executeUpdate();
                    }
                }
            }
            return street;
        }
    }

    private static long unit(Connection c, String code, String level, Long parent, MultiPolygon g, long hh) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO admin_unit (code, name, level, parent_id, geom, population, households, valid_from)
                VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?) RETURNING id""")) {
            ps.setString(1, code);
            ps.setString(2, level + " " + code);
            ps.setString(3, level);
            ps.setObject(4, parent);
            ps.setBytes(5, new WKBWriter().write(g));
            ps.setLong(6, hh * 3);
            ps.setLong(7, hh);
            ps.setObject(8, START);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void deleteCoverage(String prefix) throws SQLException {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            String like = "'" + prefix + "%'";
            st.execute("DELETE FROM plan_comment WHERE plan_id IN (SELECT p.id FROM plan p JOIN admin_unit u ON u.id = p.parent_id WHERE u.code LIKE " + like + ")");
            st.execute("DELETE FROM plan WHERE parent_id IN (SELECT id FROM admin_unit WHERE code LIKE " + like + ")");
            st.execute("WITH gone AS (DELETE FROM unit_lineage l USING admin_unit u WHERE u.id = l.predecessor_id AND u.code LIKE " + like
                    + " RETURNING l.change_event_id) DELETE FROM change_event WHERE id IN (SELECT change_event_id FROM gone)");
            st.execute("DELETE FROM grid_cell WHERE code LIKE " + like);
            st.execute("DELETE FROM admin_unit WHERE code LIKE " + like);
        }
    }

    // --- random operations on the current units ---------------------------------------------------

    static Operation operation(Op op, Fabric f, Random rng) {
        List<Fabric.UnitRow> us = f.units();
        if (us.isEmpty()) return null;
        List<Geometry> geoms = us.stream().map(u -> (Geometry) u.geom()).toList();
        List<Contiguity.Border> borders = Contiguity.borders(geoms);
        switch (op) {
            case MERGE -> {
                if (borders.isEmpty()) return null;
                Contiguity.Border b = borders.get(rng.nextInt(borders.size()));
                return new Operation.Merge(List.of(ref(us.get(b.a())), ref(us.get(b.b()))), "合并" + rng.nextInt(1000), null);
            }
            case SPLIT -> {
                Fabric.UnitRow u = us.get(rng.nextInt(us.size()));
                Coordinate p = u.geom().getInteriorPoint().getCoordinate();
                double angle = rng.nextDouble() * Math.PI, r = u.geom().getEnvelopeInternal().getDiameter();
                LineString line = Polygons.WGS84.createLineString(new Coordinate[] {
                        new Coordinate(p.x - r * Math.cos(angle), p.y - r * Math.sin(angle)), new Coordinate(p.x + r * Math.cos(angle), p.y + r * Math.sin(angle))});
                return new Operation.Split(ref(u), line, null);
            }
            case REASSIGN -> {
                if (f.cells().isEmpty()) return null;
                Fabric.CellRow cell = f.cells().get(rng.nextInt(f.cells().size()));
                for (Fabric.UnitRow u : us) {
                    if (u.id() != cell.communityId() && cell.geom().intersection(u.geom()).getLength() > 0) {
                        return new Operation.Reassign(List.of(cell.id()), ref(u));
                    }
                }
                return null;
            }
            case REDRAW -> {
                if (borders.isEmpty()) return null;
                Contiguity.Border b = borders.get(rng.nextInt(borders.size()));
                Fabric.UnitRow a = us.get(b.a()), c = us.get(b.b());
                LineString path = EdgeRedraw.sharedPaths(a.geom(), c.geom()).stream().max(Comparator.comparingInt(LineString::getNumPoints)).orElse(null);
                if (path == null) return null;
                Coordinate p0 = path.getCoordinateN(0), p1 = path.getCoordinateN(path.getNumPoints() - 1);
                Coordinate mid = path.getNumPoints() > 2 ? path.getCoordinateN(path.getNumPoints() / 2) : new Coordinate((p0.x + p1.x) / 2, (p0.y + p1.y) / 2);
                Coordinate into = (rng.nextBoolean() ? a : c).geom().getInteriorPoint().getCoordinate();
                double t = 0.02 + 0.1 * rng.nextDouble();
                Coordinate bent = new Coordinate(mid.x + (into.x - mid.x) * t, mid.y + (into.y - mid.y) * t);
                return new Operation.Redraw(List.of(ref(a), ref(c)), path, Polygons.WGS84.createLineString(new Coordinate[] {p0, bent, p1}));
            }
            case REGRID -> {
                Fabric.UnitRow u = us.get(rng.nextInt(us.size()));
                return new Operation.Regrid(ref(u), new Target("households", 150, 300 + rng.nextInt(300)));
            }
            default -> throw new IllegalStateException();
        }
    }

    private static UnitRef ref(Fabric.UnitRow u) { return new UnitRef.Id(u.id()); }

    // --- checks ----------------------------------------------------------------------------------

    static void checkCoverage(long street) throws Exception {
        Fabric f = new PlanPreview(ds).fabric(street);
        List<Geometry> communities = f.units().stream().map(u -> (Geometry) u.geom()).toList();
        assertThat(CoverageValidate.validate(communities).problems()).as("communities of the street").isEmpty();
        double sum = communities.stream().mapToDouble(Geometry::getArea).sum();
        // exact but where a split line crossed the street's outer boundary (a vertex put on the 1e-8° grid there)
        assertThat(Math.abs(sum - f.parent().geom().getArea())).isLessThanOrEqualTo(1e-7 * f.parent().geom().getArea());
        for (Fabric.UnitRow u : f.units()) {
            List<Geometry> cells = f.cells().stream().filter(k -> k.communityId() == u.id()).map(k -> (Geometry) k.geom()).toList();
            assertThat(cells).as("cells of " + u.code()).isNotEmpty();
            assertThat(CoverageValidate.validate(cells).problems()).as("cells of " + u.code()).isEmpty();
            double cellArea = cells.stream().mapToDouble(Geometry::getArea).sum();
            assertThat(Math.abs(cellArea - u.geom().getArea())).isLessThanOrEqualTo(1e-9 * u.geom().getArea());
            assertThat(f.cells().stream().filter(k -> k.communityId() == u.id()).mapToLong(Fabric.CellRow::households).sum()).isEqualTo(u.households());
        }
    }

    /** code → name, geometry (WKB hex) and counts of the street's communities and their cells, valid on day (null: now). */
    static Map<String, String> state(long street, LocalDate day) throws SQLException {
        String valid = day == null ? "%1$s.valid_to IS NULL" : "%1$s.valid_from <= ? AND (%1$s.valid_to IS NULL OR %1$s.valid_to > ?)";
        Map<String, String> out = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT u.code, u.name, ST_AsBinary(u.geom), u.households, u.population, g.code, ST_AsBinary(g.geom), g.households, g.population"
                + " FROM admin_unit u LEFT JOIN grid_cell g ON g.community_id = u.id AND " + valid.formatted("g")
                + " WHERE u.parent_id = ? AND " + valid.formatted("u"))) {
            int i = 1;
            if (day != null) { ps.setObject(i++, day); ps.setObject(i++, day); }
            ps.setLong(i++, street);
            if (day != null) { ps.setObject(i++, day); ps.setObject(i++, day); }
            try (ResultSet rs = ps.executeQuery()) {
                HexFormat hex = HexFormat.of();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2) + " " + hex.formatHex(rs.getBytes(3)) + " " + rs.getLong(4) + " " + rs.getLong(5));
                    if (rs.getString(6) != null) out.put(rs.getString(6), rs.getString(1) + " " + hex.formatHex(rs.getBytes(7)) + " " + rs.getLong(8) + " " + rs.getLong(9));
                }
            }
        }
        return out;
    }

}
