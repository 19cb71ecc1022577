/*
 * The watershed panel: the basins choropleth, what is selected on the map (a basin, a reach or a
 * project) with its figures and projects, and its upstream (blue) and downstream (orange)
 * highlighted on the map until cleared. Everything shown comes from the server as text.
 */
import { api, getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { button, el, h } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t, tOr } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { registerPanel, openPanel } from "../../panels.js";
import { can } from "../../session.js";
import { reloadLayer } from "../../map/layers.js";
import { state } from "../../map/map.js";
import { CHORO_COLORS, choropleth, hooks, restyleBasins } from "./layers.js";
import { loadGeoman } from "./geoman.js";

const view = { body: null, details: null, legend: null, overlays: [], token: 0 };

/** Removes the upstream/downstream highlight. */
export function clearHighlight() {
  view.overlays.forEach((l) => state.map && state.map.removeLayer(l));
  view.overlays = [];
}

/** Draws a GeoJSON geometry or features above every layer with a class tests and CSS use. */
export function highlightShape(geojson, className, color) {
  if (!geojson || !state.map) return;
  const layer = L.geoJSON(geojson, {
    pane: "gm-highlight", interactive: false,
    style: () => ({ className, color, weight: 4, opacity: 0.95, fillColor: color, fillOpacity: 0.18 }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { pane: "gm-highlight", className, radius: 10, color })
  }).addTo(state.map);
  view.overlays.push(layer);
}

/** Features of a loaded layer whose ids are in the set (to highlight reaches or basins by id). */
export function featuresOf(layerId, ids) {
  const ls = state.layers.get(layerId);
  const out = [];
  if (ls && ls.group) ls.group.eachLayer((l) => { if (l.feature && ids.has(l.feature.id)) out.push(l.feature); });
  return { type: "FeatureCollection", features: out };
}

const fmt = (v, d) => formatNumber(Number(v), d == null ? 2 : d);
const pct = (v) => formatNumber(Number(v) * 100, 1) + "%";

function row(labelKey, value) {
  return h("div", { class: "water-row" }, h("span", { class: "water-label", text: t(labelKey) }), h("span", { class: "water-value", text: value }));
}

export function projectList(projects) {
  if (!projects || projects.length === 0) return el("p", "water-muted", t("water.none"));
  return h("ul", { class: "water-list" }, projects.slice(0, 50).map((p) => h("li", {},
    h("span", { class: "water-code", text: p.code }), " ", p.name, " · ",
    tOr("projectType." + p.project_type, p.project_type), " · ", tOr("projectStatus." + p.status, p.status),
    " · ", fmt(p.budget_wan_yuan))));
}

/** Replaces the selection part of the panel and brings the panel into view. */
export function showDetails(...nodes) {
  view.details.replaceChildren(...nodes);
  apply(view.details);
  openPanel("water");
}

