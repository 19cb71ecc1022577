package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import gridmap.data.Sql;
import gridmap.data.MapSnapshot;
import gridmap.server.TestServer;

/**
 * The planner in a real browser: a planner starts a plan for a street, selects three communities
 * (by the keyboard-usable checkbox list), merges them, reads the preview's measures and
 * before/after table, commits with a date and a 文号; the map then shows the merged community,
 * and the history slider's date field brings back the three as they were the day before.
 * Accessibility is checked on the planner with a preview. The map is put back afterwards.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PlannerBrowserTest {
    static final List<String> MERGED = List.of("340705001002", "340705001003", "340705001008");
    private static Browser b;
    private static TestServer server;
    private static MapSnapshot before;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        before = MapSnapshot.take(server.db.dataSource());
        b = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.close();
        before.restore();
    }

    private static void click(String id) {
        b.await(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    @SuppressWarnings("unchecked")
    private static List<String> communityCodes() {
        return (List<String>) b.js("const ls = gridmap.state.layers.get('communities');"
                + " return ls.group.getLayers().map(l => l.feature.properties.code).filter(c => c.startsWith('340705001'));");
    }

    @Test
    void selectPreviewCommitThenTheDateSliderShowsTheOldState() throws Exception {
        b.openSignedOut();
        b.signIn("planner");
        click("plans-open");
        click("plan-new");
        WebElement parent = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-new-parent")));
        b.await(d -> parent.findElements(By.tagName("option")).size() > 5);
        b.js("const s = document.getElementById('plan-new-parent');"
                + " s.value = Array.from(s.options).find(o => o.dataset.code === '340705001').value;");
        WebElement name = b.byId("plan-new-name");
        name.clear();
        name.sendKeys("浏览器测试方案");
        click("plan-new-ok");

        b.await(ExpectedConditions.presenceOfElementLocated(By.id("plan-units")));
        b.js("document.getElementById('plan-units').open = true");
        for (String code : MERGED) {
            long id = Sql.count(server.db.dataSource(), "SELECT id FROM admin_unit WHERE code = ? AND valid_to IS NULL", code);
            click("plan-unit-u" + id);
        }
        assertThat(b.byId("plan-merge").isEnabled()).isTrue();
        click("plan-merge");
        WebElement mergedName = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-merge-name")));
        mergedName.clear();
        mergedName.sendKeys("浏览器社区");
        click("plan-merge-ok");

        // the preview: the merged community with its measures, committable, before → after
        WebElement ok = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-committable")));
        assertThat(ok.getDomAttribute("class")).isEqualTo("plan-ok");
        assertThat(b.byId("plan-metrics").getText()).contains("340705001601").contains("浏览器社区");
        assertThat(b.byId("plan-before-after").getText()).contains("340705001002").contains("340705001008");
        assertThat(b.byId("plan-steps").getText()).contains("浏览器社区");
        b.screenshot("planner-preview");
        assertThat(b.focused().getDomAttribute("id")).as("focus after the merge dialog").isEqualTo("plan-title");
        A11y.assertNoViolations(b.driver(), "planner with a preview");
        A11y.assertTargetsAtLeast(b.driver(), 44, "planner with a preview");
        A11y.assertTextAtLeast(b.driver(), 16, "planner with a preview");

        click("plan-commit");
        WebElement date = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-commit-date")));
        b.js("arguments[0].value = '2012-06-01'", date);
        b.byId("plan-commit-ref").sendKeys("浏览器〔2012〕1号");
        A11y.assertNoViolations(b.driver(), "commit dialog");
        click("plan-commit-ok");
        b.await(d -> d.findElement(By.id("messages")).getText().contains("2012-06-01"));
        b.find(By.cssSelector("#messages .message-close")).click();
        b.awaitLayersLoaded();
        b.await(d -> communityCodes().contains("340705001601"));
        assertThat(communityCodes()).doesNotContain("340705001002");

        // history: the day before the commit, the three communities are back and the merged one is not there yet
        b.js("const d = document.getElementById('history-date'); d.value = '2012-05-31'; d.dispatchEvent(new Event('change'));");
        b.await(d -> b.byId("history-status").getText().contains("2012-05-31"));
        b.awaitLayersLoaded();
        b.await(d -> communityCodes().containsAll(MERGED));
        assertThat(communityCodes()).doesNotContain("340705001601");
        b.screenshot("planner-history");
        A11y.assertNoViolations(b.driver(), "history panel");
        click("history-today");
        b.awaitLayersLoaded();
        b.await(d -> communityCodes().contains("340705001601"));
    }
}
