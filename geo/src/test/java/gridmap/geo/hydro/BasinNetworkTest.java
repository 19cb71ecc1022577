package gridmap.geo.hydro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

import gridmap.geo.Polygons;
import gridmap.geo.hydro.BasinNetwork.Method;

/**
 * Navigation on hand-built networks whose answers are known, each checked by both methods:
 * a lone outlet, a long main stem, a basin receiving many tributaries, a closed inland basin
 * beside a sea-bound system; and validation listing every offending basin.
 */
class BasinNetworkTest {

    private static void bothMethods(BasinNetwork net, String id, List<String> expectedUp, List<String> expectedDownInOrder) {
        for (Method m : Method.values()) {
            assertThat(net.upstream(id, m)).as("%s upstream of %s", m, id).containsExactlyInAnyOrderElementsOf(expectedUp);
            assertThat(net.downstream(id, m)).as("%s downstream of %s", m, id).containsExactlyElementsOf(expectedDownInOrder);
        }
    }

    @Test
    void aLoneOutletHasNothingUpOrDown() {
        BasinNetwork net = BasinNetwork.of(List.of(HydroBasin.of("A", null, "1", 42)));
        bothMethods(net, "A", List.of(), List.of());
        assertThat(net.outlet("A")).isEqualTo("A");
        assertThat(net.drainageAreasKm2()).containsEntry("A", 42.0);
    }

    @Test
    void aLongMainStem() {
        // 5^6 = 15,625 inter-basins, every digit odd: one main stem, each draining into the code below it
        List<String> codes = new ArrayList<>();
        codes.add("");
        for (int level = 0; level < 6; level++) {
            List<String> next = new ArrayList<>();
            for (String c : codes) for (char d : "13579".toCharArray()) next.add(c + d);
            codes = next;
        }
        List<HydroBasin> basins = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) basins.add(HydroBasin.of(codes.get(i), i == 0 ? null : codes.get(i - 1), codes.get(i), 1));
        BasinNetwork net = BasinNetwork.of(basins);

