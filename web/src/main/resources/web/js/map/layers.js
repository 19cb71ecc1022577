/*
 * Layer state and loading. Each switched-on layer is fetched for the current view (bbox padded
 * by 20 %) and redrawn on moveend (debounced; a request that is no longer needed is aborted).
 * How a layer looks and what its popup says comes from its kind (registry.js).
 * Emits "layers-changed" whenever a layer is switched, starts or ends loading.
 */
import { getJson, silentError } from "../api.js";
import { emit, on } from "../bus.js";
import { t } from "../i18n.js";
import { showMessage } from "../messages.js";
import { allows, currentSession } from "../session.js";
import { interceptedClick, isIntercepting, onPointerMove, state } from "./map.js";
import { openFeaturePopup } from "./popup.js";
import { defaultOn, geometryKind, kindOf, layerTitle, styleFor, zRank } from "./registry.js";

const FEATURE_LIMIT = 5000;          // per request; the server caps at 50000
const RELOAD_DELAY_MS = 300;         // moveend debounce

let reloadTimer = null;

function paneName(id) {
  return "gm-" + id.replace(/[^a-zA-Z0-9_-]/g, "_");
}

function ensurePane(id, apiIndex) {
  const name = paneName(id);
  if (!state.map.getPane(name)) {
    const pane = state.map.createPane(name);
    pane.style.zIndex = String(Math.round(410 + zRank(id, apiIndex) * 10));
  }
  return name;
}

function createLayerState(meta, apiIndex) {
  const id = meta.id;
  const kind = kindOf(id);
  const pane = ensurePane(id, apiIndex);
  const ls = {
    id,
    meta,
    pane,
    enabled: defaultOn(id),
    userTouched: false,
    group: null,
    controller: null,
    loading: false,
    loadedBbox: null,
    pendingBbox: null,
    result: null,          // { count, truncated, limit }
    error: null,
    stats: {},             // what the kind counts for the legend (reset per load)
    markers: []            // point layers drawn on a canvas: markers for hit testing
  };
  if (kind.init) kind.init(ls, state.map);
  ls.group = L.geoJSON(null, {
    pane,
    className: "gm-layer-" + id,
    style: (feature) => styleFor(id, feature),
    pointToLayer: (feature, latlng) => {
      const opts = Object.assign(styleFor(id, feature), { pane });
      return kind.pointToLayer ? kind.pointToLayer(ls, feature, latlng, opts) : L.circleMarker(latlng, opts);
    },
    onEachFeature: (feature, layer) => bindFeature(ls, feature, layer)
  });
  return ls;
}

/** A layer under the pointer that does not take pointer events itself (e.g. canvas markers). */
export function hitAt(containerPoint) {
  if (!containerPoint || !state.map) return null;
  for (const ls of state.layers.values()) {
    const kind = kindOf(ls.id);
    if (!kind.hitTest || !state.map.hasLayer(ls.group)) continue;
    const layer = kind.hitTest(ls, containerPoint, state.map);
    if (layer) return { ls, layer };
  }
  return null;
}

/** A click on the map or a feature: an interceptor's, else the popup of what is on top. */
export function clickAt(e, ls, feature, layer) {
  if (interceptedClick(e.latlng)) return;
  const hit = hitAt(e.containerPoint);
  if (hit) openFeaturePopup(hit.ls.id, hit.layer.feature, hit.layer, hit.layer.getLatLng());
  else if (ls) openFeaturePopup(ls.id, feature, layer, e.latlng);
}

function bindFeature(ls, feature, layer) {
  const kind = kindOf(ls.id);
  if (kind.onFeature) kind.onFeature(ls, feature, layer);
  if (layer.options && layer.options.interactive === false) return;
  layer.on("click", (e) => {
    L.DomEvent.stopPropagation(e);
    clickAt(e, ls, feature, layer);
  });
  if (kind.hover && geometryKind(feature) === "polygon") {
    layer.on("mouseover", () => {
      const base = styleFor(ls.id, feature);
      layer.setStyle({ weight: (base.weight || 1) + 2, opacity: 1 });
    });
    layer.on("mouseout", () => ls.group.resetStyle(layer));
  }
}

/** Whether the signed-in user may see the layer at all (cases need cases:read). */
export function layerAllowed(id) {
  return allows(kindOf(id).permission);
}

export function layerVisible(ls) {
  return ls.enabled && layerAllowed(ls.id);
}

/** The request bbox: the view padded by 20 %, clamped to valid lon/lat. */
function requestBbox() {
  const b = state.map.getBounds().pad(0.2);
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
    clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
}

