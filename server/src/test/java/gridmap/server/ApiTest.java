package gridmap.server;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;

/** Base of the HTTP tests: the shared real server and its database. */
abstract class ApiTest {
    static TestServer server;
    static DataSource ds;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
        ds = server.db.dataSource();
    }
}
