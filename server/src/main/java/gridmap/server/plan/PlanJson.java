package gridmap.server.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gridmap.data.plan.Fabric;
import gridmap.data.plan.OperationJson;
import gridmap.data.plan.Plan;
import gridmap.data.plan.PlanOutcome;
import gridmap.data.plan.PlanRepository;
import gridmap.geo.metrics.PlanMetrics;
import gridmap.geo.metrics.Spread;
import gridmap.geo.metrics.UnitMetrics;

/** What the plan API sends: plans, previews (geometries, metrics, problems, before/after), comparisons. */
final class PlanJson {
    private PlanJson() {}

    static Map<String, Object> plan(Plan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("status", p.status().code());
        m.put("parent", Map.of("id", p.parentId(), "code", p.parentCode(), "name", p.parentName()));
        m.put("author", Map.of("id", p.authorId(), "name", p.authorName()));
        m.put("operations", OperationJson.write(p.operations()));
        m.put("allow_non_contiguous", p.allowNonContiguous());
        m.put("target", p.target() == null ? null : OperationJson.write(p.target()));
        m.put("comment_from", p.commentFrom());
        m.put("comment_to", p.commentTo());
        m.put("comments", p.comments());
        if (p.changeEventId() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("change_event_id", p.changeEventId());
            c.put("effective_date", p.effectiveDate());
            c.put("legal_ref", p.legalRef());
            m.put("commit", c);
        }
        m.put("created_at", p.createdAt());
        m.put("updated_at", p.updatedAt());
        m.put("version", p.version());
        return m;
    }

    static Map<String, Object> comment(PlanRepository.Comment k, String shownName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("author", shownName);
        m.put("body", k.body());
        m.put("location", k.lon() == null ? null : Map.of("type", "Point", "coordinates", new double[] {k.lon(), k.lat()}));
        m.put("created_at", k.createdAt());
        return m;
    }

    /** The preview of a plan: the units after it as GeoJSON with their measures, and everything a planner checks. */
    static Map<String, Object> preview(Plan p, PlanOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", Map.of("id", p.id(), "version", p.version(), "name", p.name(), "status", p.status().code()));
        m.putAll(outcome(o));
        return m;
    }

