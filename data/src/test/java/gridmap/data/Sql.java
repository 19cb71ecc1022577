package gridmap.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** One-value queries for tests. */
public final class Sql {
    private Sql() {}

    public static Object one(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    public static long count(DataSource ds, String sql, Object... args) throws SQLException {
        return ((Number) one(ds, sql, args)).longValue();
    }

    public static String text(DataSource ds, String sql, Object... args) throws SQLException {
        Object v = one(ds, sql, args);
        return v == null ? null : v.toString();
    }

    public static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
