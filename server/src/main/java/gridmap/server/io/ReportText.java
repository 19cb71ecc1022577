package gridmap.server.io;

import java.util.Locale;
import java.util.stream.Collectors;

import gridmap.data.io.ImportReport;

/** An import report as a few readable lines for the terminal; the JSON (--report) has everything. */
final class ReportText {
    /** Lists longer than this are cut, with a count of the rest. */
    static final int LINES = 20;

    private ReportText() {}

    static String summary(ImportReport r) {
        StringBuilder sb = new StringBuilder();
        ImportReport.Counts n = r.counts;
        String what = switch (r.outcome) {
            case COMMITTED -> "Imported";
            case DRY_RUN -> "Dry run (nothing written) of";
            case REFUSED -> "Refused: nothing imported from";
            default -> r.outcome.name().toLowerCase(Locale.ROOT) + ":";
        };
        ImportReport.Source s = r.source;
        double secs = r.seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        String crsFrom = switch (String.valueOf(s.crsFrom)) {
            case "file" -> "named by the file";
            case "option" -> "from --crs";
            default -> "none in the file: lon/lat assumed";
        };
        sb.append(String.format(Locale.ROOT, "%s %s as %s (%s; EPSG:%s, %s%s), %.1f s%n", what, s.name, r.target, s.format, s.crsEpsg,
                crsFrom, s.encoding == null ? "" : "; " + s.encoding + ", " + encodingFrom(s.encodingFrom), secs));
        if (s.crsRoundTripM != null) sb.append(String.format(Locale.ROOT, "  coordinate check: a point to lon/lat and back lands %.4f m away%n", s.crsRoundTripM));
        sb.append(String.format(Locale.ROOT, "  read %d, valid %d, repaired %d, moved by cleaning %d; inserted %d, redrawn %d, updated %d%s, unchanged %d%n",
                n.read, n.valid, n.repaired, n.cleaned, n.inserted, n.redrawn, n.updated, n.renoded == 0 ? "" : ", re-noded " + n.renoded, n.unchanged));
        if (!r.mapping.isEmpty()) {
            sb.append("  fields: ").append(r.mapping.entrySet().stream().map(e -> e.getKey() + " <- " + e.getValue()).collect(Collectors.joining(", ")));
            if (!r.unmappedFields.isEmpty()) sb.append(" (not used: ").append(String.join(", ", r.unmappedFields)).append(')');
            sb.append('\n');
        }
        if (!r.repairs.isEmpty()) {
            sb.append("  repaired ").append(r.repairs.size()).append(" invalid polygons (reason at lon, lat; area before -> after):\n");
            r.repairs.stream().limit(LINES).forEach(p -> sb.append(String.format(Locale.ROOT, "    #%d %s %s: %s at %.5f, %.5f; %,.0f -> %,.0f m²%n",
                    p.feature(), p.code(), p.name() == null ? "" : p.name(), p.reason(), p.location()[0], p.location()[1], p.areaBeforeM2(), p.areaAfterM2())));
            more(sb, r.repairs.size());
        }
        if (r.cleaning != null) {
            sb.append(String.format(Locale.ROOT, "  coverage cleaning (gaps up to %.0f m closed): %d groups, %d clean as they came, %d cleaned%n",
                    r.cleaning.gapWidthM, r.cleaning.groups, r.cleaning.groupsCleanAlready, r.cleaning.changed.size()));
            for (ImportReport.Group g : r.cleaning.changed.stream().limit(LINES).toList()) {
                sb.append("    ").append(g.parentName() == null ? "top level" : g.parentName() + " " + g.parent()).append(": ");
                sb.append(g.units().isEmpty() ? "shared borders re-noded, no area moved" : g.units().stream()
                        .map(m -> String.format(Locale.ROOT, "%s %s +%,.0f/-%,.0f m²", m.code(), m.name() == null ? "" : m.name(), m.movedInM2(), m.movedOutM2()))
                        .collect(Collectors.joining("; ")));
                if (!g.gapsKept().isEmpty()) sb.append("; ").append(g.gapsKept().size()).append(" wider gaps kept");
                if (!g.vanished().isEmpty()) sb.append("; vanished: ").append(String.join(", ", g.vanished()));
                sb.append('\n');
            }
            more(sb, r.cleaning.changed.size());
        }
        issues(sb, "errors", n.errors, r.errors);
        issues(sb, "warnings", n.warnings, r.warnings);
        if (r.changeEventId != null) sb.append("  change event ").append(r.changeEventId).append(" (redraw) records the new versions and their lineage\n");
        return sb.toString();
    }

    private static String encodingFrom(String from) {
        return switch (String.valueOf(from)) {
            case ".cpg" -> "named by the .cpg";
            case "option" -> "from --encoding";
            case "detected" -> "detected by trying";
            case "standard" -> "as the format requires";
            default -> from;
        };
    }

    private static void issues(StringBuilder sb, String title, long count, java.util.List<ImportReport.Issue> list) {
        if (count == 0) return;
        sb.append("  ").append(title).append(" (").append(count).append("):\n");
        for (ImportReport.Issue i : list.stream().limit(LINES).toList()) {
            sb.append("    ").append(i.feature() == null ? "" : "#" + i.feature() + " ").append(i.code() == null ? "" : i.code() + " ")
              .append(i.field() == null ? "" : "[" + i.field() + "] ").append(i.message()).append('\n');
        }
        more(sb, count);
    }

    private static void more(StringBuilder sb, long total) {
        if (total > LINES) sb.append("    … and ").append(total - LINES).append(" more (--report FILE writes them all)\n");
    }

}
