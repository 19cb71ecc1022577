package gridmap.data.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.locationtech.jts.geom.Geometry;

import gridmap.geo.io.SiblingClean;

/**
 * The coverage check done while reading, for files that list siblings together (as exports and
 * most GIS files do): the features of one group (units of a parent, cells of a community) are
 * held until the group ends and checked then. When every group came whole and clean, the import
 * can skip the cleaning pass over the staged features altogether. A group that returns later in
 * the file, or one that is not clean, ends the check: the cleaning pass then does the work.
 * <p>
 * A finished group is checked on a thread of its own while the reader parses the next ones: on a
 * file of small clean groups the check is half the reading's work, and the reading (and the
 * database's inserting) keeps the other core busy. The geometries are handed over: the reader
 * does not change them afterwards. Memory: the group being read and at most {@link #QUEUED}
 * finished ones waiting; when they are that many the reader checks the next group itself.
 */
final class StreamCheck {
    static final int QUEUED = 4;

    private final double gapWidthM;
    private final List<Geometry> current = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final AtomicBoolean groupsClean = new AtomicBoolean(true);
    private final ThreadPoolExecutor checker = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
            r -> {
                Thread t = new Thread(r, "import-coverage-check");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    private String key;
    private boolean usable = true;
    private int groups;
    private Boolean result;

    StreamCheck(double gapWidthM) {
        this.gapWidthM = gapWidthM;
        checker.allowCoreThreadTimeOut(true); // an import that fails midway leaves no thread behind
    }

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
        if (key != null && !current.isEmpty() && groupsClean.get()) {
            groups++;
            List<Geometry> group = List.copyOf(current);
            checker.execute(() -> {
                if (!groupsClean.get()) return;
                try {
                    if (!SiblingClean.isCleanCoverage(group, gapWidthM)) groupsClean.set(false); // staged geometries are valid already
                } catch (RuntimeException e) { // no proof of a clean coverage: the cleaning pass decides
                    groupsClean.set(false);
                }
            });
        }
        current.clear();
        if (!groupsClean.get()) stop();
    }

    private void stop() {
        usable = false;
        current.clear();
    }

    /** After the last feature: whether every group was read whole and clean (waits for the checks still running). */
    boolean allClean() {
        if (result != null) return result;
        if (usable) check();
        checker.shutdown();
        try {
            if (!checker.awaitTermination(1, TimeUnit.HOURS)) groupsClean.set(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            groupsClean.set(false);
        }
        result = usable && groupsClean.get();
        return result;
    }

    int groups() { return groups; }
}
