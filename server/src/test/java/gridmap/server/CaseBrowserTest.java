package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import gridmap.data.Sql;

/**
 * The case workflow in a real browser: a grid worker reports by tapping the map, the command
 * centre registers and dispatches, the worker handles and closes it; and a report made with the
 * browser offline waits in the outbox and reaches the server exactly once after reconnecting.
 */
class CaseBrowserTest {
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

    @BeforeEach
    void signedOut() {
        driver.deleteNetworkConditions();
        driver.get(baseUrl + "/favicon.svg");
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/");
        js("window.localStorage.clear(); window.sessionStorage.clear()");
        driver.navigate().refresh();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    }

    private static Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    private static void signInAs(String user) {
        if (!driver.findElements(By.id("logout")).isEmpty() && driver.findElement(By.id("logout")).isDisplayed()) {
            driver.findElement(By.id("logout")).click();
            new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        }
        MapBrowserTest.logIn(driver, user, "demo-" + user);
        MapBrowserTest.awaitReady(driver);
    }

    /** Chooses a point on the map (centred on it, "use map centre") and fills the report dialog, without submitting. */
    private static void startReport(double[] lonLat, String description) {
        js("gridmap.state.map.setView([arguments[1], arguments[0]], 17, {animate: false});", lonLat[0], lonLat[1]);
        driver.findElement(By.id("report-case")).click();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pick-banner")));
        // the map is centred on the point; "use map centre" is the report flow's own way to take it
        // (clicking the #map element's middle misses when the map is taller than the window)
        driver.findElement(By.id("pick-center")).click();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("report-dialog")));
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-category option[value='1101']")));
        new Select(driver.findElement(By.id("report-category"))).selectByValue("1101");
        driver.findElement(By.id("report-description")).sendKeys(description);
    }

    private static long caseId(String description) throws Exception {
        return Sql.count(server.db.dataSource(), "SELECT count(*) FROM cases WHERE description = ?", description) == 0 ? -1
                : Sql.count(server.db.dataSource(), "SELECT id FROM cases WHERE description = ?", description);
    }

    private static void openCaseFromList(long id) {
        By item = By.cssSelector("#work-list button[data-case-id='" + id + "']");
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.elementToBeClickable(item)).click();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("case-dialog")));
    }

    private static void step(String action, String note, String target, String expectedStatus) throws Exception {
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("case-action-" + action))).click();
        if (note != null) driver.findElement(By.id("case-note")).sendKeys(note);
        if (target != null) {
            new WebDriverWait(driver, MapBrowserTest.WAIT).until(d -> !d.findElements(By.cssSelector("#case-target option[value='" + target + "']")).isEmpty());
            new Select(driver.findElement(By.id("case-target"))).selectByValue(target);
        }
        driver.findElement(By.id("case-submit")).click();
        // the case body is redrawn when the answer arrives: a status element found just before may go stale
        new WebDriverWait(driver, MapBrowserTest.WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#case-body .case-status")).getAttribute("class").contains("status-" + expectedStatus));
    }

    private static void closeCase() {
        driver.findElement(By.id("case-close")).click();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("case-dialog")));
    }

    @Test
    void aCaseReportedByTappingTheMapIsWalkedToClosed() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(server.db.dataSource());
        long workerId = Sql.count(server.db.dataSource(), "SELECT id FROM app_user WHERE username = 'worker'");
        String text = "井盖松动（浏览器测试 " + System.nanoTime() + "）";
        signInAs("worker");
        startReport(p, text);
        driver.findElement(By.id("report-submit")).click();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(d -> {
            String refused = d.findElement(By.id("report-error")).getText();
            if (!refused.isBlank()) throw new AssertionError("report refused: " + refused);
            return !d.findElement(By.id("report-dialog")).isDisplayed();
        });
        long id = caseId(text);
        assertThat(id).isPositive();

        signInAs("dispatcher");
        openCaseFromList(id);
        assertThat(driver.findElement(By.id("case-code")).getText()).matches("TL\\d{14,}");
        step("register", null, null, "registered");
        step("dispatch", null, "w" + workerId, "dispatched");
        closeCase();

        signInAs("worker");
        openCaseFromList(id);
        step("start", null, null, "in_progress");
        step("handle", "已更换井盖并压实", null, "handled");
        step("verify", null, null, "closed");
        assertThat(driver.findElements(By.cssSelector("#case-body .history-list li"))).hasSize(6);
        assertThat(Sql.one(server.db.dataSource(), "SELECT status FROM cases WHERE id = ?", id)).isEqualTo("closed");
        closeCase();
    }

    @Test
    void aReportMadeOfflineIsSentExactlyOnceAfterReconnecting() throws Exception {
        double[] p = CaseTestPoints.workersSecondCell(server.db.dataSource());
        String text = "离线上报（浏览器测试 " + System.nanoTime() + "）";
        signInAs("worker");
        startReport(p, text);
        driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
        driver.findElement(By.id("report-submit")).click();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("outbox-status")));
        assertThat(driver.findElement(By.id("outbox-status")).getText()).contains("1");
        assertThat(caseId(text)).as("nothing reached the server").isEqualTo(-1);

        driver.deleteNetworkConditions();
        new WebDriverWait(driver, MapBrowserTest.WAIT).until(d -> {
            try {
                if (!d.findElements(By.id("outbox-send")).isEmpty() && d.findElement(By.id("outbox-send")).isDisplayed()) d.findElement(By.id("outbox-send")).click();
                return d.findElement(By.id("work-outbox")).getAttribute("hidden") != null;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false; // the outbox was redrawn under the click: look again
            }
        });
        assertThat(Sql.count(server.db.dataSource(), "SELECT count(*) FROM cases WHERE description = ?", text)).isEqualTo(1);
        // sending again (a second click, the periodic retry) makes no second case
        js("window.dispatchEvent(new Event('online'))");
        Thread.sleep(1000);
        assertThat(Sql.count(server.db.dataSource(), "SELECT count(*) FROM cases WHERE description = ?", text)).isEqualTo(1);
        assertThat(Sql.count(server.db.dataSource(), "SELECT count(*) FROM idempotency_key i JOIN cases c ON c.id = i.case_id WHERE c.description = ?", text))
                .as("sent with its idempotency key").isEqualTo(1);
    }
}
