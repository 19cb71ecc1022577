package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import gridmap.server.TestServer;

/**
 * One headless Debian chromium (never a downloaded browser or driver: Selenium is pointed at
 * /usr/bin/chromium and /usr/bin/chromedriver) on the shared test server, with the helpers every
 * browser test needs: sign in, wait until the map is drawn, run script, press keys, look at focus,
 * change the window, save screenshots under server/target/screenshots. Close it when done.
 *
 * <pre>
 * try (Browser b = Browser.start()) {
 *     b.signIn("worker");
 *     b.press(Keys.TAB);
 *     A11y.assertNoViolations(b.driver(), "map");
 * }
 * </pre>
 */
public final class Browser implements AutoCloseable {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** A browser at 1280×900 on the shared test server. */
    public static Browser start() throws Exception {
        return start(Map.of());
    }

    /** With chromium preferences, e.g. {@code Map.of("webkit.webprefs.default_font_size", 24)}. */
    public static Browser start(Map<String, Object> prefs) throws Exception {
        String base = TestServer.start().baseUrl().replaceAll("/+$", "");
        Path profile = Files.createTempDirectory("gridmap-chromium-");
        return new Browser(chromium(profile, prefs), profile, base);
    }

    /** Headless Debian chromium with a private profile; never lets Selenium Manager download anything. */
    public static ChromeDriver chromium(Path profileDir, Map<String, Object> prefs) {
        assertThat(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute())
                .as("browser tests need Debian's chromium: apt-get install chromium chromium-driver")
                .isTrue();
        // Selenium logs a warning per session about CDP versions it has no bindings for; not our concern.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + profileDir);
        if (!prefs.isEmpty()) options.setExperimentalOption("prefs", prefs);
        // keep the page's console, so tests can see script errors and Content-Security-Policy violations
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return d;
    }

    public ChromeDriver driver() { return driver; }

    public String baseUrl() { return baseUrl; }

    /** Opens the page afresh: no session, Chinese, care mode off in this browser. */
    public void openSignedOut() {
        driver.get(baseUrl + "/favicon.svg");
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/");
        js("window.localStorage.clear(); window.sessionStorage.clear()");
        driver.navigate().refresh();
        await(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    }

    /** Fills the login form and submits it with Enter (the form is shown without a session). */
    public void logIn(String username, String password) {
        logIn(driver, username, password);
    }

    public static void logIn(WebDriver driver, String username, String password) {
        WebElement user = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.id("login-password"));
        pass.clear();
        pass.sendKeys(password, Keys.ENTER);
    }

    /** Signs in as a demo user (password "demo-" + username) and waits until the map is drawn. */
    public void signIn(String username) {
        logIn(username, "demo-" + username);
        awaitReady();
    }

    /** Waits for body[data-ready=true]: signed in, map drawn. */
    public void awaitReady() {
        awaitReady(driver);
    }

    public static void awaitReady(WebDriver driver) {
        String ready;
        try {
            ready = new WebDriverWait(driver, WAIT).until(x -> x.findElement(By.id("login-error")).isDisplayed() ? "login error"
                    : x.findElement(By.tagName("body")).getDomAttribute("data-ready"));
        } catch (org.openqa.selenium.TimeoutException e) {
            ready = "timeout";
        }
        assertThat(ready).as("page start-up; login error: %s; status: %s; messages shown: %s",
                driver.findElement(By.id("login-error")).getText(), driver.findElement(By.id("status")).getText(),
                driver.findElement(By.id("messages")).getText()).isEqualTo("true");
    }

    /** Waits until no layer is loading and the list of map features has caught up. */
    public void awaitLayersLoaded() {
        await(d -> Boolean.TRUE.equals(js("return Array.from(gridmap.state.layers.values()).every(l => !l.loading)")));
        pause(400);
    }

    public <T> T await(Function<WebDriver, T> condition) {
        // the page re-draws lists as the map moves: an element found a moment ago may be gone
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Clicks the first element matching css, finding it again if the page re-drew it meanwhile. */
    public void clickFresh(String css) {
        await(d -> {
            try {
                d.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    /** Waits until a popup has focus inside and has faded in completely. */
    public void awaitPopupFocused() {
        await(d -> focusIn(".leaflet-popup")
                && "1".equals(js("return getComputedStyle(document.querySelector('.leaflet-popup')).opacity")));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public WebElement find(By by) { return driver.findElement(by); }

    public WebElement byId(String id) { return driver.findElement(By.id(id)); }

    /** Keys to whatever has focus, as a keyboard user would press them. */
    public void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** The element that has focus now. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** A short description of the focused element, for assertion messages. */
    public String describeFocus() {
        return String.valueOf(js("const a = document.activeElement; return a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '')"
                + " + (a.className && typeof a.className === 'string' ? '.' + a.className.trim().split(/\\s+/).join('.') : '')"
                + " + ' \"' + (a.innerText || a.value || a.getAttribute('aria-label') || '').trim().slice(0, 40) + '\"' : 'none'"));
    }

    /** Presses Tab until the focused element matches the CSS selector; fails after maxTabs. */
    public WebElement tabTo(String css, int maxTabs) {
        for (int i = 0; i < maxTabs; i++) {
            press(Keys.TAB);
            if (Boolean.TRUE.equals(js("return document.activeElement && document.activeElement.matches(arguments[0])", css))) {
                return focused();
            }
        }
        throw new AssertionError("no " + css + " within " + maxTabs + " Tabs; focus is on " + describeFocus());
    }

    /** Presses Shift+Tab until the focused element matches the CSS selector; fails after maxTabs. */
    public WebElement tabBackTo(String css, int maxTabs) {
        for (int i = 0; i < maxTabs; i++) {
            new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            if (Boolean.TRUE.equals(js("return document.activeElement && document.activeElement.matches(arguments[0])", css))) {
                return focused();
            }
        }
        throw new AssertionError("no " + css + " within " + maxTabs + " Shift+Tabs; focus is on " + describeFocus());
    }

    /** Whether focus is on the element matching css (or inside it, with within). */
    public boolean focusIn(String css) {
        return Boolean.TRUE.equals(js("const a = document.activeElement; return !!a && !!a.closest(arguments[0])", css));
    }

    /** The window's inner size in CSS pixels. */
    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        Long innerW = (Long) js("return window.innerWidth");
        Long innerH = (Long) js("return window.innerHeight");
        // the outer window has chrome around the page: grow it until the page itself has the size
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(2 * width - innerW.intValue(), 2 * height - innerH.intValue()));
    }

    /**
     * Browser zoom as a user sets it (Ctrl +): the page is laid out in width/zoom × height/zoom CSS
     * pixels and drawn zoom times larger. 1 resets it.
     */
    public void zoom(int width, int height, double zoom) {
        if (zoom == 1) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            return;
        }
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", (int) Math.round(width / zoom), "height", (int) Math.round(height / zoom),
                "deviceScaleFactor", zoom, "mobile", false));
    }

    /** Saves a screenshot of the window as target/screenshots/name.png. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