function viewBbox() {
  const b = state.map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

function covers(outer, inner) {
  return outer && inner && outer[0] <= inner[0] && outer[1] <= inner[1] &&
    outer[2] >= inner[2] && outer[3] >= inner[3];
}

function needsReload(ls) {
  // A request in flight for a bbox that covers the view will do.
  if (ls.controller) return !covers(ls.pendingBbox, viewBbox());
  if (!ls.result || ls.error) return true;
  // A truncated answer is a sample: any move may change which features belong in it.
  if (ls.result.truncated) return true;
  return !covers(ls.loadedBbox, viewBbox());
}

function changed() {
  emit("layers-changed");
}

export async function loadLayer(ls) {
  if (ls.controller) ls.controller.abort();
  const controller = new AbortController();
  ls.controller = controller;
  ls.loading = true;
  changed();
  const bbox = requestBbox();
  ls.pendingBbox = bbox;
  const url = "api/layers/" + encodeURIComponent(ls.id) + "?bbox=" +
    bbox.map((n) => n.toFixed(6)).join(",") + "&limit=" + FEATURE_LIMIT +
    (state.asOf ? "&asOf=" + encodeURIComponent(state.asOf) : "");
  try {
    const fc = await getJson(url, controller.signal);
    if (controller !== ls.controller) return;
    drawLayer(ls, fc);
    ls.loadedBbox = bbox;
    ls.error = null;
  } catch (e) {
    if (controller !== ls.controller) return;
    if (silentError(e)) return;
    ls.error = e.message;
    showMessage(t("msg.layerFailed", { layer: layerTitle(ls.id), detail: e.message }));
  } finally {
    if (controller === ls.controller) {
      ls.controller = null;
      ls.loading = false;
      changed();
    }
  }
}

function drawLayer(ls, fc) {
  const features = Array.isArray(fc && fc.features) ? fc.features : [];
  ls.markers = [];
  ls.stats = {};
  ls.group.clearLayers();
  ls.group.addData({ type: "FeatureCollection", features });
  ls.result = {
    count: typeof fc.numberReturned === "number" ? fc.numberReturned : features.length,
    truncated: fc.truncated === true,
    limit: typeof fc.limit === "number" ? fc.limit : FEATURE_LIMIT
  };
  refreshKinds();
}

function stopLayer(ls) {
  if (ls.controller) {
    ls.controller.abort();
    ls.controller = null;
  }
  ls.loading = false;
}

function refreshKinds() {
  state.layers.forEach((ls) => {
    const kind = kindOf(ls.id);
    if (kind.refresh) kind.refresh(ls, state.map);
  });
}

/** Brings every layer in line with its switch and the view; resolves when all loads end. */
export function syncLayers(force) {
  const loads = [];
  if (!currentSession() || !state.map) return Promise.allSettled(loads);
  state.layers.forEach((ls) => {
    if (layerVisible(ls)) {
      if (!state.map.hasLayer(ls.group)) ls.group.addTo(state.map);
      if (force || needsReload(ls)) loads.push(loadLayer(ls));
    } else {
      stopLayer(ls);
      if (state.map.hasLayer(ls.group)) state.map.removeLayer(ls.group);
    }
  });
  changed();
  refreshKinds();
  return Promise.allSettled(loads);
}

/** Switches a layer on or off as the user asked (it stops following the zoom). */
export function setLayerEnabled(id, enabled) {
  const ls = state.layers.get(id);
  if (!ls) return Promise.resolve();
  ls.enabled = enabled;
  ls.userTouched = true;
  return syncLayers(false);
}

function applyAutoLayers() {
  const zoom = state.map.getZoom();
  state.layers.forEach((ls) => {
    const kind = kindOf(ls.id);
    if (kind.autoOn && !ls.userTouched) ls.enabled = kind.autoOn(zoom);
  });
}

function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    applyAutoLayers();
    syncLayers(false);
  }, RELOAD_DELAY_MS);
}

/** Reads the layer list once per page (api/layers), then (re)loads the visible layers. */
export async function startLayers() {
  if (state.layers.size === 0) {
    let metas = [];
    try {
      const list = await getJson("api/layers");
      metas = Array.isArray(list) ? list.filter((m) => m && typeof m.id === "string") : [];
    } catch (e) {
      if (!silentError(e)) showMessage(t("msg.layers") + " " + e.message);
      return false;
    }
    metas.forEach((meta, i) => state.layers.set(meta.id, createLayerState(meta, i)));
  }
  applyAutoLayers();
  await syncLayers(true);
  return true;
}

on("map-created", (map) => {
  map.on("moveend", scheduleReload);
  map.on("zoomend", refreshKinds);
  map.on("click", (e) => clickAt(e, null));
});
// a pointer cursor over features that do not take pointer events themselves
onPointerMove((e) => {
  state.map.getContainer().classList.toggle("over-hit", !isIntercepting() && !!hitAt(e.containerPoint));
});

on("signed-out", () => {
  clearTimeout(reloadTimer);
  state.layers.forEach(stopLayer);
});

/**
 * Shows the boundaries valid on a day ("YYYY-MM-DD"; null for today's): every visible layer is
 * loaded again with asOf. Emits "as-of-changed" with the day.
 */
export function setAsOf(day) {
  state.asOf = day || null;
  emit("as-of-changed", state.asOf);
  return syncLayers(true);
}

/** Switches a layer on (if the user may see it) and reloads it now, e.g. after a new case. */
export async function reloadLayer(id) {
  const ls = state.layers.get(id);
  if (!ls || !layerAllowed(id) || !state.map) return;
  ls.enabled = true;
  if (!state.map.hasLayer(ls.group)) ls.group.addTo(state.map);
  await loadLayer(ls);
}
