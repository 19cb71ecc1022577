package gridmap.data.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What an import found and did, the same for a dry run and a real one: the source as detected
 * (format, CRS and its check, encoding), the field mapping used, every error and warning with
 * the feature it concerns, every repaired polygon (reason, location, area before and after), and
 * the coverage cleaning per parent (area moved in and out of each unit, where, gaps kept, units
 * that vanished). Geometries are GeoJSON in lon/lat; areas are m².
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ImportReport {
    /** Errors and warnings listed one by one up to this many; the counts stay exact. */
    public static final int MAX_LISTED = 500;
    /** Moved areas and gaps carry their geometry up to this many per report (then numbers only). */
    public static final int MAX_GEOMETRIES = 2000;

    public enum Outcome { COMMITTED, DRY_RUN, REFUSED, FAILED, CANCELLED }

    public Outcome outcome;
    public Source source = new Source();
    public String target;
    public Map<String, Object> options = new LinkedHashMap<>();
    /** target field → source field */
    public Map<String, String> mapping = new LinkedHashMap<>();
    public List<String> unmappedFields = new ArrayList<>();
    public final Counts counts = new Counts();
    public final List<Issue> errors = new ArrayList<>();
    public final List<Issue> warnings = new ArrayList<>();
    public final List<Repair> repairs = new ArrayList<>();
    public Cleaning cleaning;
    public Long changeEventId;
    public final Map<String, Double> seconds = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Source {
        public String name;
        public String sha256;
        public Long bytes;
        public String format;
        public List<String> layers;
        public Long featureCount;
        public Integer crsEpsg;
        public String crsName;
        /** file, option or default (lon/lat by the GeoJSON rule) */
        public String crsFrom;
        /** a known point carried to lon/lat and back: how far it lands from where it started, metres */
        public Double crsRoundTripM;
        /** the same point transformed by GDAL and by PostGIS (PROJ): how far apart, metres */
        public Double crsEnginesApartM;
        public String encoding;
        /** .cpg, option, detected (by trying), standard (the format is UTF-8 by definition) */
        public String encodingFrom;
        public List<String> fields;
        /** the first features as read (attributes and GeoJSON geometry), for a preview */
        public List<Map<String, Object>> sample;
    }

    /**
     * cleaned: features whose area the cleaning changed; renoded: stored units whose shape stayed
     * but which took a vertex a changed neighbour now shares (updated in place, no new version).
     */
    public static final class Counts {
        public long read, valid, repaired, cleaned, inserted, redrawn, updated, renoded, unchanged, errors, warnings;
    }

    /** feature: 1-based position in the file (null when the issue concerns the whole file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issue(Long feature, String code, String field, String message, double[] location) {}

    public record Repair(long feature, String code, String name, String reason, double[] location, double areaBeforeM2, double areaAfterM2) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Cleaning {
        public double gapWidthM;
        public int groups;
        public int groupsCleanAlready;
        public final List<Group> changed = new ArrayList<>();
    }

    /**
     * One parent (or basin level) whose children were not a clean coverage as they came and went
     * through the cleaner: units lists those that gained or lost area (all of them were re-noded,
     * so that neighbours share every vertex of their borders).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(String parent, String parentName, int members, List<Moved> units, List<Gap> gapsKept, List<String> vanished) {}

    /** existing: a unit already stored and not in the file, changed because its neighbours were. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Moved(String code, String name, boolean existing, double areaBeforeM2, double areaAfterM2, double movedInM2,
                        double movedOutM2, @JsonRawValue String movedIn, @JsonRawValue String movedOut) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Gap(double areaM2, double widthM, double[] location, @JsonRawValue String geometry) {}

    public void error(Long feature, String code, String field, String message) { error(feature, code, field, message, null); }

    public void error(Long feature, String code, String field, String message, double[] location) {
        counts.errors++;
        if (errors.size() < MAX_LISTED) errors.add(new Issue(feature, code, field, message, location));
    }

    public void warning(Long feature, String code, String field, String message) {
        counts.warnings++;
        if (warnings.size() < MAX_LISTED) warnings.add(new Issue(feature, code, field, message, null));
    }

    public boolean hasErrors() { return counts.errors > 0; }

    /** Forgets what reading found, for reading the file again another way (see DirectCells). */
    void restartReading() {
        counts.read = counts.valid = counts.repaired = counts.errors = counts.warnings = 0;
        errors.clear();
        warnings.clear();
        repairs.clear();
        source.sample = null;
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary for the audit trail: counts, source, outcome, no geometry and no lists. */
    public String summaryJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("file", source.name);
        m.put("sha256", source.sha256);
        m.put("bytes", source.bytes);
        m.put("format", source.format);
        m.put("crs", source.crsEpsg == null ? null : "EPSG:" + source.crsEpsg);
        m.put("target", target);
        m.put("options", options);
        m.put("mapping", mapping);
        m.put("counts", counts);
        m.put("repaired", repairs.size());
        if (cleaning != null) {
            m.put("cleaning", Map.of("gapWidthM", cleaning.gapWidthM, "groups", cleaning.groups,
                    "groupsChanged", cleaning.changed.size(),
                    "unitsChanged", cleaning.changed.stream().mapToInt(g -> g.units().size()).sum(),
                    "gapsKept", cleaning.changed.stream().mapToInt(g -> g.gapsKept().size()).sum()));
        }
        m.put("changeEventId", changeEventId);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
