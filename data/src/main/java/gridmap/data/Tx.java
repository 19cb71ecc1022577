package gridmap.data;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One unit of work in one transaction: committed when the work returns, rolled back when it
 * throws. Writes and their audit rows go through here, so they land together or not at all.
 */
public final class Tx {
    private Tx() {}

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    public static <T> T run(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
