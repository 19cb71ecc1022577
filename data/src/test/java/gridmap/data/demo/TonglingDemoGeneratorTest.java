package gridmap.data.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import gridmap.data.demo.DemoModel.Basin;
import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Dataset;
import gridmap.data.demo.DemoModel.Unit;
import gridmap.geo.CoverageCheck;
import gridmap.geo.coverage.LocalMetres;
import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.HydroBasin;
import gridmap.geo.hydro.NavigationCheck;
import gridmap.geo.hydro.Reach;
import gridmap.geo.hydro.ReachNetwork;
import gridmap.geo.hydro.UpAreaCheck;

/** The generator alone, without a database: structure, nesting and plausibility. */
class TonglingDemoGeneratorTest {
    static Dataset ds;

    @BeforeAll
    static void generate() {
        long t0 = System.nanoTime();
        ds = new TonglingDemoGenerator().generate();
        System.out.printf("generated in %.1f s: %d units, %d cells, %d basins, %d projects, %d cases%n",
                (System.nanoTime() - t0) / 1e9, ds.units().size(), ds.cells().size(), ds.basins().size(),
                ds.projects().size(), ds.cases().size());
    }

    List<Unit> childrenOf(int parent) {
        List<Unit> out = new ArrayList<>();
        for (Unit u : ds.units()) if (u.parentIndex() != null && u.parentIndex() == parent) out.add(u);
        return out;
    }

    int indexOf(String code) {
        for (int i = 0; i < ds.units().size(); i++) if (ds.units().get(i).code().equals(code)) return i;
        throw new AssertionError(code);
    }

    @Test
    void tongguanHasSixStreetsAndFortyNineCommunities() {
        int tongguan = indexOf("340705");
        List<Unit> streets = childrenOf(tongguan);
        assertThat(streets).hasSize(6).allMatch(s -> s.level().equals("street") && s.name().endsWith("街道"));
        int communities = 0;
        for (Unit s : streets) communities += childrenOf(indexOf(s.code())).size();
        assertThat(communities).isEqualTo(49);
    }

    @Test
    void everyLevelIsAnExactCoverageOfItsParent() {
        for (int i = 0; i < ds.units().size(); i++) {
            Unit parent = ds.units().get(i);
            if (parent.level().equals("city")) continue; // the city is a union of overlapping published districts
            List<Geometry> kids = new ArrayList<>(childrenOf(i).stream().map(Unit::geom).toList());
            if (parent.level().equals("community")) {
                final int idx = i;
                kids = ds.cells().stream().filter(c -> c.communityIndex() == idx).map(c -> (Geometry) c.geom()).toList();
            }
            CoverageCheck.Result r = CoverageCheck.check(kids, parent.geom());
            assertThat(r.isCoverageOf(1e-9)).as(parent.code() + " " + r).isTrue();
            assertThat(parent.geom().isValid()).isTrue();
        }
    }

    @Test
    void codesFollowTheNationalScheme() {
        for (Unit u : ds.units()) {
            int len = switch (u.level()) { case "city", "district" -> 6; case "street" -> 9; default -> 12; };
            assertThat(u.code()).hasSize(len);
            if (u.parentIndex() != null && !u.level().equals("district")) {
                assertThat(u.code()).startsWith(ds.units().get(u.parentIndex()).code());
            }
        }
        Map<Integer, List<Cell>> byCommunity = ds.cells().stream().collect(Collectors.groupingBy(Cell::communityIndex));
        byCommunity.forEach((ci, cells) -> {
            String cc = ds.units().get(ci).code();
            for (int k = 0; k < cells.size(); k++) {
                assertThat(cells.get(k).code()).isEqualTo(cc + String.format("%03d", k + 1));
            }
        });
    }

    @Test
    void populationsArePlausibleAndAddUp() {
        Unit city = ds.units().get(0);
        assertThat(city.population()).isBetween(1_200_000, 1_400_000);
        long cellHh = ds.cells().stream().mapToLong(Cell::households).sum();
        assertThat(cellHh).isEqualTo(city.households());
        double typical = ds.cells().stream().filter(c -> c.households() >= 250 && c.households() <= 550).count()
                / (double) ds.cells().size();
        assertThat(typical).as("share of cells with 250-550 households").isGreaterThan(0.9);
    }

    @Test
    void basinsNestAndDrainToTheOutlet() {
        List<Basin> basins = ds.basins();
        assertThat(basins.stream().filter(b -> b.level() == 2)).hasSizeGreaterThanOrEqualTo(20);
        Map<String, Basin> byCode = basins.stream().collect(Collectors.toMap(Basin::code, b -> b));
        for (Basin b : basins) {
            // following next_down always ends at the outlet (no cycles, no dangling codes)
            Basin cur = b;
            int steps = 0;
            while (cur.nextDownCode() != null) {
                cur = byCode.get(cur.nextDownCode());
                assertThat(cur).as("next_down of " + b.code()).isNotNull();
                assertThat(++steps).isLessThan(50);
            }
            assertThat(cur.pfafCode()).matches("1+");
        }
    }

