package gridmap.data.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;

import gridmap.geo.io.SiblingClean;

/**
 * The coverage check done while reading, for files that list siblings together (as exports and
 * most GIS files do): the features of one group (units of a parent, cells of a community) are
 * held until the group ends and checked then. When every group came whole and clean, the import
 * can skip the cleaning pass over the staged features altogether. A group that returns later in
 * the file, or one that is not clean, ends the check: the cleaning pass then does the work.
 * Memory: one group of geometries at a time.
 */
final class StreamCheck {
    private final double gapWidthM;
    private final List<Geometry> current = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private String key;
    private boolean usable = true;
    private int groups;

    StreamCheck(double gapWidthM) { this.gapWidthM = gapWidthM; }

    /** A staged feature's repaired geometry and the key of its group (null: the check cannot tell). */
    void add(String groupKey, Geometry g) {
        if (!usable) return;
        if (groupKey == null) { stop(); return; }
        if (!groupKey.equals(key)) {
            check();
            if (!usable) return;
            if (!seen.add(groupKey)) { stop(); return; } // the group comes back: it was not read whole
            key = groupKey;
        }
        current.add(g);
    }

    private void check() {
        if (key != null && !current.isEmpty()) {
            groups++;
            if (!SiblingClean.isCleanCoverage(current, gapWidthM)) stop(); // staged geometries are valid already
        }
        current.clear();
    }

    private void stop() {
        usable = false;
        current.clear();
    }

    /** After the last feature: whether every group was read whole and clean. */
    boolean allClean() {
        check();
        return usable;
    }

    int groups() { return groups; }
}
