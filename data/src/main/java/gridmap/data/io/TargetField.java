package gridmap.data.io;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** One field an import target understands: its name, whether a file must supply it, how its values are read. */
public record TargetField(String name, boolean required, Type type, List<String> aliases, List<String> allowed) {
    public enum Type { TEXT, INTEGER, NUMBER, DATE, TIMESTAMP, ONE_OF }

    static TargetField text(String name, boolean required, String... aliases) {
        return new TargetField(name, required, Type.TEXT, List.of(aliases), List.of());
    }

    static TargetField integer(String name, String... aliases) {
        return new TargetField(name, false, Type.INTEGER, List.of(aliases), List.of());
    }

    static TargetField number(String name, String... aliases) {
        return new TargetField(name, false, Type.NUMBER, List.of(aliases), List.of());
    }

    static TargetField date(String name, String... aliases) {
        return new TargetField(name, false, Type.DATE, List.of(aliases), List.of());
    }

    static TargetField timestamp(String name, boolean required, String... aliases) {
        return new TargetField(name, required, Type.TIMESTAMP, List.of(aliases), List.of());
    }

    static TargetField oneOf(String name, boolean required, List<String> allowed, String... aliases) {
        return new TargetField(name, required, Type.ONE_OF, List.of(aliases), allowed);
    }

    /** Whether a source field of this name stands for this field: the name itself, an alias, or either cut for a shapefile. */
    public boolean matches(String sourceField) {
        String s = sourceField.toLowerCase(Locale.ROOT);
        if (s.equals(name) || s.equals(ShapefileNames.cut(name))) return true;
        for (String a : aliases) {
            String al = a.toLowerCase(Locale.ROOT);
            if (s.equals(al) || s.equals(ShapefileNames.cut(al))) return true;
        }
        return false;
    }

    /**
     * The value as text in its canonical form (numbers without a spurious ".0", timestamps in
     * ISO 8601 with an offset), or throws IllegalArgumentException with a message for the report.
     * Blank values are null.
     */
    public String normalise(Object raw) {
        if (raw == null) return null;
        String v = raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : raw.toString().trim();
        if (v.isEmpty()) return null;
        switch (type) {
            case INTEGER -> {
                try {
                    double d = Double.parseDouble(v);
                    if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) throw new NumberFormatException();
                    return Long.toString((long) d);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be a whole number ≥ 0, not '" + clip(v) + "'");
                }
            }
            case NUMBER -> {
                try {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) throw new NumberFormatException();
                    return v;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be a number, not '" + clip(v) + "'");
                }
            }
            case DATE -> { return date(v); }
            case TIMESTAMP -> { return timestamp(v); }
            case ONE_OF -> {
                if (!allowed.contains(v)) throw new IllegalArgumentException(name + " '" + clip(v) + "' is not one of " + String.join(", ", allowed));
                return v;
            }
            default -> {
                if (v.indexOf('\0') >= 0) throw new IllegalArgumentException(name + " contains a NUL character");
                return v;
            }
        }
    }

    /**
     * A calendar date as YYYY-MM-DD: from an ISO or slashed date, the date part of a date-time
     * (GDAL writes shapefile dates so), or a bare year (a register that only keeps the year: 1 January).
     */
    private String date(String v) {
        String s = v.replace('/', '-');
        try {
            if (s.matches("\\d{4}")) return LocalDate.of(Integer.parseInt(s), 1, 1).toString();
            if (s.matches("\\d{4}-\\d{1,2}-\\d{1,2}([ T].*)?")) {
                String[] p = s.split("[ T]")[0].split("-");
                return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])).toString();
            }
        } catch (java.time.DateTimeException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException(name + " must be a date like 2024-03-05 (or a year), not '" + clip(v) + "'");
    }

    /** ISO timestamps with or without an offset (China time assumed without), or plain dates; also GDAL's "2024/03/05 10:00:00+08". */
    private String timestamp(String v) {
        String s = v.replace('/', '-');
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.ofHours(8)).toString();
            s = s.replace(' ', 'T');
            if (s.matches(".*[+-]\\d{2}$")) s = s + ":00";
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$")) return OffsetDateTime.parse(s).toString();
            return java.time.LocalDateTime.parse(s).atOffset(ZoneOffset.ofHours(8)).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date-time like 2024-03-05T10:00:00+08:00, not '" + clip(v) + "'");
        }
    }

    static String clip(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }
}
