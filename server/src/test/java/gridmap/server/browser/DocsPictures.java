package gridmap.server.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gridmap.data.MapSnapshot;
import gridmap.data.Sql;
import gridmap.server.TestServer;

/**
 * Regenerates the README's pictures (docs/*.png) from the real UI on the demo data, one or two
 * per user's job. Not a test: it runs only when asked, with a Chinese font installed
 * (apt-get install fonts-wqy-microhei):
 * {@code mvn -pl server -am verify -Dtest=DocsPictures -Dsurefire.failIfNoSpecifiedTests=false -Dgridmap.docs=true}
 * The planner's pictures commit the 2010 Tongling reform; the map is put back afterwards.
 */
class DocsPictures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void regenerate() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("gridmap.docs"), "only with -Dgridmap.docs=true");
        TestServer server = TestServer.start();
        MapSnapshot before = MapSnapshot.take(server.db.dataSource());
        try (Browser b = Browser.start()) {
            b.windowSize(1280, 760);
            everyone(b);
            phone(b);
            b.windowSize(1280, 760);
            cases(b);
            water(b);
            importReport(b, server);
            planner(b, server);
        } finally {
            before.restore();
        }
    }

    /** The map, reporting a case, the audit trail and care mode (as the administrator). */
    private static void everyone(Browser b) throws Exception {
        b.openSignedOut();
        b.signIn("admin");
        b.awaitLayersLoaded();
        save(b, "map");

        b.js("gridmap.state.map.setView([30.935, 117.815], 15, {animate: false})");
        b.awaitLayersLoaded();
        b.byId("report-case").click();
        b.await(ExpectedConditions.elementToBeClickable(By.id("pick-center"))).click();
        b.await(d -> !d.findElements(By.cssSelector("#report-category option[value='0102']")).isEmpty());
        new Select(b.byId("report-category")).selectByValue("0102");
        b.byId("report-description").sendKeys("小区门口垃圾堆放两天未清运");
        save(b, "report-case");
        b.byId("report-cancel").click();

        b.byId("audit-open").click();
        b.await(d -> !d.findElements(By.cssSelector("#audit-rows tr[data-id]")).isEmpty());
        save(b, "audit");
        b.byId("audit-close").click();

        b.byId("care-toggle").click();
        b.byId("report-case").click();
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("report-steps")));
        b.byId("steps-next").click();
        b.await(d -> !d.findElements(By.cssSelector("#steps-body input[type=radio]")).isEmpty());
        save(b, "care-mode");
        b.press(Keys.ESCAPE);
        b.byId("care-toggle").click();
    }

    /** The dispatcher's workbench: open cases of the district with their statuses, overdue first; then the KPIs. */
    private static void cases(Browser b) throws Exception {
        b.openSignedOut();
        b.signIn("dispatcher");
        b.awaitLayersLoaded();
        b.byId("work-on-map").click();
        b.byId("work-overdue").click();
        b.await(d -> !d.findElements(By.cssSelector("#work-list button.work-open")).isEmpty());
        b.js("gridmap.state.map.setView([30.935, 117.80], 14, {animate: false})");
        b.awaitLayersLoaded();
        scrollPanelTo(b, "work-overdue", 10);
        save(b, "cases");

        b.byId("kpi-open").click();
        b.await(d -> !d.findElements(By.cssSelector("#kpi-table tbody tr")).isEmpty());
        new Select(b.byId("kpi-by")).selectByValue("category");
        b.byId("kpi-show").click();
        b.await(d -> d.findElements(By.cssSelector("#kpi-table tbody tr")).size() > 3);
        unfocus(b);
        save(b, "kpi");
        b.byId("kpi-close").click();
    }

    /**
     * The watershed planner: basins coloured by population, the Yangtze's middle basin (level 1)
     * selected with its upstream (blue) and its way down to the outlet (orange).
     */
    private static void water(Browser b) throws Exception {
        b.openSignedOut();
        b.signIn("watershed");
        b.awaitLayersLoaded();
        // the basins on; the communities, which lie over them, off, so the colours show
        layer(b, "basins", true);
        layer(b, "communities", false);
        b.awaitLayersLoaded();
        new Select(b.byId("water-choropleth")).selectByValue("population");
        b.await(d -> !d.findElements(By.cssSelector(".water-choro-legend li")).isEmpty());
        long id = Sql.count(TestServer.start().db.dataSource(), "SELECT id FROM river_basin WHERE code = 'TLB5'");
        b.js("fetch('api/basins/' + arguments[0]).then(r => r.json()).then(x => window.gridmap.showFeature('basins', x.feature))", id);
        b.await(d -> d.findElement(By.id("water-selected-title")).getText().contains("TLB5"));
        b.await(d -> !d.findElements(By.cssSelector("path.gm-water-up")).isEmpty()
                && !d.findElements(By.cssSelector("path.gm-water-down")).isEmpty());
        b.js("gridmap.state.map.closePopup()");
        b.js("const m = gridmap.state.map, box = L.latLngBounds([]);"
                + " m.eachLayer(l => { if (l.getBounds && /gm-water-(up|down)/.test(l.options.className || '')) box.extend(l.getBounds()); });"
                + " m.setView(box.getCenter(), 10, {animate: false});");
        b.awaitLayersLoaded();
        scrollPanelTo(b, "water-details", 10);
        unfocus(b);
        save(b, "water");
    }

    /**
     * The administrator checks Tongling's four districts as published (real data with real
     * defects, shipped in the data module) without importing them: the report's tables, and the repaired areas in red.
     */
    private static void importReport(Browser b, TestServer server) throws Exception {
        ObjectNode all;
        try (java.io.InputStream in = DocsPictures.class.getResourceAsStream("/gridmap/geodata/anhui-districts.geojson")) {
            all = (ObjectNode) JSON.readTree(in);
        }
        ArrayNode tongling = JSON.createArrayNode();
        for (JsonNode f : all.get("features")) {
            if ("340700".equals(f.get("properties").get("city_adcode").asText())) tongling.add(f);
        }
        Path file = Files.createTempDirectory("docs-import").resolve("铜陵市辖区.geojson");
        Files.writeString(file, JSON.writeValueAsString(JSON.createObjectNode().put("type", "FeatureCollection").set("features", tongling)));

        b.openSignedOut();
        b.signIn("admin");
        b.awaitLayersLoaded();
        b.byId("import-open").click();
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("import-dialog")));
        b.byId("import-file").sendKeys(file.toString());
        new Select(b.byId("import-target")).selectByValue("units");
        b.byId("import-check").click();
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), java.time.Duration.ofSeconds(180))
                .until(d -> d.findElement(By.id("import-report")).isDisplayed()
                        || d.findElement(By.id("import-status")).getDomAttribute("class").contains("is-problem"));
        unfocus(b);
        save(b, "import");
        // the repaired and moved areas in red on the map, the dialog out of the way, the cases off;
        // close to the largest of them, as they are small beside a district
        layer(b, "cases", false);
        b.byId("import-show-map").click();
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("import-banner")));
        b.awaitLayersLoaded();
        b.js("const m = gridmap.state.map; let best = null, area = -1;"
                + " m.eachLayer(l => { if (l.getBounds && !l.getRadius && /gm-import-red/.test(l.options.className || '')) {"
                + "   const s = m.latLngToLayerPoint(l.getBounds().getNorthEast()).subtract(m.latLngToLayerPoint(l.getBounds().getSouthWest()));"
                + "   if (Math.abs(s.x * s.y) > area) { area = Math.abs(s.x * s.y); best = l; } } });"
                + " if (best) m.fitBounds(best.getBounds(), {padding: [150, 150], maxZoom: 15, animate: false});");
        b.awaitLayersLoaded();
        save(b, "import-map");
        b.byId("import-back").click();
    }

    /**
     * The planner previews the 2010 reform of 铜官山区 (docs/plans/tongling-2010.json), then, the
     * reform committed, reads the lineage of a merged community in the history section.
     */
    private static void planner(Browser b, TestServer server) throws Exception {
        TestServer.Client planner = server.as("planner");
        TestServer.Response created = planner.post("/api/plans", planFile().toString());
        if (created.status() != 201) throw new AssertionError(created.body());
        JsonNode plan = created.json();
        long planId = plan.get("id").asLong();

        b.openSignedOut();
        b.signIn("planner");
        b.await(ExpectedConditions.elementToBeClickable(By.id("plans-open"))).click();
        b.clickFresh(".plan-item[data-plan-id='" + planId + "']");
        b.await(ExpectedConditions.visibilityOfElementLocated(By.id("plan-committable")));
        b.await(ExpectedConditions.elementToBeClickable(By.id("plan-zoom"))).click();
        b.js("const m = gridmap.state.map; m.setView([30.935, 117.815], m.getZoom() + 1, {animate: false})");
        b.awaitLayersLoaded();
        scrollPanelTo(b, "plan-committable", 50);
        unfocus(b);
        save(b, "planner");

        TestServer.Response done = planner.post("/api/plans/" + planId + "/commit",
                "{\"version\":" + plan.get("version").asInt() + ",\"effective_date\":\"2010-07-01\",\"legal_ref\":\"铜政〔2010〕42号\"}");
        if (done.status() != 200) throw new AssertionError(done.body());
        // a merged community of two (its lineage fits in the panel beside the date slider)
        long merged = Sql.count(server.db.dataSource(), """
                SELECT u.id FROM admin_unit u JOIN unit_lineage l ON l.successor_id = u.id
                 WHERE u.code LIKE '340705000%' AND u.valid_to IS NULL AND l.change_event_id = ?
                 GROUP BY u.id, u.code ORDER BY count(*), u.code LIMIT 1""", done.json().get("change_event_id").asLong());
        b.openSignedOut();
        b.signIn("planner");
        b.js("fetch('api/units/' + arguments[0]).then(r => r.json()).then(f => {"
                + " window.gridmap.state.map.setView(L.geoJSON(f).getBounds().getCenter(), 13, {animate: false});"
                + " window.gridmap.showFeature('communities', f); })", merged);
        b.await(d -> !d.findElements(By.cssSelector("#history-lineage .history-links li")).isEmpty());
        b.js("gridmap.state.map.closePopup()");
        b.awaitLayersLoaded();
        scrollPanelTo(b, "history-slider", 50);
        unfocus(b);
        save(b, "history");
    }

    /** The map at phone width, still signed in as the administrator. */
    private static void phone(Browser b) throws Exception {
        b.windowSize(390, 844);
        b.driver().navigate().refresh();
        b.awaitReady();
        b.awaitLayersLoaded();
        save(b, "phone");
    }

    private static JsonNode planFile() throws Exception {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("docs/plans/tongling-2010.json");
            if (Files.exists(f)) return JSON.readTree(f.toFile());
        }
        throw new IllegalStateException("docs/plans/tongling-2010.json not found");
    }

    /** Switches a layer on or off as its box in the layer list does. */
    private static void layer(Browser b, String id, boolean on) {
        b.js("const c = document.getElementById('layer-' + arguments[0]); if (c && c.checked !== arguments[1]) c.click()", id, on);
    }

    /** Scrolls the side panel until the element is the given number of CSS pixels below its top. */
    private static void scrollPanelTo(Browser b, String id, int below) {
        b.js("const p = document.getElementById('panel'), e = document.getElementById(arguments[0]);"
                + " p.scrollTop += e.getBoundingClientRect().top - p.getBoundingClientRect().top - arguments[1];", id, below);
    }

    /** No focus ring in the picture: the page keeps focus on whatever was last clicked. */
    private static void unfocus(Browser b) {
        b.js("if (document.activeElement) document.activeElement.blur()");
    }

    private static void save(Browser b, String name) throws Exception {
        Browser.pause(600);
        Files.copy(b.screenshot("docs-" + name), DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
