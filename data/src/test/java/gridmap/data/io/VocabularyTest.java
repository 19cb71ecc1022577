package gridmap.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gridmap.data.Database;
import gridmap.data.Sql;
import gridmap.data.TestDb;

/** The fixed lists an import checks values against are the lists the tables' CHECK constraints allow. */
class VocabularyTest {
    static DataSource ds;

    @BeforeAll
    static void migrated() {
        Database db = TestDb.get();
        db.migrate();
        ds = db.dataSource();
    }

    /** The quoted values of the CHECK constraint of table that mentions column. */
    static List<String> checkValues(String table, String column) throws Exception {
        String def = (String) Sql.one(ds, """
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relname = ? AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE ? ORDER BY c.oid LIMIT 1""", table, "%(" + column + "%");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([a-z_]+)'").matcher(def);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void enumsMatchTheirChecks() throws Exception {
        assertThat(ImportTarget.PROJECTS.field("project_type").orElseThrow().allowed())
                .containsExactlyInAnyOrderElementsOf(checkValues("water_project", "project_type"));
        assertThat(ImportTarget.PROJECTS.field("status").orElseThrow().allowed())
                .containsExactlyInAnyOrderElementsOf(checkValues("water_project", "status"));
        assertThat(gridmap.data.cases.CaseSource.codes()).containsExactlyInAnyOrderElementsOf(checkValues("cases", "source"));
        // what a file may bring: every state but merged (which needs the case merged into)
        assertThat(ImportTarget.CASES.field("status").orElseThrow().allowed()).containsExactlyInAnyOrderElementsOf(
                checkValues("cases", "status").stream().filter(s -> !s.equals("merged")).toList());
        assertThat(ImportOptions.LEVELS).containsExactlyInAnyOrderElementsOf(checkValues("admin_unit", "level"));
    }
}
