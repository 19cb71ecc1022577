package gridmap.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema on a real PostGIS: applies to an empty database, and the database itself guards geometry and audit. */
class MigrationTest {
    static DataSource ds;

    @BeforeAll
    static void emptyDatabaseThenMigrate() {
        Database db = TestDb.get();
        db.cleanForTests();
        db.migrate();
        ds = db.dataSource();
    }

    @Test
    void allMigrationsApplied() throws SQLException {
        assertThat(Sql.count(ds, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        assertThat(Sql.count(ds, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")).isGreaterThanOrEqualTo(2);
        for (String t : new String[] {"admin_unit", "grid_cell", "river_basin", "water_project", "cases", "app_user", "audit_log", "unit_lineage", "change_event"}) {
            assertThat(Sql.count(ds, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'gridmap' AND table_name = ?", t))
                    .as(t).isEqualTo(1);
        }
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_category")).isEqualTo(21);
    }

    @Test
    void everyGeometryColumnHasAGistIndex() throws SQLException {
        long geomColumns = Sql.count(ds, "SELECT count(*) FROM geometry_columns WHERE f_table_schema = 'gridmap'");
        long gistIndexed = Sql.count(ds, """
                SELECT count(*) FROM geometry_columns g WHERE g.f_table_schema = 'gridmap' AND EXISTS (
                  SELECT 1 FROM pg_indexes i WHERE i.schemaname = 'gridmap' AND i.tablename = g.f_table_name
                    AND i.indexdef ILIKE '%USING gist (' || g.f_geometry_column || ')%')""");
        assertThat(geomColumns).isEqualTo(8);
        assertThat(gistIndexed).isEqualTo(geomColumns);
    }

    @Test
    void databaseRefusesInvalidGeometry() {
        // a bow-tie: self-intersecting, so ST_IsValid is false and the CHECK constraint rejects it
        assertThatThrownBy(() -> Sql.exec(ds, """
                INSERT INTO admin_unit (code, name, level, geom, valid_from)
                VALUES ('990000', 'bow-tie', 'city',
                  ST_Multi(ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))', 4326)), DATE '2020-01-01')"""))
                .isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        assertThatThrownBy(() -> Sql.exec(ds, """
                INSERT INTO admin_unit (code, name, level, geom, valid_from)
                VALUES ('990000', 'wrong srid', 'city',
                  ST_Multi(ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 0))', 3857)), DATE '2020-01-01')"""))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void auditLogIsAppendOnly() throws SQLException {
        Sql.exec(ds, "INSERT INTO audit_log (actor_name, action, entity) VALUES ('test', 'test.append', 'none')");
        // the server's own role has no right to change rows, nor to switch the protection off
        assertThatThrownBy(() -> Sql.exec(ds, "UPDATE audit_log SET action = 'x'")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> Sql.exec(ds, "DELETE FROM audit_log")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> Sql.exec(ds, "TRUNCATE audit_log")).isInstanceOf(SQLException.class);
        DbConfig cfg = DbConfig.testFromEnv();
        if (cfg.ownerUser() != null) {
            assertThatThrownBy(() -> Sql.exec(ds, "ALTER TABLE audit_log DISABLE TRIGGER USER")).hasMessageContaining("must be owner");
        }
        // and even the owner, who could alter the table, is refused by the trigger
        try (Connection c = DriverManager.getConnection(cfg.url(), cfg.migrationUser(), cfg.migrationPassword());
             Statement st = c.createStatement()) {
            st.execute("SET search_path TO gridmap, public");
            assertThatThrownBy(() -> st.execute("UPDATE audit_log SET action = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("DELETE FROM audit_log")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_log")).hasMessageContaining("append-only");
        }
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'test.append'")).isEqualTo(1);
    }

    @Test
    void theServersRoleCannotChangeTheSchema() throws SQLException {
        org.junit.jupiter.api.Assumptions.assumeTrue(DbConfig.testFromEnv().ownerUser() != null, "single-role set-up");
        assertThatThrownBy(() -> Sql.exec(ds, "DROP TABLE cases")).hasMessageContaining("must be owner");
        assertThatThrownBy(() -> Sql.exec(ds, "ALTER TABLE admin_unit DROP CONSTRAINT admin_unit_geom_check")).hasMessageContaining("must be owner");
        assertThatThrownBy(() -> Sql.exec(ds, "CREATE TABLE public.sneaky (x int)")).isInstanceOf(SQLException.class);
    }

    @Test
    void migrateTwiceIsHarmless() throws SQLException {
        long before = Sql.count(ds, "SELECT count(*) FROM flyway_schema_history");
        TestDb.get().migrate();
        assertThat(Sql.count(ds, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(before);
    }
}
