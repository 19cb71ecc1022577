package gridmap.geo.hydro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The code rule alone: known pairs, ranges against the pairwise rule, links derived from codes. */
class PfafstetterTest {

    @Test
    void decidesUpstreamFromTheCodesAlone() {
        // 31 is the outlet unit of inter-basin 3: all of 4-9 and 32-39 pass through it
        assertThat(Pfafstetter.isUpstream("31", "45")).isTrue();
        assertThat(Pfafstetter.isUpstream("31", "33")).isTrue();
        assertThat(Pfafstetter.isUpstream("31", "32")).isTrue();
        assertThat(Pfafstetter.isUpstream("31", "29")).as("below it").isFalse();
        // 32 is a tributary inside 3: nothing from outside it drains through it
        assertThat(Pfafstetter.isUpstream("32", "45")).isFalse();
        assertThat(Pfafstetter.isUpstream("32", "34")).isFalse();
        // 36 is a tributary of 3; 4 enters 3 at its top (39), bypassing 36
        assertThat(Pfafstetter.isUpstream("36", "41")).isFalse();
        // HydroBASINS pads unsplit units with 0: 310 is all of 31, still on the main stem
        assertThat(Pfafstetter.isUpstream("310", "330")).isTrue();
        assertThat(Pfafstetter.isUpstream("120", "130")).as("12 is a tributary").isFalse();
        assertThat(Pfafstetter.isUpstream("31", "31")).isFalse();
        assertThat(Pfafstetter.isUpstream("31", "311")).as("other level").isFalse();
        assertThat(Pfafstetter.isDownstream("45", "31")).isTrue();
    }

    @Test
    void rangesHoldExactlyTheUpstreamCodes() {
        List<String> all = new ArrayList<>();
        for (int a = 1; a <= 9; a++) for (int b = 0; b <= 9; b++) for (int c = 0; c <= 9; c++) all.add("" + a + b + c);
        for (String target : List.of("111", "135", "351", "999", "120", "310", "571", "100", "246")) {
            List<String> byRanges = new ArrayList<>();
            for (String[] r : Pfafstetter.upstreamRanges(target)) {
                for (String c : all) if (c.compareTo(r[0]) >= 0 && c.compareTo(r[1]) < 0) byRanges.add(c);
            }
            List<String> byPairs = all.stream().filter(c -> Pfafstetter.isUpstream(target, c)).toList();
            assertThat(byRanges).as(target).containsExactlyInAnyOrderElementsOf(byPairs);
        }
    }

    @Test
    void derivesTheLinksOfATwoLevelSystem() {
        List<String> codes = new ArrayList<>();
        for (int a = 1; a <= 3; a++) for (int b = 1; b <= 9; b++) codes.add("" + a + b);
        Map<String, String> down = Pfafstetter.nextDowns(codes);
        assertThat(down.get("11")).isNull();
        assertThat(down.get("12")).isEqualTo("11");
        assertThat(down.get("13")).isEqualTo("11");
        assertThat(down.get("19")).isEqualTo("17");
        assertThat(down.get("21")).as("tributary 2 enters inter-basin 1 at its top").isEqualTo("19");
        assertThat(down.get("31")).as("inter-basin 3 drains into 1, entering at 19").isEqualTo("19");
        assertThat(down.get("39")).isEqualTo("37");
    }

    @Test
    void unsplitUnitsArePaddedAndEnteredAtTheirTop() {
        // 1 split into 11..15 (two tributaries), 2 not split, 3 split into 31..39
        List<String> codes = List.of("11", "12", "13", "14", "15", "20", "31", "32", "33", "34", "35", "36", "37", "38", "39");
        Map<String, String> down = Pfafstetter.nextDowns(codes);
        assertThat(down.get("20")).as("the top of 1 is 15 here").isEqualTo("15");
        assertThat(down.get("31")).isEqualTo("15");
        assertThat(down.get("14")).isEqualTo("13");
    }

    /** On any generated system the walk along derived links and the rule give the same sets. */
    @Property(tries = 40)
    void walkAndRuleAgreeOnRandomSystems(@ForAll @IntRange(min = 1, max = 400) int size, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        BasinNetwork net = BasinNetwork.of(SyntheticNetwork.generate(size, seed));
        for (HydroBasin b : net.basins()) {
            assertThat(net.upstream(b.id(), BasinNetwork.Method.PFAFSTETTER))
                    .as("upstream of %s", b.pfafCode())
                    .containsExactlyInAnyOrderElementsOf(net.upstream(b.id(), BasinNetwork.Method.WALK));
            assertThat(net.downstream(b.id(), BasinNetwork.Method.PFAFSTETTER))
                    .as("downstream of %s", b.pfafCode())
                    .containsExactlyElementsOf(net.downstream(b.id(), BasinNetwork.Method.WALK));
        }
        assertThat(NavigationCheck.check(net)).isEmpty();
        assertThat(UpAreaCheck.check(net)).isEmpty();
    }
}
