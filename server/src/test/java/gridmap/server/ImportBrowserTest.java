package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import gridmap.data.Sql;
import gridmap.server.browser.A11y;

/**
 * The import dialog in a real browser, signed in as the demo administrator: a boundary file with
 * a self-intersecting district is checked (detected CRS and field mapping, the report's tables,
 * the repaired and moved areas in red on the map, and back), then a file of water projects is
 * checked and confirmed, and lands in the database. Keyboard focus, axe-core's WCAG 2.1 A/AA rules,
 * 44 px targets and 16 px text are checked on the dialog.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ImportBrowserTest {
    static ChromeDriver driver;
    static Path profile, dir;
    static javax.sql.DataSource ds;

    @BeforeAll
    static void startBrowser() throws Exception {
        TestServer server = TestServer.start();
        ds = server.db.dataSource();
        dir = Files.createTempDirectory("import-browser");
        profile = Files.createTempDirectory("gridmap-chromium-");
        driver = MapBrowserTest.chromium(profile);
        driver.get(server.baseUrl() + "/");
        MapBrowserTest.logIn(driver, "admin", "demo-admin");
        MapBrowserTest.awaitReady(driver);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        MapBrowserTest.quit(driver, profile);
        Sql.exec(ds, "DELETE FROM water_project_status WHERE project_id IN (SELECT id FROM water_project WHERE code LIKE 'UITEST-%')");
        Sql.exec(ds, "DELETE FROM water_project WHERE code LIKE 'UITEST-%'");
    }

    static WebDriverWait waitUpTo(int seconds) { return new WebDriverWait(driver, java.time.Duration.ofSeconds(seconds)); }

    static String focusedId() { return (String) ((JavascriptExecutor) driver).executeScript("return document.activeElement && document.activeElement.id"); }

    /** axe-core's WCAG 2.1 A/AA rules, 44 px targets and 16 px text on the page as it is (the shared checks). */
    static void accessible(String screen) {
        A11y.assertNoViolations(driver, screen);
        A11y.assertTargetsAtLeast(driver, 44, screen);
        A11y.assertTextAtLeast(driver, 16, screen);
    }

    static void choose(String file, String target) {
        driver.findElement(By.id("import-file")).sendKeys(file);
        new Select(driver.findElement(By.id("import-target"))).selectByValue(target);
        driver.findElement(By.id("import-check")).click();
    }

    @Test
    void checkAFileSeeTheReportInRedOnTheMapThenImportAnother() throws Exception {
        // a new district of Tongling drawn as a bow tie just east of the city (a unit wholly inside
        // its neighbours would vanish in the cleaning, and the import would rightly be refused)
        double x = 0.05 + ((Number) Sql.one(ds, "SELECT ST_XMax(geom) FROM admin_unit WHERE code = '340700' AND valid_to IS NULL")).doubleValue();
        double y = ((Number) Sql.one(ds, "SELECT ST_Y(ST_Centroid(geom)) FROM admin_unit WHERE code = '340700' AND valid_to IS NULL")).doubleValue();
        String bowTie = String.format(Locale.ROOT, "[[[%1$s,%2$s],[%3$s,%4$s],[%3$s,%2$s],[%1$s,%4$s],[%1$s,%2$s]]]", x - 0.01, y - 0.01, x + 0.01, y + 0.01);
        Path units = Files.writeString(dir.resolve("新区.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"adcode\":\"340799\",\"名称\":\"新区\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + bowTie + "}}]}");

        WebElement open = driver.findElement(By.id("import-open"));
        assertThat(open.isDisplayed()).isTrue();
        open.click();
        WebElement dialog = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("import-dialog")));
        assertThat(focusedId()).isEqualTo("import-file");
        accessible("import form");

        choose(units.toString(), "units");
        waitUpTo(120).until(d -> d.findElement(By.id("import-report")).isDisplayed() || d.findElement(By.id("import-status")).getAttribute("class").contains("is-problem"));
        assertThat(driver.findElement(By.id("import-status")).getText()).contains("检查通过");
        assertThat(driver.findElement(By.id("import-crs-detected")).getText()).contains("EPSG:4326");
        assertThat(driver.findElement(By.id("import-mapping")).getText()).contains("adcode").contains("名称");
        assertThat(driver.findElement(By.id("import-repairs")).getText()).contains("340799").contains("Self-intersection");
        assertThat(driver.findElement(By.id("import-cleaning")).getText()).contains("铜陵");
        assertThat(driver.findElements(By.cssSelector("path.gm-import-red")).size()).isGreaterThanOrEqualTo(2);
        assertThat(driver.findElement(By.id("import-confirm")).isDisplayed()).isTrue();
        accessible("import report");

        // the red areas on the map, the dialog out of the way, and back
        driver.findElement(By.id("import-show-map")).click();
        waitUpTo(10).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(driver.findElement(By.id("import-banner")).isDisplayed()).isTrue();
        assertThat(focusedId()).isEqualTo("import-back");
        driver.findElement(By.id("import-back")).click();
        waitUpTo(10).until(ExpectedConditions.visibilityOf(dialog));
        assertThat(driver.findElements(By.cssSelector("path.gm-import-red")).size()).isGreaterThanOrEqualTo(2);

        // another file, for real this time: two water projects
        driver.findElement(By.id("import-again")).click();
        assertThat(driver.findElements(By.cssSelector("path.gm-import-red"))).isEmpty();
        Path projects = Files.writeString(dir.resolve("工程.geojson"), String.format(Locale.ROOT, "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"UITEST-1\",\"name\":\"界面测试闸\",\"project_type\":\"sluice\",\"status\":\"planned\",\"responsible_unit\":\"铜官区水利局\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"UITEST-2\",\"name\":\"界面测试站\",\"project_type\":\"pumping_station\",\"status\":\"completed\",\"responsible_unit\":\"铜官区水利局\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}]}", x, y, x + 0.001, y));
        choose(projects.toString(), "projects");
        WebElement confirm = waitUpTo(60).until(ExpectedConditions.visibilityOfElementLocated(By.id("import-confirm")));
        long audited = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'import.projects' AND after->>'file' = '工程.geojson'");
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project WHERE code LIKE 'UITEST-%'")).isZero();
        assertThat(focusedId()).isEqualTo("import-confirm");
        confirm.click();
        waitUpTo(60).until(d -> d.findElement(By.id("import-status")).getText().contains("已导入"));
        assertThat(driver.findElement(By.id("import-status")).getText()).contains("新增 2");
        assertThat(Sql.count(ds, "SELECT count(*) FROM water_project WHERE code LIKE 'UITEST-%'")).isEqualTo(2);
        assertThat(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'import.projects' AND after->>'file' = '工程.geojson'")).isEqualTo(audited + 1);

        // Escape closes the dialog and gives the focus back to the toolbar button
        driver.findElement(By.id("import-status")).click();
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waitUpTo(10).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(focusedId()).isEqualTo("import-open");
    }
}
