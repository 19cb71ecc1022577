package gridmap.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL built in pieces, each carrying its own arguments, so that no parameter order is kept by
 * hand. Fragments are this code's own text; values always travel as arguments.
 */
public final class SqlText {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    public SqlText(String start, Object... a) { add(start, a); }

    public SqlText add(String fragment, Object... a) {
        sql.append(fragment);
        args.addAll(Arrays.asList(a));
        return this;
    }

    public SqlText add(SqlText other) {
        sql.append(other.sql);
        args.addAll(other.args);
        return this;
    }

    public String sql() { return sql.toString(); }

    public List<Object> args() { return List.copyOf(args); }

    public PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
        return ps;
    }

    @Override public String toString() { return sql + " " + args; }
}
