/*
 * The watershed tools: pollution tracing and the buffer tool (each takes the next click on the
 * map), drawing a new project with leaflet-geoman (vendored, loaded on first use), and the
 * cross-region coordination report in a dialog with its CSV.
 */
import { api, getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, el, h } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t, tOr } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { can } from "../../session.js";
import { reloadLayer } from "../../map/layers.js";
import { interceptClicks, releaseClicks, state } from "../../map/map.js";
import { loadGeoman } from "./geoman.js";
import { clearHighlight, featuresOf, highlightShape, impactNodes, projectList, showDetails } from "./panel.js";

const fmt = (v, d) => formatNumber(Number(v), d == null ? 2 : d);
let picking = null;     // the toggle button of the tool waiting for a click

function startPick(btn, onPick) {
  if (picking === btn) { stopPick(); return; }
  stopPick();
  picking = btn;
  btn.setAttribute("aria-pressed", "true");
  interceptClicks((latlng) => { stopPick(); onPick(latlng); });
}

function stopPick() {
  if (!picking) return;
  picking.setAttribute("aria-pressed", "false");
  picking = null;
  releaseClicks();
}

async function trace(latlng, maxKm) {
  clearHighlight();
  try {
    const r = await getJson("api/pollution-trace?lon=" + latlng.lng.toFixed(6) + "&lat=" + latlng.lat.toFixed(6) + "&max_km=" + maxKm);
    highlightShape(featuresOf("rivers", new Set(r.reaches.map((x) => x.id))), "gm-water-up", "#1976d2");
    highlightShape({ type: "Point", coordinates: [latlng.lng, latlng.lat] }, "gm-water-trace", "#c62828");
    showDetails(
      h("h3", { class: "water-title", id: "water-selected-title", text: t("water.trace") }),
      h("p", { text: t("water.traceFrom", { river: r.at.river_name, m: fmt(r.at.distance_m, 0) }) }),
      h("p", { id: "water-trace-summary", text: t("water.traceResult", { km: r.max_km, reaches: r.reaches.length, projects: r.projects.length, cases: r.open_water_cases }) }),
      h("ol", { class: "water-list", id: "water-trace-list" },
        r.projects.map((p) => h("li", {}, t("water.distanceKm", { km: fmt(p.distance_km) }) + " · " + p.project.code + " " + p.project.name
          + " · " + tOr("projectType." + p.project.project_type, p.project.project_type))),
        r.cases.map((c) => h("li", {}, t("water.distanceKm", { km: fmt(c.distance_m / 1000) }) + " · " + c.code + " " + c.category_name
          + " · " + tOr("caseStatus." + c.status, c.status)))));
  } catch (e) {
    if (e.status === 422) showDetails(h("p", { text: t("water.noRiver") }));
    else if (!silentError(e)) showMessage(e.message);
  }
}

