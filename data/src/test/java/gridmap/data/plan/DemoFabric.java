package gridmap.data.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import gridmap.data.demo.DemoModel;
import gridmap.data.demo.TonglingDemoGenerator;

/** The generated demo as a plan's fabric without a database: ids are list positions + 1 (cells from 10001). */
final class DemoFabric {
    private static DemoModel.Dataset data;

    private DemoFabric() {}

    static synchronized DemoModel.Dataset data() {
        if (data == null) data = new TonglingDemoGenerator().generate();
        return data;
    }

    /** The fabric of the unit with this code, as a fresh load would give it. */
    static Fabric of(String code) {
        List<DemoModel.Unit> us = data().units();
        int parent = -1;
        for (int i = 0; i < us.size(); i++) if (us.get(i).code().equals(code)) parent = i;
        Set<Integer> below = new HashSet<>();
        List<Fabric.UnitRow> rows = new ArrayList<>();
        List<Integer> frontier = List.of(parent);
        while (!frontier.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int i = 0; i < us.size(); i++) {
                DemoModel.Unit u = us.get(i);
                if (u.parentIndex() != null && frontier.contains(u.parentIndex())) {
                    next.add(i);
                    below.add(i);
                    rows.add(row(i, u));
                }
            }
            frontier = next;
        }
        List<Fabric.CellRow> cells = new ArrayList<>();
        List<DemoModel.Cell> cs = data().cells();
        for (int i = 0; i < cs.size(); i++) {
            DemoModel.Cell c = cs.get(i);
            if (below.contains(c.communityIndex())) {
                cells.add(new Fabric.CellRow(10_001 + i, c.code(), c.name(), c.communityIndex() + 1, c.geom(), c.households(), c.population(),
                        null, LocalDate.of(2005, 1, 1), 0));
            }
        }
        Set<String> used = new HashSet<>();
        for (DemoModel.Unit u : us) if (u.code().startsWith(code)) used.add(u.code());
        return new Fabric(row(parent, us.get(parent)), rows, cells, used);
    }

    private static Fabric.UnitRow row(int i, DemoModel.Unit u) {
        return new Fabric.UnitRow(i + 1, u.code(), u.name(), UnitLevel.of(u.level()), u.parentIndex() == null ? null : (long) u.parentIndex() + 1,
                u.geom(), u.population(), u.households(), LocalDate.of(2005, 1, 1), 0);
    }
}
