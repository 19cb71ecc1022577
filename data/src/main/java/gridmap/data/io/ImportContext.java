package gridmap.data.io;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import gridmap.data.audit.Actor;

/** What every step of one import shares: its options, source, report and connection, and small SQL helpers. */
final class ImportContext {
    final ImportOptions options;
    final ImportSource source;
    final ImportReport report;
    final Actor actor;
    final LocalDate effectiveDate;
    final String fileName;
    final String sha256;
    Connection c;

    ImportContext(ImportOptions options, ImportSource source, ImportReport report, Actor actor, LocalDate effectiveDate, String fileName, String sha256) {
        this.options = options;
        this.source = source;
        this.report = report;
        this.actor = actor;
        this.effectiveDate = effectiveDate;
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** Runs an update with positional arguments; returns the row count. */
    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Rows as arrays of column values. */
    List<Object[]> rows(String sql, Object... args) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] r = new Object[n];
                    for (int i = 0; i < n; i++) r[i] = rs.getObject(i + 1);
                    out.add(r);
                }
            }
        }
        return out;
    }

    long count(String sql, Object... args) throws SQLException {
        List<Object[]> r = rows(sql, args);
        return r.isEmpty() || r.get(0)[0] == null ? 0 : ((Number) r.get(0)[0]).longValue();
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof LocalDate d) ps.setObject(i + 1, d);
            else ps.setObject(i + 1, a);
        }
    }

    /** Each row (feature number, code, message) as an error of the report. */
    void errorsFrom(String sql, String field, Object... args) throws SQLException {
        for (Object[] r : rows(sql, args)) report.error(((Number) r[0]).longValue(), (String) r[1], field, (String) r[2]);
    }

    /** Each row (feature number, code, message) as a warning of the report. */
    void warningsFrom(String sql, String field, Object... args) throws SQLException {
        for (Object[] r : rows(sql, args)) report.warning(((Number) r[0]).longValue(), (String) r[1], field, (String) r[2]);
    }
}
