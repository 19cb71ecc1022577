package gridmap.server;

import static gridmap.server.MapBrowserTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in and out in a real browser, and what each role is offered: the login form with the
 * server's error, the user's name and role in the header, no cases for a planner, reporting a case
 * as a grid worker (its hostile description shown as text), the audit log for an admin, and an
 * expired session sending the page back to the login form.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoginBrowserTest {
    private static final String XSS = "<img src=x onerror=alert(1)>";

    private static TestServer server;
    private static String baseUrl;
    private static Path profile;
    private static ChromeDriver driver;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        server = TestServer.start();
        baseUrl = server.baseUrl().replaceAll("/+$", "");
        profile = Files.createTempDirectory("gridmap-chromium-");
        driver = MapBrowserTest.chromium(profile);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        MapBrowserTest.quit(driver, profile);
    }

    /** Every test starts signed out, on the login form, in Chinese. */
    @BeforeEach
    void signedOut() {
        driver.get(baseUrl + "/favicon.svg");
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/");
        js("window.localStorage.clear(); window.sessionStorage.clear()");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    }

    @Test
    void wrongPasswordShowsTheServersErrorAndNoMapThenThePlannerSignsInAndSeesNoCases() throws Exception {
        assertThat(text(By.id("login-submit"))).isEqualTo("登录");
        assertThat(label("login-username")).isEqualTo("用户名");
        assertThat(label("login-password")).isEqualTo("密码");
        driver.findElement(By.id("lang-toggle")).click();
        assertThat(text(By.id("login-submit"))).as("the language toggle works on the login form").isEqualTo("Sign in");
        driver.findElement(By.id("lang-toggle")).click();

        MapBrowserTest.logIn(driver, "planner", "not-the-password");
        WebElement error = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).as("the problem detail of the 401").isNotBlank();
        assertNoMap();

        MapBrowserTest.logIn(driver, "planner", "demo-planner");
        MapBrowserTest.awaitReady(driver);
        assertThat(driver.findElement(By.id("login-view")).isDisplayed()).isFalse();
        assertThat(text(By.id("user-name"))).isEqualTo(displayName("planner"));
        assertThat(text(By.id("user-role"))).isEqualTo("规划员");
        assertThat(driver.findElements(By.cssSelector("path.gm-layer-districts"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("input[data-layer='districts']"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("input[data-layer='cases']"))).as("planners do not see cases").isEmpty();
        assertThat(driver.findElements(By.cssSelector("#legend .legend-layer[data-layer='cases']"))).isEmpty();
        assertThat(driver.findElement(By.id("report-case")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("audit-open")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#messages .message"))).as("no 403 or other error shown").isEmpty();

        driver.findElement(By.id("lang-toggle")).click();
        assertThat(text(By.id("user-role"))).isEqualTo("Planner");
        assertThat(text(By.id("logout"))).isEqualTo("Sign out");
    }

    @Test
    void gridWorkerReportsACaseWhoseHostileDescriptionStaysTextThenSignsOut() throws Exception {
        MapBrowserTest.logIn(driver, "worker", "demo-worker");
        MapBrowserTest.awaitReady(driver);
        assertThat(text(By.id("user-name"))).isEqualTo(displayName("worker"));
        assertThat(text(By.id("user-role"))).isEqualTo("网格员");
        assertThat(driver.findElement(By.id("audit-open")).isDisplayed()).as("no audit log for a grid worker").isFalse();
        assertThat(driver.findElement(By.cssSelector("input[data-layer='cases']")).isSelected()).isTrue();

        double[] lonLat = pointInACellOfTheWorker();
        js("window.__alerted = false; window.alert = function () { window.__alerted = true; };"
                + "gridmap.state.map.setView([arguments[1], arguments[0]], 17, {animate: false});", lonLat[0], lonLat[1]);
        driver.findElement(By.id("report-case")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pick-banner")));
        driver.findElement(By.id("pick-center")).click(); // the centre of the map: the point above

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("report-dialog")));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-category option[value='0102']")));
        new Select(driver.findElement(By.id("report-category"))).selectByValue("0102");
        driver.findElement(By.id("report-description")).sendKeys(XSS);
        driver.findElement(By.id("report-address")).sendKeys("<b>铜官路 1 号</b>");
        driver.findElement(By.id("report-submit")).click();

        Long caseId = null;
        try {
            WebElement popup = new WebDriverWait(driver, WAIT).until(d -> {
                if (!d.findElement(By.id("report-error")).getText().isBlank()) {
                    throw new AssertionError("report refused: " + d.findElement(By.id("report-error")).getText());
                }
                return d.findElements(By.cssSelector(".leaflet-popup-content")).stream()
                        .filter(p -> p.getText().contains(XSS)).findFirst().orElse(null);
            });
            caseId = ((Number) js("const f = gridmap.state.layers.get('cases').markers.map(m => m.feature)"
                    + ".find(f => f.properties.description === arguments[0]); return f ? (f.id != null ? f.id : f.properties.id) : null", XSS))
                    .longValue();
            assertThat(driver.findElement(By.id("report-dialog")).isDisplayed()).isFalse();
            assertThat(popup.getText()).contains(XSS).contains("暴露垃圾");
            assertThat(popup.findElements(By.tagName("img"))).as("no element made of the description").isEmpty();
            assertThat(text(By.id("messages"))).contains("已上报");

            // The same case as the reloaded cases layer has it: click its marker.
            js("gridmap.state.map.closePopup(); gridmap.state.map.setView([arguments[1], arguments[0]], 17, {animate: false});",
                    lonLat[0], lonLat[1]);
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty()); // faded out
            driver.findElement(By.id("map")).click();
            popup = new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".leaflet-popup-content")).stream()
                    .filter(p -> p.getText().contains(XSS)).findFirst().orElse(null));
            assertThat(popup.getText()).contains("<b>铜官路 1 号</b>");
            assertThat(popup.findElements(By.cssSelector("img, b"))).as("no element made of server text").isEmpty();
            assertThat(js("return document.querySelectorAll('img[src=\"x\"], b').length")).isEqualTo(0L);
            assertThat(js("return window.__alerted")).isEqualTo(false);
            assertNoAlert();
        } finally {
            if (caseId == null) caseId = caseIdByDescription();
            if (caseId != null) deleteCase(caseId);
        }

        driver.findElement(By.id("logout")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        assertThat(text(By.id("login-notice"))).isEqualTo("您已退出登录。");
        assertNoMap();
        assertThat(fetchStatus("api/me")).as("the session is gone").isEqualTo(401L);
    }

    @Test
    void adminReadsAndFiltersTheAuditLogAndAnExpiredSessionReturnsToTheLoginForm() {
        MapBrowserTest.logIn(driver, "admin", "demo-admin");
        MapBrowserTest.awaitReady(driver);
        assertThat(text(By.id("user-role"))).isEqualTo("系统管理员");
        assertThat(driver.findElement(By.id("report-case")).isDisplayed()).isTrue();

        driver.findElement(By.id("audit-open")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-dialog")));
        List<WebElement> rows = new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("#audit-rows tr[data-id]"));
            return r.isEmpty() ? null : r;
        });
        assertThat(rows).isNotEmpty();
        assertThat(text(By.id("audit-summary"))).contains("共");

        driver.findElement(By.id("audit-actor")).sendKeys("admin");
        driver.findElement(By.id("audit-action")).sendKeys("session.login");
        driver.findElement(By.id("audit-apply")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("audit-dialog")).getDomAttribute("aria-busy") == null
                && !d.findElements(By.cssSelector("#audit-rows tr[data-id]")).isEmpty());
        for (WebElement row : driver.findElements(By.cssSelector("#audit-rows tr[data-id]"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(cells.get(1).getText()).isEqualTo("admin");
            assertThat(cells.get(2).getText()).contains("登录").contains("session.login");
        }
        String csv = driver.findElement(By.id("audit-csv")).getDomAttribute("href");
        assertThat(csv).startsWith("api/audit.csv?").contains("actor=admin").contains("action=session.login");
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status, type: r.headers.get('Content-Type'), body: t})))"
                        + ".catch(e => done({status: -1, body: String(e)}));", csv);
        assertThat(download.get("status")).isEqualTo(200L);
        assertThat(String.valueOf(download.get("type"))).contains("csv");
        assertThat(String.valueOf(download.get("body"))).contains("session.login");

        driver.findElement(By.id("audit-close")).click();
        assertThat(driver.findElement(By.id("audit-dialog")).isDisplayed()).isFalse();

        // The session ends behind the page's back: the next API call brings the login form back.
        driver.manage().deleteCookieNamed("gridmap_session");
        js("gridmap.reloadLayers()");
        WebElement notice = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-notice")));
        assertThat(notice.getText()).isEqualTo("会话已过期，请重新登录");
        assertNoMap();
        MapBrowserTest.logIn(driver, "admin", "demo-admin");
        MapBrowserTest.awaitReady(driver);
        assertThat(driver.findElement(By.id("login-view")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("path.gm-layer-districts"))).isNotEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void assertNoMap() {
        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")).as("data-ready").isNull();
        assertThat(driver.findElement(By.id("workspace")).isDisplayed()).as("map shown").isFalse();
        assertThat(driver.findElement(By.id("user-box")).isDisplayed()).as("user shown").isFalse();
    }

    private static void assertNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert was opened");
        } catch (NoAlertPresentException expected) {
            // good
        }
    }

    private static Object fetchStatus(String path) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => done(r.status)).catch(() => done(-1));", path);
    }

    private static String label(String inputId) {
        return text(By.cssSelector("label[for='" + inputId + "']"));
    }

    private static String displayName(String username) throws Exception {
        try (Connection c = server.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT display_name FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("demo user %s", username).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static double[] pointInACellOfTheWorker() throws Exception {
        try (Connection c = server.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     // a random point, well inside the cell: other tests file their cases at its
                     // point-on-surface, and a marker under ours would take the click
                     "SELECT ST_X(p), ST_Y(p) FROM (SELECT (ST_Dump(ST_GeneratePoints(ST_Buffer(g.geom, -0.0003), 1))).geom AS p"
                             + " FROM grid_cell g JOIN app_user u ON u.id = g.worker_id WHERE u.username = 'worker' AND g.valid_to IS NULL"
                             + " ORDER BY ST_Area(g.geom) DESC LIMIT 1) s");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("the demo worker has grid cells").isTrue();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    private static Long caseIdByDescription() throws Exception {
        try (Connection c = server.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT max(id) FROM cases WHERE description = ?")) {
            ps.setString(1, XSS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    /** Keeps the shared test database as the demo left it (the audit log keeps its entry). */
    private static void deleteCase(long id) throws Exception {
        try (Connection c = server.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM cases WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static String text(By by) {
        return driver.findElement(by).getText().trim();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
