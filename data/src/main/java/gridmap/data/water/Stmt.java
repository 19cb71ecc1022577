package gridmap.data.water;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SQL statement and its arguments, carried together: arguments are added where the SQL that
 * uses them is written, so nobody keeps parameter order by hand.
 */
final class Stmt {
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    Stmt(String sql, Object... args) { add(sql, args); }

    /** Appends SQL text with the arguments of its placeholders. */
    Stmt add(String text, Object... more) {
        sql.append(text);
        args.addAll(java.util.Arrays.asList(more));
        return this;
    }

    /** The arguments, for embedding this statement in another ({@code outer.add(inner.toString(), inner.args())}). */
    Object[] args() { return args.toArray(); }

    <T> List<T> list(Connection c, Row<T> row) throws SQLException {
        try (PreparedStatement ps = prepare(c); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(row.map(rs));
            return out;
        }
    }

    <T> Optional<T> one(Connection c, Row<T> row) throws SQLException {
        List<T> all = list(c, row);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    int update(Connection c) throws SQLException {
        try (PreparedStatement ps = prepare(c)) { return ps.executeUpdate(); }
    }

    private PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof java.time.LocalDate d) ps.setObject(i + 1, d);
            else if (a instanceof Object[] arr) ps.setArray(i + 1, c.createArrayOf(arr instanceof Long[] ? "bigint" : "text", arr));
            else ps.setObject(i + 1, a);
        }
        return ps;
    }

    @Override public String toString() { return sql.toString(); }
}
