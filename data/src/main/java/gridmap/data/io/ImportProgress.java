package gridmap.data.io;

import java.util.concurrent.CancellationException;

/**
 * Where a running import is, for a progress bar (CLI) or a job status (HTTP), and the way to
 * cancel it. Written by the import's thread, read by any other; cancel() may come from any thread
 * and takes effect at the next feature or statement (the running statement is cancelled too).
 */
public final class ImportProgress {
    /** READ_AGAIN: the file is read a second time, through the stage (see DirectCells). */
    public enum Phase { QUEUED, DETECT, READ, READ_AGAIN, VALIDATE, CLEAN, WRITE, DONE }

    private volatile Phase phase = Phase.QUEUED;
    private volatile long featuresRead;
    private volatile long featuresTotal = -1;
    private volatile long groupsDone;
    private volatile long groupsTotal = -1;
    private volatile long startedNanos = System.nanoTime();
    private volatile long readStartedNanos;
    private volatile long readEndedNanos;
    private volatile boolean cancelled;
    private volatile ImportReport report;
    private final java.util.List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();

    public record Snapshot(Phase phase, long featuresRead, long featuresTotal, double featuresPerSecond,
                           long groupsDone, long groupsTotal, double seconds) {
        /** 0..1 when it can be told, else -1. */
        public double fraction() {
            return switch (phase) {
                case READ, READ_AGAIN -> featuresTotal > 0 ? Math.min(1, (double) featuresRead / featuresTotal) : -1;
                case CLEAN -> groupsTotal > 0 ? Math.min(1, (double) groupsDone / groupsTotal) : -1;
                case DONE -> 1;
                default -> -1;
            };
        }
    }

    public Snapshot snapshot() {
        long now = System.nanoTime();
        long readEnd = readEndedNanos != 0 ? readEndedNanos : now;
        double readSecs = readStartedNanos == 0 ? 0 : (readEnd - readStartedNanos) / 1e9;
        return new Snapshot(phase, featuresRead, featuresTotal, readSecs > 0 ? featuresRead / readSecs : 0,
                groupsDone, groupsTotal, (now - startedNanos) / 1e9);
    }

    void phase(Phase p) {
        checkCancelled();
        if (reading() && p != Phase.READ && p != Phase.READ_AGAIN) readEndedNanos = System.nanoTime(); // the rate is the reading's
        phase = p;
        if (p == Phase.READ) readStartedNanos = System.nanoTime();
        if (p == Phase.DETECT) startedNanos = System.nanoTime();
    }

    void featureRead() {
        featuresRead++;
        if (cancelled) throw new CancellationException("the import was cancelled");
    }

    void featuresTotal(long n) { featuresTotal = n; }

    /** The file is read again from its start (see DirectCells). */
    void restartReading() {
        phase = Phase.READ_AGAIN;
        featuresRead = 0;
        readStartedNanos = System.nanoTime();
    }

    void groups(long done, long total) {
        groupsDone = done;
        groupsTotal = total;
        checkCancelled();
    }

    private boolean reading() { return phase == Phase.READ || phase == Phase.READ_AGAIN; }

    void finished() {
        if (reading()) readEndedNanos = System.nanoTime();
        phase = Phase.DONE;
    }

    public Phase phase() { return phase; }

    /**
     * The report as it fills, for a status page: its source (format, CRS, encoding, fields, the
     * first features) and mapping are complete once read begins; the rest only when the import ends.
     */
    public ImportReport liveReport() { return report; }

    void report(ImportReport r) { report = r; }

    public boolean isCancelled() { return cancelled; }

    /** Asks the import to stop; it rolls back and removes its temporary files. */
    public void cancel() {
        cancelled = true;
        for (Runnable r : onCancel) r.run();
    }

    /** What to do on cancel besides setting the flag (cancel the running SQL statement, stop ogr2ogr); closing the handle forgets it. */
    Registration onCancel(Runnable r) {
        onCancel.add(r);
        if (cancelled) r.run();
        return () -> onCancel.remove(r);
    }

    /** A cancel action, forgotten when closed. */
    interface Registration extends AutoCloseable {
        @Override void close();
    }

    void checkCancelled() {
        if (cancelled) throw new CancellationException("the import was cancelled");
    }
}
