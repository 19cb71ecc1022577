package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import gridmap.server.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page in a real browser (Debian's headless chromium) against the real server and the
 * demo data: layers drawn, language switch, search. Selenium is pointed at /usr/bin/chromedriver
 * and /usr/bin/chromium so that Selenium Manager never tries to download a driver or a browser.
 * The browser signs in once as the demo viewer; the session cookie is kept across the tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MapBrowserTest {
    static final Duration WAIT = Browser.WAIT;

    private static String baseUrl;
    private static Path profile;
    private static ChromeDriver driver;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        baseUrl = TestServer.start().baseUrl().replaceAll("/+$", "");
        profile = Files.createTempDirectory("gridmap-chromium-");
        driver = chromium(profile);
        driver.get(baseUrl + "/");
        logIn(driver, "viewer", "demo-viewer");
        awaitReady(driver);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        quit(driver, profile);
    }

    /** Headless Debian chromium with a private profile (see {@link Browser#chromium}). */
    static ChromeDriver chromium(Path profileDir) {
        return Browser.chromium(profileDir, java.util.Map.of());
    }

    static void quit(ChromeDriver d, Path profileDir) throws IOException {
        if (d != null) d.quit();
        if (profileDir != null) {
            try (Stream<Path> files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void logIn(WebDriver d, String username, String password) {
        Browser.logIn(d, username, password);
    }

    static void awaitReady(WebDriver d) {
        Browser.awaitReady(d);
    }

    /** Every test starts from a freshly loaded map in Chinese (the stored language choice is cleared). */
    @BeforeEach
    void openMap() {
        driver.get(baseUrl + "/");
        js("window.localStorage.clear()");
        driver.navigate().refresh();
        awaitReady(driver);
    }

    @Test
    void noScriptErrorsAndNothingBlockedByTheContentSecurityPolicy() {
        js("gridmap.state.map.setZoom(14)"); // grid cells, labels and more requests
        new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT).until(d -> "true".equals(js("return document.body.dataset.ready")));
        var severe = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage())
                .filter(m -> !m.contains("/api/me - Failed to load resource")) // the page asks who is signed in before sign-in: a 401 by design
                .toList();
        assertThat(severe).isEmpty();
    }

    @Test
    void drawsDistrictsAndCommunitiesAsSvgPaths() {
        assertThat(driver.findElements(By.cssSelector("path.gm-layer-districts"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("path.gm-layer-communities"))).isNotEmpty();
        for (String on : List.of("districts", "communities", "cases")) {
            assertThat(checkbox(on).isSelected()).as("layer %s on by default", on).isTrue();
        }
        for (String off : List.of("city", "streets", "basins", "water-projects")) {
            assertThat(checkbox(off).isSelected()).as("layer %s off by default", off).isFalse();
        }
        assertThat(text(By.id("status"))).as("status line with feature counts").contains("社区");
        for (String on : List.of("districts", "communities", "cases")) {
            assertThat(driver.findElements(By.cssSelector("#legend .legend-layer[data-layer='" + on + "']"))).as("legend of %s", on).hasSize(1);
        }
        assertThat(driver.findElement(By.id("messages")).findElements(By.cssSelector(".message"))).as("error messages").isEmpty();
    }

    @Test
    void languageToggleSwitchesLabelsToEnglishAndRemembersTheChoice() {
        assertThat(text(By.id("layers-title"))).isEqualTo("图层");
        assertThat(text(By.id("search-button"))).isEqualTo("搜索");

        driver.findElement(By.id("lang-toggle")).click();
        assertThat(text(By.id("layers-title"))).isEqualTo("Layers");
        assertThat(text(By.id("search-button"))).isEqualTo("Search");
        assertThat(text(By.id("lang-toggle"))).isEqualTo("中文");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(text(By.cssSelector("#legend .legend-layer h3"))).isEqualTo("Districts");
        assertThat(js("return Object.keys(GM_I18N.dictionaries.en).sort().join()"))
                .as("both dictionaries have the same keys")
                .isEqualTo(js("return Object.keys(GM_I18N.dictionaries.zh).sort().join()"));

        driver.navigate().refresh();
        awaitReady(driver);
        assertThat(text(By.id("layers-title"))).as("choice kept in localStorage").isEqualTo("Layers");
    }

    @Test
    void searchListsTongguanAndEnterZoomsToTheFirstResult() {
        Number zoomBefore = (Number) js("return gridmap.state.map.getZoom()");
        WebElement search = driver.findElement(By.id("search"));
        search.sendKeys("铜官");
        WebElement first = new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#search-results li.search-result"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        String firstName = first.findElement(By.className("search-result-name")).getText();
        assertThat(firstName).contains("铜官");

        search.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> ((Number) js("return gridmap.state.map.getZoom()")).intValue() > zoomBefore.intValue());
        assertThat(search.getDomProperty("value")).isEqualTo(firstName);
        assertThat(driver.findElement(By.id("search-results")).isDisplayed()).as("result list closed").isFalse();
    }

    @Test
    void popupShowsServerTextAsTextNotMarkup() {
        js("gridmap.showFeature('cases', {type: 'Feature', id: 1, geometry: {type: 'Point', coordinates: arguments[0]},"
                + " properties: {code: 'C-1', category_code: '0101', category_name: '私搭乱建', status: 'in_progress',"
                + " description: '<img src=x onerror=\"window.__xss = 1\">', reported_at: '2024-05-01T08:30:00Z'}})",
                js("const c = gridmap.state.map.getCenter(); return [c.lng, c.lat]"));
        // Leaflet fades popups in: wait for the text to be visible, not only for the element
        WebElement popup = new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".leaflet-popup-content"))
                .stream().filter(p -> p.getText().contains("处理中")).findFirst().orElse(null));
        assertThat(popup.getText()).contains("<img src=x onerror=\"window.__xss = 1\">").contains("处理中");
        assertThat(popup.findElements(By.tagName("img"))).isEmpty();
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
    }

    private static WebElement checkbox(String layer) {
        return driver.findElement(By.cssSelector("input[data-layer='" + layer + "']"));
    }

    private static String text(By by) {
        return driver.findElement(by).getText().trim();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
