package gridmap.server.io;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import gridmap.data.io.ImportOptions;
import gridmap.data.io.ImportTarget;
import gridmap.data.io.SupportedCrs;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;

/**
 * The options of an import as a client sends them — form fields of the upload, or members of a
 * JSON body that re-runs an earlier dry run — turned into {@link ImportOptions}. Unknown names
 * and malformed values are 400s that say what to send.
 */
final class ImportRequest {
    static final Set<String> FIELDS = Set.of("target", "level", "parent", "crs", "encoding", "map", "gap_width", "effective_date", "dry_run", "legal_ref");

    private ImportRequest() {}

    /** Options from the given fields; base (a dry run's options) fills what is not given, or null for none. */
    static ImportOptions options(Map<String, String> f, ImportOptions base) {
        for (String k : f.keySet()) {
            if (!FIELDS.contains(k)) throw ApiException.badRequest("unknown field '" + Params.clip(k) + "'; fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
        }
        String t = f.get("target");
        ImportTarget target = t != null ? ImportTarget.byId(t).orElseThrow(() -> ApiException.badRequest(
                "target must be one of " + String.join(", ", ImportTarget.ids()) + ", not '" + Params.clip(t) + "'"))
                : base != null ? base.target() : null;
        if (target == null) throw ApiException.badRequest("target is required (" + String.join(", ", ImportTarget.ids()) + ")");
        try {
            return new ImportOptions(target,
                    pick(f, "level", base == null ? null : base.level()),
                    pick(f, "parent", base == null ? null : base.parentCode()),
                    f.containsKey("crs") ? crs(f.get("crs")) : base == null ? null : base.crsEpsg(),
                    pick(f, "encoding", base == null ? null : base.encoding()),
                    f.containsKey("map") ? ImportOptions.parseMapping(f.get("map")) : base == null ? null : base.mapping(),
                    f.containsKey("gap_width") ? number(f.get("gap_width")) : base == null ? null : base.gapWidthM(),
                    f.containsKey("effective_date") ? date(f.get("effective_date")) : base == null ? null : base.effectiveDate(),
                    f.containsKey("dry_run") ? bool(f.get("dry_run")) : false,
                    pick(f, "legal_ref", base == null ? null : base.legalRef()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String pick(Map<String, String> f, String k, String dflt) {
        if (!f.containsKey(k)) return dflt;
        String v = f.get(k);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Integer crs(String v) {
        if (v == null || v.isBlank()) return null;
        return SupportedCrs.parse(v);
    }

    private static Double number(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gap_width must be a number of metres, not '" + Params.clip(v) + "'");
        }
    }

    private static LocalDate date(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            if (!v.trim().matches("\\d{4}-\\d{2}-\\d{2}")) throw new DateTimeParseException("format", v, 0);
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("effective_date must be a date YYYY-MM-DD, not '" + Params.clip(v) + "'");
        }
    }

    private static boolean bool(String v) {
        if ("true".equals(v)) return true;
        if ("false".equals(v) || v == null || v.isEmpty()) return false;
        throw new IllegalArgumentException("dry_run must be true or false, not '" + Params.clip(v) + "'");
    }
}
