package gridmap.data;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool and the schema. Tables live in schema {@code gridmap}, PostGIS in
 * {@code public}; every connection searches both, so SQL names neither.
 */
public final class Database implements AutoCloseable {
    public static final String SCHEMA = "gridmap";

    private final HikariDataSource pool;
    private final DbConfig cfg;

    public Database(DbConfig cfg) { this(cfg, 10); }

    public Database(DbConfig cfg, int maxPoolSize) {
        this.cfg = cfg;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(cfg.url());
        hc.setUsername(cfg.user());
        hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(1);
        hc.setPoolName("gridmap");
        hc.setConnectionInitSql("SET search_path TO " + SCHEMA + ", public");
        // a refused row's values (a reporter's phone, say) must not reach the logs with the error
        hc.addDataSourceProperty("logServerErrorDetail", "false");
        // fail fast at start-up with the driver's own message (wrong port, password, ...)
        hc.setInitializationFailTimeout(10_000);
        hc.setConnectionTimeout(10_000);
        this.pool = new HikariDataSource(hc);
    }

    public DataSource dataSource() { return pool; }

    /** Where the database is, for the few connections that live outside the pool (LISTEN). */
    public DbConfig config() { return cfg; }

    /** PostGIS and schema versions, asked of the database within 5 s; throws when it does not answer. */
    public record Health(String postgis, String schemaVersion) {}

    public Health health() throws java.sql.SQLException {
        try (java.sql.Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.setQueryTimeout(5);
            try (java.sql.ResultSet rs = st.executeQuery(
                    "SELECT postgis_lib_version(), (SELECT max(version) FROM flyway_schema_history WHERE success)")) {
                rs.next();
                return new Health(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Applies pending migrations; safe to call on every start. */
    public void migrate() { flyway(false).migrate(); }

    /** Drops everything in the gridmap schema (tests only), then nothing is left to migrate from. */
    public void cleanForTests() { flyway(true).clean(); }

    /** Migrations run as the owner role when one is configured (the server's pool never owns tables then). */
    private Flyway flyway(boolean allowClean) {
        return Flyway.configure()
                .dataSource(cfg.url(), cfg.migrationUser(), cfg.migrationPassword())
                .placeholders(java.util.Map.of("appRole", cfg.user()))
                .schemas(SCHEMA)
                .createSchemas(true)
                // Flyway narrows search_path to its schema; the migrations also need PostGIS types
                .initSql("SET search_path TO " + SCHEMA + ", public")
                .locations("classpath:db/migration")
                // features are built side by side, each with its own range of versions, so a
                // database may have a later feature's migration before an earlier one's lands;
                // they touch different tables, and each is applied exactly once either way
                .outOfOrder(true)
                .cleanDisabled(!allowClean)
                .load();
    }

    @Override public void close() { pool.close(); }
}
