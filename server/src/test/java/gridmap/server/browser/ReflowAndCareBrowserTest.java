package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Reflow and scaling: at 200 % and 400 % browser zoom nothing scrolls sideways and the map keeps
 * a usable height (screenshots in target/screenshots/zoom-*); a larger default font in the
 * browser enlarges the whole UI; the care mode is remembered for the person, in another browser.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReflowAndCareBrowserTest {

    @Test
    void at200And400PercentNothingScrollsSidewaysAndTheMapStaysVisible() throws Exception {
        try (Browser b = Browser.start()) {
            for (double zoom : new double[] {2, 4}) {
                String z = (int) (zoom * 100) + "";
                b.openSignedOut();
                b.zoom(1280, 900, zoom);
                A11y.assertNoHorizontalScroll(b.driver(), "login at " + z + "%");
                b.screenshot("zoom-" + z + "-login");
                b.signIn("worker");
                b.awaitLayersLoaded();
                A11y.assertNoHorizontalScroll(b.driver(), "map at " + z + "%");
                @SuppressWarnings("unchecked")
                List<Number> map = (List<Number>) b.js("const m = document.getElementById('map');"
                        + "m.scrollIntoView({block: 'nearest'}); const r = m.getBoundingClientRect();"
                        + "return [r.width, r.height, r.top, r.bottom, window.innerWidth, window.innerHeight]");
                double height = map.get(1).doubleValue();
                double viewport = map.get(5).doubleValue();
                assertThat(height).as("map height at %s%% in a %s px high window", z, viewport)
                        .isGreaterThanOrEqualTo(Math.min(160, viewport * 0.7));
                assertThat(map.get(2).doubleValue()).as("map top on screen").isGreaterThanOrEqualTo(-1);
                assertThat(map.get(3).doubleValue()).as("map bottom on screen").isLessThanOrEqualTo(viewport + 1);
                assertThat(b.driver().findElements(By.cssSelector("path.gm-layer-districts"))).isNotEmpty();
                b.screenshot("zoom-" + z + "-map");

                b.byId("report-case").click();
                b.await(ExpectedConditions.elementToBeClickable(By.id("pick-center"))).click();
                b.await(ExpectedConditions.visibilityOfElementLocated(By.id("report-dialog")));
                A11y.assertNoHorizontalScroll(b.driver(), "report dialog at " + z + "%");
                b.screenshot("zoom-" + z + "-report");
                b.byId("report-cancel").click();
                b.zoom(1280, 900, 1);
            }
        }
    }

    @Test
    void aLargerBrowserFontEnlargesTextAndTargets() throws Exception {
        try (Browser b = Browser.start(Map.of("webkit.webprefs.default_font_size", 24))) {
            b.openSignedOut();
            b.signIn("viewer");
            b.awaitLayersLoaded();
            A11y.assertTextAtLeast(b.driver(), 24, "map with a 24 px default font");
            A11y.assertTargetsAtLeast(b.driver(), 66, "map with a 24 px default font");
            b.screenshot("font-24-map");
        }
    }

    @Test
    void careModeIsRememberedForThePersonInAnotherBrowser() throws Exception {
        try (Browser first = Browser.start(); Browser second = Browser.start()) {
            first.openSignedOut();
            first.signIn("dispatcher");
            assertThat(first.js("return document.documentElement.classList.contains('care')")).isEqualTo(false);
            try {
                first.byId("care-toggle").click();
                first.await(d -> Boolean.TRUE.equals(first.js("return document.documentElement.classList.contains('care')")));
                assertThat(first.byId("care-toggle").getDomAttribute("aria-pressed")).isEqualTo("true");
                assertThat(first.byId("audit-open").isDisplayed()).isFalse();
                // the simpler header: the report action stays, the language switch moves to "More"
                assertThat(first.byId("report-case").isDisplayed()).isTrue();
                assertThat(first.byId("lang-toggle").isDisplayed()).isFalse();
                first.byId("more-toggle").click();
                assertThat(first.byId("lang-toggle").isDisplayed()).isTrue();
                first.await(d -> "true".equals(String.valueOf(first.js(
                        "return fetch('api/me/preferences').then(r => r.json()).then(p => String(p.care_mode))"))));

                second.openSignedOut();
                assertThat(second.js("return document.documentElement.classList.contains('care')")).isEqualTo(false);
                second.signIn("dispatcher");
                second.await(d -> Boolean.TRUE.equals(second.js("return document.documentElement.classList.contains('care')")));
                A11y.assertTargetsAtLeast(second.driver(), 48, "care mode after sign-in elsewhere");
                second.byId("care-toggle").click();
                second.await(d -> "false".equals(String.valueOf(second.js(
                        "return fetch('api/me/preferences').then(r => r.json()).then(p => String(p.care_mode))"))));
            } finally {
                first.js("return fetch('api/me/preferences', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
                        + " body: JSON.stringify({care_mode: false})}).then(r => r.status)");
            }
        }
    }
}
