package gridmap.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import javax.sql.DataSource;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.postgresql.PGConnection;

import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;
import gridmap.geo.GeometryRepair;
import gridmap.geo.Polygons;
import gridmap.geo.coverage.CoverageClean;
import gridmap.geo.io.GeometryScreen;
import gridmap.geo.io.SameShape;
import gridmap.geo.io.SiblingClean;

/**
 * The import pipeline, the same for the CLI, the HTTP jobs and the UI: detect (format, CRS,
 * encoding), read (each feature mapped, checked, repaired, and staged through COPY), validate
 * (duplicates, references), clean (siblings into a valid coverage, once), write (new rows, new
 * versions with lineage, unchanged rows left alone) and audit — all in one transaction, committed
 * only when nothing is wrong and this is not a dry run. Memory holds one feature while reading
 * and one group of siblings while cleaning, whatever the size of the file.
 */
public final class Importer {
    /** Features whose attributes and geometry the report shows as a preview. */
    static final int SAMPLE = 5;
    /** Stored and imported geometries closer than this (degrees, vertex by vertex) count as unchanged. */
    static final double SAME_GEOMETRY_DEG = 1e-9;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DataSource ds;

    public Importer(DataSource ds) { this.ds = ds; }

    /**
     * Imports file (called name for people) and returns the report; throws {@link ImportException}
     * (with the report when there is one) when the import is refused, CancellationException when
     * cancelled. Either way nothing has been written. workDir is scratch space the caller removes.
     */
    public ImportReport run(Path file, String name, ImportOptions o, Actor actor, ImportProgress progress, Path workDir)
            throws IOException, SQLException {
        ImportReport r = new ImportReport();
        r.target = o.target().id;
        r.options = optionsForReport(o);
        r.source.name = name;
        progress.report(r);
        try {
            progress.phase(ImportProgress.Phase.DETECT);
            long t0 = System.nanoTime();
            r.source.bytes = Files.size(file);
            r.source.sha256 = sha256(file, progress);
            ImportSource src = ImportSource.open(file, name, o, workDir);
            describe(r, src);
            LocalDate eff = o.effectiveDate() != null ? o.effectiveDate() : LocalDate.now(CHINA);
            ImportContext ctx = new ImportContext(o, src, r, actor, eff, name, r.source.sha256);
            r.seconds.put("detect", secs(t0));
            run(ctx, TargetWriter.of(o.target()), progress);
            return r;
        } catch (ImportException e) {
            if (r.outcome == null) r.outcome = ImportReport.Outcome.REFUSED;
            throw e.report == null ? new ImportException(e.status, e.getMessage(), r) : e;
        } catch (CancellationException e) {
            r.outcome = ImportReport.Outcome.CANCELLED;
            throw e;
        } finally {
            progress.finished();
        }
    }

