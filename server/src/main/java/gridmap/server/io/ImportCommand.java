package gridmap.server.io;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import gridmap.data.Database;
import gridmap.data.audit.Actor;
import gridmap.data.io.ImportException;
import gridmap.data.io.ImportOptions;
import gridmap.data.io.ImportProgress;
import gridmap.data.io.ImportReport;
import gridmap.data.io.ImportTarget;
import gridmap.data.io.Importer;
import gridmap.data.io.SupportedCrs;

/**
 * {@code ./gridmap import FILE --as units|cells|basins|projects|cases [--level L] [--parent CODE]
 * [--crs EPSG:n] [--encoding GBK] [--map code=ADCODE,…] [--gap-width m] [--effective-date D]
 * [--legal-ref TEXT] [--dry-run] [--report report.json]}: the import pipeline on the command
 * line, with a progress line on the terminal and a summary at the end. Exit status 0 when
 * imported (or the dry run found nothing wrong), 1 when refused, 2 on a usage error.
 */
public final class ImportCommand {
    static final String USAGE = "usage: gridmap import FILE --as " + String.join("|", ImportTarget.ids())
            + " [--level city|district|street|community] [--parent CODE] [--crs EPSG:n] [--encoding GBK] [--map code=FIELD,name=FIELD]"
            + " [--gap-width METRES] [--effective-date YYYY-MM-DD] [--legal-ref TEXT] [--dry-run] [--report report.json]";

    private ImportCommand() {}

    static final String HELP = """
              --as TARGET        what the file holds: units (administrative units), cells (grid cells), basins, projects, cases
              --level L          units only: city, district, street or community (default: from the codes' length)
              --parent CODE      the parent unit of every feature (default: by code prefix, else by containment)
              --crs EPSG:n       the file's coordinate system when it names none (or names a wrong one)
              --encoding NAME    attribute encoding, e.g. GBK (default: the .cpg, else UTF-8 or GB18030 by trying)
              --map a=B,c=D      target field a from the file's field B (default: well-known names such as code, adcode, name, 名称)
              --gap-width M      gaps between siblings narrower than M metres are closed (default 250)
              --effective-date D the date changed units take effect (default today)
              --legal-ref TEXT   the legal reference (文号) recorded with redrawn units
              --dry-run          check and report, write nothing
              --report FILE      write the full report as JSON
            """;

    public static int run(Database db, List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            out.print(HELP);
            return 0;
        }
        Path file;
        ImportOptions o;
        String reportPath;
        try {
            Args a = new Args(args);
            file = Path.of(a.positional());
            String as = a.required("--as");
            ImportTarget t = ImportTarget.byId(as).orElseThrow(() -> new IllegalArgumentException("--as must be one of " + String.join(", ", ImportTarget.ids())));
            String crs = a.value("--crs");
            String gap = a.value("--gap-width");
            String eff = a.value("--effective-date");
            o = new ImportOptions(t, a.value("--level"), a.value("--parent"), crs == null ? null : SupportedCrs.parse(crs), a.value("--encoding"),
                    ImportOptions.parseMapping(a.value("--map")), gap == null ? null : Double.parseDouble(gap),
                    eff == null ? null : LocalDate.parse(eff), a.flag("--dry-run"), a.value("--legal-ref"));
            reportPath = a.value("--report");
            a.noneLeft();
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        } catch (RuntimeException e) {
            err.println("gridmap import: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ImportProgress progress = new ImportProgress();
        Thread bar = progressBar(progress, err);
        ImportReport report;
        int status;
        Path work = null;
        try {
            work = Files.createTempDirectory("gridmap-import");
            report = new Importer(db.dataSource()).run(file, file.getFileName().toString(), o,
                    Actor.system("cli:" + System.getProperty("user.name", "?")), progress, work);
            status = 0;
        } catch (ImportException e) {
            report = e.report;
            stop(bar, err);
            err.println("gridmap import: " + e.getMessage());
            status = e.status == 400 || e.status == 415 ? 2 : 1;
        } catch (CancellationException e) {
            stop(bar, err);
            err.println("gridmap import: cancelled; nothing was written");
            return 1;
        } catch (Exception e) {
            stop(bar, err);
            err.println("gridmap import: failed: " + e);
            return 1;
        } finally {
            ImportJobs.delete(work);
        }
        stop(bar, err);
        if (report != null) {
            out.print(ReportText.summary(report));
            if (reportPath != null) {
                try {
                    Files.writeString(Path.of(reportPath), report.toJson());
                    out.println("report written to " + reportPath);
                } catch (java.io.IOException e) {
                    err.println("gridmap import: cannot write the report: " + e.getMessage());
                    return 1;
                }
            }
        }
        return status;
    }

    /** A line on the terminal, rewritten four times a second: phase, features read, rate, share done. */
    private static Thread progressBar(ImportProgress p, PrintStream err) {
        boolean tty = System.console() != null;
        Thread t = new Thread(() -> {
            long last = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(250);
                    ImportProgress.Snapshot s = p.snapshot();
                    long now = System.nanoTime();
                    if (!tty && now - last < 5_000_000_000L) continue; // a log file gets a line every 5 s
                    last = now;
                    err.print((tty ? "\r" : "") + line(s) + (tty ? "\u001b[K" : "\n"));
                    err.flush();
                }
            } catch (InterruptedException ignored) {
                // finished
            }
        }, "import-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String line(ImportProgress.Snapshot s) {
        double f = s.fraction();
        int width = 24;
        int filled = f < 0 ? 0 : (int) Math.round(f * width);
        String bar = f < 0 ? "" : "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + Math.round(f * 100) + "% ";
        return String.format(Locale.ROOT, "%-8s %s%,d features read, %,.0f features/s%s", s.phase().name().toLowerCase(Locale.ROOT), bar,
                s.featuresRead(), s.featuresPerSecond(), s.groupsTotal() > 0 ? String.format(Locale.ROOT, ", %d/%d groups cleaned", s.groupsDone(), s.groupsTotal()) : "");
    }

    private static void stop(Thread bar, PrintStream err) {
        if (!bar.isAlive()) return;
        bar.interrupt();
        try {
            bar.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (System.console() != null) err.print("\r\u001b[K");
    }
}
