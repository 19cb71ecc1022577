package gridmap.data.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import gridmap.data.demo.DemoModel.Case;
import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Dataset;
import gridmap.data.demo.DemoModel.Project;
import gridmap.data.demo.DemoModel.Repair;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.data.demo.DemoModel.User;
import gridmap.geo.CellNumbering;
import gridmap.geo.GeometryRepair;
import gridmap.geo.Polygons;
import gridmap.geo.SeededPoints;
import gridmap.geo.VoronoiPartition;
import gridmap.geo.partition.LargestRemainder;

/**
 * Generates the Tongling demo deterministically from the 4 real district boundaries and a seed.
 *
 * <p>Nesting is built bottom-up so that every level is an exact coverage of its parent: each
 * district is split once into grid cells ({@link VoronoiPartition}, one noding for the whole
 * district), communities are unions of cells, streets unions of communities, and the stored
 * district is the union of its cells (it differs from the repaired published boundary only by
 * the millimetre snapping of new nodes, which the repair report states). The seeds that shape
 * the cells are themselves placed street by street and community by community, so streets and
 * communities come out compact like real ones. 铜官区 stands in for the former 铜官山区 in its
 * pre-2010 state: 6 streets, 49 communities.
 */
public final class TonglingDemoGenerator {
    /** Bump when the output changes, so a loaded database knows it is stale. */
    public static final int GENERATOR_VERSION = 5;
    public static final long DEFAULT_SEED = 20100701L; // the reform's month
    public static final String CITY_CODE = "340700";
    public static final double PEOPLE_PER_HOUSEHOLD = 2.7;
    public static final int HOUSEHOLDS_PER_CELL = 400;
    /** Water cases (水环境) beside the rivers, on top of the other cases. */
    public static final int WATER_CASES = 80;
    /** Cases are dated in the 120 days before this instant, so reloads give identical rows. */
    public static final OffsetDateTime REFERENCE_TIME = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));

    /** How each district is subdivided: streets (code 001-) then towns (code 100-), communities per unit. */
    record DistrictPlan(String adcode, int population, int[] communitiesPerStreet, int streetsBeforeTowns,
                        String communitySuffix) {}

    static final List<DistrictPlan> PLANS = List.of(
            new DistrictPlan("340705", 400_000, new int[] {9, 8, 8, 8, 8, 8}, 6, "社区"),
            new DistrictPlan("340706", 280_000, new int[] {7, 6, 6, 6, 5}, 1, "社区"),
            new DistrictPlan("340711", 90_000, new int[] {4, 4, 4, 4}, 2, "社区"),
            new DistrictPlan("340722", 530_000, new int[] {8, 7, 7, 7, 7, 7, 7, 6}, 0, "村"));

    private final long seed;
    private final int caseCount;
    private final int projectCount;

    public TonglingDemoGenerator() { this(DEFAULT_SEED, 2000, 60); }

    public TonglingDemoGenerator(long seed, int caseCount, int projectCount) {
        this.seed = seed;
        this.caseCount = caseCount;
        this.projectCount = projectCount;
    }

    public String fingerprint() {
        return "tongling-v" + GENERATOR_VERSION + "-seed" + seed + "-cases" + caseCount + "+" + WATER_CASES + "-projects" + projectCount;
    }

    public Dataset generate() {
        Random rng = new Random(seed);
        List<Unit> units = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        List<Repair> repairs = new ArrayList<>();
        List<User> users = new ArrayList<>(demoUsers());
        Set<String> takenNames = new HashSet<>();

        units.add(null); // the city, filled in once its districts are known
        List<Geometry> districtGeoms = new ArrayList<>();
        int cityPopulation = 0, cityHouseholds = 0;
        for (DistrictSource.District d : DistrictSource.districtsOfCity(CITY_CODE)) {
            DistrictPlan plan = PLANS.stream().filter(p -> p.adcode().equals(d.adcode())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no plan for " + d.adcode()));
            GeometryRepair.Result fixed = GeometryRepair.repair(d.geom());
            int before = units.size();
            MultiPolygon built = subdivideDistrict(d, plan, fixed.geometry(), rng, units, cells, users, takenNames);
            repairs.add(new Repair(d.adcode(), d.name(), fixed.problem(), fixed.location(),
                    fixed.areaBeforeM2(), gridmap.geo.EqualAreaMeasure.areaM2(built)));
            Unit district = units.get(before);
            cityPopulation += district.population();
            cityHouseholds += district.households();
            districtGeoms.add(built);
        }
        // Published districts of a city overlap and leave slivers; a robust union still gives a valid outline.
        MultiPolygon city = Polygons.toMultiPolygon(OverlayNGRobust.union(districtGeoms));
        units.set(0, new Unit(CITY_CODE, "铜陵市", "city", null, city, cityPopulation, cityHouseholds));

        BasinGenerator.Result water = new BasinGenerator(new Random(seed + 1)).generate(city, takenNames);
        ChiefGenerator.Result chiefs = new ChiefGenerator(new Random(seed + 4)).generate(units, water.rivers(), water.reaches());
        List<Project> projects = new ProjectGenerator(new Random(seed + 2))
                .generate(projectCount, units, water.basins(), water.reaches(), chiefs.chiefReaches());
        List<Case> cases = new ArrayList<>(new CaseGenerator(new Random(seed + 3)).generate(caseCount, units, cells));
        cases.addAll(new WaterCaseGenerator(new Random(seed + 5)).generate(WATER_CASES, units, cells, water.reaches()));
        // the loader numbers cases in this order: by report time
        cases.sort(Comparator.comparing(Case::reportedAt).thenComparing(Case::cellCode));
        return new Dataset(units, cells, water.basins(), projects, cases, users, repairs, CaseGenerator.DEPARTMENTS,
                new DemoModel.Hydrography(water.rivers(), water.reaches(), chiefs.chiefs(), chiefs.chiefReaches()));
    }

    /** The documented demo accounts, one per role; each password is "demo-" + username. */
    public static List<User> demoUsers() {
        return List.of(
                demoUser("admin", "系统管理员", "admin", null),
                demoUser("planner", "周立新", "planner", null),
                demoUser("watershed", "汪海燕", "watershed_planner", null),
                demoUser("dispatcher", "陈建华", "dispatcher", DEMO_WORKER_COMMUNITY.substring(0, 6)),
                demoUser("worker", "李春梅", "grid_worker", null),
                demoUser("viewer", "访客", "viewer", null));
    }

    private static User demoUser(String username, String name, String role, String districtCode) {
        return new User(username, name, role, null, "demo-" + username, districtCode);
    }

    /** The demo grid worker "worker" patrols the first cells of this community (in 铜官区). */
    public static final String DEMO_WORKER_COMMUNITY = "340705001001";
    public static final int DEMO_WORKER_CELLS = 3;

    /** Adds the district, its streets, communities and cells; returns the stored district geometry. */
    private MultiPolygon subdivideDistrict(DistrictSource.District d, DistrictPlan plan, MultiPolygon area,
                                           Random rng, List<Unit> units, List<Cell> cells, List<User> users,
                                           Set<String> takenNames) {
        int nStreets = plan.communitiesPerStreet().length;
        int districtHouseholds = (int) Math.round(plan.population() / PEOPLE_PER_HOUSEHOLD);

        // 1. where streets, communities and cells go: seeds placed level by level
        List<Coordinate> streetSeeds = SeededPoints.relaxed(area, nStreets, rng, 3);
        List<MultiPolygon> streetZones = VoronoiPartition.partition(area, streetSeeds);
        int nCommunities = 0;
        for (int c : plan.communitiesPerStreet()) nCommunities += c;
        double[] weights = new double[nCommunities];
        for (int i = 0; i < nCommunities; i++) weights[i] = 0.6 + 0.8 * rng.nextDouble();
        int[] communityHouseholds = apportion(districtHouseholds, weights);

        List<Coordinate> cellSeeds = new ArrayList<>();
        List<Integer> cellCommunity = new ArrayList<>(); // community ordinal of each cell seed
        int[] communityStreet = new int[nCommunities];
        int ordinal = 0;
        for (int s = 0; s < nStreets; s++) {
            MultiPolygon zone = largestPartOrWhole(streetZones.get(s));
            int m = plan.communitiesPerStreet()[s];
            List<Coordinate> cSeeds = SeededPoints.relaxed(zone, m, rng, 2);
            List<MultiPolygon> cZones = VoronoiPartition.partition(zone, cSeeds);
            for (int c = 0; c < m; c++, ordinal++) {
                communityStreet[ordinal] = s;
                int k = Math.max(1, Math.round((float) communityHouseholds[ordinal] / HOUSEHOLDS_PER_CELL));
                MultiPolygon cz = largestPartOrWhole(cZones.get(c));
                for (Coordinate p : SeededPoints.relaxed(cz, k, rng, 1)) {
                    if (cellSeeds.contains(p)) continue;
                    cellSeeds.add(p);
                    cellCommunity.add(ordinal);
                }
            }
        }

        // 2. one partition of the whole district into cells: the exact coverage everything nests in
        List<MultiPolygon> cellGeoms = VoronoiPartition.partition(area, cellSeeds);
        List<List<Integer>> cellsOfCommunity = new ArrayList<>();
        for (int i = 0; i < nCommunities; i++) cellsOfCommunity.add(new ArrayList<>());
        for (int i = 0; i < cellGeoms.size(); i++) {
            if (!cellGeoms.get(i).isEmpty()) cellsOfCommunity.get(cellCommunity.get(i)).add(i);
        }

        MultiPolygon districtGeom = union(cellGeoms.stream().filter(g -> !g.isEmpty()).toList());
        int districtIndex = units.size();
        units.add(null); // filled after the totals are known

        List<String> streetNames = DemoNames.places(rng, nStreets, "", takenNames);
        List<String> communityNames = DemoNames.places(rng, nCommunities, plan.communitySuffix(), takenNames);
        int districtPop = 0, districtHh = 0;
        int communityOrdinal = 0;
        for (int s = 0; s < nStreets; s++) {
            boolean isStreet = s < plan.streetsBeforeTowns();
            String streetCode = d.adcode() + String.format("%03d", isStreet ? s + 1 : 100 + (s - plan.streetsBeforeTowns()));
            String streetName = streetNames.get(s) + (isStreet ? "街道" : "镇");
            int streetIndex = units.size();
            units.add(null);
            List<Geometry> streetParts = new ArrayList<>();
            int streetPop = 0, streetHh = 0, communitySerial = 0;
            for (int c = 0; c < nCommunities; c++) {
                if (communityStreet[c] != s) continue;
                List<Integer> members = cellsOfCommunity.get(c);
                if (members.isEmpty()) continue; // all its seeds' cells were taken by neighbours: no community
                communitySerial++;
                String communityCode = streetCode + String.format("%03d", communitySerial);
                String communityName = communityNames.get(communityOrdinal++);
                List<MultiPolygon> memberGeoms = members.stream().map(cellGeoms::get).toList();
                MultiPolygon communityGeom = union(memberGeoms);
                int communityIndex = units.size();
                units.add(null);
                double perHousehold = 2.5 + 0.4 * rng.nextDouble();
                double[] cw = new double[members.size()];
                for (int i = 0; i < cw.length; i++) cw[i] = 0.8 + 0.4 * rng.nextDouble();
                int[] cellHh = apportion(communityHouseholds[c], cw);
                List<Integer> order = CellNumbering.order(memberGeoms);
                int communityPop = 0;
                for (int serial = 1; serial <= order.size(); serial++) {
                    int member = order.get(serial - 1);
                    String cellCode = communityCode + String.format("%03d", serial);
                    int hh = cellHh[member];
                    int pop = (int) Math.round(hh * perHousehold);
                    String worker = "gw" + cellCode;
                    String workerName = DemoNames.person(rng);
                    if (communityCode.equals(DEMO_WORKER_COMMUNITY) && serial <= DEMO_WORKER_CELLS) {
                        worker = "worker"; // the documented demo account takes these cells
                    } else {
                        users.add(new User(worker, workerName, "grid_worker",
                                "139" + String.format("%08d", Math.floorMod(cellCode.hashCode(), 100_000_000)), null, null));
                    }
                    cells.add(new Cell(cellCode, communityName + "第" + serial + "网格", communityIndex,
                            memberGeoms.get(member), hh, pop, worker));
                    communityPop += pop;
                }
                units.set(communityIndex, new Unit(communityCode, communityName, "community", streetIndex,
                        communityGeom, communityPop, communityHouseholds[c]));
                streetParts.add(communityGeom);
                streetPop += communityPop;
                streetHh += communityHouseholds[c];
            }
            units.set(streetIndex, new Unit(streetCode, streetName, "street", districtIndex,
                    union(streetParts), streetPop, streetHh));
            districtPop += streetPop;
            districtHh += streetHh;
        }
        units.set(districtIndex, new Unit(d.adcode(), d.name(), "district", 0, districtGeom, districtPop, districtHh));
        return districtGeom;
    }

    /** Dissolves pieces of one coverage (shared edges are identical, so this is exact). */
    static MultiPolygon union(List<? extends Geometry> pieces) {
        return Polygons.dissolve(pieces);
    }

    /** Seeds for a lower level go in the main body of a zone, not in a far-flung sliver of it. */
    private static MultiPolygon largestPartOrWhole(MultiPolygon zone) {
        if (zone.getNumGeometries() <= 1) return zone;
        Polygon biggest = Polygons.polygonsOf(zone).stream().max(Comparator.comparingDouble(Polygon::getArea)).orElseThrow();
        return Polygons.toMultiPolygon(biggest);
    }

    /** Splits total into integer parts proportional to weights, summing exactly (largest remainder). */
    static int[] apportion(int total, double[] weights) {
        return java.util.Arrays.stream(LargestRemainder.apportion(total, weights)).mapToInt(Math::toIntExact).toArray();
    }

    static PreparedGeometry prepare(Geometry g) { return PreparedGeometryFactory.prepare(g); }

    static Point point(Coordinate c) { return Polygons.WGS84.createPoint(c); }
}
