package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import gridmap.server.TestServer;

/**
 * An administrator uses gridmap with the keyboard only: sign in, switch a layer on, search and
 * open the result, open a case from the list of what the map shows, report a case, read the audit
 * log, sign out. After every step the test asserts where focus is.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KeyboardWalkBrowserTest {
    private static final String DESCRIPTION = "键盘上报的案件";

    @Test
    void theWholeJobWithoutAPointer() throws Exception {
        try (Browser b = Browser.start()) {
            b.openSignedOut();
            assertThat(b.focused().getDomAttribute("id")).as("the login form starts on the user name").isEqualTo("login-username");
            b.press("admin", Keys.TAB);
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("login-password");
            b.press("demo-admin", Keys.ENTER);
            b.awaitReady();
            assertThat(b.focused().getDomAttribute("id")).as("signed in: focus on the first useful control").isEqualTo("search");
            b.awaitLayersLoaded();

            // switch the basins layer on with Space; focus stays on its switch
            b.tabTo("input[data-layer='basins']", 40);
            b.press(Keys.SPACE);
            b.await(d -> Boolean.TRUE.equals(b.js("return document.querySelector(\"input[data-layer='basins']\").checked")));
            b.await(d -> !d.findElements(By.cssSelector("path.gm-layer-basins")).isEmpty());
            assertThat(b.focusIn("input[data-layer='basins']")).as("focus after switching: %s", b.describeFocus()).isTrue();

            // search, choose the first result with the arrow keys: its details open with focus in them
            b.tabBackTo("#search", 40);
            b.press("铜官");
            b.await(d -> !d.findElements(By.cssSelector("#search-results li.search-result")).isEmpty());
            b.press(Keys.ARROW_DOWN, Keys.ENTER);
            b.awaitPopupFocused();
            assertThat(b.js("return document.querySelector('.leaflet-popup .gm-popup-title').textContent")).asString().contains("铜官");
            b.press(Keys.ESCAPE);
            b.await(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
            assertThat(b.focused().getDomAttribute("id")).as("Escape returns to the search box").isEqualTo("search");
            b.awaitLayersLoaded();

            // open a case from the list; Escape returns to the same item
            b.tabTo("#feature-list .feature-item[data-layer='cases']", 80);
            String key = b.focused().getDomAttribute("data-key");
            b.press(Keys.ENTER);
            b.awaitPopupFocused();
            assertThat(b.js("return document.querySelector('.leaflet-popup .gm-popup-kind').textContent")).isEqualTo("案件");
            // read in the page: the list may be redrawn (a layer reloads) between finding the item and reading it
            b.await(d -> "true".equals(b.js("const i = document.querySelector(\".feature-item[data-key='" + key + "']\");"
                    + " return i && i.getAttribute('aria-current')")));
            // "zoom here" from the keyboard, so the report below lands on a place inside a grid cell
            b.tabTo(".leaflet-popup .gm-linkbutton", 5);
            b.press(Keys.ENTER);
            b.press(Keys.ESCAPE);
            b.await(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
            b.awaitLayersLoaded();
            assertThat(b.focusIn(".feature-item[data-key='" + key + "']")).as("Escape returns to the case in the list, not %s", b.describeFocus()).isTrue();

            // report a case at the middle of the map
            b.tabBackTo("#report-case", 80);
            b.press(Keys.ENTER);
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("pick-banner")));
            assertThat(b.focused().getDomAttribute("id")).as("pick mode: focus on the keyboard's way to pick").isEqualTo("pick-center");
            b.press(Keys.ENTER);
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("report-dialog")));
            b.await(d -> !d.findElements(By.cssSelector("#report-category option[value='0102']")).isEmpty());
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("report-category");
            b.press(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
            assertThat(b.byId("report-category").getDomProperty("value")).isNotBlank();
            b.press(Keys.TAB);
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("report-description");
            b.press(DESCRIPTION, Keys.TAB);
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("report-address");
            Long caseId = null;
            try {
                b.press(Keys.ENTER);
                b.awaitPopupFocused();
                assertThat(b.js("return document.querySelector('.leaflet-popup').textContent")).asString().contains(DESCRIPTION);
                assertThat(b.byId("messages").getText()).contains("已上报");
                caseId = caseId();
                b.press(Keys.ESCAPE);
                b.await(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
                assertThat(b.focused().getDomAttribute("id")).as("after the new case: back on 'report a case'").isEqualTo("report-case");
            } finally {
                if (caseId == null) caseId = caseId();
                if (caseId != null) deleteCase(caseId);
            }

            // the audit log opens on its first filter and Escape returns to its button
            b.tabTo("#audit-open", 5);
            b.press(Keys.ENTER);
            b.await(d -> !d.findElements(By.cssSelector("#audit-rows tr[data-id]")).isEmpty());
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("audit-actor");
            b.press(Keys.ESCAPE);
            b.await(d -> !d.findElement(By.id("audit-dialog")).isDisplayed());
            assertThat(b.focused().getDomAttribute("id")).isEqualTo("audit-open");

            b.tabTo("#logout", 10);
            b.press(Keys.ENTER);
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-notice")));
            b.await(d -> "login-username".equals(b.focused().getDomAttribute("id")));
        }
    }

    private static Long caseId() throws Exception {
        Object id = gridmap.data.Sql.one(TestServer.start().db.dataSource(), "SELECT max(id) FROM cases WHERE description = ?", DESCRIPTION);
        return id == null ? null : ((Number) id).longValue();
    }

    private static void deleteCase(long id) throws Exception {
        try (Connection c = TestServer.start().db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM cases WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
