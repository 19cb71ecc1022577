/*
 * The plan on the map: the units it would leave (new ones hatched orange, changed ones outlined,
 * selected ones filled blue), the problems its check found in red, and, while painting, the grid
 * cells that can be moved. A click on a unit selects it (shift-click adds to the selection); a
 * click on a cell while painting picks it.
 */
import { on } from "../../bus.js";
import { escapeHtml } from "../../dom.js";
import { isIntercepting, interceptedClick, state } from "../../map/map.js";
import { changed, keyOf, planner, shownUnits } from "./state.js";

const layers = { units: null, problems: null, cells: null, comments: null };
let cellPick = null;     // fn(cellFeature) while painting

function styleOf(feature) {
  const key = keyOf(feature);
  const status = feature.properties.status;
  const selected = planner.selection.has(key);
  return {
    pane: "gm-plan",
    color: selected ? "#0b57d0" : status === "new" ? "#e65100" : status === "changed" ? "#6a1b9a" : "#37474f",
    weight: selected ? 4 : status === "unchanged" || !status ? 1.5 : 3,
    opacity: 1,
    fillColor: selected ? "#0b57d0" : status === "new" ? "#ffb74d" : status === "changed" ? "#ce93d8" : "#b0bec5",
    fillOpacity: selected ? 0.35 : status === "new" || status === "changed" ? 0.3 : 0.08,
    className: "gm-plan-unit gm-plan-" + (status || "current")
  };
}

function ensure(map) {
  if (layers.units) return;
  // above every server layer (they end below 500), below highlights (590) and markers
  map.createPane("gm-plan").style.zIndex = "560";
  map.createPane("gm-plan-top").style.zIndex = "570";
  layers.units = L.geoJSON(null, {
    style: styleOf,
    onEachFeature: (feature, layer) => {
      layer.on("click", (e) => {
        // while drawing (a split line, a box) the click belongs to the map, where Geoman listens
        // (the units take no pointer events then; see planner.css)
        if (planner.mode && planner.mode !== "paint") return;
        L.DomEvent.stopPropagation(e);
        if (isIntercepting()) { interceptedClick(e.latlng); return; }
        if (cellPick) return;
        toggle(keyOf(feature), e.originalEvent && e.originalEvent.shiftKey);
      });
      const p = feature.properties;
      layer.bindTooltip(escapeHtml((p.code || "") + " " + (p.name || "")), { sticky: true, className: "gm-plan-tip" });
    }
  }).addTo(map);
  layers.problems = L.geoJSON(null, {
    pane: "gm-plan-top",
    interactive: false,
    style: () => ({ color: "#c62828", weight: 5, opacity: 1, fillColor: "#c62828", fillOpacity: 0.35 }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { pane: "gm-plan-top", radius: 11, color: "#c62828", weight: 4, fillOpacity: 0.2 })
  }).addTo(map);
  layers.cells = L.geoJSON(null, {
    pane: "gm-plan-top",
    style: (f) => ({ color: f.properties.picked ? "#0b57d0" : "#455a64", weight: f.properties.picked ? 3 : 1,
      fillColor: "#0b57d0", fillOpacity: f.properties.picked ? 0.45 : 0.02, className: "gm-plan-cell" }),
    onEachFeature: (feature, layer) => {
      layer.on("click", (e) => {
        L.DomEvent.stopPropagation(e);
        if (cellPick) cellPick(feature);
      });
    }
  }).addTo(map);
  layers.comments = L.layerGroup().addTo(map);
}

export function toggle(key, add) {
  if (!add) {
    const only = planner.selection.has(key) && planner.selection.size === 1;
    planner.selection.clear();
    if (!only) planner.selection.add(key);
  } else if (planner.selection.has(key)) {
    planner.selection.delete(key);
  } else {
    planner.selection.add(key);
  }
  restyle();
  changed();
}

export function restyle() {
  if (layers.units) layers.units.setStyle(styleOf);
}

/** Draws the plan's units and problems (nothing when no plan is open). */
export function draw() {
  if (!state.map) return;
  ensure(state.map);
  layers.units.clearLayers();
  layers.problems.clearLayers();
  layers.units.addData({ type: "FeatureCollection", features: shownUnits() });
  const problems = planner.preview ? planner.preview.problems : [];
  problems.filter((p) => p.location).forEach((p) => layers.problems.addData({ type: "Feature", geometry: p.location, properties: {} }));
  if (planner.fitPending && layers.units.getLayers().length > 0) {
    planner.fitPending = false;
    state.map.fitBounds(layers.units.getBounds(), { padding: [30, 30] });
  }
}

export function unitBounds() {
  return layers.units && layers.units.getLayers().length > 0 ? layers.units.getBounds() : null;
}

/** Shows cells to pick from (painting); fn(cell) on each click; null clears. */
export function showCells(features, fn) {
  if (!state.map) return;
  ensure(state.map);
  cellPick = fn;
  layers.cells.clearLayers();
  if (features) layers.cells.addData({ type: "FeatureCollection", features });
}

export function restyleCells() {
  if (layers.cells) layers.cells.setStyle(layers.cells.options.style);
}

export function showComments(comments) {
  if (!state.map) return;
  ensure(state.map);
  layers.comments.clearLayers();
  (comments || []).filter((c) => c.location).forEach((c) => {
    const [lon, lat] = c.location.coordinates;
    L.circleMarker([lat, lon], { pane: "gm-plan-top", radius: 9, color: "#0d4a63", weight: 3, fillColor: "#fff", fillOpacity: 1 })
      .bindTooltip(escapeHtml(c.author + "：" + c.body))
      .addTo(layers.comments);
  });
}

on("signed-out", () => {
  Object.values(layers).forEach((l) => { if (l) l.clearLayers(); });
  cellPick = null;
});
