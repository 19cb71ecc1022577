package gridmap.data.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;
import gridmap.data.demo.DemoLoader;

/** The workflow in the code ({@link CaseAction}, {@link CaseStatus}) is the one the database enforces. */
class CaseWorkflowTableTest {
    static DataSource ds;

    @BeforeAll
    static void load() throws SQLException {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
        new DemoLoader(ds).load(false);
    }

    static Set<String> column(String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (var c = ds.getConnection(); var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void statesMatchTheCheckConstraint() throws SQLException {
        String check = (String) Sql.one(ds, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'cases_status_check'");
        Set<String> inDb = new HashSet<>();
        var m = java.util.regex.Pattern.compile("'([a-z_]+)'").matcher(check);
        while (m.find()) inDb.add(m.group(1));
        assertThat(inDb).containsExactlyInAnyOrderElementsOf(Arrays.stream(CaseStatus.values()).map(s -> s.db).toList());
    }

    @Test
    void transitionsMatchTheDatabaseTable() throws SQLException {
        Set<String> inCode = new HashSet<>();
        for (CaseAction a : CaseAction.values()) for (CaseStatus from : a.from) inCode.add(a.db + ":" + from.db + ":" + a.to.db);
        assertThat(column("SELECT action || ':' || from_status || ':' || to_status FROM case_transition")).isEqualTo(inCode);
    }

    @Test
    void deadlineStepsAndUnitsMatchTheirChecks() throws SQLException {
        String steps = (String) Sql.one(ds, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'case_category_deadline_step_check'");
        for (CaseStatus.Step s : CaseStatus.Step.values()) assertThat(steps).contains("'" + s.db + "'");
        String units = (String) Sql.one(ds, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'case_category_deadline_unit_check'");
        for (Deadline.Unit u : Deadline.Unit.values()) assertThat(units).contains("'" + u.db + "'");
        // every category has a deadline for every step
        assertThat(Sql.count(ds, "SELECT count(*) FROM case_category k, unnest(ARRAY['register','dispatch','handle','verify']) s"
                + " WHERE NOT EXISTS (SELECT 1 FROM case_category_deadline d WHERE d.category_code = k.code AND d.step = s)")).isZero();
    }

    @Test
    void theDatabaseRefusesAStatusChangeNotInTheTable() throws SQLException {
        long reported = Sql.count(ds, "SELECT min(id) FROM cases WHERE status = 'reported'");
        // reported → closed skips the loop
        assertThatThrownBy(() -> Sql.exec(ds, "UPDATE cases SET status = 'closed', closed_at = now() WHERE id = " + reported))
                .isInstanceOf(SQLException.class).hasMessageContaining("cannot go from reported to closed");
        // every pair of states: allowed exactly when the code's table has it
        List<CaseStatus> all = List.of(CaseStatus.values());
        for (CaseStatus from : all) {
            for (CaseStatus to : all) {
                if (from == to) continue;
                boolean allowed = Arrays.stream(CaseAction.values()).anyMatch(a -> a.from.contains(from) && a.to == to);
                boolean ok = tryChange(from, to);
                assertThat(ok).as(from.db + " → " + to.db).isEqualTo(allowed);
            }
        }
    }

    /** Inserts a throw-away case in one state and tries to move it to another, inside a rolled-back transaction. */
    private static boolean tryChange(CaseStatus from, CaseStatus to) throws SQLException {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                long id;
                try (var rs = st.executeQuery("""
                        INSERT INTO cases (code, category_code, status, source, geom, reported_at, updated_at, merged_into_id)
                        SELECT 'TEST' || nextval('case_code_seq'), '0101', '%s', 'patrol', ST_SetSRID(ST_MakePoint(117.8, 30.9), 4326), now(), now(),
                          CASE WHEN '%s' = 'merged' THEN (SELECT min(id) FROM cases) END RETURNING id""".formatted(from.db, from.db))) {
                    rs.next();
                    id = rs.getLong(1);
                }
                st.execute("SAVEPOINT s");
                try {
                    st.execute("UPDATE cases SET status = '" + to.db + "', merged_into_id = "
                            + (to == CaseStatus.MERGED ? "(SELECT min(id) FROM cases)" : "NULL") + " WHERE id = " + id);
                    return true;
                } catch (SQLException e) {
                    if (!e.getMessage().contains("cannot go from")) throw e;
                    return false;
                }
            } finally {
                c.rollback();
            }
        }
    }
}
