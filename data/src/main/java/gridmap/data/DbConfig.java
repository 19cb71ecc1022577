package gridmap.data;

import java.util.Map;

/**
 * Where the database is: GRIDMAP_DB_URL / GRIDMAP_DB_USER / GRIDMAP_DB_PASSWORD for the server's
 * own role, and optionally GRIDMAP_DB_OWNER_USER / GRIDMAP_DB_OWNER_PASSWORD for the role that
 * owns the schema and runs the migrations. With an owner role the server's role can read and
 * write data but not alter tables, so it cannot switch off the audit log's protection; without
 * one, the server's role owns everything (simpler, weaker).
 */
public record DbConfig(String url, String user, String password, String ownerUser, String ownerPassword) {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:55432/gridmap";

    public static DbConfig fromEnv() { return fromEnv(System.getenv(), "GRIDMAP_DB_URL"); }

    public static final String DEFAULT_TEST_URL = "jdbc:postgresql://127.0.0.1:55432/gridmap_test";

    /**
     * The test database: GRIDMAP_TEST_DB_URL, else the private cluster's gridmap_test. Never
     * GRIDMAP_DB_URL: the tests empty their database, and that one may hold real data.
     */
    public static DbConfig testFromEnv() {
        Map<String, String> env = System.getenv();
        return fromEnv(Map.copyOf(env), "GRIDMAP_TEST_DB_URL", DEFAULT_TEST_URL);
    }

    static DbConfig fromEnv(Map<String, String> env, String urlVar) { return fromEnv(env, urlVar, DEFAULT_URL); }

    static DbConfig fromEnv(Map<String, String> env, String urlVar, String defaultUrl) {
        String url = env.getOrDefault(urlVar, defaultUrl);
        String owner = env.get("GRIDMAP_DB_OWNER_USER");
        return new DbConfig(url, env.getOrDefault("GRIDMAP_DB_USER", "gridmap"), env.getOrDefault("GRIDMAP_DB_PASSWORD", "gridmap"),
                owner == null || owner.isBlank() ? null : owner, env.getOrDefault("GRIDMAP_DB_OWNER_PASSWORD", ""));
    }

    /** The role that runs migrations: the owner when configured, else the server's own. */
    public String migrationUser() { return ownerUser != null ? ownerUser : user; }

    public String migrationPassword() { return ownerUser != null ? ownerPassword : password; }
}
