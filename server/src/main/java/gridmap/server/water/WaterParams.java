package gridmap.server.water;

import java.util.EnumSet;
import java.util.Set;

import gridmap.data.water.ProjectType;
import gridmap.geo.hydro.BasinNetwork;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;

/** The query parameters of the water routes, parsed strictly (plain decimals only: no NaN, hex or exponents). */
final class WaterParams {
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,9}(\\.\\d{1,17})?");

    private WaterParams() {}

    static double decimal(Params p, String name, Double dflt, double min, double max) {
        String v = p.string(name);
        if (v == null) {
            if (dflt == null) throw ApiException.badRequest(name + " is required");
            return dflt;
        }
        if (!DECIMAL.matcher(v).matches()) throw ApiException.badRequest(name + " must be a decimal number, not '" + Params.clip(v) + "'");
        double d = Double.parseDouble(v);
        if (d < min || d > max) throw ApiException.badRequest(name + " must be from " + min + " to " + max + ", not " + v);
        return d;
    }

    static double lon(Params p) { return decimal(p, "lon", null, -180, 180); }

    static double lat(Params p) { return decimal(p, "lat", null, -90, 90); }

    static BasinNetwork.Method method(Params p) {
        String v = p.string("method");
        if (v == null || v.equals("walk")) return BasinNetwork.Method.WALK;
        if (v.equals("pfafstetter")) return BasinNetwork.Method.PFAFSTETTER;
        throw ApiException.badRequest("method must be walk (follow next_down) or pfafstetter (decide by the codes)");
    }

    static boolean flag(Params p, String name, boolean dflt) {
        String v = p.string(name);
        if (v == null) return dflt;
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw ApiException.badRequest(name + " must be true or false");
    }

    static Integer level(Params p) {
        return p.string("level") == null ? null : p.intInRange("level", 1, 1, 30);
    }

    /** A comma-separated list of project types; none given: every type. */
    static Set<ProjectType> types(Params p) {
        String v = p.string("types");
        Set<ProjectType> out = EnumSet.noneOf(ProjectType.class);
        if (v == null || v.isEmpty()) return out;
        for (String t : v.split(",", -1)) {
            out.add(ProjectType.of(t).orElseThrow(() -> ApiException.badRequest("types: '" + Params.clip(t) + "' is not a project type; types are "
                    + String.join(", ", java.util.Arrays.stream(ProjectType.values()).map(ProjectType::code).toList()))));
        }
        return out;
    }
}
