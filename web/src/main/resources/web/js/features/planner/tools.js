/*
 * Drawing on the map for a plan (Leaflet-Geoman, loaded on first use): a line that splits the
 * selected unit, the shared border of two selected units dragged to a new course, a box that
 * selects units, and cells painted into the selected community. A banner over the map says what
 * to do and offers Apply and Cancel; Escape cancels. Each finished drawing becomes one operation.
 */
import { getJson } from "../../api.js";
import { button, el, h } from "../../dom.js";
import { onEscape, restoreFocus } from "../../focus.js";
import { lang, t } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { interceptClicks, releaseClicks, state } from "../../map/map.js";
import { geomanOn } from "./geoman.js";
import { restyle, restyleCells, showCells } from "./layer.js";
import { addOperation, changed, keyOf, planner, refOf, shownUnits, unitByKey } from "./state.js";

let current = null;   // { banner, cleanup, releaseEscape, origin }

function lineOf(latlngs) {
  return { type: "LineString", coordinates: latlngs.map((ll) => [ll.lng, ll.lat]) };
}

function banner(textKey, params, onApply) {
  const box = h("div", { class: "plan-banner", role: "region", "aria-label": t("plans.drawing"), id: "plan-banner" });
  const text = el("span", "plan-banner-text", t(textKey, params));
  text.setAttribute("aria-live", "polite");
  box.appendChild(text);
  const actions = el("span", "plan-banner-actions");
  if (onApply) actions.appendChild(button({ id: "plan-banner-apply", class: "btn btn-primary btn-small", text: t("plans.apply"), onclick: onApply }));
  actions.appendChild(button({ id: "plan-banner-cancel", class: "btn btn-small", text: t("plans.cancel"), onclick: () => stop() }));
  box.appendChild(actions);
  state.map.getContainer().parentNode.appendChild(box);
  return { box, text };
}

function begin(mode, textKey, params, onApply, cleanup) {
  stop();
  planner.mode = mode;
  const origin = document.activeElement;
  const b = banner(textKey, params, onApply);
  // while drawing, clicks go to the drawing, not to the features under it (no popups either)
  const container = state.map.getContainer();
  if (mode !== "paint") container.classList.add("is-drawing");
  interceptClicks(() => {});
  const undo = () => {
    container.classList.remove("is-drawing");
    releaseClicks();
    if (cleanup) cleanup();
  };
  current = { banner: b, cleanup: undo, origin, releaseEscape: onEscape(() => stop()) };
  const first = b.box.querySelector("button");
  if (first) first.focus();
  return b;
}

/** Ends the current drawing mode without saving anything. */
export function stop() {
  if (!current) return;
  const c = current;
  current = null;
  planner.mode = null;
  c.releaseEscape();
  if (c.cleanup) c.cleanup();
  c.banner.box.remove();
  restoreFocus(c.origin, document.getElementById("plans-title"));
}

function finish(promise) {
  stop();
  return promise.catch((e) => showMessage(e.message));
}

function selected() {
  return Array.from(planner.selection);
}

function labelOf(key) {
  const f = unitByKey(key);
  return f ? (f.properties.code || "") + " " + (f.properties.name || "") : key;
}

export async function drawSplit() {
  const [key] = selected();
  const pm = await geomanOn(state.map, lang());
  let drawn = null;
  const onCreate = (e) => {
    drawn = e.layer;
    const line = lineOf(drawn.getLatLngs());
    drawn.remove();
    finish(addOperation({ op: "split", unit: refOf(key), line }));
  };
  state.map.on("pm:create", onCreate);
  begin("split", "plans.splitHint", { unit: labelOf(key) }, null, () => {
    state.map.off("pm:create", onCreate);
    pm.disableDraw();
    if (drawn) drawn.remove();
  });
  pm.enableDraw("Line", { snappable: true, finishOn: "dblclick" });
}

export async function redrawBorder() {
  const [a, b] = selected();
  const url = planner.plan
    ? "api/plans/" + planner.plan.id + "/borders?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b)
    : "api/plans/borders?a=" + a.slice(1) + "&b=" + b.slice(1);
  const fc = await getJson(url);
  if (!fc.features.length) {
    showMessage(t("plans.noBorder", { a: labelOf(a), b: labelOf(b) }));
    return;
  }
  const path = fc.features.reduce((best, f) => (f.geometry.coordinates.length > best.geometry.coordinates.length ? f : best)).geometry;
  await geomanOn(state.map, lang());
  const line = L.polyline(path.coordinates.map(([x, y]) => [y, x]), { pane: "gm-plan-top", color: "#c62828", weight: 5 }).addTo(state.map);
  line.pm.enable({ allowSelfIntersection: false, draggable: false });
  begin("redraw", "plans.redrawHint", { a: labelOf(a), b: labelOf(b) }, () => {
    const to = lineOf(line.getLatLngs());
    finish(addOperation({ op: "redraw", units: [refOf(a), refOf(b)], from: path, to }));
  }, () => {
    line.pm.disable();
    line.remove();
  });
}

export async function boxSelect() {
  const pm = await geomanOn(state.map, lang());
  const onCreate = (e) => {
    const box = e.layer.getBounds();
    e.layer.remove();
    shownUnits().forEach((f) => {
      const center = L.geoJSON(f).getBounds().getCenter();
      if (box.contains(center)) planner.selection.add(keyOf(f));
    });
    restyle();
    stop();
    changed();
  };
  state.map.on("pm:create", onCreate);
  begin("box", "plans.boxHint", {}, null, () => {
    state.map.off("pm:create", onCreate);
    pm.disableDraw();
  });
  pm.enableDraw("Rectangle");
}

export async function paintCells() {
  const [key] = selected();
  const ids = new Set((planner.base ? planner.base.features : []).map((f) => Number(f.id)));
  const b = L.geoJSON({ type: "FeatureCollection", features: shownUnits() }).getBounds();
  const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(6)).join(",");
  const fc = await getJson("api/layers/grid-cells?limit=5000&bbox=" + bbox);
  const cells = fc.features.filter((f) => ids.has(Number(f.properties.community_id)));
  const picked = new Set();
  const ui = begin("paint", "plans.paintHint", { unit: labelOf(key), n: 0 }, () => {
    if (picked.size === 0) { stop(); return; }
    finish(addOperation({ op: "reassign", cells: Array.from(picked), to: refOf(key) }));
  }, () => showCells(null, null));
  showCells(cells, (cell) => {
    const id = Number(cell.id != null ? cell.id : cell.properties.id);
    if (picked.has(id)) picked.delete(id); else picked.add(id);
    cell.properties.picked = picked.has(id);
    restyleCells();
    ui.text.textContent = t("plans.paintHint", { unit: labelOf(key), n: picked.size });
  });
}

/** Used by tests and the keyboard: whether a drawing mode is on. */
export function active() {
  return current != null;
}

