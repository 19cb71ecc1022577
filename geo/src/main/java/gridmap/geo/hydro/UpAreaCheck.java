package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares the drainage area a source publishes (HydroBASINS {@code UP_AREA}) with the one the
 * network gives (the basin's own area plus everything upstream). A basin that disagrees by more
 * than the tolerance points at a missing or mislinked basin upstream, or at a wrong area.
 */
public final class UpAreaCheck {
    /** 1 %: HydroBASINS rounds areas to 0.1 km², far below this on any basin worth checking. */
    public static final double DEFAULT_TOLERANCE = 0.01;

    private UpAreaCheck() {}

    /** relativeDifference = (computed − published) / published. */
    public record Disagreement(String id, double publishedKm2, double computedKm2, double relativeDifference) {}

    /** Basins with a published UP_AREA off by more than {@link #DEFAULT_TOLERANCE}, worst first. */
    public static List<Disagreement> check(BasinNetwork network) { return check(network, DEFAULT_TOLERANCE); }

    public static List<Disagreement> check(BasinNetwork network, double tolerance) {
        Map<String, Double> computed = network.drainageAreasKm2();
        List<Disagreement> out = new ArrayList<>();
        for (HydroBasin b : network.basins()) {
            if (b.upAreaKm2() == null) continue;
            double c = computed.get(b.id()), rel = (c - b.upAreaKm2()) / b.upAreaKm2();
            if (Math.abs(rel) > tolerance) out.add(new Disagreement(b.id(), b.upAreaKm2(), c, rel));
        }
        out.sort(Comparator.comparingDouble((Disagreement d) -> -Math.abs(d.relativeDifference())).thenComparing(Disagreement::id));
        return out;
    }

    /** How many basins carry a published UP_AREA (the report says how many were checked). */
    public static int published(BasinNetwork network) {
        return (int) network.basins().stream().filter(b -> b.upAreaKm2() != null).count();
    }
}
