package gridmap.server.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Regenerates the README's pictures (docs/*.png) from the real UI on the demo data. Not a test:
 * it runs only when asked, with a Chinese font installed (apt-get install fonts-wqy-microhei):
 * {@code mvn -pl server -am verify -Dtest=DocsPictures -Dsurefire.failIfNoSpecifiedTests=false -Dgridmap.docs=true}
 */
class DocsPictures {
    @Test
    void regenerate() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("gridmap.docs"), "only with -Dgridmap.docs=true");
        Path docs = Path.of("..", "docs");
        try (Browser b = Browser.start()) {
            b.windowSize(1280, 760);
            b.openSignedOut();
            b.signIn("admin");
            b.awaitLayersLoaded();
            save(b, docs, "map");

            b.js("gridmap.state.map.setView([30.935, 117.815], 15, {animate: false})");
            b.awaitLayersLoaded();
            b.byId("report-case").click();
            b.await(ExpectedConditions.elementToBeClickable(By.id("pick-center"))).click();
            b.await(d -> !d.findElements(By.cssSelector("#report-category option[value='0102']")).isEmpty());
            new org.openqa.selenium.support.ui.Select(b.byId("report-category")).selectByValue("0102");
            b.byId("report-description").sendKeys("小区门口垃圾堆放两天未清运");
            save(b, docs, "report-case");
            b.byId("report-cancel").click();

            b.byId("audit-open").click();
            b.await(d -> !d.findElements(By.cssSelector("#audit-rows tr[data-id]")).isEmpty());
            save(b, docs, "audit");
            b.byId("audit-close").click();

            b.byId("care-toggle").click();
            b.byId("report-case").click();
            b.await(ExpectedConditions.visibilityOfElementLocated(By.id("report-steps")));
            b.byId("steps-next").click();
            b.await(d -> !d.findElements(By.cssSelector("#steps-body input[type=radio]")).isEmpty());
            save(b, docs, "care-mode");
            b.press(Keys.ESCAPE);
            b.byId("care-toggle").click();

            b.windowSize(390, 844);
            b.driver().navigate().refresh();
            b.awaitReady();
            b.awaitLayersLoaded();
            save(b, docs, "phone");
        }
    }

    private static void save(Browser b, Path docs, String name) throws Exception {
        Browser.pause(600);
        Files.copy(b.screenshot("docs-" + name), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
