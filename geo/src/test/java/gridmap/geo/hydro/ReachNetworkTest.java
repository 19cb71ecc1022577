package gridmap.geo.hydro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import gridmap.geo.hydro.ReachNetwork.Position;

/**
 * Distances along the water on a hand-built river: a main stem M1 ← M2 ← M3 (each 1,000 m, M1
 * the outlet) with a tributary T1 (500 m) joining at the top of M1, itself fed by T2 (800 m).
 */
class ReachNetworkTest {
    static ReachNetwork river() {
        return ReachNetwork.of(List.of(new Reach("M1", null, 1000), new Reach("M2", "M1", 1000), new Reach("M3", "M2", 1000),
                new Reach("T1", "M1", 500), new Reach("T2", "T1", 800)));
    }

    @Test
    void upstreamWithinADistanceNearestFirst() {
        ReachNetwork.Trace t = river().upstreamWithin(new Position("M1", 400), 2000);
        // from 400 m down M1: M2 and T1 end 400 m up; M3 ends 1,400 m up; T2 ends 900 m up
        assertThat(t.reaches()).extracting(ReachNetwork.Upstream::reachId).containsExactly("M1", "M2", "T1", "T2", "M3");
        assertThat(t.reaches()).extracting(ReachNetwork.Upstream::distanceM).containsExactly(0.0, 400.0, 400.0, 900.0, 1400.0);
        assertThat(river().upstreamWithin(new Position("M1", 400), 1000).reaches()).extracting(ReachNetwork.Upstream::reachId)
                .containsExactly("M1", "M2", "T1", "T2");
    }

    @Test
    void distanceOfAPlaceUpstream() {
        ReachNetwork.Trace t = river().upstreamWithin(new Position("M1", 400), 2000);
        assertThat(t.distanceM(new Position("M1", 100))).hasValue(300.0);
        assertThat(t.distanceM(new Position("M1", 700))).as("below the traced place").isEmpty();
        assertThat(t.distanceM(new Position("T2", 200))).hasValue(400 + 500 + 600.0);
        assertThat(t.distanceM(new Position("M3", 0))).as("2,400 m: beyond the distance traced").isEmpty();
        assertThat(t.distanceM(new Position("M3", 900))).hasValue(1500.0);
        ReachNetwork.Trace onTributary = river().upstreamWithin(new Position("T1", 250), 5000);
        assertThat(onTributary.distanceM(new Position("M2", 500))).as("another branch").isEmpty();
        assertThat(onTributary.distanceM(new Position("T2", 0))).hasValue(800 + 250.0);
    }

    @Test
    void downstreamAndValidation() {
        assertThat(river().downstream("T2")).containsExactly("T1", "M1");
        assertThat(river().upstream("M1")).containsExactlyInAnyOrder("M2", "M3", "T1", "T2");
        assertThat(ReachNetwork.validate(List.of(new Reach("a", "b", 10), new Reach("b", "a", 10), new Reach("c", "x", 0))))
                .extracting(p -> p.id() + " " + p.kind())
                .containsExactlyInAnyOrder("a CYCLE", "b CYCLE", "c DANGLING_LINK", "c INVALID_AREA");
        assertThatThrownBy(() -> ReachNetwork.of(List.of(new Reach("a", "a", 1)))).isInstanceOf(InvalidNetworkException.class);
    }
}