async function selectBasin(feature) {
  const token = ++view.token;
  clearHighlight();
  try {
    const [b, up, down] = await Promise.all([
      getJson("api/basins/" + feature.id), getJson("api/basins/" + feature.id + "/upstream"),
      getJson("api/basins/" + feature.id + "/downstream")]);
    if (token !== view.token) return;
    highlightShape(up.geometry, "gm-water-up", "#1976d2");
    highlightShape(down.geometry, "gm-water-down", "#ef6c00");
    highlightShape(feature.geometry, "gm-water-selected", "#212121");
    const a = b.analysis, o = a.overlay;
    const districts = o.districts.map((d) => d.name + " " + pct(d.share));
    if (o.outside_share > 0.0005) districts.push(t("water.outside") + " " + pct(o.outside_share));
    showDetails(
      h("h3", { class: "water-title", id: "water-selected-title", text: t("water.basin") + " · " + a.basin.name + " (" + a.basin.code + ")" }),
      row("water.area", fmt(o.area_km2)), row("water.population", fmt(o.population, 0)),
      row("water.districts", districts.join("；")), row("water.communities", String(o.communities.length)),
      row("water.cells", String(o.cells.length)),
      row("water.projects", String(a.projects.length)), row("water.budget", fmt(a.budget_wan_yuan)),
      h("p", { class: "water-up", id: "water-up-count", text: t("water.upCount", { n: up.basins.length, km2: fmt(up.area_km2) }) }),
      h("p", { class: "water-down", id: "water-down-count", text: t("water.downCount", { n: down.basins.length }) }),
      projectList(a.projects), clearButton());
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

async function selectReach(feature) {
  const token = ++view.token;
  clearHighlight();
  try {
    const r = await getJson("api/reaches/" + feature.id);
    if (token !== view.token) return;
    highlightShape(featuresOf("rivers", new Set(r.upstream.map((x) => x.id))), "gm-water-up", "#1976d2");
    highlightShape(featuresOf("rivers", new Set(r.downstream.map((x) => x.id))), "gm-water-down", "#ef6c00");
    const p = r.feature.properties;
    showDetails(
      h("h3", { class: "water-title", id: "water-selected-title", text: t("water.reach") + " · " + p.name + " (" + p.code + ")" }),
      row("field.river_name", p.river_name), row("field.length_km", fmt(p.length_km)),
      row("field.chief_name", r.chief_reaches.map((c) => c.name + "：" + (c.chief_name || t("water.none"))
        + (c.chief_position ? "（" + c.chief_position + "）" : "")).join("；") || t("water.none")),
      h("p", { class: "water-up", id: "water-up-count", text: t("water.upReaches", { n: r.upstream.length }) }),
      h("p", { class: "water-down", id: "water-down-count", text: t("water.downReaches", { n: r.downstream.length }) }),
      projectList(r.projects), clearButton());
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

function clearButton() {
  return button({ class: "btn btn-small water-clear", id: "water-clear", text: t("water.clear"), onclick: () => { clearHighlight(); } });
}

async function selectProject(feature) {
  const token = ++view.token;
  clearHighlight();
  try {
    const [d, down] = await Promise.all([getJson("api/water-projects/" + feature.id), getJson("api/water-projects/" + feature.id + "/downstream")]);
    if (token !== view.token) return;
    highlightShape(featuresOf("basins", new Set(down.basins.map((x) => x.id))), "gm-water-down", "#ef6c00");
    const p = d.feature.properties;
    const impact = button({ class: "btn btn-small", id: "water-impact", text: t("water.impact5km"), onclick: () => showImpact(p.id) });
    const parts = [
      h("h3", { class: "water-title", id: "water-selected-title", text: t("water.project") + " · " + p.name + " (" + p.code + ")" }),
      row("field.project_type", tOr("projectType." + p.project_type, p.project_type)),
      row("water.status", tOr("projectStatus." + p.status, p.status)),
      row("field.budget_wan_yuan", fmt(p.budget_wan_yuan)), row("field.spent_wan_yuan", fmt(p.spent_wan_yuan)),
      row("field.responsible_unit", p.responsible_unit || ""), row("field.river_chief", p.river_chief || t("water.none")),
      row("water.districts", d.districts.map((x) => x.name + " " + pct(x.share)).join("；")),
      h("p", { class: "water-down", id: "water-down-count", text: t("water.downCount", { n: down.basins.length }) }),
      h("h4", { text: t("water.history") }),
      h("ul", { class: "water-list" }, d.history.map((x) => h("li", {}, tOr("projectStatus." + x.status, x.status) + " · "
        + String(x.changed_at).slice(0, 10) + (x.note ? " · " + x.note : "")))),
      h("div", { class: "water-actions" }, impact, clearButton())];
    if (can("water:write") && !d.retired) parts.push(statusForm(p), editShape(p));
    showDetails(...parts);
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

function statusForm(p) {
  const select = h("select", { id: "water-status-select" },
    ["planned", "approved", "under_construction", "completed", "suspended"].filter((s) => s !== p.status)
      .map((s) => h("option", { value: s, text: tOr("projectStatus." + s, s) })));
  const change = button({ class: "btn btn-small", id: "water-status-change", text: t("water.changeStatus"), onclick: async () => {
    try {
      await api("api/water-projects/" + p.id + "/status", { method: "POST", body: { status: select.value, version: p.version } });
      refreshProjects(p.id);
    } catch (e) { if (!silentError(e)) showMessage(e.message); }
  } });
  const reason = h("input", { id: "water-retire-reason", type: "text", maxlength: "500" });
  const retire = button({ class: "btn btn-small", id: "water-retire", text: t("water.retire"), onclick: async () => {
    try {
      await api("api/water-projects/" + p.id + "/retire", { method: "POST", body: { reason: reason.value, version: p.version } });
      refreshProjects(null);
    } catch (e) { if (!silentError(e)) showMessage(e.message); }
  } });
  return h("div", { class: "water-form" },
    h("label", { for: "water-status-select", text: t("water.status") }), select, change,
    h("label", { for: "water-retire-reason", text: t("water.retireReason") }), reason, retire);
}

/** Editing a project's shape on the map (leaflet-geoman), then saving it with the version read. */
function editShape(p) {
  let editing = null;
  const save = button({ class: "btn btn-small", id: "water-shape-save", hidden: true, text: t("water.saveShape"), onclick: async () => {
    if (!editing) return;
    try {
      const geometry = editing.toGeoJSON().geometry;
      editing.pm.disable();
      editing = null;
      await api("api/water-projects/" + p.id, { method: "PATCH", body: { geometry, version: p.version } });
      refreshProjects(p.id);
    } catch (e) { if (!silentError(e)) showMessage(e.message); }
  } });
  const edit = button({ class: "btn btn-small", id: "water-shape-edit", text: t("water.editShape"), onclick: async () => {
    try {
      await loadGeoman();
      const ls = state.layers.get("water-projects");
      ls.group.eachLayer((l) => { if (l.feature && l.feature.id === p.id) editing = l; });
      if (!editing) return;
      if (!editing.pm) L.PM.reInitLayer(editing); // drawn before the library was loaded
      editing.pm.enable({ draggable: true });
      save.hidden = false;
      save.focus();
    } catch (e) { showMessage(e.message); }
  } });
  return h("div", { class: "water-form" }, edit, save);
}

async function refreshProjects(selectId) {
  await reloadLayer("water-projects");
  if (selectId != null) selectProject({ id: selectId });
  else view.details.replaceChildren();
}

async function showImpact(id) {
  try {
    const r = await getJson("api/water-projects/" + id + "/impact?buffer_m=5000");
    clearHighlight();
    highlightShape(r.zone, "gm-water-zone", "#8e24aa");
    showDetails(...impactNodes(r));
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

/** The figures of an impact zone (a project's or a drawn one). */
export function impactNodes(r) {
  const o = r.overlay;
  return [
    h("h3", { class: "water-title", id: "water-selected-title", text: t("water.impact", { m: fmt(r.buffer_m, 0) }) }),
    row("water.area", fmt(o.area_km2)), row("water.population", fmt(o.population, 0)),
    row("water.districts", o.districts.map((d) => d.name + " " + pct(d.share)).join("；") || t("water.none")),
    row("water.communities", o.communities.map((c) => c.name).join("、") || t("water.none")),
    row("water.cells", String(o.cells.length)),
    h("p", { text: t("water.openCases", { n: r.cases.open, w: r.cases.open_water }) }),
    projectList(r.projects)];
}

// ---- the choropleth

async function setMetric(metric) {
  choropleth.metric = metric || null;
  if (metric && choropleth.stats.size === 0) {
    const all = await getJson("api/basins/stats");
    all.forEach((s) => choropleth.stats.set(s.id, s));
  }
  if (metric) {
    const values = Array.from(choropleth.stats.values()).filter((s) => s.level === maxLevel())
      .map((s) => metric === "projects" ? s.projects : metric === "budget" ? Number(s.budget_wan_yuan) : s.population).sort((a, b) => a - b);
    choropleth.breaks = [0.2, 0.4, 0.6, 0.8].map((q) => values[Math.floor(q * (values.length - 1))]);
  }
  restyleBasins();
  renderLegend();
}

function maxLevel() {
  let m = 1;
  choropleth.stats.forEach((s) => { m = Math.max(m, s.level); });
  return m;
}

function renderLegend() {
  if (!choropleth.metric) { view.legend.replaceChildren(); return; }
  const edges = [null].concat(choropleth.breaks);
  view.legend.replaceChildren(h("ul", { class: "water-choro-legend" }, CHORO_COLORS.map((c, i) => {
    const sw = el("span", "water-choro-swatch");
    sw.style.background = c;
    sw.setAttribute("aria-hidden", "true");
    const lo = edges[i], hi = choropleth.breaks[i];
    const text = lo == null ? "≤ " + fmt(hi, 0) : hi == null ? "> " + fmt(lo, 0) : fmt(lo, 0) + " – " + fmt(hi, 0);
    return h("li", {}, sw, text);
  })));
}

export function setupPanel(toolNodes) {
  registerPanel({
    id: "water", titleKey: "water.panel", permission: "map:read", order: 25,
    render: (body) => {
      view.body = body;
      const select = h("select", { id: "water-choropleth" },
        ["", "projects", "budget", "population"].map((m) => h("option", { value: m, "data-i18n": "water.choro." + (m || "none") })));
      select.addEventListener("change", () => setMetric(select.value).catch((e) => { if (!silentError(e)) showMessage(e.message); }));
      view.legend = h("div", { class: "water-legend" });
      view.details = h("div", { class: "water-details", id: "water-details", "aria-live": "polite" });
      body.append(
        h("div", { class: "field" }, h("label", { for: "water-choropleth", "data-i18n": "water.choropleth" }), select), view.legend,
        h("p", { class: "water-muted", "data-i18n": "water.hint" }),
        h("h3", { class: "water-subtitle", "data-i18n": "water.tools" }), toolNodes, view.details);
    }
  });
  hooks.select = (kind, feature) => {
    if (kind === "basin") selectBasin(feature);
    else if (kind === "reach") selectReach(feature);
    else selectProject(feature);
  };
  on("signed-out", () => { clearHighlight(); choropleth.stats.clear(); choropleth.metric = null; if (view.details) view.details.replaceChildren(); });
  on("language-changed", renderLegend);
}
