package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.Sql;
import gridmap.server.TestServer;

/**
 * 案件参数 / Case settings in a real browser against the real server and PostGIS: an admin edits
 * a category's deadline, meets a stale edit (409) and redoes it, adds, renames and switches off a
 * department, marks a holiday and a make-up day in the calendar with the keyboard alone and saves
 * the year; what the server stored is read back through SQL and the API. axe-core checks each tab
 * in both languages; a dispatcher is not offered the dialog.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CaseSettingsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far enough ahead that no case deadline of the other tests is counted on it. */
    private static final int YEAR = 2099;
    private static Browser b;
    private static TestServer server;
    private static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        ds = server.db.dataSource();
        b = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.close();
    }

    @BeforeEach
    void signedOut() {
        b.openSignedOut();
    }

    private static JsonNode category(String code) throws Exception {
        for (JsonNode c : server.admin().get("/api/categories?all=true").json()) if (c.get("code").asText().equals(code)) return c;
        throw new AssertionError("no category " + code);
    }

    /** A category as read, as a body for PUT api/categories/{code}. */
    private static ObjectNode editable(JsonNode category) {
        ObjectNode body = (ObjectNode) category.deepCopy();
        body.remove(java.util.List.of("code", "major_code"));
        return body;
    }

    /** Puts a category back as it was (the tests share the demo data), at its current version. */
    private static void restore(JsonNode original) throws Exception {
        ObjectNode body = editable(original);
        body.put("version", category(original.get("code").asText()).get("version").asInt());
        var r = server.admin().put("/api/categories/" + original.get("code").asText(), JSON.writeValueAsString(body));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void openSettings() {
        b.await(ExpectedConditions.elementToBeClickable(By.id("settings-open"))).click();
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("settings-dialog")));
    }

    private static void awaitStatus(String id, String contains) {
        b.await(d -> {
            String refused = d.findElement(By.id(id.replace("-status", "-error"))).getText();
            if (!refused.isBlank()) throw new AssertionError("refused: " + refused);
            return d.findElement(By.id(id)).getText().contains(contains);
        });
    }

    private static void type(String id, String text) {
        WebElement e = b.byId(id);
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void anAdminEditsADeadlineAndAStaleEditIsRefusedWithAReload() throws Exception {
        JsonNode original = category("0101");
        int handle = original.at("/deadlines/handle/amount").asInt();
        int changed = handle >= 999 ? 1 : handle + 1;
        b.signIn("admin");
        try {
            openSettings();
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("settings-tab-categories");
            b.await(ExpectedConditions.elementToBeClickable(By.id("cat-edit-0101"))).click();
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("cat-form")));
            type("cat-amount-handle", String.valueOf(changed));
            new Select(b.byId("cat-unit-handle")).selectByValue("work_days");
            b.byId("cat-save").click();
            awaitStatus("cat-status", "0101");
            assertThat(b.byId("cat-form").isDisplayed()).isFalse();
            assertThat(b.focused().getDomAttribute("id")).as("focus back on the row's edit button").isEqualTo("cat-edit-0101");
            assertThat(Sql.text(ds, "SELECT amount || ' ' || unit FROM case_category_deadline WHERE category_code = '0101' AND step = 'handle'"))
                    .isEqualTo(changed + " work_days");
            assertThat(b.find(By.cssSelector("#cat-rows tr[data-code='0101']")).getText()).contains(changed + " 个工作日");

            // someone else saves the category while the form is open: the save is refused with a
            // clear message, the form shows what is stored now, and saving again works
            b.byId("cat-edit-0101").click();
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("cat-form")));
            ObjectNode other = editable(category("0101"));
            other.put("name_en", "Illegal construction (changed elsewhere)");
            var r = server.admin().put("/api/categories/0101", JSON.writeValueAsString(other));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            type("cat-amount-verify", "7");
            b.byId("cat-save").click();
            b.await(d -> d.findElement(By.id("cat-error")).getText().contains("刚被其他人修改"));
            b.await(d -> "Illegal construction (changed elsewhere)".equals(d.findElement(By.id("cat-name-en")).getDomProperty("value")));
            assertThat(b.byId("cat-form").isDisplayed()).isTrue();
            assertThat(Sql.count(ds, "SELECT amount FROM case_category_deadline WHERE category_code = '0101' AND step = 'verify'"))
                    .as("the stale edit wrote nothing").isEqualTo(original.at("/deadlines/verify/amount").asLong());
            A11y.assertNoViolations(b.driver(), "zh settings conflict");
            type("cat-amount-verify", "7");
            b.byId("cat-save").click();
            awaitStatus("cat-status", "0101");
            assertThat(Sql.count(ds, "SELECT amount FROM case_category_deadline WHERE category_code = '0101' AND step = 'verify'")).isEqualTo(7);

            b.press(Keys.ESCAPE);
            b.await(ExpectedConditions.invisibilityOfElementLocated(By.id("settings-dialog")));
            assertThat(b.focused().getDomAttribute("id")).as("focus back on the toolbar button").isEqualTo("settings-open");
        } finally {
            restore(original);
        }
    }

    @Test
    void anAdminAddsRenamesAndSwitchesOffADepartment() throws Exception {
        String code = "t-" + Long.toString(System.nanoTime(), 36);
        b.signIn("admin");
        openSettings();
        b.press(Keys.ARROW_RIGHT); // tabs: the arrow moves to the next tab
        assertThat(b.focused().getDomAttribute("id")).isEqualTo("settings-tab-departments");
        b.await(ExpectedConditions.elementToBeClickable(By.id("dept-add"))).click();
        assertThat(b.focused().getDomAttribute("id")).isEqualTo("dept-code");
        type("dept-code", code);
        type("dept-name", "测试巡查队");
        type("dept-name-en", "Test patrol");
        b.byId("dept-save").click();
        awaitStatus("dept-status", "测试巡查队");
        long id = Sql.count(ds, "SELECT id FROM department WHERE code = ? AND name = '测试巡查队' AND active", code);
        assertThat(b.focused().getDomAttribute("id")).isEqualTo("dept-edit-" + id);

        b.byId("dept-edit-" + id).click();
        type("dept-name", "测试巡查二队");
        b.byId("dept-active").click();
        b.byId("dept-save").click();
        awaitStatus("dept-status", "测试巡查二队");
        assertThat(Sql.text(ds, "SELECT name || ' ' || active FROM department WHERE id = ?", id)).isEqualTo("测试巡查二队 false");
        assertThat(b.find(By.cssSelector("#dept-rows tr[data-id='" + id + "']")).getText()).contains("已停用");

        // a code that exists: the server's refusal is shown in the form, nothing is added
        b.byId("dept-add").click();
        type("dept-code", code);
        type("dept-name", "重复");
        type("dept-name-en", "Duplicate");
        b.byId("dept-save").click();
        b.await(d -> d.findElement(By.id("dept-error")).getText().contains("已经存在"));
        assertThat(Sql.count(ds, "SELECT count(*) FROM department WHERE code = ?", code)).isEqualTo(1);
    }

    @Test
    void anAdminMarksAHolidayAndAMakeUpDayWithTheKeyboardAndSavesTheYear() throws Exception {
        // the year starts without exceptions (an earlier run may have saved it)
        JsonNode before = server.admin().get("/api/calendar/" + YEAR).json();
        if (before.get("defined").asBoolean()) {
            ObjectNode clear = (ObjectNode) before.deepCopy();
            clear.putArray("days");
            clear.remove(java.util.List.of("year", "defined"));
            assertThat(server.admin().put("/api/calendar/" + YEAR, JSON.writeValueAsString(clear)).status()).isEqualTo(200);
        }
        b.signIn("admin");
        openSettings();
        b.byId("settings-tab-calendar").click();
        b.await(d -> !d.findElements(By.cssSelector("#cal-grid button.cal-day")).isEmpty());
        type("cal-year", String.valueOf(YEAR));
        b.press(Keys.ENTER);
        b.await(d -> !d.findElements(By.cssSelector("#cal-grid button[data-day='" + YEAR + "-01-01']")).isEmpty());
        assertThat(b.driver().findElements(By.cssSelector("#cal-grid table.cal-month"))).hasSize(12);
        assertThat(b.driver().findElements(By.cssSelector("#cal-grid button.cal-day"))).hasSize(365);

        // 2099-01-01 is a Thursday: two weeks down and one day right is Friday the 16th
        b.tabTo("#cal-grid button.cal-day", 40);
        assertThat(b.focused().getDomAttribute("data-day")).isEqualTo(YEAR + "-01-01");
        b.press(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_RIGHT);
        assertThat(b.focused().getDomAttribute("data-day")).isEqualTo(YEAR + "-01-16");
        assertThat(b.focused().getAccessibleName()).contains("工作日");
        b.press(Keys.ENTER);
        assertThat(b.focused().getAccessibleName()).contains("2099年1月16日").contains("节假日");
        assertThat(b.focused().findElement(By.className("cal-mark")).getText()).isEqualTo("休");
        // End: the Sunday of that week; a weekend day cycles on to a make-up working day
        b.press(Keys.END);
        assertThat(b.focused().getDomAttribute("data-day")).isEqualTo(YEAR + "-01-18");
        b.press(Keys.SPACE);
        b.press(Keys.SPACE);
        assertThat(b.focused().getAccessibleName()).contains("调休上班");
        assertThat(b.focused().findElement(By.className("cal-mark")).getText()).isEqualTo("班");
        assertThat(b.byId("cal-summary").getText()).contains("节假日 1 天").contains("调休上班 1 天");
        A11y.assertNoViolations(b.driver(), "zh calendar");

        b.tabTo("#cal-save", 10);
        b.press(Keys.ENTER);
        awaitStatus("cal-status", "已保存");
        JsonNode stored = server.admin().get("/api/calendar/" + YEAR).json();
        assertThat(stored.get("defined").asBoolean()).isTrue();
        assertThat(stored.get("days").toString())
                .contains("{\"day\":\"2099-01-16\",\"kind\":\"holiday\"").contains("{\"day\":\"2099-01-18\",\"kind\":\"workday\"");
        assertThat(stored.get("days")).hasSize(2);

        // a stale year (someone saved meanwhile) is refused and reloaded
        b.find(By.cssSelector("#cal-grid button[data-day='2099-02-02']")).click();
        ObjectNode other = (ObjectNode) stored.deepCopy();
        other.remove(java.util.List.of("year", "defined"));
        assertThat(server.admin().put("/api/calendar/" + YEAR, JSON.writeValueAsString(other)).status()).isEqualTo(200);
        b.byId("cal-save").click();
        b.await(d -> d.findElement(By.id("cal-error")).getText().contains("刚被其他人修改"));
        assertThat(b.find(By.cssSelector("#cal-grid button[data-day='2099-02-02']")).getAccessibleName()).contains("工作日");
        assertThat(server.admin().get("/api/calendar/" + YEAR).json().get("days")).hasSize(2);
    }

    @Test
    void everyTabPassesAxeInBothLanguages() throws Exception {
        b.signIn("admin");
        for (String lang : new String[] {"zh", "en"}) {
            if (lang.equals("en")) b.byId("lang-toggle").click();
            openSettings();
            b.byId("settings-tab-categories").click();
            b.await(ExpectedConditions.elementToBeClickable(By.id("cat-edit-0101")));
            b.byId("cat-add").click();
            type("cat-code", "12");
            b.byId("cat-save").click(); // refused in the browser: the message sits in the form
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("cat-error")));
            A11y.assertNoViolations(b.driver(), lang + " settings categories");
            A11y.assertTextAtLeast(b.driver(), 16, lang + " settings categories");
            A11y.assertTargetsAtLeast(b.driver(), 44, lang + " settings categories");
            b.byId("cat-cancel").click();
            b.byId("settings-tab-departments").click();
            b.await(ExpectedConditions.elementToBeClickable(By.id("dept-add"))).click();
            A11y.assertNoViolations(b.driver(), lang + " settings departments");
            A11y.assertTargetsAtLeast(b.driver(), 44, lang + " settings departments");
            b.byId("dept-cancel").click();
            b.byId("settings-tab-calendar").click();
            b.await(d -> !d.findElements(By.cssSelector("#cal-grid button.cal-day")).isEmpty());
            A11y.assertNoViolations(b.driver(), lang + " settings calendar");
            A11y.assertTextAtLeast(b.driver(), 16, lang + " settings calendar");
            A11y.assertTargetsAtLeast(b.driver(), 44, lang + " settings calendar");
            b.screenshot("settings-calendar-" + lang);
            b.byId("settings-close").click();
        }
        var problems = b.driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getMessage()).filter(m -> m.contains("i18n")).toList();
        assertThat(problems).as("strings missing in a language").isEmpty();
    }

    @Test
    void aWeekFitsOnAPhoneInCareModeWithoutScrollingSideways() {
        b.windowSize(390, 844);
        b.signIn("admin");
        try {
            b.byId("care-toggle").click();
            b.await(d -> "true".equals(d.findElement(By.id("care-toggle")).getDomAttribute("aria-pressed")));
            b.byId("more-toggle").click();
            openSettings();
            b.byId("settings-tab-calendar").click();
            b.await(d -> d.findElements(By.cssSelector("#cal-grid button.cal-day")).size() >= 365);
            Object widths = b.js("const d = document.getElementById('settings-dialog'); return [d.scrollWidth, d.clientWidth]");
            @SuppressWarnings("unchecked")
            java.util.List<Long> w = (java.util.List<Long>) widths;
            assertThat(w.get(0)).as("the dialog's content width vs its width").isLessThanOrEqualTo(w.get(1));
            A11y.assertTargetsAtLeast(b.driver(), 48, "care 390 calendar");
        } finally {
            b.js("return fetch('api/me/preferences', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({care_mode: false})}).then(r => r.status)");
            b.windowSize(1280, 900);
        }
    }

    @Test
    void aDispatcherIsNotOfferedTheSettings() {
        b.signIn("dispatcher");
        assertThat(b.byId("settings-open").isDisplayed()).isFalse();
        assertThat(b.byId("audit-open").isDisplayed()).isFalse();
    }
}
