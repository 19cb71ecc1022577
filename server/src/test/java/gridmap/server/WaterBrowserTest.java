package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import gridmap.data.Sql;

/**
 * The watershed panel in a real browser, signed in as the demo watershed planner: clicking a
 * basin shows its figures in the panel and draws its upstream and downstream on the map; the
 * pollution trace from a place by the Yangtze lists what lies upstream; the report opens.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WaterBrowserTest {
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        String base = TestServer.start().baseUrl().replaceAll("/+$", "");
        profile = Files.createTempDirectory("gridmap-chromium-");
        driver = MapBrowserTest.chromium(profile);
        driver.get(base + "/");
        MapBrowserTest.logIn(driver, "watershed", "demo-watershed");
        MapBrowserTest.awaitReady(driver);
    }

    @AfterAll
    static void stop() throws IOException {
        MapBrowserTest.quit(driver, profile);
    }

    private static Object js(String script, Object... args) { return driver.executeScript(script, args); }

    private static WebDriverWait await() { return new WebDriverWait(driver, MapBrowserTest.WAIT); }

    @Test
    void clickingABasinShowsItsFiguresAndHighlightsUpstreamAndDownstream() throws Exception {
        long id = Sql.count(TestServer.start().db.dataSource(), "SELECT id FROM river_basin WHERE code = 'TLB53'");
        // the basin's popup, as a click on it opens it
        js("fetch('api/basins/' + arguments[0]).then(r => r.json()).then(b => window.gridmap.showFeature('basins', b.feature))", id);
        await().until(d -> d.findElement(By.id("water-selected-title")).getText().contains("TLB53"));
        assertThat(driver.findElement(By.id("water-up-count")).getText()).matches(".*\\d+.*");
        // upstream and downstream drawn above the layers
        await().until(d -> !d.findElements(By.cssSelector("path.gm-water-up")).isEmpty()
                && !d.findElements(By.cssSelector("path.gm-water-down")).isEmpty());
        assertThat(driver.findElement(By.id("panel-water")).isDisplayed()).isTrue();
        Files.createDirectories(gridmap.server.browser.Browser.SCREENSHOTS);
        Files.write(gridmap.server.browser.Browser.SCREENSHOTS.resolve("water-basin.png"),
                driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        // the panel with a selection in it meets the accessibility rules
        gridmap.server.browser.A11y.assertNoViolations(driver, "watershed panel with a basin selected");
        gridmap.server.browser.A11y.assertTargetsAtLeast(driver, 44, "watershed panel");
        gridmap.server.browser.A11y.assertTextAtLeast(driver, 16, "watershed panel");
        // the clear button takes the highlight away
        driver.findElement(By.id("water-clear")).click();
        await().until(d -> d.findElements(By.cssSelector("path.gm-water-up")).isEmpty());
    }

    @Test
    void pollutionTraceFromAPlaceByTheRiver() {
        driver.findElement(By.id("water-trace")).click();
        assertThat(driver.findElement(By.id("water-trace")).getDomAttribute("aria-pressed")).isEqualTo("true");
        // a click on the map at the middle of the Yangtze reach TLR51
        js("""
                fetch('api/layers/rivers?limit=500').then(r => r.json()).then(fc => {
                  const f = fc.features.find(x => x.properties.code === 'TLR51');
                  const c = f.geometry.coordinates[Math.floor(f.geometry.coordinates.length / 2)];
                  window.gridmap.state.map.fire('click', { latlng: L.latLng(c[1], c[0]) });
                })""");
        await().until(d -> !d.findElements(By.id("water-trace-summary")).isEmpty());
        assertThat(driver.findElement(By.id("water-trace-summary")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("water-trace")).getDomAttribute("aria-pressed")).isEqualTo("false");
    }

    @Test
    void aPlannerDrawsANewProjectOnTheMap() throws Exception {
        javax.sql.DataSource ds = TestServer.start().db.dataSource();
        long before = Sql.count(ds, "SELECT count(*) FROM water_project");
        driver.findElement(By.id("water-draw-marker")).click();
        await().until(d -> Boolean.TRUE.equals(js("return !!(window.L.PM && window.gridmap.state.map.pm && window.gridmap.state.map.pm.globalDrawModeEnabled())")));
        // a click on the map in 铜官区, where geoman puts the marker
        js("window.gridmap.state.map.fire('click', { latlng: L.latLng(30.93, 117.80) })");
        await().until(d -> d.findElement(By.id("water-project-dialog")).isDisplayed());
        driver.findElement(By.id("water-p-name")).sendKeys("浏览器测试泵站");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("water-p-type"))).selectByValue("pumping_station");
        driver.findElement(By.id("water-p-budget")).sendKeys("300");
        driver.findElement(By.id("water-p-unit")).sendKeys("铜官区水务局");
        driver.findElement(By.id("water-p-save")).click();
        await().until(d -> !d.findElement(By.id("water-project-dialog")).isDisplayed());
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project")).isEqualTo(before + 1);
        assertThat(Sql.text(ds, "SELECT project_type FROM water_project ORDER BY id DESC LIMIT 1")).isEqualTo("pumping_station");
        assertThat(Sql.text(ds, "SELECT ST_AsText(geom) FROM water_project ORDER BY id DESC LIMIT 1")).startsWith("POINT(117.8");
        js("window.gridmap.state.map.pm.disableDraw()");
    }

    @Test
    void theCrossRegionReportOpensInADialogAndFocusReturns() {
        driver.findElement(By.id("water-report")).click();
        await().until(d -> d.findElement(By.id("water-report-dialog")).isDisplayed()
                && !d.findElements(By.cssSelector("#water-report-dialog tbody tr")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#water-report-dialog a[download]")).getDomAttribute("href")).contains("cross-region.csv");
        gridmap.server.browser.A11y.assertNoViolations(driver, "cross-region report");
        driver.findElement(By.id("water-report-dialog")).findElement(By.cssSelector(".dialog-close")).click();
        await().until(d -> !d.findElement(By.id("water-report-dialog")).isDisplayed());
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("water-report");
    }
}