    static Map<String, Object> outcome(PlanOutcome o) {
        Fabric f = o.fabric();
        Map<Long, Fabric.UnitRow> rows = new HashMap<>();
        rows.put(f.parent().id(), f.parent());
        for (Fabric.UnitRow u : f.units()) rows.put(u.id(), u);
        Map<String, PlanOutcome.Unit> byKey = new HashMap<>();
        for (PlanOutcome.Unit u : o.units()) byKey.put(u.key(), u);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parent", Map.of("id", f.parent().id(), "code", f.parent().code(), "name", f.parent().name(), "level", f.parent().level().code()));
        m.put("committable", o.committable());
        List<Map<String, Object>> features = new ArrayList<>();
        for (PlanOutcome.Unit u : o.units()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("key", u.key());
            props.put("code", u.code());
            props.put("name", u.name());
            props.put("level", u.level().code());
            props.put("parent_key", u.parentKey());
            props.put("status", u.status().name().toLowerCase());
            props.put("origin_id", u.originId());
            props.put("made_by", u.madeBy());
            props.put("households", u.households());
            props.put("population", u.population());
            props.put("metrics", metrics(u.metrics()));
            features.add(GeoJson.feature(u.key(), u.geom(), props));
        }
        m.put("units", GeoJson.collection(features));

        List<Map<String, Object>> closed = new ArrayList<>();
        for (long id : o.closedUnits()) {
            Fabric.UnitRow r = rows.get(id);
            Map<String, Object> c = unitRef(r.id(), r.code(), r.name(), r.level().code());
            c.put("households", r.households());
            c.put("population", r.population());
            c.put("metrics", metrics(o.before().get(id)));
            closed.add(c);
        }
        m.put("closed_units", closed);

        // before → after: for each unit the plan makes or changes, what it is made of
        List<Map<String, Object>> table = new ArrayList<>();
        for (PlanOutcome.Unit u : o.written()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", u.key());
            row.put("code", u.code());
            row.put("name", u.name());
            row.put("level", u.level().code());
            row.put("status", u.status().name().toLowerCase());
            row.put("households", u.households());
            row.put("population", u.population());
            List<Map<String, Object>> from = new ArrayList<>();
            for (PlanOutcome.Lineage l : o.lineage()) {
                if (!l.successorKey().equals(u.key())) continue;
                Fabric.UnitRow r = rows.get(l.predecessorId());
                if (r.level() != u.level()) continue;
                Map<String, Object> x = unitRef(r.id(), r.code(), r.name(), r.level().code());
                x.put("households", r.households());
                x.put("area_share", l.areaShare());
                x.put("population_share", l.populationShare());
                from.add(x);
            }
            row.put("from", from);
            table.add(row);
        }
        m.put("before_after", table);

        List<Map<String, Object>> lineage = new ArrayList<>();
        for (PlanOutcome.Lineage l : o.lineage()) {
            Fabric.UnitRow r = rows.get(l.predecessorId());
            PlanOutcome.Unit s = byKey.get(l.successorKey());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("predecessor", unitRef(r.id(), r.code(), r.name(), r.level().code()));
            x.put("successor", s != null ? Map.of("key", s.key(), "code", s.code(), "name", s.name())
                    : Map.of("key", l.successorKey(), "code", f.parent().code(), "name", f.parent().name()));
            x.put("area_share", l.areaShare());
            x.put("population_share", l.populationShare());
            lineage.add(x);
        }
        m.put("lineage", lineage);

        List<Map<String, Object>> cells = new ArrayList<>();
        int moved = 0;
        for (PlanOutcome.Cell k : o.cells()) {
            if (k.status() == PlanOutcome.Status.UNCHANGED) continue;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("key", k.key());
            c.put("origin_id", k.originId());
            c.put("from_cells", k.fromCells());
            c.put("code", k.code());
            c.put("unit_key", k.unitKey());
            c.put("status", k.status().name().toLowerCase());
            c.put("households", k.households());
            // cells that only change community or number are drawn from the map's own layer; new pieces are sent
            if (k.status() == PlanOutcome.Status.NEW) c.put("geometry", GeoJson.geometry(k.geom()));
            cells.add(c);
            moved++;
        }
        Map<String, Object> cs = new LinkedHashMap<>();
        cs.put("changed", moved);
        cs.put("closed", o.closedCells().size());
        cs.put("items", cells);
        m.put("cells", cs);

        List<Map<String, Object>> problems = new ArrayList<>();
        for (PlanOutcome.Problem p : o.problems()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", p.kind());
            x.put("blocking", p.blocking());
            x.put("units", p.units());
            x.put("detail", p.detail());
            x.put("location", GeoJson.geometry(p.location()));
            x.put("area_m2", p.areaM2());
            problems.add(x);
        }
        m.put("problems", problems);

        Map<String, Object> plan = new LinkedHashMap<>();
        o.metrics().forEach((level, pm) -> plan.put(level.code(), planMetrics(pm, o, level)));
        m.put("metrics", plan);
        return m;
    }

    private static Map<String, Object> unitRef(long id, String code, String name, String level) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("code", code);
        m.put("name", name);
        m.put("level", level);
        return m;
    }

    static Map<String, Object> metrics(UnitMetrics u) {
        if (u == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area_m2", u.areaM2());
        m.put("perimeter_m", u.perimeterM());
        m.put("polsby_popper", u.polsbyPopper());
        m.put("reock", u.reock());
        m.put("convex_hull_ratio", u.convexHullRatio());
        m.put("parts", u.parts());
        m.put("households", u.households());
        m.put("population", u.population());
        m.put("size", u.size());
        m.put("deviation", u.deviation());
        m.put("within_target", u.withinTarget());
        return m;
    }

    private static Map<String, Object> planMetrics(PlanMetrics p, PlanOutcome o, gridmap.data.plan.UnitLevel level) {
        List<PlanOutcome.Unit> at = o.units().stream().filter(u -> u.level() == level).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", p.units());
        m.put("basis", p.basis().name().toLowerCase());
        m.put("size", spread(p.size()));
        m.put("households", spread(p.households()));
        m.put("population", spread(p.population()));
        m.put("area_m2", spread(p.areaM2()));
        m.put("polsby_popper", spread(p.polsbyPopper()));
        m.put("reock", spread(p.reock()));
        m.put("worst_size", p.worstSize() < 0 ? null : at.get(p.worstSize()).key());
        m.put("least_compact", p.leastCompact() < 0 ? null : at.get(p.leastCompact()).key());
        m.put("outside_target", p.outsideTarget());
        m.put("non_contiguous", p.nonContiguous());
        return m;
    }

    static Map<String, Object> spread(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", s.min());
        m.put("max", s.max());
        m.put("mean", s.mean());
        m.put("cv", s.cv());
        return m;
    }
}