async function buffer(latlng, metres) {
  clearHighlight();
  try {
    const r = await api("api/water/impact", { method: "POST", body: { geometry: { type: "Point", coordinates: [latlng.lng, latlng.lat] }, buffer_m: metres } });
    highlightShape(r.zone, "gm-water-zone", "#8e24aa");
    showDetails(...impactNodes(r));
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

// ---- drawing a project

let projectDialog = null;
function buildDialog() {
  const { dialog, head, close } = createDialog({ id: "water-project-dialog", titleId: "water-project-title", titleKey: "water.newProject" });
  const name = h("input", { id: "water-p-name", type: "text", maxlength: "100", required: true });
  const type = h("select", { id: "water-p-type" }, ["dike", "dredging", "irrigation_canal", "reservoir", "waterworks", "sluice",
    "pumping_station", "sewage_plant", "ecological_restoration"].map((v) => h("option", { value: v, "data-i18n": "projectType." + v })));
  const budget = h("input", { id: "water-p-budget", type: "number", min: "0", step: "0.01", required: true });
  const unit = h("input", { id: "water-p-unit", type: "text", maxlength: "100", required: true });
  const save = button({ class: "btn btn-accent", id: "water-p-save", "data-i18n": "water.save" });
  const form = h("form", { class: "dialog-body", method: "dialog" }, field("water.name", name), field("water.type", type),
    field("water.budgetField", budget), field("water.unit", unit), h("div", { class: "dialog-actions" }, save));
  dialog.append(head, form);
  close.addEventListener("click", () => dialog.close());
  projectDialog = { dialog, name, type, budget, unit, save, geometry: null, layer: null, returnTo: null };
  save.addEventListener("click", async (e) => {
    e.preventDefault();
    try {
      const r = await api("api/water-projects", { method: "POST", body: { name: name.value, project_type: type.value,
        budget_wan_yuan: Number(budget.value), responsible_unit: unit.value, geometry: projectDialog.geometry } });
      dialog.close();
      showMessage(t("water.saved", { code: r.feature.properties.code }), "info");
      await reloadLayer("water-projects");
    } catch (err) {
      if (!silentError(err)) showMessage(err.message);
    }
  });
  dialog.addEventListener("close", () => {
    if (projectDialog.layer && state.map) state.map.removeLayer(projectDialog.layer);
    projectDialog.layer = null;
    if (projectDialog.returnTo) projectDialog.returnTo.focus();
  });
  apply(dialog);
  return projectDialog;
}

async function draw(shape, returnTo) {
  try {
    await loadGeoman();
  } catch (e) {
    showMessage(e.message);
    return;
  }
  state.map.pm.enableDraw(shape, { snappable: true });
  state.map.once("pm:create", (e) => {
    const d = projectDialog || buildDialog();
    d.layer = e.layer;
    d.geometry = e.layer.toGeoJSON().geometry;
    d.returnTo = returnTo;
    openDialog(d.dialog, d.name);
  });
}

// ---- the cross-region report

let reportDialog = null;
async function openReport(returnTo) {
  if (!reportDialog) {
    const { dialog, head, close } = createDialog({ id: "water-report-dialog", titleId: "water-report-title", titleKey: "water.report", className: "dialog-wide" });
    const body = h("div", { class: "dialog-body water-report-body" });
    dialog.append(head, body);
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => { if (reportDialog.returnTo) reportDialog.returnTo.focus(); });
    reportDialog = { dialog, body, returnTo: null };
  }
  reportDialog.returnTo = returnTo;
  try {
    const rows = await getJson("api/reports/cross-region");
    const table = h("table", { class: "water-table" },
      h("thead", {}, h("tr", {}, ["basin", "district", "share", "population", "projects", "budget", "chiefs"]
        .map((c) => h("th", { scope: "col", text: t("water.col." + c) })))),
      h("tbody", {}, rows.flatMap((r) => r.districts.map((d, i) => h("tr", {},
        h("td", { text: i === 0 ? r.name + " (" + r.code + ")" : "" }), h("td", { text: d.district_name }),
        h("td", { class: "gm-num", text: formatNumber(d.area_share * 100, 1) + "%" }), h("td", { class: "gm-num", text: fmt(d.population, 0) }),
        h("td", { class: "gm-num", text: String(d.projects) }), h("td", { class: "gm-num", text: fmt(d.budget_wan_yuan) }),
        h("td", { text: d.river_chiefs.join("；") }))))));
    const csv = h("a", { class: "btn", href: "api/reports/cross-region.csv", download: "cross-region.csv", "data-i18n": "water.reportCsv" });
    reportDialog.body.replaceChildren(h("p", {}, csv), table);
    apply(reportDialog.dialog);
    openDialog(reportDialog.dialog, csv);
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

/** The tool controls for the panel. */
export function toolNodes() {
  const maxKm = h("input", { id: "water-trace-km", type: "number", min: "0.1", max: "500", step: "0.1", value: "20" });
  const traceBtn = button({ class: "btn btn-small", id: "water-trace", "aria-pressed": "false", "data-i18n": "water.trace", "data-i18n-title": "water.traceHint" });
  traceBtn.addEventListener("click", () => startPick(traceBtn, (ll) => trace(ll, Number(maxKm.value) || 20)));
  const radius = h("input", { id: "water-buffer-m", type: "number", min: "1", max: "50000", step: "100", value: "5000" });
  const bufferBtn = button({ class: "btn btn-small", id: "water-buffer", "aria-pressed": "false", "data-i18n": "water.buffer", "data-i18n-title": "water.bufferHint" });
  bufferBtn.addEventListener("click", () => startPick(bufferBtn, (ll) => buffer(ll, Number(radius.value) || 5000)));
  const report = button({ class: "btn btn-small", id: "water-report", "aria-haspopup": "dialog", "data-i18n": "water.report" });
  report.addEventListener("click", () => openReport(report));
  const drawButtons = ["Marker", "Line", "Polygon"].map((shape) => {
    const b = button({ class: "btn btn-small water-draw", id: "water-draw-" + shape.toLowerCase(), "aria-haspopup": "dialog",
      "data-i18n": "water.draw" + (shape === "Marker" ? "Point" : shape) });
    b.addEventListener("click", () => draw(shape, b));
    return b;
  });
  const drawRow = h("div", { class: "water-tool", id: "water-draw-tools", hidden: !can("water:write") },
    h("span", { class: "water-label", "data-i18n": "water.draw" }), drawButtons, h("p", { class: "water-muted", "data-i18n": "water.drawHint" }));
  on("signed-in", () => { drawRow.hidden = !can("water:write"); });
  on("dialog-opened", stopPick);
  on("signed-out", stopPick);
  return h("div", { class: "water-tools" },
    h("div", { class: "water-tool" }, h("label", { for: "water-trace-km", "data-i18n": "water.traceMax" }), maxKm, traceBtn),
    h("div", { class: "water-tool" }, h("label", { for: "water-buffer-m", "data-i18n": "water.bufferM" }), radius, bufferBtn),
    h("div", { class: "water-tool" }, report), drawRow);
}
