package gridmap.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import gridmap.data.Sql;
import gridmap.server.TestServer;

/**
 * The planner's drawing tools and plan flow in a real browser, nothing committed: a plan file
 * imported, a unit split by a line drawn on the map, cells painted into a neighbour, a suggestion,
 * two plans compared side by side, a plan published and commented on by a viewer at a place.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PlannerToolsBrowserTest {
    private static Browser b;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        b = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.close();
    }

    private static void click(String id) {
        b.await(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private static long unitId(String code) throws Exception {
        return Sql.count(server.db.dataSource(), "SELECT id FROM admin_unit WHERE code = ? AND valid_to IS NULL", code);
    }

    /** Where a point lon/lat is on the page (viewport pixels). */
    @SuppressWarnings("unchecked")
    private static List<Number> pixel(double lon, double lat) {
        return (List<Number>) b.js("const m = gridmap.state.map; const r = m.getContainer().getBoundingClientRect();"
                + " const p = m.latLngToContainerPoint([arguments[1], arguments[0]]); return [Math.round(r.left + p.x), Math.round(r.top + p.y)];", lon, lat);
    }

    /** Clicks the map at a lon/lat (a real pointer click, as a planner would). */
    private static void clickMap(double lon, double lat) {
        List<Number> p = pixel(lon, lat);
        new Actions(b.driver()).moveToLocation(p.get(0).intValue(), p.get(1).intValue()).click().perform();
        Browser.pause(300);
    }

    private static void newPlan(String parentCode, String name) {
        click("plan-new");
        WebElement parent = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-new-parent")));
        b.await(d -> parent.findElements(By.tagName("option")).size() > 5);
        b.js("const s = document.getElementById('plan-new-parent'); s.value = Array.from(s.options).find(o => o.dataset.code === arguments[0]).value;", parentCode);
        WebElement n = b.byId("plan-new-name");
        n.clear();
        n.sendKeys(name);
        click("plan-new-ok");
        b.await(ExpectedConditions.presenceOfElementLocated(By.id("plan-units")));
    }

    private static void select(String code) throws Exception {
        b.js("document.getElementById('plan-units').open = true");
        click("plan-unit-u" + unitId(code));
    }

    @Test
    void drawSplitPaintSuggestCompareAndComment() throws Exception {
        b.openSignedOut();
        b.signIn("planner");
        click("plans-open");

        newPlan("340705002", "画线拆分测试");
        // a cell of a neighbour painted into the community
        select("340705002004");
        click("plan-paint");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-banner")));
        b.await(d -> ((Number) b.js("return document.querySelectorAll('path.gm-plan-cell').length")).intValue() > 5);
        // a cell of another community of the street that borders it
        String cell = Sql.text(server.db.dataSource(), """
                SELECT concat_ws(',', ST_X(p), ST_Y(p)) FROM (SELECT ST_PointOnSurface(g.geom) p FROM grid_cell g JOIN admin_unit c ON c.id = g.community_id
                  JOIN admin_unit x ON x.code = '340705002004' AND x.valid_to IS NULL
                 WHERE g.valid_to IS NULL AND c.parent_id = x.parent_id AND c.id <> x.id AND ST_Length(ST_Intersection(g.geom, x.geom)) > 0
                 ORDER BY g.code LIMIT 1) s""");
        String[] xy = cell.split(",");
        clickMap(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
        b.await(d -> b.byId("plan-banner").getText().contains("已选 1 个"));
        click("plan-banner-apply");
        b.await(d -> b.byId("plan-steps").getText().contains("网格"));
        assertThat(b.byId("plan-steps").getText()).contains("340705002004");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-committable")));

        // a split drawn across the community: a click, then a double click at the end
        select("340705002004");
        click("plan-split");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-banner")));
        double[] e = bounds("340705002004");
        b.js("gridmap.state.map.fitBounds([[arguments[1], arguments[0]], [arguments[3], arguments[2]]], {padding: [80, 80]})", e[0], e[1], e[2], e[3]);
        Browser.pause(800);
        double midLat = (e[1] + e[3]) / 2, w = e[2] - e[0];
        clickMap(e[0] - w * 0.1, midLat);
        List<Number> end = pixel(e[2] + w * 0.1, midLat);
        // a double click on the last point ends the line (Geoman's finishOn)
        new Actions(b.driver()).moveToLocation(end.get(0).intValue(), end.get(1).intValue()).click().perform();
        Browser.pause(300);
        new Actions(b.driver()).doubleClick().perform();
        b.await(d -> b.byId("plan-steps").getText().contains("拆分"));
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-committable")));
        assertThat(b.find(By.id("plan-metrics")).getText()).contains("（1）").contains("（2）");
        b.screenshot("planner-split");
        A11y.assertNoViolations(b.driver(), "planner after split and paint");
        click("plan-close");

        // a suggestion for the street, saved as a plan, compared with a file-imported plan of the same street
        click("plan-suggest");
        WebElement sp = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-suggest-parent")));
        b.await(d -> sp.findElements(By.tagName("option")).size() > 5);
        b.js("const s = document.getElementById('plan-suggest-parent'); s.value = Array.from(s.options).find(o => o.dataset.code === '340705002').value;");
        b.byId("plan-suggest-min").clear();
        b.byId("plan-suggest-min").sendKeys("4000");
        b.byId("plan-suggest-max").clear();
        b.byId("plan-suggest-max").sendKeys("12000");
        A11y.assertNoViolations(b.driver(), "suggestion dialog");
        click("plan-suggest-ok");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-committable")));
        assertThat(b.byId("plan-steps").getText()).contains("合并");
        assertThat(b.byId("plan-title").getText()).startsWith("建议");
        closeMessages();
        click("plan-close");
        Path file = Files.createTempFile("plan", ".json");
        Files.writeString(file, "{\"parent_code\":\"340705002\",\"name\":\"文件方案\",\"operations\":[{\"op\":\"merge\","
                + "\"units\":[\"340705002005\",\"340705002008\"],\"name\":\"文件社区\"}]}");
        b.byId("plan-file").sendKeys(file.toString());
        b.await(d -> b.byId("plan-title").getText().contains("文件方案"));
        click("plan-compare");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-compare-with")));
        click("plan-compare-ok");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-compare-map-a")));
        b.await(d -> b.find(By.className("plan-compare-moved")).getText().matches(".*\\d+.*"));
        A11y.assertNoViolations(b.driver(), "comparison");
        b.screenshot("planner-compare");
        click("plan-compare-close");

        // published: a viewer opens it and comments at a place
        click("plan-publish");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-publish-days")));
        click("plan-publish-ok");
        closeMessages();
        b.await(d -> d.findElement(By.className("plan-workspace")).getText().contains("公示中"));
        b.openSignedOut();
        b.signIn("viewer");
        click("plans-open");
        b.await(d -> !d.findElements(By.cssSelector("#plan-list [data-plan-id]")).isEmpty());
        b.find(By.cssSelector("#plan-list [data-plan-id]")).click();
        WebElement text = b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-comment-text")));
        text.sendKeys("这两个社区之间隔着铁路，合并后办事不方便");
        click("plan-comment-pick");
        double[] c = bounds("340705002005");
        clickMap((c[0] + c[2]) / 2, (c[1] + c[3]) / 2);
        assertThat(b.byId("plan-comment-where").getText()).contains(".");
        A11y.assertNoViolations(b.driver(), "comment form");
        click("plan-comment-send");
        b.await(d -> b.byId("plan-comment-list").getText().contains("铁路"));
        assertThat(Sql.count(server.db.dataSource(), "SELECT count(*) FROM plan_comment WHERE body LIKE '%铁路%' AND geom IS NOT NULL")).isPositive();
        b.screenshot("planner-comment");
    }

    @Test
    void dragASharedBorder() throws Exception {
        b.openSignedOut();
        b.signIn("planner");
        click("plans-open");
        newPlan("340705003", "拖动边界测试");
        // two neighbours with the longest shared border in the street
        String pair = Sql.text(server.db.dataSource(), """
                SELECT a.code || ',' || c.code FROM admin_unit a JOIN admin_unit c ON c.parent_id = a.parent_id AND c.code > a.code AND c.valid_to IS NULL
                 WHERE a.code LIKE '340705003___' AND a.valid_to IS NULL ORDER BY ST_Length(ST_Intersection(a.geom, c.geom)) DESC LIMIT 1""");
        String[] codes = pair.split(",");
        select(codes[0]);
        select(codes[1]);
        click("plan-redraw");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-banner")));
        // Geoman's vertex markers on the red border line: drag one in the middle a little
        b.await(d -> d.findElements(By.cssSelector(".marker-icon:not(.marker-icon-middle)")).size() >= 3);
        List<WebElement> markers = b.driver().findElements(By.cssSelector(".marker-icon:not(.marker-icon-middle)"));
        WebElement mid = markers.get(markers.size() / 2);
        new Actions(b.driver()).dragAndDropBy(mid, 6, 5).perform();
        Browser.pause(400);
        click("plan-banner-apply");
        b.await(d -> b.byId("plan-steps").getText().contains(codes[0]));
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-committable")));
        assertThat(b.byId("plan-committable").getDomAttribute("class")).isEqualTo("plan-ok");
        assertThat(b.byId("plan-metrics").getText()).contains(codes[0]).contains(codes[1]);
        b.screenshot("planner-redraw");
    }

    /** Messages stay until closed (nobody reads against a clock): close them. */
    private static void closeMessages() {
        b.driver().findElements(By.cssSelector("#messages .message-close")).forEach(WebElement::click);
    }

    /** The bbox of a current unit: west, south, east, north. */
    private static double[] bounds(String code) throws Exception {
        String s = Sql.text(server.db.dataSource(), "SELECT concat_ws(',', ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) FROM admin_unit WHERE code = ? AND valid_to IS NULL", code);
        String[] p = s.split(",");
        return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])};
    }
}
