package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every screen and dialog, in both languages, at desktop and phone width, in the normal and the
 * care mode: axe-core finds no WCAG 2.1 A/AA violation, every control is at least 44 px (48 in
 * care mode), no text is under 16 px (20 in care mode, whose root font is 125 %), and every focus
 * ring has 3:1 contrast. Screenshots of each screen go to target/screenshots/a11y-*.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AccessibilityBrowserTest {
    private static Browser b;

    record Mode(String lang, int width, int height, boolean care) {
        String name() { return lang + "-" + width + (care ? "-care" : ""); }
        double target() { return care ? 48 : 44; }
        double text() { return care ? 20 : 16; }
    }

    static Stream<Mode> modes() {
        return Stream.of("zh", "en").flatMap(lang -> Stream.of(false, true).flatMap(care -> Stream.of(
                new Mode(lang, 1280, 900, care), new Mode(lang, 390, 844, care))));
    }

    @BeforeAll
    static void start() throws Exception {
        b = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.close();
    }

    private static void check(Mode m, String screen) throws Exception {
        String name = m.name() + " " + screen;
        b.screenshot("a11y-" + m.name() + "-" + screen);
        A11y.assertNoViolations(b.driver(), name);
        A11y.assertTargetsAtLeast(b.driver(), m.target(), name);
        A11y.assertTextAtLeast(b.driver(), m.text(), name);
        A11y.assertNoHorizontalScroll(b.driver(), name);
    }

    private static void click(String id) {
        WebElement e = b.await(ExpectedConditions.elementToBeClickable(By.id(id)));
        e.click();
    }

    /** In care mode the secondary actions sit in the "More" menu. */
    private static void action(Mode m, String id) {
        if (m.care() && !b.byId(id).isDisplayed()) click("more-toggle");
        click(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void everyScreen(Mode m) throws Exception {
        b.windowSize(m.width(), m.height());
        b.openSignedOut();
        if (m.lang().equals("en")) click("lang-toggle");
        if (m.care()) click("care-toggle");
        assertThat(b.byId("care-toggle").getDomAttribute("aria-pressed")).isEqualTo(m.care() ? "true" : "false");
        check(m, "login");
        b.logIn("admin", "wrong-password");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        check(m, "login-error");

        b.signIn("admin");
        try {
            b.awaitLayersLoaded();
            check(m, "map");
            A11y.assertFocusRingContrast(b.driver(), m.name() + " map");

            if (!b.byId("panel").isDisplayed()) click("panel-toggle");
            b.await(d -> !d.findElements(By.cssSelector("#feature-list .feature-item")).isEmpty());
            check(m, "panel");
            b.clickFresh("#feature-list .feature-item");
            b.awaitPopupFocused();
            check(m, "popup");
            b.press(Keys.ESCAPE);
            b.await(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
            if (m.width() < 760) {
                b.press(Keys.ESCAPE); // the panel lies over the map on a phone
                b.await(d -> !d.findElement(By.id("panel")).isDisplayed());
            }

            WebElement search = b.byId("search");
            search.click();
            search.sendKeys("铜官");
            b.await(d -> !d.findElements(By.cssSelector("#search-results li.search-result")).isEmpty()
                    && d.findElement(By.id("search-results")).isDisplayed());
            check(m, "search");
            search.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            b.awaitPopupFocused();
            check(m, "search-popup");
            b.press(Keys.ESCAPE);
            b.await(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());

            click("report-case");
            if (m.care()) {
                b.await(ExpectedConditions.visibilityOfElementLocated(By.id("report-steps")));
                check(m, "steps-place");
                click("steps-next");
                b.await(d -> !d.findElements(By.cssSelector("#steps-body input[type=radio]")).isEmpty());
                check(m, "steps-category");
                b.find(By.cssSelector("#steps-body label.steps-choice")).click();
                click("steps-next");
                b.byId("steps-description").sendKeys("无障碍检查");
                check(m, "steps-details");
                click("steps-next");
                check(m, "steps-check");
                click("steps-close");
            } else {
                b.await(ExpectedConditions.visibilityOfElementLocated(By.id("pick-banner")));
                check(m, "pick");
                click("pick-center");
                b.await(ExpectedConditions.visibilityOfElementLocated(By.id("report-dialog")));
                b.await(d -> !d.findElements(By.cssSelector("#report-category option[value='0102']")).isEmpty());
                check(m, "report");
                click("report-cancel");
            }

            if (m.care()) {
                click("more-toggle");
                check(m, "more-menu");
                b.press(Keys.ESCAPE);
            }
            action(m, "audit-open");
            b.await(d -> !d.findElements(By.cssSelector("#audit-rows tr[data-id]")).isEmpty());
            b.find(By.cssSelector("#audit-rows details summary")).click();
            check(m, "audit");
            click("audit-close");
            action(m, "privacy-open");
            b.await(d -> !d.findElement(By.id("privacy-retention")).getText().isEmpty());
            b.byId("privacy-phone").sendKeys("10000000000");
            click("privacy-erase"); // without the confirmation: the refusal is on screen too
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-error")));
            check(m, "privacy");
            click("privacy-close");
            action(m, "settings-open");
            click("cat-edit-0101");
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("cat-form")));
            check(m, "settings");
            click("settings-tab-calendar");
            b.await(d -> d.findElements(By.cssSelector("#cal-grid button.cal-day")).size() >= 365);
            check(m, "settings-calendar");
            click("settings-close");

            // the case workbench: one case in full with its steps, then the KPI dashboard
            if (!b.byId("panel").isDisplayed()) click("panel-toggle");
            b.await(d -> !d.findElements(By.cssSelector("#work-list button.work-open")).isEmpty());
            b.clickFresh("#work-list button.work-open");
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("case-dialog")));
            b.await(d -> !d.findElements(By.cssSelector("#case-body .case-status")).isEmpty());
            check(m, "case");
            click("case-close");
            if (m.width() < 760 && b.byId("panel").isDisplayed()) {
                b.press(Keys.ESCAPE);
                b.await(d -> !d.findElement(By.id("panel")).isDisplayed());
            }
            action(m, "kpi-open");
            b.await(d -> !d.findElements(By.cssSelector("#kpi-table tbody tr")).isEmpty());
            check(m, "kpis");
            click("kpi-close");
            action(m, "import-open");
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("import-dialog")));
            b.find(By.cssSelector("#import-more summary")).click(); // the more options open too
            check(m, "import");
            click("import-close");
        } finally {
            if (m.care()) b.js("return fetch('api/me/preferences', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({care_mode: false})}).then(r => r.status)");
        }
        List<WebElement> errors = b.driver().findElements(By.cssSelector("#messages .message-error"));
        assertThat(errors).as("error messages").isEmpty();
    }
}
