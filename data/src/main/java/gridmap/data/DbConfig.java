package gridmap.data;

import java.util.Map;

/** Where the database is: from GRIDMAP_DB_URL / GRIDMAP_DB_USER / GRIDMAP_DB_PASSWORD. */
public record DbConfig(String url, String user, String password) {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:55432/gridmap";

    public static DbConfig fromEnv() { return fromEnv(System.getenv(), "GRIDMAP_DB_URL"); }

    /** The test database (GRIDMAP_TEST_DB_URL), so tests never touch the demo database. */
    public static DbConfig testFromEnv() {
        Map<String, String> env = System.getenv();
        return fromEnv(env, env.containsKey("GRIDMAP_TEST_DB_URL") ? "GRIDMAP_TEST_DB_URL" : "GRIDMAP_DB_URL");
    }

    static DbConfig fromEnv(Map<String, String> env, String urlVar) {
        String url = env.getOrDefault(urlVar, DEFAULT_URL);
        return new DbConfig(url, env.getOrDefault("GRIDMAP_DB_USER", "gridmap"),
                env.getOrDefault("GRIDMAP_DB_PASSWORD", "gridmap"));
    }
}