    @Test
    void basinsNestExactlyAndEveryReachLiesInItsBasin() {
        Map<String, Basin> byCode = ds.basins().stream().collect(Collectors.toMap(Basin::code, b -> b));
        for (Basin parent : ds.basins().stream().filter(b -> b.level() == 1).toList()) {
            List<Geometry> kids = ds.basins().stream().filter(b -> parent.code().equals(b.parentCode())).map(b -> (Geometry) b.geom()).toList();
            assertThat(kids).as(parent.code()).hasSize(9);
            assertThat(CoverageCheck.check(kids, parent.geom()).isCoverageOf(1e-9)).as(parent.code()).isTrue();
        }
        assertThat(ds.hydro().reaches()).hasSize(81);
        for (DemoModel.Reach r : ds.hydro().reaches()) {
            Geometry basin = byCode.get(r.basinCode()).geom();
            // a reach runs inside its basin, but for where a creek joins it: the divide between
            // the two basins starts at the junction and may cut a little off one of them
            double inside = basin.intersection(r.geom()).getLength() / r.geom().getLength();
            assertThat(inside).as(r.code()).isGreaterThan(0.95);
        }
    }

    @Test
    void theNetworkIsValidAndBothNavigationMethodsAgree() {
        for (int level = 1; level <= 2; level++) {
            final int lv = level;
            BasinNetwork net = BasinNetwork.of(ds.basins().stream().filter(b -> b.level() == lv)
                    .map(b -> new HydroBasin(b.code(), b.nextDownCode(), b.pfafCode(), b.mainBasinCode(), b.subAreaKm2(),
                            b.upAreaKm2(), b.distMainKm(), b.geom())).toList());
            assertThat(NavigationCheck.check(net)).as("level " + level).isEmpty();
            for (HydroBasin b : net.basins()) {
                assertThat(net.upstream(b.id(), BasinNetwork.Method.PFAFSTETTER))
                        .containsExactlyInAnyOrderElementsOf(net.upstream(b.id(), BasinNetwork.Method.WALK));
            }
            // the three UP_AREA figures planted wrong, and no other
            assertThat(UpAreaCheck.check(net)).extracting(UpAreaCheck.Disagreement::id).containsExactlyInAnyOrderElementsOf(
                    BasinGenerator.UP_AREA_DEFECTS.keySet().stream().filter(c -> c.length() == 3 + lv).toList());
        }
        ReachNetwork reaches = ReachNetwork.of(ds.hydro().reaches().stream()
                .map(r -> new Reach(r.code(), r.nextDownCode(), LocalMetres.lengthM(r.geom()))).toList());
        assertThat(reaches.upstream("TLR11")).hasSize(80);
    }

    @Test
    void projectsSpreadOverBasinsAndDistrictsSomeAcrossDistrictLines() {
        List<Unit> districts = ds.units().stream().filter(u -> u.level().equals("district")).toList();
        long crossing = ds.projects().stream().filter(p -> districts.stream().filter(d -> d.geom().intersects(p.geom())).count() > 1).count();
        assertThat(crossing).isGreaterThanOrEqualTo(5);
        assertThat(ds.projects().stream().map(DemoModel.Project::basinCode).distinct().count()).isGreaterThan(25);
        assertThat(ds.projects().stream().map(DemoModel.Project::districtIndex).distinct().count()).isGreaterThanOrEqualTo(4);
        for (DemoModel.Project p : ds.projects()) {
            assertThat(p.history().get(p.history().size() - 1).status()).as(p.code()).isEqualTo(p.status());
            assertThat(p.geom().isValid()).isTrue();
            assertThat(p.spentWanYuan()).isGreaterThanOrEqualTo(0);
        }
        assertThat(ds.hydro().chiefReaches()).extracting(DemoModel.ChiefReach::level).contains("city", "county", "township");
    }

    @Test
    void waterCasesLieBesideTheRivers() {
        List<DemoModel.Case> water = ds.cases().stream().filter(c -> c.categoryCode().startsWith("06")).toList();
        assertThat(water).hasSize(TonglingDemoGenerator.WATER_CASES);
        Geometry rivers = gridmap.geo.Polygons.WGS84.buildGeometry(ds.hydro().reaches().stream().map(DemoModel.Reach::geom).toList());
        for (DemoModel.Case c : water) assertThat(rivers.distance(c.geom())).isLessThan(0.003);
    }

    @Test
    void sameSeedSameData() {
        Dataset again = new TonglingDemoGenerator().generate();
        assertThat(again.units().size()).isEqualTo(ds.units().size());
        for (int i = 0; i < ds.units().size(); i++) {
            assertThat(again.units().get(i).geom().equalsExact(ds.units().get(i).geom())).isTrue();
        }
        assertThat(again.cases()).isEqualTo(ds.cases());
    }
}
