package gridmap.data.io;

import java.time.LocalDate;
import java.util.Map;

/**
 * How to read a file and what to make of it. Null means "find out": level from the codes,
 * parent by code prefix or containment, CRS from the file, encoding from .cpg or by trying,
 * field mapping by well-known names, gap width the cleaner's default, effective date today.
 *
 * @param mapping explicit target field → source field, e.g. code=ADCODE
 * @param legalRef the legal reference (文号) of a re-import that redraws units
 */
public record ImportOptions(ImportTarget target, String level, String parentCode, Integer crsEpsg, String encoding,
                            Map<String, String> mapping, Double gapWidthM, LocalDate effectiveDate, boolean dryRun,
                            String legalRef) {
    public static final java.util.List<String> LEVELS = java.util.List.of("city", "district", "street", "community");

    public ImportOptions {
        if (target == null) throw new IllegalArgumentException("a target is required (--as " + String.join("|", ImportTarget.ids()) + ")");
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        if (level != null && !LEVELS.contains(level)) throw new IllegalArgumentException("level must be one of " + String.join(", ", LEVELS) + ", not '" + level + "'");
        if (level != null && target != ImportTarget.UNITS) throw new IllegalArgumentException("a level applies to units only");
        if (parentCode != null && !parentCode.matches("[0-9]{6}([0-9]{3}){0,2}")) throw new IllegalArgumentException("parent must be a unit code of 6, 9 or 12 digits, not '" + TargetField.clip(parentCode) + "'");
        if (parentCode != null && target != ImportTarget.UNITS && target != ImportTarget.CELLS) throw new IllegalArgumentException("a parent applies to units and cells only");
        if (gapWidthM != null && !(gapWidthM >= 0 && gapWidthM <= 10_000)) throw new IllegalArgumentException("gap width must be 0 to 10000 metres");
        if (encoding != null && !java.nio.charset.Charset.isSupported(encoding)) throw new IllegalArgumentException("unknown encoding '" + TargetField.clip(encoding) + "' (e.g. GBK, GB18030, UTF-8)");
        for (var e : mapping.entrySet()) {
            if (target.field(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("unknown field '" + TargetField.clip(e.getKey()) + "' in the mapping; " + target.id + " has "
                        + String.join(", ", target.fields.stream().map(TargetField::name).toList()));
            }
            if (e.getValue() == null || e.getValue().isBlank()) throw new IllegalArgumentException("the mapping of " + e.getKey() + " names no source field");
        }
        if (legalRef != null && legalRef.length() > 200) throw new IllegalArgumentException("legal reference is longer than 200 characters");
    }

    public static ImportOptions of(ImportTarget target) { return new ImportOptions(target, null, null, null, null, null, null, null, false, null); }

    public ImportOptions withDryRun(boolean d) { return new ImportOptions(target, level, parentCode, crsEpsg, encoding, mapping, gapWidthM, effectiveDate, d, legalRef); }

    public ImportOptions withCrs(Integer epsg) { return new ImportOptions(target, level, parentCode, epsg, encoding, mapping, gapWidthM, effectiveDate, dryRun, legalRef); }

    public ImportOptions withEffectiveDate(LocalDate d) { return new ImportOptions(target, level, parentCode, crsEpsg, encoding, mapping, gapWidthM, d, dryRun, legalRef); }

    public ImportOptions withLevel(String l) { return new ImportOptions(target, l, parentCode, crsEpsg, encoding, mapping, gapWidthM, effectiveDate, dryRun, legalRef); }

    public ImportOptions withEncoding(String e) { return new ImportOptions(target, level, parentCode, crsEpsg, e, mapping, gapWidthM, effectiveDate, dryRun, legalRef); }

    public ImportOptions withMapping(Map<String, String> m) { return new ImportOptions(target, level, parentCode, crsEpsg, encoding, m, gapWidthM, effectiveDate, dryRun, legalRef); }

    public ImportOptions withGapWidth(Double g) { return new ImportOptions(target, level, parentCode, crsEpsg, encoding, mapping, g, effectiveDate, dryRun, legalRef); }

    public ImportOptions withParent(String p) { return new ImportOptions(target, level, p, crsEpsg, encoding, mapping, gapWidthM, effectiveDate, dryRun, legalRef); }

    /** "code=ADCODE,name=XZQMC" as a map; throws IllegalArgumentException on a malformed pair. */
    public static Map<String, String> parseMapping(String s) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (s == null || s.isBlank()) return m;
        for (String pair : s.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) throw new IllegalArgumentException("mapping pairs are field=SOURCE_FIELD, not '" + TargetField.clip(pair) + "'");
            if (m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("field '" + pair.substring(0, eq).trim() + "' mapped twice");
            }
        }
        return m;
    }
}
