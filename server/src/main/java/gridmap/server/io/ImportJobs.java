package gridmap.server.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gridmap.data.ConflictException;
import gridmap.data.io.ImportException;
import gridmap.data.io.ImportOptions;
import gridmap.data.io.ImportProgress;
import gridmap.data.io.ImportReport;
import gridmap.data.io.Importer;
import gridmap.data.audit.Actor;

/**
 * Import jobs: each runs the {@link Importer} on an uploaded file in a bounded pool (two at a
 * time, eight waiting), one per target at a time. A job's folder holds its upload and scratch
 * files; it is removed when the job is cancelled, fails or commits, and an hour after a dry run
 * (whose upload a confirming import reuses). Jobs live in memory: they are a view on a running
 * process, the audit log is the record.
 */
public final class ImportJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    /** Largest upload accepted (1 GiB). */
    public static final long MAX_UPLOAD_BYTES = 1L << 30;
    static final int WORKERS = 2;
    static final int WAITING = 8;
    /** How long a finished job (and a dry run's upload) is kept. */
    static final Duration KEEP = Duration.ofHours(1);

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** One import: who asked, what, its progress and, at the end, its report or the problem. */
    public static final class Job {
        public final String id = UUID.randomUUID().toString();
        public final long ownerId;
        public final String ownerName;
        public final String fileName;
        public final ImportOptions options;
        public final Instant createdAt = Instant.now();
        public final ImportProgress progress = new ImportProgress();
        final Path dir;
        final Path upload;
        final Actor actor;
        final CountDownLatch done = new CountDownLatch(1);
        Runnable task;
        volatile State state = State.QUEUED;
        volatile ImportReport report;
        volatile int problemStatus;
        volatile String problemDetail;
        volatile Instant finishedAt;
        /** The upload was handed to a job that imports it for real: not ours to delete. */
        volatile boolean handedOver;

        Job(long ownerId, String ownerName, Actor actor, Path dir, Path upload, String fileName, ImportOptions options) {
            this.ownerId = ownerId;
            this.ownerName = ownerName;
            this.actor = actor;
            this.dir = dir;
            this.upload = upload;
            this.fileName = fileName;
            this.options = options;
        }

        public State state() { return state; }

        public ImportReport report() { return report; }

        public int problemStatus() { return problemStatus; }

        public String problemDetail() { return problemDetail; }

        public Instant finishedAt() { return finishedAt; }

        boolean finished() { return state == State.SUCCEEDED || state == State.FAILED || state == State.CANCELLED; }
    }

    private final Importer importer;
    private final Path root;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING), r -> {
                Thread t = new Thread(r, "gridmap-import");
                t.setDaemon(true);
                return t;
            });

    /** Every instance's upload folder, so that what is left on disk can be counted (see {@link #foldersOnDisk}). */
    private static final java.util.Set<Path> ROOTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ImportJobs(Importer importer) {
        this.importer = importer;
        try {
            this.root = Files.createTempDirectory("gridmap-imports");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ROOTS.add(root);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close)); // uploads do not outlive the server
    }

    /** Job folders (uploads, scratch files) on disk in this process: none once every job is finished or cancelled, bar kept dry runs. */
    public static long foldersOnDisk() throws IOException {
        long n = 0;
        for (Path r : ROOTS) {
            if (!Files.exists(r)) continue;
            try (var s = Files.list(r)) {
                n += s.count();
            }
        }
        return n;
    }

    /** A new folder for an upload; the caller hands it to {@link #submit} or removes it. */
    public Path newUploadDir() throws IOException { return Files.createDirectory(root.resolve(UUID.randomUUID().toString())); }

    /**
     * Starts a job on an uploaded file (in a folder from {@link #newUploadDir}). 409 when an import of
     * the same target is queued or running; 503 when the pool is full. On refusal the folder is removed.
     */
    public synchronized Job submit(long ownerId, String ownerName, Actor actor, Path dir, Path upload, String fileName, ImportOptions o) {
        expire();
        for (Job j : jobs.values()) {
            if (!j.finished() && j.options.target() == o.target()) {
                delete(dir);
                throw new ConflictException("an import of " + o.target().id + " is running (job " + j.id + "); try again when it has finished");
            }
        }
        Job job = new Job(ownerId, ownerName, actor, dir, upload, fileName, o);
        job.task = () -> run(job);
        jobs.put(job.id, job);
        try {
            pool.execute(job.task);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id);
            delete(dir);
            throw new ImportException(503, "the server is busy with " + (WORKERS + WAITING) + " imports; try again in a while");
        }
        return job;
    }

    /** A new job that imports a finished dry run's upload with the given options (usually the same, for real). */
    public synchronized Job resubmit(Job dryRun, long ownerId, String ownerName, Actor actor, ImportOptions o) {
        if (dryRun.state != State.SUCCEEDED && dryRun.state != State.FAILED || !dryRun.options.dryRun() || dryRun.handedOver
                || !Files.exists(dryRun.upload)) {
            throw new ImportException(409, "job " + dryRun.id + " has no upload to import again (only a finished dry run keeps its file, for "
                    + KEEP.toMinutes() + " minutes); upload the file again");
        }
        Job job = submit(ownerId, ownerName, actor, dryRun.dir, dryRun.upload, dryRun.fileName, o);
        dryRun.handedOver = true;
        return job;
    }

    private void run(Job j) {
        if (j.progress.isCancelled()) {
            finish(j, State.CANCELLED);
            return;
        }
        j.state = State.RUNNING;
        Path work = j.dir.resolve("work-" + j.id);
        try {
            Files.createDirectories(work);
            j.report = importer.run(j.upload, j.fileName, j.options, j.actor, j.progress, work);
            finish(j, State.SUCCEEDED);
        } catch (ImportException e) {
            j.report = e.report;
            j.problemStatus = e.status;
            j.problemDetail = e.getMessage();
            finish(j, State.FAILED);
        } catch (CancellationException e) {
            finish(j, State.CANCELLED);
        } catch (Exception | Error e) {
            LOG.error("import job {} ({}) failed", j.id, j.fileName, e);
            j.problemStatus = 500;
            j.problemDetail = "the import failed on the server; the error was logged with job id " + j.id;
            finish(j, State.FAILED);
        } finally {
            delete(work);
        }
    }

    private void finish(Job j, State s) {
        // a dry run's upload waits for a confirming import; everything else goes now, before the
        // job says it has finished (whoever sees that may rely on the files being gone)
        if (!(j.options.dryRun() && s == State.SUCCEEDED) && !j.handedOver) delete(j.dir);
        j.finishedAt = Instant.now();
        j.state = s;
        j.done.countDown();
    }

    public Optional<Job> get(String id) { return Optional.ofNullable(jobs.get(id)); }

    /**
     * Cancels a job and forgets it: a queued or running import stops and rolls back (waited for up
     * to a minute), and its files are removed.
     */
    public void cancel(Job j) throws InterruptedException {
        j.progress.cancel();
        if (pool.remove(j.task)) finish(j, State.CANCELLED); // it was still waiting
        j.done.await(60, TimeUnit.SECONDS);
        jobs.remove(j.id);
        if (!j.handedOver) delete(j.dir);
    }

    /** Forgets finished jobs older than {@link #KEEP}, with their files. */
    synchronized void expire() {
        Instant limit = Instant.now().minus(KEEP);
        for (Job j : jobs.values()) {
            if (j.finished() && j.finishedAt != null && j.finishedAt.isBefore(limit)) {
                jobs.remove(j.id);
                if (!j.handedOver) delete(j.dir);
            }
        }
    }

    static void delete(Path p) {
        if (p == null || !Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.getMessage());
        }
    }

    /** The folder the uploads live in (for tests: nothing may be left behind). */
    public Path root() { return root; }

    @Override
    public void close() {
        pool.shutdownNow();
        for (Job j : jobs.values()) j.progress.cancel();
        delete(root);
    }
}
