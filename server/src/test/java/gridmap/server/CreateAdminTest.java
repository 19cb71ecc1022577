package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import gridmap.data.Sql;

/** ./gridmap create-admin: no default password, weak ones refused, the result can sign in, audited. */
class CreateAdminTest extends ApiTest {

    @Test
    void createsAnAdministratorWhoCanSignIn() throws Exception {
        String name = "root" + System.nanoTime() % 1_000_000;
        assertThat(Main.createAdmin(server.db, List.of("create-admin", "--username", name), "short", null)).isEqualTo(1);
        assertThat(Main.createAdmin(server.db, List.of("create-admin", "--username", name), null, null)).as("no terminal, no password").isEqualTo(2);
        assertThat(Sql.count(server.db.dataSource(), "SELECT count(*) FROM app_user WHERE username = ?", name)).isZero();

        assertThat(Main.createAdmin(server.db, List.of("create-admin", "--username", name), "a-strong-first-password", null)).isZero();
        assertThat(Sql.one(server.db.dataSource(), "SELECT role FROM app_user WHERE username = ?", name)).isEqualTo("admin");
        assertThat(Sql.count(server.db.dataSource(), "SELECT count(*) FROM audit_log WHERE action = 'user.create' AND actor_name = 'cli:create-admin'"
                + " AND after->>'username' = ?", name)).isEqualTo(1);
        TestServer.Client c = server.anonymous();
        assertThat(c.post("/api/login", "{\"username\":\"" + name + "\",\"password\":\"a-strong-first-password\"}").status()).isEqualTo(200);
        assertThat(c.get("/api/audit?limit=1").status()).isEqualTo(200);
        // a second time with the same name is refused, nothing overwritten
        assertThat(Main.createAdmin(server.db, List.of("create-admin", "--username", name), "another-password-2", null)).isEqualTo(1);
        assertThat(Main.createAdmin(server.db, List.of("create-admin", "--username", "Bad Name"), "another-password-2", null)).isEqualTo(2);
    }
}
