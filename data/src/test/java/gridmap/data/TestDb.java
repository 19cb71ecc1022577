package gridmap.data;

/** The test database (GRIDMAP_TEST_DB_URL, set by ./gridmap test), one pool per test JVM. */
public final class TestDb {
    private static Database db;

    private TestDb() {}

    public static synchronized Database get() {
        if (db == null) {
            db = new Database(DbConfig.testFromEnv(), 4);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        }
        return db;
    }
}