    private static Map<String, Object> optionsForReport(ImportOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o.level() != null) m.put("level", o.level());
        if (o.parentCode() != null) m.put("parent", o.parentCode());
        if (o.crsEpsg() != null) m.put("crs", "EPSG:" + o.crsEpsg());
        if (o.encoding() != null) m.put("encoding", o.encoding());
        if (!o.mapping().isEmpty()) m.put("map", o.mapping());
        m.put("gapWidthM", o.gapWidthM() != null ? o.gapWidthM() : CoverageClean.DEFAULT_GAP_WIDTH_M);
        if (o.effectiveDate() != null) m.put("effectiveDate", o.effectiveDate().toString());
        if (o.legalRef() != null) m.put("legalRef", o.legalRef());
        m.put("dryRun", o.dryRun());
        return m;
    }

    private static void describe(ImportReport r, ImportSource src) {
        r.source.format = src.format.title + (src.zipped ? " (zipped)" : "");
        r.source.layers = src.layers;
        r.source.featureCount = src.featureCount;
        r.source.crsEpsg = src.epsg;
        r.source.crsName = src.crsName;
        r.source.crsFrom = src.crsFrom;
        r.source.encoding = src.encoding;
        r.source.encodingFrom = src.encodingFrom;
        r.source.fields = src.fields;
    }

    private void run(ImportContext ctx, TargetWriter w, ImportProgress progress) throws IOException, SQLException {
        ImportReport r = ctx.report;
        boolean committed = false;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ctx.c = c;
            PGConnection pg = c.unwrap(PGConnection.class);
            try (var cancelSql = progress.onCancel(() -> {
                try {
                    pg.cancelQuery();
                } catch (SQLException ignored) {
                    // the import notices the flag at its next step
                }
            })) {
                lockTarget(ctx);
                Staging.create(c);

                long t = System.nanoTime();
                progress.phase(ImportProgress.Phase.READ);
                if (ctx.source.featureCount != null) progress.featuresTotal(ctx.source.featureCount);
                StreamCheck asRead = w.target.cleaned ? new StreamCheck(gapWidth(ctx)) : null;
                boolean direct = false;
                double[] firstPoint = null;
                if (w instanceof CellWriter) {
                    Savepoint before = c.setSavepoint();
                    try {
                        firstPoint = read(ctx, w, progress, asRead, new DirectCells(ctx));
                        if (!asRead.allClean()) throw new DirectCells.NotDirect("a community was not read whole and clean");
                        direct = true;
                    } catch (DirectCells.NotDirect e) {
                        c.rollback(before);
                        r.restartReading();
                        progress.restartReading();
                        asRead = new StreamCheck(gapWidth(ctx));
                    }
                }
                if (!direct) firstPoint = read(ctx, w, progress, asRead, new StageSink(ctx));
                r.seconds.put("read", secs(t));
                if (ctx.source.transformed() && firstPoint != null) checkCrs(ctx, firstPoint);

                if (direct) {
                    r.counts.inserted = r.counts.valid;
                    settledWhileReading(ctx, asRead);
                } else {
                    validateAndClean(ctx, w, progress, asRead);
                }

                t = System.nanoTime();
                progress.phase(ImportProgress.Phase.WRITE);
                if (!direct) w.write(ctx); // the direct way wrote while reading
                refuseOnErrors(r);
                if (ctx.options.dryRun()) {
                    r.outcome = ImportReport.Outcome.DRY_RUN;
                    c.rollback();
                } else {
                    r.outcome = ImportReport.Outcome.COMMITTED;
                    AuditLog.write(c, ctx.actor, "import." + w.target.id, "import", r.changeEventId == null ? null : "change_event:" + r.changeEventId,
                            null, r.summaryJson());
                    c.commit();
                    committed = true;
                }
                r.seconds.put("write", secs(t));
            } catch (SQLException e) {
                if (progress.isCancelled() || "57014".equals(e.getSQLState())) throw new CancellationException("the import was cancelled");
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) throw refusedByDatabase(r, e);
                throw e;
            } finally {
                if (!committed) c.rollback();
            }
        }
    }

    /** The staged way after reading: duplicates and references in SQL, then the cleaning unless the check while reading settled it. */
    private static void validateAndClean(ImportContext ctx, TargetWriter w, ImportProgress progress, StreamCheck asRead) throws SQLException {
        ImportReport r = ctx.report;
        long t = System.nanoTime();
        progress.phase(ImportProgress.Phase.VALIDATE);
        Staging.analyze(ctx.c);
        ctx.errorsFrom("""
                SELECT min(n), code, 'code ' || code || ' appears ' || count(*) || ' times (features '
                       || string_agg(n::text, ', ' ORDER BY n) || ')'
                FROM import_stage GROUP BY code HAVING count(*) > 1 ORDER BY 1""", "code");
        w.resolve(ctx);
        Staging.reanalyze(ctx);
        r.seconds.put("validate", secs(t));
        refuseOnErrors(r);

        if (w.target.cleaned) {
            t = System.nanoTime();
            progress.phase(ImportProgress.Phase.CLEAN);
            if (asRead.allClean() && cleanAsRead(ctx, w)) {
                settledWhileReading(ctx, asRead);
            } else {
                clean(ctx, w, progress);
            }
            r.seconds.put("clean", secs(t));
            refuseOnErrors(r);
        }
    }

    /** Every group was whole in the file and already a clean coverage, with no stored sibling: nothing to redo. */
    private static void settledWhileReading(ImportContext ctx, StreamCheck asRead) {
        ImportReport.Cleaning k = new ImportReport.Cleaning();
        k.gapWidthM = gapWidth(ctx);
        k.groups = asRead.groups();
        k.groupsCleanAlready = asRead.groups();
        ctx.report.cleaning = k;
    }

    /**
     * A row the database refuses although the import's own checks passed it (a constraint they do
     * not know, or a geometry GEOS judges invalid where JTS did not): the file is refused as any
     * other, naming the rule but not the row, whose text may hold a whole geometry or personal data.
     */
    private static ImportException refusedByDatabase(ImportReport r, SQLException e) {
        org.postgresql.util.ServerErrorMessage m = e instanceof org.postgresql.util.PSQLException p ? p.getServerErrorMessage() : null;
        String rule = m == null || m.getConstraint() == null ? "an integrity rule" : "the rule " + m.getConstraint();
        String table = m == null || m.getTable() == null ? "a table" : m.getTable();
        String message = "the database refused a row for " + table + " by " + rule + ", which the import's checks did not catch"
                + (m != null && m.getConstraint() != null && m.getConstraint().endsWith("_geom_check")
                        ? " (PostGIS finds a geometry invalid that JTS accepted: check the file's geometries with ST_IsValidReason)" : "");
        r.error(null, null, "database", message);
        r.outcome = ImportReport.Outcome.REFUSED;
        return new ImportException(422, message + "; nothing was imported", r);
    }

    private static void refuseOnErrors(ImportReport r) {
        if (!r.hasErrors()) return;
        r.outcome = ImportReport.Outcome.REFUSED;
        ImportReport.Issue first = r.errors.get(0);
        throw new ImportException(422, r.counts.errors + (r.counts.errors == 1 ? " problem" : " problems") + " in the file; nothing was imported. First: "
                + (first.feature() == null ? "" : "feature " + first.feature() + (first.code() == null ? "" : " (" + first.code() + ")") + ": ")
                + first.message(), r);
    }

    /** One import per target at a time, across servers and the CLI: a transaction-scoped advisory lock. */
    private static void lockTarget(ImportContext ctx) throws SQLException {
        if (ctx.count("SELECT CASE WHEN pg_try_advisory_xact_lock(hashtext('gridmap.import'), ?) THEN 1 ELSE 0 END",
                ctx.options.target().ordinal()) == 0) {
            throw new ImportException(409, "an import of " + ctx.options.target().id + " is running; try again when it has finished");
        }
    }

    private static void checkCrs(ImportContext ctx, double[] p) throws SQLException {
        CrsCheck.Result cr = CrsCheck.check(ctx.c, ctx.source.epsg, p[0], p[1]);
        ctx.report.source.crsRoundTripM = cr.roundTripM();
        ctx.report.source.crsEnginesApartM = cr.enginesApartM();
        if (!cr.ok()) {
            ctx.report.error(null, null, "crs", String.format("the transformation from EPSG:%d is not reliable here: a point carried to lon/lat and back"
                    + " lands %.3f m away (GDAL and PostGIS %.3f m apart); check the coordinate system", ctx.source.epsg, cr.roundTripM(), cr.enginesApartM()));
        }
    }

    private static double gapWidth(ImportContext ctx) {
        return ctx.options.gapWidthM() != null ? ctx.options.gapWidthM() : CoverageClean.DEFAULT_GAP_WIDTH_M;
    }

    /**
     * Whether the check while reading settles the cleaning: each feature's group is the one its
     * key named (not found by containment), and no stored sibling joins any group.
     */
    private static boolean cleanAsRead(ImportContext ctx, TargetWriter w) throws SQLException {
        String notByKey = w.groupsNotByKeySql();
        if (notByKey != null && ctx.count(notByKey) > 0) return false;
        return ctx.count("SELECT CASE WHEN EXISTS (" + w.storedSiblingsSql(ctx) + ") THEN 1 ELSE 0 END") == 0;
    }

    /** Where {@link #read} puts each feature that passed its checks: the stage, or the target table directly. */
    interface FeatureSink {
        void accept(long n, String code, Map<String, String> values, Geometry g) throws SQLException;

        /** After the last feature. */
        void finish() throws SQLException;

        /** After a failure or a cancel: leaves the connection usable for the rollback. */
        void abort();
    }

    /** Into import_stage, for the checks and the cleaning in SQL that follow. */
    private static final class StageSink implements FeatureSink {
        private final BinaryCopy copy;

        StageSink(ImportContext ctx) throws SQLException { copy = new BinaryCopy(ctx.c, "import_stage", "n, code, name, f, geom"); }

        @Override public void accept(long n, String code, Map<String, String> values, Geometry g) throws SQLException {
            copy.row(5).int8(n).text(code).text(values.get("name")).jsonb(values).geometry(g);
        }

        @Override public void finish() throws SQLException { copy.close(); }

        @Override public void abort() { copy.abort(); }
    }

    /** Reads, maps, checks and repairs every feature into sink; returns a point of the first one kept (lon/lat). */
    private static double[] read(ImportContext ctx, TargetWriter w, ImportProgress progress, StreamCheck asRead, FeatureSink sink)
            throws IOException, SQLException {
        ImportReport r = ctx.report;
        FieldMapping mapping = null;
        double[] firstPoint = null;
        List<Map<String, Object>> sample = new ArrayList<>(); // published whole, once: a job status may be reading the report
        GeoJsonWriter gj = new GeoJsonWriter(9);
        gj.setEncodeCRS(false);
        try (FeatureReader fr = ctx.source.reader(); var stop = progress.onCancel(() -> closeQuietly(fr))) {
            try {
                SourceFeature sf;
                while ((sf = fr.next()) != null) {
                    progress.featureRead();
                    r.counts.read++;
                    if (sample.size() < SAMPLE) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("properties", sf.properties());
                        m.put("geometry", sf.geometry() == null ? null : new com.fasterxml.jackson.databind.util.RawValue(gj.write(sf.geometry())));
                        sample.add(m);
                        if (sample.size() == SAMPLE) r.source.sample = List.copyOf(sample);
                    }
                    if (mapping == null) {
                        List<String> fields = ctx.source.fields != null ? ctx.source.fields : new ArrayList<>(sf.properties().keySet());
                        if (r.source.fields == null) r.source.fields = fields;
                        mapping = FieldMapping.of(ctx.options.target(), fields, ctx.options.mapping());
                        r.mapping = mapping.targetToSource();
                        r.unmappedFields = mapping.unmapped();
                        List<String> missing = mapping.missing(ctx.options.target());
                        if (!missing.isEmpty()) {
                            throw new ImportException(422, "the file has no field for " + String.join(", ", missing) + " (needed for "
                                    + ctx.options.target().id + "); its fields are " + String.join(", ", fields) + "; map one with --map "
                                    + missing.get(0) + "=FIELD");
                        }
                    }
                    Geometry staged = check(ctx, w, mapping, sf, sink, asRead);
                    if (staged == null && sink instanceof DirectCells) throw new DirectCells.NotDirect("feature " + sf.number() + " has a problem");
                    if (firstPoint == null && staged != null) { // the known point of the CRS check
                        Point p = staged instanceof Point pt ? pt : staged.getInteriorPoint();
                        firstPoint = new double[] {p.getX(), p.getY()};
                    }
                }
                sink.finish();
                if (r.source.sample == null) r.source.sample = List.copyOf(sample);
            } catch (IOException | SQLException | RuntimeException e) {
                sink.abort();
                throw e;
            }
        }
        if (r.counts.read == 0) throw ImportException.invalid("the file holds no features");
        return firstPoint;
    }

    private static void closeQuietly(FeatureReader fr) {
        if (fr instanceof GdalFeatureReader g) g.stop();
    }

    /** Checks one feature and gives it to sink when it passes; returns its (repaired) geometry, or null. */
    private static Geometry check(ImportContext ctx, TargetWriter w, FieldMapping mapping, SourceFeature sf, FeatureSink sink,
                                  StreamCheck asRead) throws SQLException {
        ImportReport r = ctx.report;
        long n = sf.number();
        long errorsBefore = r.counts.errors;
        Map<String, String> values = new LinkedHashMap<>();
        for (var e : mapping.targetToSource().entrySet()) {
            TargetField tf = ctx.options.target().field(e.getKey()).orElseThrow();
            Object raw = sf.properties().get(e.getValue());
            // an export's CSV guards text that starts like a formula with a ' (see LayerExport): take it off
            if (ctx.source.format == SourceFormat.CSV && raw instanceof String s && s.length() > 1 && s.charAt(0) == '\''
                    && "=+-@\t\r".indexOf(s.charAt(1)) >= 0) raw = s.substring(1);
            try {
                values.put(tf.name(), tf.normalise(raw));
            } catch (IllegalArgumentException ex) {
                r.error(n, null, tf.name(), ex.getMessage());
            }
        }
        String code = values.get("code");
        for (TargetField tf : ctx.options.target().fields) {
            if (tf.required() && values.get(tf.name()) == null && mapping.targetToSource().containsKey(tf.name()) && r.counts.errors == errorsBefore) {
                r.error(n, code, tf.name(), "no " + tf.name() + " (field " + mapping.targetToSource().get(tf.name()) + " is empty)");
            }
        }
        Geometry g = sf.geometry() == null ? null : GeometryScreen.normalise(sf.geometry(), ctx.options.target().geometryKind);
        if (sf.geometryProblem() != null) {
            r.error(n, code, "geometry", sf.geometryProblem());
        } else {
            String problem = GeometryScreen.problem(g, ctx.options.target().geometryKind);
            if (problem != null && g != null && !g.isEmpty() && ctx.source.crsFrom.equals("default") && r.counts.read == 1
                    && !GeometryScreen.couldBeLonLat(g.getEnvelopeInternal())) {
                Coordinate c0 = g.getCoordinate();
                throw ImportException.invalid(String.format("the coordinates (e.g. %.1f, %.1f) are not longitude/latitude and the file names no"
                        + " coordinate system; give it with --crs EPSG:n (e.g. EPSG:4527 for CGCS2000 3° Gauss–Krüger zone 39)", c0.x, c0.y));
            }
            if (problem != null) r.error(n, code, "geometry", problem, location(g));
        }
        if (r.counts.errors == errorsBefore) {
            String problem = w.check(n, values, ctx);
            if (problem != null) r.error(n, code, "code", problem);
        }
        if (r.counts.errors != errorsBefore) return null;

        if (g instanceof Polygonal && GeometryRepair.validationError(g) == null) {
            g = Polygons.toMultiPolygon(g); // valid: stored as it is (as a MultiPolygon), no areas to report
        } else if (g instanceof Polygonal) {
            try {
                GeometryRepair.Result rep = GeometryRepair.repair(g);
                if (rep.repaired()) {
                    r.counts.repaired++;
                    r.repairs.add(new ImportReport.Repair(n, code, values.get("name"), rep.problem(),
                            new double[] {rep.location().x, rep.location().y}, round(rep.areaBeforeM2()), round(rep.areaAfterM2())));
                }
                g = rep.geometry();
            } catch (IllegalArgumentException e) {
                r.error(n, code, "geometry", e.getMessage(), location(g));
                return null;
            }
        } else {
            TopologyValidationError err = new IsValidOp(g).getValidationError();
            if (err != null) {
                r.error(n, code, "geometry", "invalid " + g.getGeometryType() + ": " + err.getMessage(), new double[] {err.getCoordinate().x, err.getCoordinate().y});
                return null;
            }
        }
        sink.accept(n, code, values, g);
        if (asRead != null) asRead.add(w.groupKey(values), g);
        r.counts.valid++;
        return g;
    }

    private static double[] location(Geometry g) {
        if (g == null || g.isEmpty()) return null;
        Coordinate c = g.getCoordinate();
        return Double.isFinite(c.x) && Double.isFinite(c.y) ? new double[] {c.x, c.y} : null;
    }

    static double round(double m2) { return Math.round(m2 * 10) / 10.0; }

    private static double secs(long t0) { return Math.round((System.nanoTime() - t0) / 1e7) / 100.0; }

    // ---- cleaning ------------------------------------------------------------------------------

    private record Member(long n, long id, String code, String name, Geometry geom) {}

    /**
     * Cleans each group of siblings (the file's features plus the stored current siblings the
     * file does not name) once, then decides per feature whether its geometry is unchanged from
     * the stored version (then the stored one is kept) — checking that the mix of kept and new
     * geometries is still a valid coverage, and taking the new geometry wherever it is not.
     */
    private static void clean(ImportContext ctx, TargetWriter w, ImportProgress progress) throws SQLException {
        ImportReport r = ctx.report;
        double gapWidth = gapWidth(ctx);
        r.cleaning = new ImportReport.Cleaning();
        r.cleaning.gapWidthM = gapWidth;
        long total = ctx.count("SELECT count(DISTINCT group_id) FROM import_stage");
        r.cleaning.groups = (int) total;
        Map<Long, String[]> groupNames = new HashMap<>();
        String namesSql = w.groupNamesSql(ctx);
        if (namesSql != null) for (Object[] row : ctx.rows(namesSql)) groupNames.put(((Number) row[0]).longValue(), new String[] {(String) row[1], (String) row[2]});

        WKBReader wkb = new WKBReader(Polygons.WGS84);
        int[] geometriesLeft = {ImportReport.MAX_GEOMETRIES};
        try (PreparedStatement staged = ctx.c.prepareStatement("SELECT group_id, n, code, name, ST_AsBinary(geom) FROM import_stage ORDER BY group_id, n");
             PreparedStatement stored = ctx.c.prepareStatement(w.storedSiblingsSql(ctx));
             PreparedStatement cleanOut = ctx.c.prepareStatement("INSERT INTO import_clean (n, final, same_geom, renode) VALUES (?, ST_GeomFromWKB(?, 4326), ?, ?)");
             PreparedStatement siblingOut = ctx.c.prepareStatement("INSERT INTO import_sibling (id, final, renode) VALUES (?, ST_GeomFromWKB(?, 4326), ?)")) {
            staged.setFetchSize(1000);
            stored.setFetchSize(1000);
            org.locationtech.jts.io.WKBWriter out = new org.locationtech.jts.io.WKBWriter(2);
            int pending = 0;
            try (ResultSet a = staged.executeQuery(); ResultSet b = stored.executeQuery()) {
                boolean aMore = a.next(), bMore = b.next();
                long done = 0;
                while (aMore) {
                    long group = a.getLong(1);
                    List<Member> file = new ArrayList<>();
                    while (aMore && a.getLong(1) == group) {
                        file.add(new Member(a.getLong(2), 0, a.getString(3), a.getString(4), read(wkb, a.getBytes(5))));
                        aMore = a.next();
                    }
                    while (bMore && b.getLong(1) < group) bMore = b.next();
                    List<Member> kept = new ArrayList<>();
                    while (bMore && b.getLong(1) == group) {
                        kept.add(new Member(0, b.getLong(2), b.getString(3), b.getString(4), read(wkb, b.getBytes(5))));
                        bMore = b.next();
                    }
                    pending += cleanGroup(ctx, group, groupNames.get(group), file, kept, gapWidth, cleanOut, siblingOut, out, geometriesLeft);
                    if (pending >= 500) {
                        cleanOut.executeBatch();
                        siblingOut.executeBatch();
                        pending = 0;
                    }
                    progress.groups(++done, total);
                }
            }
            cleanOut.executeBatch();
            siblingOut.executeBatch();
        }
    }

    private static Geometry read(WKBReader r, byte[] b) {
        try {
            Geometry g = r.read(b);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    /** Cleans one group; returns the number of rows batched. */
    private static int cleanGroup(ImportContext ctx, long group, String[] parent, List<Member> file, List<Member> storedRows, double gapWidth,
                                  PreparedStatement cleanOut, PreparedStatement siblingOut, org.locationtech.jts.io.WKBWriter out,
                                  int[] geometriesLeft) throws SQLException {
        ImportReport r = ctx.report;
        Map<String, Member> storedByCode = new HashMap<>();
        for (Member m : storedRows) storedByCode.put(m.code, m);
        Set<String> fileCodes = new HashSet<>();
        for (Member m : file) fileCodes.add(m.code);
        List<Member> siblings = storedRows.stream().filter(m -> !fileCodes.contains(m.code)).toList();

        List<Geometry> input = new ArrayList<>();
        for (Member m : file) input.add(m.geom);
        for (Member m : siblings) input.add(m.geom);
        SiblingClean.Outcome cleaned;
        try {
            cleaned = SiblingClean.clean(input, gapWidth);
        } catch (SiblingClean.NotACoverage e) {
            r.error(file.get(0).n, file.get(0).code, "geometry", "the units of " + label(parent) + " could not be cleaned into a valid coverage; "
                    + "check them in a GIS (" + e.getMessage() + ")");
            return 0;
        }
        int size = input.size();
        Geometry[] fin = new Geometry[size];
        boolean[] same = new boolean[size];
        boolean[] sameShape = new boolean[size];
        Geometry[] storedGeom = new Geometry[size];
        for (int i = 0; i < size; i++) {
            Member m = i < file.size() ? file.get(i) : siblings.get(i - file.size());
            Member s = i < file.size() ? storedByCode.get(m.code) : m;
            storedGeom[i] = s == null ? null : s.geom;
            Geometry c = cleaned.cleaned().get(i);
            same[i] = storedGeom[i] != null && !c.isEmpty() && c.norm().equalsExact(storedGeom[i].norm(), SAME_GEOMETRY_DEG);
            sameShape[i] = same[i] || storedGeom[i] != null && !c.isEmpty() && SameShape.of(c, storedGeom[i]);
            fin[i] = same[i] ? storedGeom[i] : c;
        }
        // kept geometries next to new ones must still share their edges exactly; where not, take the new one
        for (boolean again = true; again; ) {
            again = false;
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < size; i++) if (!fin[i].isEmpty()) idx.add(i);
            Geometry[] check = CoverageValidator.validate(idx.stream().map(i -> fin[i]).toArray(Geometry[]::new));
            for (int k = 0; k < check.length; k++) {
                int i = idx.get(k);
                if (check[k] != null && same[i]) {
                    same[i] = false;
                    fin[i] = cleaned.cleaned().get(i);
                    again = true;
                }
            }
        }
        int batched = 0;
        Map<Integer, CoverageClean.UnitChange> changes = new HashMap<>();
        if (cleaned.details() != null) for (CoverageClean.UnitChange ch : cleaned.details().changes()) if (ch.changed()) changes.put(ch.index(), ch);
        for (int i = 0; i < file.size(); i++) {
            Member m = file.get(i);
            if (fin[i].isEmpty()) {
                r.error(m.n, m.code, "geometry", "vanishes in the coverage cleaning: all of its area overlaps its neighbours or lies in gaps narrower than "
                        + gapWidth + " m; remove it from the file or lower the gap width", location(m.geom));
                continue;
            }
            if (changes.containsKey(i)) r.counts.cleaned++;
            // after a real clean every geometry is re-noded on the grid (shared vertices added), moved area or not
            if (cleaned.details() != null || same[i]) {
                cleanOut.setLong(1, m.n);
                cleanOut.setBytes(2, out.write(fin[i])); // the stored geometry when unchanged, so it is what stays
                cleanOut.setBoolean(3, same[i]);
                cleanOut.setBoolean(4, !same[i] && sameShape[i]);
                cleanOut.addBatch();
                batched++;
            }
        }
        for (int i = file.size(); i < size; i++) {
            Member m = siblings.get(i - file.size());
            if (fin[i].isEmpty()) {
                r.error(null, m.code, "geometry", "the stored unit " + m.code + " (not in the file) would vanish in the coverage cleaning; "
                        + "include it in the file or lower the gap width", location(m.geom));
            } else if (!same[i]) { // stored siblings take the cleaned geometry: a new version, or re-noded in place (same shape)
                siblingOut.setLong(1, m.id);
                siblingOut.setBytes(2, out.write(fin[i]));
                siblingOut.setBoolean(3, sameShape[i]);
                siblingOut.addBatch();
                batched++;
            }
        }
        if (cleaned.details() != null) r.cleaning.changed.add(groupReport(group, parent, file, siblings, cleaned, geometriesLeft));
        else r.cleaning.groupsCleanAlready++;
        return batched;
    }

    private static String label(String[] parent) { return parent == null ? "the top level" : parent[1] + " (" + parent[0] + ")"; }

    private static ImportReport.Group groupReport(long group, String[] parent, List<Member> file, List<Member> siblings,
                                                  SiblingClean.Outcome cleaned, int[] geometriesLeft) {
        GeoJsonWriter gj = new GeoJsonWriter(9);
        gj.setEncodeCRS(false);
        List<ImportReport.Moved> moved = new ArrayList<>();
        for (CoverageClean.UnitChange ch : cleaned.details().changes()) {
            if (!ch.changed()) continue;
            boolean existing = ch.index() >= file.size();
            Member m = existing ? siblings.get(ch.index() - file.size()) : file.get(ch.index());
            boolean withGeom = geometriesLeft[0] > 0;
            if (withGeom) geometriesLeft[0]--;
            moved.add(new ImportReport.Moved(m.code, m.name, existing, round(ch.areaBeforeM2()), round(ch.areaAfterM2()), round(ch.movedInM2()),
                    round(ch.movedOutM2()), withGeom && !ch.movedIn().isEmpty() ? gj.write(ch.movedIn()) : null,
                    withGeom && !ch.movedOut().isEmpty() ? gj.write(ch.movedOut()) : null));
        }
        List<ImportReport.Gap> gaps = new ArrayList<>();
        for (CoverageClean.Gap g : cleaned.details().gapsKept()) {
            boolean withGeom = geometriesLeft[0] > 0;
            if (withGeom) geometriesLeft[0]--;
            Point c = g.polygon().getInteriorPoint();
            gaps.add(new ImportReport.Gap(round(g.areaM2()), Math.round(g.widthM() * 10) / 10.0, new double[] {c.getX(), c.getY()},
                    withGeom ? gj.write(g.polygon()) : null));
        }
        List<String> vanished = new ArrayList<>();
        for (int i : cleaned.details().vanished()) vanished.add(i < file.size() ? file.get(i).code : siblings.get(i - file.size()).code);
        return new ImportReport.Group(parent == null ? null : parent[0], parent == null ? null : parent[1], file.size() + siblings.size(), moved, gaps, vanished);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** SHA-256 of the file, hex; the audit row names the exact file imported. */
    static String sha256(Path file, ImportProgress progress) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) != -1; ) {
                md.update(buf, 0, n);
                if (progress.isCancelled()) throw new CancellationException("the import was cancelled");
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
