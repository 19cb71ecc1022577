package gridmap.data.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.geo.Polygons;

/**
 * Operations to and from JSON, the form the API takes and the plan table stores:
 * <pre>
 * {"op":"remove_level", "level":"street"}                       or "units":[…]
 * {"op":"merge", "units":[12, "340705001002", "#1"], "name":"…", "code":"…"?}
 * {"op":"reassign", "cells":[501, 502], "to":13}
 * {"op":"split", "unit":14, "line":{GeoJSON LineString}, "names":["…","…"]?}
 * {"op":"redraw", "units":[14, 15], "from":{LineString: the border now}, "to":{LineString: the new border}}
 * {"op":"regrid", "unit":14, "target":{"basis":"households","min":300,"max":500}}
 * {"op":"rename", "unit":14, "name":"…"?, "code":"…"?}
 * </pre>
 * A unit is an id (number), a current code (string of 6, 9 or 12 digits) or an earlier
 * operation's result ("#k", "#k.j"). Reading is strict: unknown members and wrong types are
 * {@link PlanInputException}s naming the path.
 */
public final class OperationJson {
    public static final int MAX_OPERATIONS = 500;
    public static final int MAX_LIST = 5000;
    private static final Pattern MADE = Pattern.compile("#([1-9][0-9]{0,3})(?:\\.([1-9][0-9]?))?");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}(?:[0-9]{3}){0,2}");

    /** Reads a GeoJSON LineString member; the server plugs in its strict reader for untrusted input. */
    @FunctionalInterface
    public interface LineReader {
        LineString read(JsonNode geojson, String path);
    }

    private OperationJson() {}

    public static List<Operation> read(JsonNode ops, LineReader lines) {
        if (ops == null || !ops.isArray()) throw new PlanInputException("operations must be an array");
        if (ops.size() > MAX_OPERATIONS) throw new PlanInputException("a plan has at most " + MAX_OPERATIONS + " operations");
        List<Operation> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            String path = "operations[" + i + "]";
            JsonNode o = ops.get(i);
            if (!o.isObject()) throw new PlanInputException(path + " must be an object");
            String op = text(o, "op", path, true);
            OperationKind kind = OperationKind.of(op);
            if (kind == null) throw new PlanInputException(path + ".op '" + clip(op) + "' is not one of merge, reassign, split, redraw, remove_level, regrid, rename");
            out.add(switch (kind) {
                case MERGE -> {
                    only(o, path, "op", "units", "name", "code");
                    yield new Operation.Merge(refs(o, "units", path, i + 1, 2), text(o, "name", path, true), text(o, "code", path, false));
                }
                case REASSIGN -> {
                    only(o, path, "op", "cells", "to");
                    yield new Operation.Reassign(ids(o, "cells", path), ref(o.get("to"), path + ".to", i + 1));
                }
                case SPLIT -> {
                    only(o, path, "op", "unit", "line", "names");
                    yield new Operation.Split(ref(o.get("unit"), path + ".unit", i + 1), line(o, "line", path, lines), names(o, path));
                }
                case REDRAW -> {
                    only(o, path, "op", "units", "from", "to");
                    List<UnitRef> two = refs(o, "units", path, i + 1, 2);
                    if (two.size() != 2) throw new PlanInputException(path + ".units must name exactly the two neighbours whose border is redrawn");
                    yield new Operation.Redraw(two, line(o, "from", path, lines), line(o, "to", path, lines));
                }
                case REMOVE_LEVEL -> {
                    only(o, path, "op", "units", "level");
                    boolean hasUnits = o.has("units"), hasLevel = o.has("level");
                    if (hasUnits == hasLevel) throw new PlanInputException(path + " needs either units (the units to abolish) or level (all of that level), not both");
                    UnitLevel level = null;
                    if (hasLevel) {
                        String l = text(o, "level", path, true);
                        if (!l.equals("street") && !l.equals("district")) throw new PlanInputException(path + ".level must be \"street\" or \"district\"");
                        level = UnitLevel.of(l);
                    }
                    yield new Operation.RemoveLevel(hasUnits ? refs(o, "units", path, i + 1, 1) : List.of(), level);
                }
                case REGRID -> {
                    only(o, path, "op", "unit", "target");
                    yield new Operation.Regrid(ref(o.get("unit"), path + ".unit", i + 1), target(o.get("target"), path + ".target"));
                }
                case RENAME -> {
                    only(o, path, "op", "unit", "name", "code");
                    String name = text(o, "name", path, false), code = text(o, "code", path, false);
                    if (name == null && code == null) throw new PlanInputException(path + " needs a new name or a new code");
                    yield new Operation.Rename(ref(o.get("unit"), path + ".unit", i + 1), name, code);
                }
            });
        }
        return out;
    }

    /** A target {"basis":…, "min":…, "max":…}; null stays null. */
    public static Target target(JsonNode t, String path) {
        if (t == null || t.isNull()) return null;
        if (!t.isObject()) throw new PlanInputException(path + " must be an object {basis, min, max}");
        only(t, path, "basis", "min", "max");
        try {
            return new Target(text(t, "basis", path, true), whole(t, "min", path), whole(t, "max", path));
        } catch (PlanInputException e) {
            throw new PlanInputException(path + ": " + e.getMessage());
        }
    }

    public static ObjectNode write(Target t) {
        if (t == null) return null;
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("basis", t.basis());
        n.put("min", t.min());
        n.put("max", t.max());
        return n;
    }

    public static ArrayNode write(List<Operation> ops) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode out = f.arrayNode();
        for (Operation op : ops) {
            ObjectNode o = out.addObject();
            o.put("op", op.kind().code());
            if (op instanceof Operation.Merge m) {
                refs(o.putArray("units"), m.units());
                o.put("name", m.name());
                if (m.code() != null) o.put("code", m.code());
            } else if (op instanceof Operation.Reassign r) {
                ArrayNode a = o.putArray("cells");
                r.cells().forEach(a::add);
                ref(o, "to", r.to());
            } else if (op instanceof Operation.Split s) {
                ref(o, "unit", s.unit());
                o.set("line", line(s.line()));
                if (s.names() != null) {
                    ArrayNode a = o.putArray("names");
                    s.names().forEach(a::add);
                }
            } else if (op instanceof Operation.Redraw r) {
                refs(o.putArray("units"), r.units());
                o.set("from", line(r.from()));
                o.set("to", line(r.to()));
            } else if (op instanceof Operation.RemoveLevel r) {
                if (r.level() != null) o.put("level", r.level().code()); else refs(o.putArray("units"), r.units());
            } else if (op instanceof Operation.Regrid r) {
                ref(o, "unit", r.unit());
                o.set("target", write(r.target()));
            } else if (op instanceof Operation.Rename r) {
                ref(o, "unit", r.unit());
                if (r.name() != null) o.put("name", r.name());
                if (r.code() != null) o.put("code", r.code());
            }
        }
        return out;
    }

    /** The stored form's lines: written by {@link #write}, so only their shape is checked. */
    public static final LineReader STORED = (n, path) -> {
        JsonNode cs = n == null ? null : n.get("coordinates");
        if (cs == null || !cs.isArray() || cs.size() < 2) throw new PlanInputException(path + " must be a LineString");
        Coordinate[] pts = new Coordinate[cs.size()];
        for (int i = 0; i < cs.size(); i++) pts[i] = new Coordinate(cs.get(i).get(0).asDouble(), cs.get(i).get(1).asDouble());
        return Polygons.WGS84.createLineString(pts);
    };

    private static ObjectNode line(LineString l) {
        ObjectNode g = JsonNodeFactory.instance.objectNode();
        g.put("type", "LineString");
        ArrayNode cs = g.putArray("coordinates");
        for (Coordinate c : l.getCoordinates()) cs.addArray().add(c.x).add(c.y);
        return g;
    }

    private static void refs(ArrayNode a, List<UnitRef> refs) {
        for (UnitRef r : refs) {
            if (r instanceof UnitRef.Id id) a.add(id.id()); else a.add(r.toString());
        }
    }

    private static void ref(ObjectNode o, String field, UnitRef r) {
        if (r instanceof UnitRef.Id id) o.put(field, id.id()); else o.put(field, r.toString());
    }

    private static LineString line(JsonNode o, String field, String path, LineReader lines) {
        JsonNode g = o.get(field);
        if (g == null || g.isNull()) throw new PlanInputException(path + "." + field + " is required (a GeoJSON LineString)");
        LineString l = lines.read(g, path + "." + field);
        if (l.getNumPoints() < 2) throw new PlanInputException(path + "." + field + " needs at least two positions");
        return l;
    }

    private static List<String> names(JsonNode o, String path) {
        JsonNode a = o.get("names");
        if (a == null || a.isNull()) return null;
        if (!a.isArray() || a.size() > 20) throw new PlanInputException(path + ".names must be an array of at most 20 names");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual() || a.get(i).asText().isBlank()) throw new PlanInputException(path + ".names[" + i + "] must be a name");
            out.add(a.get(i).asText());
        }
        return out;
    }

    private static List<UnitRef> refs(JsonNode o, String field, String path, int self, int min) {
        JsonNode a = o.get(field);
        if (a == null || !a.isArray()) throw new PlanInputException(path + "." + field + " must be an array of units");
        if (a.size() < min) throw new PlanInputException(path + "." + field + " needs at least " + min + " unit" + (min > 1 ? "s" : ""));
        if (a.size() > MAX_LIST) throw new PlanInputException(path + "." + field + " has more than " + MAX_LIST + " units");
        List<UnitRef> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            UnitRef r = ref(a.get(i), path + "." + field + "[" + i + "]", self);
            if (!seen.add(r.toString())) throw new PlanInputException(path + "." + field + " names " + r + " twice");
            out.add(r);
        }
        return out;
    }

    static UnitRef ref(JsonNode n, String path, int self) {
        if (n == null || n.isNull()) throw new PlanInputException(path + " is required (a unit id, code or \"#k\")");
        if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() > 0) return new UnitRef.Id(n.asLong());
        if (n.isTextual()) {
            String s = n.asText();
            if (CODE.matcher(s).matches()) return new UnitRef.Code(s);
            Matcher m = MADE.matcher(s);
            if (m.matches()) {
                int op = Integer.parseInt(m.group(1));
                if (op >= self) throw new PlanInputException(path + " refers to operation " + op + ", which does not come before operation " + self);
                return new UnitRef.Made(op, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
            }
        }
        throw new PlanInputException(path + " must be a unit id, a unit code (6, 9 or 12 digits) or \"#k\" for the unit operation k made");
    }

    private static List<Long> ids(JsonNode o, String field, String path) {
        JsonNode a = o.get(field);
        if (a == null || !a.isArray() || a.isEmpty()) throw new PlanInputException(path + "." + field + " must be a non-empty array of ids");
        if (a.size() > MAX_LIST) throw new PlanInputException(path + "." + field + " has more than " + MAX_LIST + " ids");
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            JsonNode n = a.get(i);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1) throw new PlanInputException(path + "." + field + "[" + i + "] must be a positive id");
            if (!seen.add(n.asLong())) throw new PlanInputException(path + "." + field + " names cell " + n.asLong() + " twice");
            out.add(n.asLong());
        }
        return out;
    }

    private static String text(JsonNode o, String field, String path, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) throw new PlanInputException(path + "." + field + " is required");
            return null;
        }
        if (!n.isTextual()) throw new PlanInputException(path + "." + field + " must be text");
        return n.asText();
    }

    private static long whole(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) throw new PlanInputException(path + "." + field + " must be a whole number");
        return n.asLong();
    }

    private static void only(JsonNode o, String path, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (var it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) throw new PlanInputException(path + " has an unknown member '" + clip(f) + "'; allowed: " + String.join(", ", allowed));
        }
    }

    private static String clip(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }
}