        List<String> allButOutlet = codes.subList(1, codes.size());
        bothMethods(net, "111111", allButOutlet, List.of());
        assertThat(net.upstream("111111", Method.WALK)).as("nearest first").startsWith("111113", "111115");
        List<String> belowHeadwater = new ArrayList<>(codes.subList(0, codes.size() - 1));
        java.util.Collections.reverse(belowHeadwater);
        bothMethods(net, "999999", List.of(), belowHeadwater);
        assertThat(net.drainageAreasKm2().get("111111")).isEqualTo(15_625.0);
        assertThat(NavigationCheck.check(net)).isEmpty();
    }

    /** Inter-basin 1 (11..19) with tributary 2 (21..29) and inter-basin 3 (31..39) above it, links written by hand. */
    static List<HydroBasin> manyTributaries() {
        String[][] links = {
                {"11", null}, {"12", "11"}, {"13", "11"}, {"14", "13"}, {"15", "13"}, {"16", "15"}, {"17", "15"}, {"18", "17"}, {"19", "17"},
                {"21", "19"}, {"22", "21"}, {"23", "21"}, {"24", "23"}, {"25", "23"}, {"26", "25"}, {"27", "25"}, {"28", "27"}, {"29", "27"},
                {"31", "19"}, {"32", "31"}, {"33", "31"}, {"34", "33"}, {"35", "33"}, {"36", "35"}, {"37", "35"}, {"38", "37"}, {"39", "37"}};
        List<HydroBasin> out = new ArrayList<>();
        for (String[] l : links) out.add(HydroBasin.of("b" + l[0], l[1] == null ? null : "b" + l[1], l[0], 10));
        return out;
    }

    @Test
    void aBasinReceivingManyTributaries() {
        BasinNetwork net = BasinNetwork.of(manyTributaries());
        List<String> twos = List.of("b21", "b22", "b23", "b24", "b25", "b26", "b27", "b28", "b29");
        List<String> threes = List.of("b31", "b32", "b33", "b34", "b35", "b36", "b37", "b38", "b39");
        List<String> both = new ArrayList<>(twos);
        both.addAll(threes);
        bothMethods(net, "b19", both, List.of("b17", "b15", "b13", "b11"));
        List<String> above15 = new ArrayList<>(both);
        above15.addAll(List.of("b16", "b17", "b18", "b19"));
        bothMethods(net, "b15", above15, List.of("b13", "b11"));
        bothMethods(net, "b21", twos.subList(1, 9), List.of("b19", "b17", "b15", "b13", "b11"));
        bothMethods(net, "b22", List.of(), List.of("b21", "b19", "b17", "b15", "b13", "b11"));
        bothMethods(net, "b16", List.of(), List.of("b15", "b13", "b11"));
        assertThat(net.upstream("b11", Method.WALK)).hasSize(26);
        assertThat(net.drainageAreasKm2().get("b19")).isEqualTo(190.0);
        assertThat(net.drainageAreasKm2().get("b11")).isEqualTo(270.0);
        assertThat(NavigationCheck.check(net)).isEmpty();
    }

    @Test
    void aClosedInlandBasinIsItsOwnSystem() {
        List<HydroBasin> basins = new ArrayList<>();
        for (int d = 1; d <= 9; d++) { // the sea-bound system: S1 the outlet
            String down = d == 1 ? null : d % 2 == 0 ? "S" + (d - 1) : "S" + (d - 2);
            basins.add(new HydroBasin("S" + d, down, "" + d, "S1", 100, null, null, null));
        }
        // a lake without outlet (E1, the sink) fed by E2 and E3: its codes repeat the sea system's
        basins.add(new HydroBasin("E1", null, "1", "E1", 30, null, null, null));
        basins.add(new HydroBasin("E2", "E1", "2", "E1", 20, null, null, null));
        basins.add(new HydroBasin("E3", "E1", "3", "E1", 10, null, null, null));
        BasinNetwork net = BasinNetwork.of(basins);

        bothMethods(net, "E1", List.of("E2", "E3"), List.of());
        bothMethods(net, "E3", List.of(), List.of("E1"));
        bothMethods(net, "S1", List.of("S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"), List.of());
        bothMethods(net, "S3", List.of("S4", "S5", "S6", "S7", "S8", "S9"), List.of("S1"));
        assertThat(net.outlet("E3")).isEqualTo("E1");
        assertThat(net.drainageAreasKm2().get("E1")).isEqualTo(60.0);
        assertThat(net.drainageAreasKm2().get("S1")).isEqualTo(900.0);
        assertThat(NavigationCheck.check(net)).isEmpty();
    }

    @Test
    void validationListsEveryOffendingBasin() throws Exception {
        var bowTie = new WKTReader(Polygons.WGS84).read("POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))");
        var square = new WKTReader(Polygons.WGS84).read("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        List<HydroBasin> basins = List.of(
                HydroBasin.of("ok", null, "1", 1),
                HydroBasin.of("c1", "c2", "3", 1), HydroBasin.of("c2", "c3", "5", 1), HydroBasin.of("c3", "c1", "7", 1),
                HydroBasin.of("self", "self", "9", 1),
                HydroBasin.of("feeder", "c1", "8", 1), // drains into the cycle but is not on it
                HydroBasin.of("lost", "nowhere", "2", 1),
                HydroBasin.of("twice", null, "4", 1), HydroBasin.of("twice", null, "6", 1),
                HydroBasin.of("letters", null, "1a", 1),
                HydroBasin.of("dry", null, "11", 0),
                new HydroBasin("bad", null, "12", null, 1, null, null, bowTie),
                new HydroBasin("good", null, "13", null, 1, null, null, square));
        List<NetworkProblem> problems = BasinNetwork.validate(basins);
        assertThat(problems).extracting(p -> p.id() + " " + p.kind()).containsExactlyInAnyOrder(
                "c1 CYCLE", "c2 CYCLE", "c3 CYCLE", "self CYCLE", "lost DANGLING_LINK", "twice DUPLICATE_ID",
                "letters INVALID_CODE", "dry INVALID_AREA", "bad INVALID_GEOMETRY");
        assertThat(problems.stream().filter(p -> p.id().equals("c2")).findFirst().orElseThrow().detail()).contains("c1 → c2 → c3 → c1");
        assertThat(problems.stream().filter(p -> p.id().equals("bad")).findFirst().orElseThrow().location()).isNotNull();
        assertThatThrownBy(() -> BasinNetwork.of(basins)).isInstanceOf(InvalidNetworkException.class)
                .satisfies(e -> assertThat(((InvalidNetworkException) e).problems()).hasSize(9));
    }

    @Test
    void codesMayRepeatOnlyAcrossSystems() {
        List<HydroBasin> basins = List.of(
                new HydroBasin("a", null, "1", null, 1, null, null, null),
                new HydroBasin("b", "a", "1", null, 1, null, null, null));
        assertThat(BasinNetwork.validate(basins)).extracting(NetworkProblem::kind).containsExactly(NetworkProblem.Kind.INVALID_CODE);
    }

    @Test
    void upAreaCheckFindsPublishedAreasOffByMoreThanOnePercent() {
        List<HydroBasin> basins = new ArrayList<>();
        for (HydroBasin b : manyTributaries()) {
            Double published = switch (b.id()) {
                case "b11" -> 270.0 * 1.005;  // within 1 %: rounding, fine
                case "b19" -> 150.0;          // 190 computed: a tributary missing in the source?
                case "b21" -> 95.0;           // 90 computed: 5.6 % off
                default -> null;
            };
            basins.add(new HydroBasin(b.id(), b.nextDown(), b.pfafCode(), null, b.subAreaKm2(), published, null, null));
        }
        BasinNetwork net = BasinNetwork.of(basins);
        List<UpAreaCheck.Disagreement> d = UpAreaCheck.check(net);
        assertThat(d).extracting(UpAreaCheck.Disagreement::id).containsExactly("b19", "b21");
        assertThat(d.get(0).computedKm2()).isEqualTo(190.0);
        assertThat(d.get(0).relativeDifference()).isCloseTo(40.0 / 150, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(UpAreaCheck.published(net)).isEqualTo(3);
    }

    @Test
    void navigationCheckNamesLinksTheCodesContradict() {
        List<HydroBasin> basins = new ArrayList<>(manyTributaries());
        // b16 mislinked to b13 (it belongs above b15): walk and rule now disagree
        basins.replaceAll(b -> b.id().equals("b16") ? HydroBasin.of("b16", "b13", "16", 10) : b);
        BasinNetwork net = BasinNetwork.of(basins);
        assertThat(net.upstream("b15", Method.WALK)).doesNotContain("b16");
        assertThat(net.upstream("b15", Method.PFAFSTETTER)).contains("b16");
        List<NavigationCheck.Disagreement> d = NavigationCheck.check(net);
        assertThat(d).extracting(NavigationCheck.Disagreement::id).containsExactlyInAnyOrder("b16", "b15");
        assertThat(d.stream().filter(x -> x.id().equals("b16")).findFirst().orElseThrow().detail())
                .contains("next_down is b13 (code 13), the codes say b15 (code 15)");
    }

    @Test
    void distancesComeFromDistMain() {
        List<HydroBasin> basins = List.of(
                new HydroBasin("a", null, "1", null, 1, null, 0.0, null),
                new HydroBasin("b", "a", "3", null, 1, null, 12.5, null),
                new HydroBasin("c", "b", "5", null, 1, null, 30.0, null),
                new HydroBasin("d", "c", "7", null, 1, null, null, null));
        BasinNetwork net = BasinNetwork.of(basins);
        assertThat(net.distanceKm("c", "a")).hasValue(30.0);
        assertThat(net.distanceKm("c", "b")).hasValue(17.5);
        assertThat(net.distanceKm("d", "a")).isEmpty();
        Map<String, Integer> counts = net.upstreamCounts();
        assertThat(counts).containsEntry("a", 3).containsEntry("d", 0);
    }
}
