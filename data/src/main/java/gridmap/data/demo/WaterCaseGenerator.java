package gridmap.data.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;

import gridmap.data.demo.DemoModel.Case;
import gridmap.data.demo.DemoModel.Cell;
import gridmap.data.demo.DemoModel.Reach;
import gridmap.data.demo.DemoModel.Unit;

/**
 * Water cases (major 06 水环境) reported beside the rivers, mostly still open: what pollution
 * tracing and a river chief's list show. Each lies 50-250 m from a reach and inside a grid cell,
 * and is walked through the workflow like every other demo case ({@link CaseGenerator}).
 */
final class WaterCaseGenerator {
    private static final String[] CODES = {"0601", "0602", "0603"};
    private static final double[] CODE_WEIGHT = {0.4, 0.35, 0.25};
    private static final String[] STATUSES = {"reported", "registered", "dispatched", "in_progress", "handled", "closed", "parked"};
    private static final double[] STATUS_WEIGHT = {0.15, 0.15, 0.2, 0.15, 0.05, 0.25, 0.05};

    private final Random rng;
    private final CaseGenerator cases;

    WaterCaseGenerator(Random rng) {
        this.rng = rng;
        this.cases = new CaseGenerator(rng);
    }

    List<Case> generate(int count, List<Unit> units, List<Cell> cells, List<Reach> reaches) {
        STRtree index = new STRtree();
        for (Cell c : cells) index.insert(c.geom().getEnvelopeInternal(), c);
        double[] w = new double[reaches.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) { w[i] = reaches.get(i).geom().getLength(); sum += w[i]; }
        for (int i = 0; i < w.length; i++) w[i] /= sum;

        List<Case> out = new ArrayList<>();
        while (out.size() < count) {
            LengthIndexedLine along = new LengthIndexedLine(reaches.get(DemoNames.pick(rng, w)).geom());
            double at = rng.nextDouble() * along.getEndIndex();
            Coordinate p = along.extractPoint(at, (rng.nextBoolean() ? 1 : -1) * (0.0005 + 0.002 * rng.nextDouble()));
            Point point = TonglingDemoGenerator.point(p);
            Cell cell = null;
            for (Object o : index.query(point.getEnvelopeInternal())) {
                if (((Cell) o).geom().covers(point)) { cell = (Cell) o; break; }
            }
            if (cell == null) continue; // beside a river outside the city
            String category = CODES[DemoNames.pick(rng, CODE_WEIGHT)];
            String status = STATUSES[DemoNames.pick(rng, STATUS_WEIGHT)];
            out.add(cases.one(units, cell, p, category, status, rng.nextDouble() < 0.5 ? "citizen" : "patrol", 60,
                    units.get(cell.communityIndex()).name() + " 河段岸边"));
        }
        return out;
    }
}
