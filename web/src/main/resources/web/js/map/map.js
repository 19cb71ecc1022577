/*
 * The Leaflet map (Leaflet is the global L from its webjar) and the state other modules share.
 *
 * Clicks: a click on a feature opens its popup (map/layers.js). A feature that needs the next
 * click on the map for itself (e.g. "report a case" picks a place) calls interceptClicks(fn):
 * while it is set, every click on the map or a feature goes to fn(latlng) instead.
 */
import { emit, on } from "../bus.js";
import { escapeHtml, plainText } from "../dom.js";
import { t, tHtml } from "../i18n.js";

export const DEFAULT_CONFIG = {
  basemapUrl: null,
  basemapAttribution: "",
  center: [30.9, 117.8],
  zoom: 10,
  bounds: null
};

/** Shared map state; window.gridmap.state in the browser (tests read map and layers). */
export const state = {
  config: DEFAULT_CONFIG,
  map: null,
  layers: new Map(),      // id -> layer state, in API order (map/layers.js)
  zoomControl: null,
  attributionText: null,
  asOf: null              // "YYYY-MM-DD": the boundaries valid on that day (null: today's); setAsOf() in layers.js
};

let clickInterceptor = null;
const pointerListeners = [];

/** fn(mouseEvent) at most once per animation frame while the pointer moves over the map. */
export function onPointerMove(fn) {
  pointerListeners.push(fn);
}

export function interceptClicks(fn) {
  clickInterceptor = fn;
}

export function releaseClicks() {
  clickInterceptor = null;
}

/** True when the click was taken by an interceptor (the caller does nothing more). */
export function interceptedClick(latlng) {
  if (!clickInterceptor) return false;
  clickInterceptor(latlng);
  return true;
}

export function isIntercepting() {
  return clickInterceptor != null;
}

export function bboxToBounds(bbox) {
  if (!Array.isArray(bbox) || bbox.length < 4 || bbox.some((n) => !Number.isFinite(Number(n)))) {
    return null;
  }
  return L.latLngBounds([Number(bbox[1]), Number(bbox[0])], [Number(bbox[3]), Number(bbox[2])]);
}

function setupZoomControl() {
  if (state.zoomControl) state.zoomControl.remove();
  state.zoomControl = L.control.zoom({
    position: "topleft",
    zoomInTitle: t("map.zoomIn"),
    zoomOutTitle: t("map.zoomOut")
  }).addTo(state.map);
}

function setupAttribution() {
  const ctl = state.map.attributionControl;
  if (state.attributionText) ctl.removeAttribution(state.attributionText);
  state.attributionText = tHtml("map.attribution");
  ctl.addAttribution(state.attributionText);
}

/** Creates the map once per page; emits "map-created" with the Leaflet map. */
export function createMap(config) {
  const center = Array.isArray(config.center) && config.center.length === 2
    ? config.center : DEFAULT_CONFIG.center;
  const zoom = Number.isFinite(config.zoom) ? config.zoom : DEFAULT_CONFIG.zoom;
  const map = L.map("map", { zoomControl: false, minZoom: 4, maxZoom: 19 });
  state.config = config;
  state.map = map;
  map.attributionControl.setPrefix('<span lang="en">Leaflet</span>');
  if (config.basemapUrl) {
    L.tileLayer(config.basemapUrl, {
      maxZoom: 19,
      attribution: escapeHtml(plainText(config.basemapAttribution))
    }).addTo(map);
    map.getContainer().classList.add("has-basemap");
  }
  const bounds = bboxToBounds(config.bounds);
  if (config.center || !bounds) {
    map.setView(center, zoom);
  } else {
    map.fitBounds(bounds);
  }
  setupZoomControl();
  L.control.scale({ imperial: false, position: "bottomleft", maxWidth: 160 }).addTo(map);
  setupAttribution();
  // highlights and the report marker sit above every layer
  map.createPane("gm-highlight").style.zIndex = "590";
  let frame = 0;
  let last = null;
  map.on("mousemove", (e) => {
    last = e;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      pointerListeners.forEach((fn) => fn(last));
    });
  });
  emit("map-created", map);
  return map;
}

on("language-changed", () => {
  if (!state.map) return;
  setupZoomControl();
  setupAttribution();
});
on("layout-changed", () => { if (state.map) state.map.invalidateSize(); });
on("signed-in", () => { if (state.map) state.map.invalidateSize(); });
on("signed-out", () => { if (state.map) state.map.closePopup(); });
