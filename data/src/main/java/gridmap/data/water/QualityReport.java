package gridmap.data.water;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.HydroBasin;
import gridmap.geo.hydro.NavigationCheck;
import gridmap.geo.hydro.NetworkProblem;
import gridmap.geo.hydro.UpAreaCheck;

/**
 * The data-quality report of the stored basins, level by level: network problems (none can be
 * written, but the report says so), published UP_AREA figures that disagree with the network by
 * more than the tolerance, and basins where the Pfafstetter codes and the next_down links
 * contradict each other (so the two navigation methods would answer differently).
 */
public final class QualityReport {
    private final BasinRepository basins;

    public QualityReport(DataSource ds) { this.basins = new BasinRepository(ds); }

    public record UpArea(String code, String name, double publishedKm2, double computedKm2, double relativeDifference) {}

    public record Contradiction(String code, String name, int upstreamByWalk, int upstreamByCode, String detail) {}

    public record Level(int level, int basins, int withPublishedUpArea, double tolerance, List<NetworkProblem> problems,
                        List<UpArea> upArea, List<Contradiction> navigation) {}

    public List<Level> report(double tolerance) throws SQLException {
        List<Level> out = new ArrayList<>();
        for (int level : basins.levels()) {
            List<HydroBasin> stored = basins.level(level);
            Map<String, String> names = names(level);
            List<NetworkProblem> problems = BasinNetwork.validate(stored);
            if (!problems.isEmpty()) {
                out.add(new Level(level, stored.size(), 0, tolerance, problems, List.of(), List.of()));
                continue;
            }
            BasinNetwork net = BasinNetwork.of(stored);
            out.add(new Level(level, stored.size(), UpAreaCheck.published(net), tolerance, List.of(),
                    UpAreaCheck.check(net, tolerance).stream().map(d -> new UpArea(d.id(), names.get(d.id()), d.publishedKm2(),
                            d.computedKm2(), d.relativeDifference())).toList(),
                    NavigationCheck.check(net).stream().map(d -> new Contradiction(d.id(), names.get(d.id()), d.upstreamByWalk(),
                            d.upstreamByCode(), d.detail())).toList()));
        }
        return out;
    }

    private Map<String, String> names(int level) throws SQLException {
        return basins.names(level).stream().collect(Collectors.toMap(s -> s[0], s -> s[1]));
    }
}
