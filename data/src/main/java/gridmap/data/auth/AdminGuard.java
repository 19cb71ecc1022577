package gridmap.data.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import gridmap.data.NotPermittedException;
import gridmap.data.audit.Actor;

/**
 * Re-checks, inside an administrative write's own transaction, that the acting account is still
 * an active administrator: the role check at the door happened before the transaction, and
 * another admin may have disabled or demoted this one in between.
 */
public final class AdminGuard {
    private AdminGuard() {}

    public static void requireActiveAdmin(Connection c, Actor actor) throws SQLException {
        if (actor.userId() == null) return; // the system itself (command line, demo loader)
        try (PreparedStatement ps = c.prepareStatement("SELECT role = 'admin' AND active FROM app_user WHERE id = ? FOR KEY SHARE")) {
            ps.setLong(1, actor.userId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) throw new NotPermittedException("your account is no longer an active administrator");
            }
        }
    }
}
