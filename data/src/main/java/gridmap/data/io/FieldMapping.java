package gridmap.data.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which source field feeds which target field: explicit pairs first (--map code=ADCODE), then
 * each target field by its well-known names ({@link TargetField#matches}), case ignored. The
 * mapping used and the source fields left unused both go into the report.
 */
public record FieldMapping(Map<String, String> targetToSource, List<String> unmapped) {

    public static FieldMapping of(ImportTarget target, List<String> sourceFields, Map<String, String> explicit) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (TargetField f : target.fields) {
            String given = explicit.get(f.name());
            if (given != null) {
                String actual = sourceFields.stream().filter(s -> s.equals(given)).findFirst()
                        .or(() -> sourceFields.stream().filter(s -> s.equalsIgnoreCase(given)).findFirst())
                        .orElseThrow(() -> new ImportException(400, "--map " + f.name() + "=" + TargetField.clip(given)
                                + ": the file has no field '" + TargetField.clip(given) + "'; its fields: " + String.join(", ", sourceFields)));
                m.put(f.name(), actual);
                used.add(actual);
            }
        }
        for (TargetField f : target.fields) {
            if (m.containsKey(f.name())) continue;
            for (String s : sourceFields) {
                if (!used.contains(s) && f.matches(s)) {
                    m.put(f.name(), s);
                    used.add(s);
                    break;
                }
            }
        }
        List<String> unmapped = sourceFields.stream().filter(s -> !used.contains(s)).toList();
        return new FieldMapping(m, unmapped);
    }

    /** Required target fields with no source field. */
    public List<String> missing(ImportTarget target) {
        return target.fields.stream().filter(f -> f.required() && !targetToSource.containsKey(f.name())).map(TargetField::name).toList();
    }
}
