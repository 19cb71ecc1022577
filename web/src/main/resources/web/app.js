/*
 * gridmap web map: Leaflet, plain JS, no build step.
 *
 * Session: GET api/me at start; on 401 the login form is shown (POST api/login sets an HttpOnly
 * cookie the page never sees). The permissions in the answer decide which actions are offered
 * (cases layer, "report a case", audit log); the server checks them again. Any later 401 brings
 * the login form back with "session expired"; signing out reloads the page so nothing of the
 * last user stays in memory.
 *
 * Data flow: GET api/config and api/layers, then each switched-on layer is fetched for the
 * current view (bbox, padded) and redrawn on moveend (debounced, stale requests aborted).
 * Every server string reaches the page through textContent or escapeHtml(), never raw HTML.
 *
 * Test hooks: body[data-ready="true"] after the map is drawn for a signed-in user, absent on the
 * login form; body[data-auth="login"|"app"]; SVG paths carry gm-layer-{id}; checkboxes carry
 * data-layer="{id}"; ids login-username, login-password, login-submit, login-error,
 * login-notice, user-name, user-role, logout, report-case, audit-open, #lang-toggle, #search;
 * window.gridmap for debugging.
 */
(function () {
  "use strict";

  const I18N = window.GM_I18N;
  const t = I18N.t;

  // ---- constants ---------------------------------------------------------------------------

  const DEFAULT_CONFIG = {
    basemapUrl: null,
    basemapAttribution: "",
    center: [30.9, 117.8],
    zoom: 10,
    bounds: null
  };
  const FEATURE_LIMIT = 5000;          // per request; the server caps at 50000
  const AUTO_GRID_ZOOM = 13;           // grid cells switch themselves on from this zoom
  const LABEL_ZOOM = 13;               // community names as permanent labels from this zoom
  const RELOAD_DELAY_MS = 300;         // moveend debounce
  const SEARCH_DELAY_MS = 250;
  const HIGHLIGHT_MS = 4000;
  const DEFAULT_ON = ["districts", "communities", "cases"];
  const UNIT_LAYERS = ["city", "districts", "streets", "communities"];
  // Stacking, bottom to top: area fills first, outlines over them, points on top, so that a
  // community fill never hides a district boundary. Unknown layers go above the known ones.
  const Z_ORDER = ["basins", "communities", "grid-cells", "streets", "districts", "city",
    "water-projects", "cases"];

  // ColorBrewer Set3 (light, categorical): community fills.
  const COMMUNITY_PALETTE = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
    "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"];
  // ColorBrewer Blues, light (large basins) to dark (small, deeper-level basins).
  const BASIN_PALETTE = ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c",
    "#08306b"];
  const PROJECT_STATUS_COLORS = {
    planned: "#8e63c7",
    approved: "#1f78b4",
    under_construction: "#e66a00",
    completed: "#2e8b3a",
    suspended: "#7a7a7a"
  };
  const CASE_STATUS_COLORS = {
    reported: "#d62728",
    registered: "#ff7f0e",
    dispatched: "#f2c300",
    in_progress: "#9c27b0",
    handled: "#1f77b4",
    closed: "#2ca02c",
    closed_not_fixed: "#8c564b",
    rejected: "#7f7f7f",
    parked: "#17becf"
  };
  const FALLBACK_COLOR = "#546e7a";

  // Popup fields per layer: [property, format, label key (defaults to field.{property})].
  const UNIT_FIELDS = [
    ["code", "text"], ["level", "level"], ["parent_name", "text"], ["population", "int"],
    ["households", "int"], ["area_km2", "dec"], ["children", "int"]
  ];
  const FIELDS = {
    "city": UNIT_FIELDS,
    "districts": UNIT_FIELDS,
    "streets": UNIT_FIELDS,
    "communities": UNIT_FIELDS,
    "grid-cells": [
      ["code", "text"], ["community_name", "text"], ["worker_name", "text"],
      ["households", "int"], ["population", "int"], ["area_km2", "dec"]
    ],
    "basins": [
      ["code", "text"], ["pfaf_code", "text"], ["level", "int", "field.basin_level"],
      ["next_down_code", "text"], ["area_km2", "dec"]
    ],
    "water-projects": [
      ["code", "text"], ["project_type", "projectType"], ["status", "projectStatus"],
      ["budget_wan_yuan", "dec"], ["responsible_unit", "text"], ["river_chief", "text"],
      ["district_name", "text"], ["basin_name", "text"]
    ],
    "cases": [
      ["code", "text"], ["category_name", "category", "field.category"],
      ["status", "caseStatus"], ["source", "source"], ["reported_at", "datetime"],
      ["cell_code", "text"], ["community_name", "text"], ["address", "text"],
      ["description", "longtext"]
    ]
  };

  // ---- state -------------------------------------------------------------------------------

  const state = {
    config: DEFAULT_CONFIG,
    map: null,
    layers: new Map(),      // id -> layer state, in API order
    casesRenderer: null,
    zoomControl: null,
    attributionText: null,
    popup: null,            // { popup, render } of the open popup, re-rendered on language change
    reloadTimer: null,
    ready: false
  };

  // ---- small helpers -----------------------------------------------------------------------

  function escapeHtml(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  /** Plain text of an HTML snippet (parsed inert: no script runs, no image loads). */
  function plainText(html) {
    if (html == null || html === "") return "";
    try {
      return new DOMParser().parseFromString(String(html), "text/html").body.textContent || "";
    } catch (e) {
      return String(html);
    }
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function formatNumber(value, maxFractionDigits) {
    const n = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(n)) return String(value);
    return new Intl.NumberFormat(I18N.locale(), {
      maximumFractionDigits: maxFractionDigits,
      minimumFractionDigits: 0
    }).format(n);
  }

  function formatDateTime(value) {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return String(value);
    return d.toLocaleString(I18N.locale(), {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
    });
  }

  function hashString(s) {
    let h = 0;
    const str = String(s);
    for (let i = 0; i < str.length; i++) h = (h * 31 + str.charCodeAt(i)) | 0;
    return Math.abs(h);
  }

  function layerTitle(id) {
    const ls = state.layers.get(id);
    const meta = ls && ls.meta;
    if (meta) {
      const own = I18N.lang() === "zh" ? meta.title_zh : meta.title_en;
      if (own) return own;
    }
    return I18N.tOr("layer." + id, (meta && (meta.title_en || meta.title_zh)) || id);
  }

  function listJoin(items) {
    return items.join(I18N.lang() === "zh" ? "、" : ", ");
  }

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.name = "ApiError";
      this.status = status;
      this.fromServer = false;   // message is the server's problem detail
      this.retryAfter = null;    // seconds, from Retry-After (429)
      this.expired = false;      // a 401 that sent the user back to the login form
    }
  }

  /**
   * Calls the API; resolves with the parsed JSON body (null for 204), rejects with ApiError
   * carrying the problem detail, or with AbortError. The session cookie goes along by itself
   * (same origin). A 401 means the session has ended: unless opts.expireOn401 is false (login,
   * me, logout), the login form comes back with "session expired".
   */
  async function api(url, opts) {
    const o = opts || {};
    const init = {
      method: o.method || "GET",
      signal: o.signal,
      credentials: "same-origin",
      headers: { "Accept": "application/json, application/geo+json, application/problem+json" }
    };
    if (o.body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(o.body);
    }
    let res;
    try {
      res = await fetch(url, init);
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
      throw new ApiError(t("msg.network"), 0);
    }
    if (!res.ok) {
      let detail = null;
      try {
        const problem = await res.json();
        detail = problem && (problem.detail || problem.title);
      } catch (e) {
        /* not problem JSON */
      }
      const err = new ApiError(detail ? String(detail) : t("msg.http", { status: res.status }), res.status);
      err.fromServer = !!detail;
      const retry = Number(res.headers.get("Retry-After"));
      if (Number.isFinite(retry) && retry > 0) err.retryAfter = Math.ceil(retry);
      if (res.status === 401 && o.expireOn401 !== false) {
        err.expired = true;
        sessionExpired();
      }
      throw err;
    }
    if (res.status === 204) return null;
    const text = await res.text();
    return text === "" ? null : JSON.parse(text);
  }

  /** GET a JSON resource (see api). */
  function getJson(url, signal) {
    return api(url, { signal: signal });
  }

  /** Errors the user has already been told about elsewhere: aborts, and 401 (login form shown). */
  function silentError(e) {
    return !e || e.name === "AbortError" || e.expired === true;
  }

  // ---- messages (non-blocking) -------------------------------------------------------------

  function showMessage(text, kind) {
    const box = document.getElementById("messages");
    const existing = Array.from(box.children).find(function (m) { return m.dataset.text === text; });
    if (existing) existing.remove();
    while (box.children.length >= 4) box.firstElementChild.remove();
    const msg = el("div", "message message-" + (kind || "error"));
    msg.dataset.text = text;
    msg.setAttribute("role", kind === "info" ? "status" : "alert");
    msg.appendChild(el("span", "message-text", text));
    const close = el("button", "message-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", t("msg.close"));
    close.addEventListener("click", function () { msg.remove(); });
    msg.appendChild(close);
    box.appendChild(msg);
    setTimeout(function () { msg.remove(); }, 8000);
  }

  // ---- styling -----------------------------------------------------------------------------

  function geometryKind(feature) {
    const type = feature && feature.geometry && feature.geometry.type;
    if (!type) return "none";
    if (type.indexOf("Point") >= 0) return "point";
    if (type.indexOf("LineString") >= 0) return "line";
    return "polygon";
  }

  function communityColor(p) {
    const key = p.code != null ? p.code : (p.id != null ? p.id : p.name);
    return COMMUNITY_PALETTE[hashString(key) % COMMUNITY_PALETTE.length];
  }

  function basinColor(level) {
    const n = Number(level);
    if (!Number.isFinite(n)) return BASIN_PALETTE[2];
    return BASIN_PALETTE[Math.max(0, Math.min(BASIN_PALETTE.length - 1, Math.round(n) - 1))];
  }

  function projectColor(status) {
    return PROJECT_STATUS_COLORS[status] || FALLBACK_COLOR;
  }

  function caseColor(status) {
    return CASE_STATUS_COLORS[status] || FALLBACK_COLOR;
  }

  /** Case markers grow with the zoom: dots in the city view, easy targets in the street view. */
  function caseRadius() {
    const z = state.map ? state.map.getZoom() : 10;
    return z <= 10 ? 3 : z <= 12 ? 4.5 : z <= 14 ? 6 : 7.5;
  }

  function resizeCases() {
    const ls = state.layers.get("cases");
    if (!ls) return;
    const r = caseRadius();
    ls.markers.forEach(function (m) { if (m.getRadius() !== r) m.setRadius(r); });
  }

  function styleFor(id, feature) {
    const p = (feature && feature.properties) || {};
    const className = "gm-layer-" + id;
    const kind = geometryKind(feature);
    switch (id) {
      case "city":
        return { className: className, color: "#111111", weight: 4.5, opacity: 0.9, fill: false };
      case "districts":
        return { className: className, color: "#263238", weight: 3, opacity: 0.95, fill: false };
      case "streets":
        return { className: className, color: "#455a64", weight: 2, opacity: 0.9,
          dashArray: "8 6", fill: false };
      case "communities":
        return { className: className, color: "#4e5d6c", weight: 1, opacity: 0.9,
          fillColor: communityColor(p), fillOpacity: 0.38 };
      case "grid-cells":
        // A nearly transparent fill keeps the whole cell clickable, not only its hairline.
        return { className: className, color: "#5f6b73", weight: 0.6, opacity: 0.9,
          fillColor: "#ffffff", fillOpacity: 0.01 };
      case "basins":
        return { className: className, color: "#1f5f9e", weight: 1, opacity: 0.8,
          fillColor: basinColor(p.level), fillOpacity: 0.35 };
      case "water-projects": {
        const color = projectColor(p.status);
        const dash = p.status === "suspended" || p.status === "planned" ? "10 6" : null;
        if (kind === "point") {
          return { className: className, radius: 7, color: "#ffffff", weight: 2, opacity: 1,
            fillColor: color, fillOpacity: 0.95 };
        }
        if (kind === "line") {
          return { className: className, color: color, weight: 5, opacity: 0.9,
            lineCap: "round", dashArray: dash };
        }
        return { className: className, color: color, weight: 2, opacity: 0.95, dashArray: dash,
          fillColor: color, fillOpacity: 0.4 };
      }
      case "cases":
        return { className: className, radius: caseRadius(), color: "#263238", weight: 1, opacity: 0.9,
          fillColor: caseColor(p.status), fillOpacity: 0.9 };
      default:
        if (kind === "point") {
          return { className: className, radius: 6, color: "#ffffff", weight: 1.5,
            fillColor: FALLBACK_COLOR, fillOpacity: 0.9 };
        }
        return { className: className, color: FALLBACK_COLOR, weight: 1.5,
          fillColor: FALLBACK_COLOR, fillOpacity: 0.15 };
    }
  }

  function paneName(id) {
    return "gm-" + id.replace(/[^a-zA-Z0-9_-]/g, "_");
  }

  function ensurePane(id, apiIndex) {
    const name = paneName(id);
    if (!state.map.getPane(name)) {
      const pane = state.map.createPane(name);
      let rank = Z_ORDER.indexOf(id);
      if (rank < 0) rank = Z_ORDER.length - 1 + (apiIndex + 1) / 100; // just below cases
      pane.style.zIndex = String(Math.round(410 + rank * 10));
    }
    return name;
  }

  // ---- layers ------------------------------------------------------------------------------

  function createLayerState(meta, apiIndex) {
    const id = meta.id;
    const pane = ensurePane(id, apiIndex);
    const ls = {
      id: id,
      meta: meta,
      enabled: DEFAULT_ON.indexOf(id) >= 0,
      userTouched: false,
      group: null,
      controller: null,
      loading: false,
      loadedBbox: null,
      pendingBbox: null,
      result: null,          // { count, truncated, limit }
      error: null,
      statusCounts: {},      // status -> count in view (cases, water projects)
      levels: [],            // basin levels in view
      markers: []            // cases: canvas markers for hit testing
    };
    if (id === "cases") {
      state.casesRenderer = L.canvas({ pane: pane, padding: 0.3 });
    }
    ls.group = L.geoJSON(null, {
      pane: pane,
      className: "gm-layer-" + id,
      style: function (feature) { return styleFor(id, feature); },
      pointToLayer: function (feature, latlng) {
        const opts = styleFor(id, feature);
        opts.pane = pane;
        if (id === "cases") {
          // ~2000 points: canvas, and clicks are hit-tested by caseAt() (see there why)
          opts.renderer = state.casesRenderer;
          opts.interactive = false;
        }
        return L.circleMarker(latlng, opts);
      },
      onEachFeature: function (feature, layer) { bindFeature(ls, feature, layer); }
    });
    return ls;
  }

  function bindFeature(ls, feature, layer) {
    if (ls.id === "cases") {
      ls.markers.push(layer);
      const status = feature.properties && feature.properties.status;
      ls.statusCounts[status] = (ls.statusCounts[status] || 0) + 1;
      return;
    }
    const p = feature.properties || {};
    if (ls.id === "water-projects") {
      ls.statusCounts[p.status] = (ls.statusCounts[p.status] || 0) + 1;
    }
    if (ls.id === "basins" && p.level != null && ls.levels.indexOf(p.level) < 0) {
      ls.levels.push(p.level);
    }
    layer.on("click", function (e) {
      L.DomEvent.stopPropagation(e);
      if (report.picking) {
        pickAt(e.latlng);
        return;
      }
      const hit = caseAt(e.containerPoint);
      if (hit) {
        openFeaturePopup("cases", hit.feature, hit, hit.getLatLng());
      } else {
        openFeaturePopup(ls.id, feature, layer, e.latlng);
      }
    });
    const kind = geometryKind(feature);
    if (kind === "polygon" && ls.id !== "water-projects") {
      layer.on("mouseover", function () {
        const base = styleFor(ls.id, feature);
        layer.setStyle({ weight: (base.weight || 1) + 2, opacity: 1 });
      });
      layer.on("mouseout", function () { ls.group.resetStyle(layer); });
    }
  }

  /** Whether the signed-in user may see the layer at all (cases need cases:read). */
  function layerAllowed(id) {
    if (!auth.session) return false;
    if (id === "cases") return can("cases:read");
    return true;
  }

  function layerVisible(ls) {
    return ls.enabled && layerAllowed(ls.id);
  }

  /** The request bbox: the view padded by 20 %, clamped to valid lon/lat. */
  function requestBbox() {
    const b = state.map.getBounds().pad(0.2);
    const clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
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

  async function loadLayer(ls) {
    if (ls.controller) ls.controller.abort();
    const controller = new AbortController();
    ls.controller = controller;
    ls.loading = true;
    renderLayerList();
    updateStatus();
    const bbox = requestBbox();
    ls.pendingBbox = bbox;
    const url = "api/layers/" + encodeURIComponent(ls.id) + "?bbox=" +
      bbox.map(function (n) { return n.toFixed(6); }).join(",") + "&limit=" + FEATURE_LIMIT;
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
        renderLayerList();
        renderLegend();
        updateStatus();
      }
    }
  }

  function drawLayer(ls, fc) {
    const features = Array.isArray(fc && fc.features) ? fc.features : [];
    ls.markers = [];
    ls.statusCounts = {};
    ls.levels = [];
    ls.group.clearLayers();
    ls.group.addData({ type: "FeatureCollection", features: features });
    ls.result = {
      count: typeof fc.numberReturned === "number" ? fc.numberReturned : features.length,
      truncated: fc.truncated === true,
      limit: typeof fc.limit === "number" ? fc.limit : FEATURE_LIMIT
    };
    if (ls.id === "communities") updateLabels();
  }

  function stopLayer(ls) {
    if (ls.controller) {
      ls.controller.abort();
      ls.controller = null;
    }
    ls.loading = false;
  }

  /** Brings every layer in line with its switch and the view; resolves when all loads end. */
  function syncLayers(force) {
    const loads = [];
    if (!auth.session || !state.map) return Promise.allSettled(loads);
    state.layers.forEach(function (ls) {
      if (layerVisible(ls)) {
        if (!state.map.hasLayer(ls.group)) ls.group.addTo(state.map);
        if (force || needsReload(ls)) loads.push(loadLayer(ls));
      } else {
        stopLayer(ls);
        if (state.map.hasLayer(ls.group)) state.map.removeLayer(ls.group);
      }
    });
    renderLayerList();
    renderLegend();
    updateStatus();
    updateLabels();
    return Promise.allSettled(loads);
  }

  function applyAutoGrid() {
    const ls = state.layers.get("grid-cells");
    if (!ls || ls.userTouched) return;
    ls.enabled = state.map.getZoom() >= AUTO_GRID_ZOOM;
  }

  function scheduleReload() {
    clearTimeout(state.reloadTimer);
    state.reloadTimer = setTimeout(function () {
      applyAutoGrid();
      syncLayers(false);
    }, RELOAD_DELAY_MS);
  }

  // ---- community labels --------------------------------------------------------------------

  function updateLabels() {
    const ls = state.layers.get("communities");
    if (!ls || !state.map) return;
    const show = ls.enabled && state.map.getZoom() >= LABEL_ZOOM;
    ls.group.eachLayer(function (layer) {
      const tip = layer.getTooltip();
      if (show && !tip) {
        const p = (layer.feature && layer.feature.properties) || {};
        if (p.name == null || p.name === "") return;
        layer.bindTooltip(escapeHtml(p.name), {
          permanent: true, direction: "center", className: "gm-label", opacity: 1
        });
      } else if (!show && tip) {
        layer.unbindTooltip();
      }
    });
  }

  // ---- cases: hit testing on the canvas ----------------------------------------------------
  // The cases canvas covers the whole map; if it took mouse events, no SVG layer below it could
  // be clicked. So its pane ignores the pointer and clicks are matched to markers here.

  function caseAt(containerPoint) {
    const ls = state.layers.get("cases");
    if (!ls || !state.map.hasLayer(ls.group) || !containerPoint) return null;
    let best = null;
    let bestD2 = Infinity;
    for (let i = 0; i < ls.markers.length; i++) {
      const m = ls.markers[i];
      const p = state.map.latLngToContainerPoint(m.getLatLng());
      const dx = p.x - containerPoint.x;
      const dy = p.y - containerPoint.y;
      const d2 = dx * dx + dy * dy;
      const r = (m.options.radius || 5) + 4;
      if (d2 <= r * r && d2 < bestD2) {
        best = m;
        bestD2 = d2;
      }
    }
    return best;
  }

  // ---- popups ------------------------------------------------------------------------------

  function formatValue(format, value, props) {
    if (value === null || value === undefined || value === "") return t("popup.unknown");
    switch (format) {
      case "int": return formatNumber(value, 0);
      case "dec": return formatNumber(value, 2);
      case "datetime": return formatDateTime(value);
      case "level": return I18N.tOr("level." + value, String(value));
      case "projectType": return I18N.tOr("projectType." + value, String(value));
      case "projectStatus": return I18N.tOr("projectStatus." + value, String(value));
      case "caseStatus": return I18N.tOr("caseStatus." + value, String(value));
      case "source": return I18N.tOr("source." + value, String(value));
      case "category":
        return props.category_code ? props.category_code + " " + value : String(value);
      default: return String(value);
    }
  }

  function buildPopup(layerId, feature, layer, extra) {
    const p = Object.assign({}, (feature && feature.properties) || {}, extra || {});
    const root = el("div", "gm-popup");
    root.setAttribute("lang", I18N.lang() === "zh" ? "zh-CN" : "en");

    let kindText = layerTitle(layerId);
    if (UNIT_LAYERS.indexOf(layerId) >= 0 && p.level) kindText = I18N.tOr("level." + p.level, kindText);
    root.appendChild(el("div", "gm-popup-kind", kindText));

    let title = p.name;
    if (layerId === "cases") title = p.category_name || p.code;
    if (title == null || title === "") title = p.code != null ? p.code : (feature.id != null ? "#" + feature.id : "");
    root.appendChild(el("h3", "gm-popup-title", title));

    if (layerId === "cases" || layerId === "water-projects") {
      const color = layerId === "cases" ? caseColor(p.status) : projectColor(p.status);
      const key = (layerId === "cases" ? "caseStatus." : "projectStatus.") + p.status;
      const badge = el("span", "gm-badge", I18N.tOr(key, p.status == null ? "" : String(p.status)));
      badge.style.borderColor = color;
      const dot = el("span", "gm-badge-dot");
      dot.style.background = color;
      badge.prepend(dot);
      root.appendChild(badge);
    }

    const table = el("table", "gm-popup-table");
    const tbody = el("tbody");
    const fields = FIELDS[layerId] || Object.keys(p).filter(function (k) {
      return k !== "id" && typeof p[k] !== "object";
    }).map(function (k) { return [k, "text", "field." + k]; });
    fields.forEach(function (spec) {
      const key = spec[0];
      if (!(key in p)) return;
      const labelKey = spec[2] || "field." + key;
      const tr = el("tr");
      tr.appendChild(el("th", null, I18N.tOr(labelKey, key)));
      const td = el("td", spec[1] === "longtext" ? "gm-longtext" : null,
        formatValue(spec[1], p[key], p));
      if (spec[1] === "int" || spec[1] === "dec") td.classList.add("gm-num");
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    root.appendChild(table);

    const actions = el("p", "gm-popup-actions");
    const zoom = el("button", "gm-linkbutton", t("popup.zoomTo"));
    zoom.type = "button";
    zoom.addEventListener("click", function () { zoomToLayer(layer); });
    actions.appendChild(zoom);
    root.appendChild(actions);
    return root;
  }

  function zoomToLayer(layer) {
    if (layer.getBounds) {
      const b = layer.getBounds();
      if (b.isValid()) {
        state.map.fitBounds(b, { padding: [40, 40], maxZoom: 17 });
        return;
      }
    }
    if (layer.getLatLng) {
      state.map.setView(layer.getLatLng(), Math.max(state.map.getZoom(), 16));
    }
  }

  function openFeaturePopup(layerId, feature, layer, latlng) {
    const extra = {};
    const render = function () { return buildPopup(layerId, feature, layer, extra); };
    const popup = L.popup({ maxWidth: 380, minWidth: 260, autoPanPadding: [40, 40] })
      .setLatLng(latlng)
      .setContent(render())
      .openOn(state.map);
    state.popup = { popup: popup, render: render };

    const id = feature.id != null ? feature.id : (feature.properties || {}).id;
    if (UNIT_LAYERS.indexOf(layerId) >= 0 && id != null) {
      getJson("api/units/" + encodeURIComponent(id)).then(function (unit) {
        const props = (unit && unit.properties) || {};
        if (props.children === undefined) return;
        extra.children = props.children;
        if (state.popup && state.popup.popup === popup && popup.isOpen()) {
          popup.setContent(render());
        }
      }).catch(function (e) {
        if (!silentError(e)) showMessage(e.message);
      });
    }
  }

  // ---- highlight (search results) ----------------------------------------------------------

  function highlight(geojsonOrBounds) {
    const pane = "gm-highlight";
    let layer;
    if (geojsonOrBounds instanceof L.LatLngBounds) {
      layer = L.rectangle(geojsonOrBounds, {
        pane: pane, className: "gm-highlight", color: "#e65100", weight: 5, fill: false,
        interactive: false
      });
    } else {
      layer = L.geoJSON(geojsonOrBounds, {
        pane: pane,
        interactive: false,
        style: function () {
          return { className: "gm-highlight", color: "#e65100", weight: 5, opacity: 1,
            fillColor: "#ffb74d", fillOpacity: 0.15 };
        },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { pane: pane, radius: 14 });
        }
      });
    }
    layer.addTo(state.map);
    setTimeout(function () { state.map.removeLayer(layer); }, HIGHLIGHT_MS);
  }

  // ---- search ------------------------------------------------------------------------------

  const search = {
    input: null,
    list: null,
    results: [],
    query: null,          // query the current results belong to
    active: -1,
    controller: null,
    timer: null,
    pickWhenDone: false,
    pending: null         // query being fetched
  };

  function openList(open) {
    search.list.hidden = !open;
    search.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) {
      search.active = -1;
      search.input.removeAttribute("aria-activedescendant");
    }
  }

  function renderResults() {
    const list = search.list;
    list.replaceChildren();
    if (search.query == null) {
      openList(false);
      return;
    }
    if (search.results.length === 0) {
      const li = el("li", "search-empty", t("search.none", { q: search.query }));
      li.setAttribute("role", "option");
      li.setAttribute("aria-disabled", "true");
      list.appendChild(li);
    }
    search.results.forEach(function (r, i) {
      const li = el("li", "search-result");
      li.id = "search-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === search.active ? "true" : "false");
      li.appendChild(el("span", "search-result-name", r.name || r.code || ""));
      const kind = r.level ? I18N.tOr("level." + r.level, String(r.level))
        : I18N.tOr("kind." + r.kind, String(r.kind || ""));
      li.appendChild(el("span", "search-result-meta", kind + (r.code ? " · " + r.code : "")));
      li.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus
      li.addEventListener("click", function () { pickResult(r); });
      list.appendChild(li);
    });
    openList(true);
    if (search.active >= 0) {
      search.input.setAttribute("aria-activedescendant", "search-opt-" + search.active);
      const act = document.getElementById("search-opt-" + search.active);
      if (act) act.scrollIntoView({ block: "nearest" });
    } else {
      search.input.removeAttribute("aria-activedescendant");
    }
  }

  async function runSearch(q) {
    if (search.controller) search.controller.abort();
    const controller = new AbortController();
    search.controller = controller;
    search.pending = q;
    try {
      const results = await getJson("api/search?q=" + encodeURIComponent(q) + "&limit=10",
        controller.signal);
      if (controller !== search.controller) return;
      search.results = Array.isArray(results) ? results : [];
      search.query = q;
      search.active = -1;
      renderResults();
      if (search.pickWhenDone) {
        search.pickWhenDone = false;
        if (search.results.length > 0) pickResult(search.results[0]);
      }
    } catch (e) {
      if (e && e.name === "AbortError") return;
      if (controller === search.controller) {
        search.pickWhenDone = false;
        if (!silentError(e)) showMessage(t("msg.searchFailed", { detail: e.message }));
      }
    } finally {
      if (controller === search.controller) {
        search.controller = null;
        search.pending = null;
      }
    }
  }

  function bboxToBounds(bbox) {
    if (!Array.isArray(bbox) || bbox.length < 4 || bbox.some(function (n) { return !Number.isFinite(Number(n)); })) {
      return null;
    }
    return L.latLngBounds([Number(bbox[1]), Number(bbox[0])], [Number(bbox[3]), Number(bbox[2])]);
  }

  function pickResult(r) {
    openList(false);
    search.input.value = r.name || r.code || "";
    const bounds = bboxToBounds(r.bbox);
    if (bounds) {
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        state.map.setView(bounds.getCenter(), 16);
      } else {
        state.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17 });
      }
    }
    if (r.kind === "unit" && r.id != null) {
      getJson("api/units/" + encodeURIComponent(r.id))
        .then(function (f) { highlight(f); })
        .catch(function () { if (bounds) highlight(bounds); });
    } else if (r.kind === "cell" && r.id != null) {
      getJson("api/cells/" + encodeURIComponent(r.id))
        .then(function (f) { highlight(f); })
        .catch(function () { if (bounds) highlight(bounds); });
    } else if (bounds) {
      highlight(bounds);
    }
  }

  function setupSearch() {
    search.input = document.getElementById("search");
    search.list = document.getElementById("search-results");
    const form = document.getElementById("search-form");

    search.input.addEventListener("input", function () {
      clearTimeout(search.timer);
      const q = search.input.value.trim();
      if (q === "") {
        if (search.controller) search.controller.abort();
        search.controller = null;
        search.query = null;
        search.results = [];
        openList(false);
        return;
      }
      search.timer = setTimeout(function () { runSearch(q); }, SEARCH_DELAY_MS);
    });

    search.input.addEventListener("keydown", function (e) {
      const n = search.results.length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (search.query == null || n === 0) return;
        e.preventDefault();
        if (search.list.hidden) {
          search.active = e.key === "ArrowDown" ? 0 : n - 1;
        } else {
          search.active = e.key === "ArrowDown" ? (search.active + 1) % n : (search.active - 1 + n) % n;
        }
        renderResults();
      } else if (e.key === "Escape") {
        if (!search.list.hidden) {
          e.preventDefault();
          openList(false);
        }
      }
    });

    search.input.addEventListener("focus", function () {
      if (search.query != null && search.input.value.trim() === search.query) renderResults();
    });
    search.input.addEventListener("blur", function () {
      setTimeout(function () { openList(false); }, 150);
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(search.timer);
      const q = search.input.value.trim();
      if (q === "") return;
      if (!search.list.hidden && search.active >= 0 && search.results[search.active]) {
        pickResult(search.results[search.active]);
      } else if (search.query === q && !search.controller) {
        if (search.results.length > 0) pickResult(search.results[0]);
        else renderResults();
      } else {
        search.pickWhenDone = true;
        if (search.pending !== q) runSearch(q);
      }
    });
  }

  // ---- side panel: layer list and legend ---------------------------------------------------

  function swatch(kind, color, options) {
    const s = el("span", "swatch swatch-" + kind);
    s.setAttribute("aria-hidden", "true");
    const o = options || {};
    if (kind === "line") {
      s.style.borderTopColor = color;
      s.style.borderTopWidth = (o.weight || 2) + "px";
      s.style.borderTopStyle = o.dashed ? "dashed" : "solid";
    } else if (kind === "fill") {
      s.style.background = color;
      s.style.borderColor = o.stroke || color;
      if (o.strokeWidth) s.style.borderWidth = o.strokeWidth + "px";
      if (o.dashed) s.style.borderStyle = "dashed";
    } else if (kind === "circle") {
      s.style.background = color;
      s.style.borderColor = o.stroke || "#263238";
    } else if (kind === "palette") {
      COMMUNITY_PALETTE.slice(0, 4).forEach(function (c) {
        const part = el("span");
        part.style.background = c;
        s.appendChild(part);
      });
    }
    return s;
  }

  function layerSwatch(id) {
    switch (id) {
      case "city": return swatch("line", "#111111", { weight: 4 });
      case "districts": return swatch("line", "#263238", { weight: 3 });
      case "streets": return swatch("line", "#455a64", { weight: 2, dashed: true });
      case "communities": return swatch("palette");
      case "grid-cells": return swatch("fill", "transparent", { stroke: "#5f6b73", strokeWidth: 1 });
      case "basins": return swatch("fill", BASIN_PALETTE[2], { stroke: "#1f5f9e" });
      case "water-projects": return swatch("circle", PROJECT_STATUS_COLORS.under_construction, { stroke: "#ffffff" });
      case "cases": return swatch("circle", CASE_STATUS_COLORS.reported);
      default: return swatch("fill", FALLBACK_COLOR);
    }
  }

  function renderLayerList() {
    const list = document.getElementById("layer-list");
    if (state.layers.size === 0) return;
    const focusedId = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.layer : null;
    list.replaceChildren();
    state.layers.forEach(function (ls) {
      if (!layerAllowed(ls.id)) return;
      const li = el("li", "layer-item" + (ls.loading ? " is-loading" : ""));
      const label = el("label", "layer-label");
      const box = el("input");
      box.type = "checkbox";
      box.checked = ls.enabled;
      box.dataset.layer = ls.id;
      box.id = "layer-" + ls.id;
      box.addEventListener("change", function () {
        ls.enabled = box.checked;
        if (ls.id === "grid-cells") ls.userTouched = true;
        syncLayers(false);
      });
      label.appendChild(box);
      label.appendChild(layerSwatch(ls.id));
      label.appendChild(el("span", "layer-title", layerTitle(ls.id)));
      if (ls.loading) {
        const spin = el("span", "spinner");
        spin.setAttribute("aria-hidden", "true");
        label.appendChild(spin);
      } else if (ls.enabled && ls.result) {
        label.appendChild(el("span", "layer-count",
          formatNumber(ls.result.count, 0) + (ls.result.truncated ? "+" : "")));
      }
      li.appendChild(label);
      if (ls.id === "grid-cells") {
        const hint = el("p", "layer-hint", t("panel.gridHint"));
        if (!ls.userTouched) {
          const badge = el("span", "badge", t("panel.gridAuto"));
          hint.prepend(badge);
        }
        hint.id = "grid-hint";
        box.setAttribute("aria-describedby", "grid-hint");
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    if (focusedId) {
      const again = list.querySelector("input[data-layer=\"" + CSS.escape(focusedId) + "\"]");
      if (again) again.focus();
    }
  }

  function legendItem(sw, text, count) {
    const li = el("li", "legend-item");
    li.appendChild(sw);
    li.appendChild(el("span", "legend-label", text));
    if (count != null) li.appendChild(el("span", "legend-count", formatNumber(count, 0)));
    return li;
  }

  function renderLegend() {
    const box = document.getElementById("legend");
    box.replaceChildren();
    let any = false;
    state.layers.forEach(function (ls) {
      if (!layerVisible(ls)) return;
      any = true;
      const section = el("div", "legend-layer");
      section.dataset.layer = ls.id;
      section.appendChild(el("h3", null, layerTitle(ls.id)));
      const ul = el("ul", "legend-items");
      switch (ls.id) {
        case "city":
        case "districts":
        case "streets":
        case "grid-cells":
          ul.appendChild(legendItem(layerSwatch(ls.id), t("legend.outline")));
          break;
        case "communities":
          ul.appendChild(legendItem(layerSwatch(ls.id), t("legend.byCommunity")));
          break;
        case "basins": {
          const levels = ls.levels.slice().sort(function (a, b) { return Number(a) - Number(b); });
          if (levels.length === 0) ul.appendChild(legendItem(layerSwatch("basins"), layerTitle("basins")));
          levels.forEach(function (lv) {
            ul.appendChild(legendItem(swatch("fill", basinColor(lv), { stroke: "#1f5f9e" }),
              t("legend.basinLevel", { n: lv })));
          });
          break;
        }
        case "water-projects":
          Object.keys(PROJECT_STATUS_COLORS).forEach(function (st) {
            ul.appendChild(legendItem(swatch("fill", PROJECT_STATUS_COLORS[st], { stroke: PROJECT_STATUS_COLORS[st] }),
              t("projectStatus." + st), ls.result ? (ls.statusCounts[st] || 0) : null));
          });
          ul.appendChild(legendItem(swatch("circle", "#9e9e9e", { stroke: "#ffffff" }), t("legend.geomPoint")));
          ul.appendChild(legendItem(swatch("line", "#9e9e9e", { weight: 5 }), t("legend.geomLine")));
          ul.appendChild(legendItem(swatch("fill", "rgba(158,158,158,0.5)", { stroke: "#9e9e9e" }), t("legend.geomPolygon")));
          break;
        case "cases":
          Object.keys(CASE_STATUS_COLORS).forEach(function (st) {
            ul.appendChild(legendItem(swatch("circle", CASE_STATUS_COLORS[st]),
              t("caseStatus." + st), ls.result ? (ls.statusCounts[st] || 0) : null));
          });
          break;
        default:
          ul.appendChild(legendItem(layerSwatch(ls.id), layerTitle(ls.id)));
      }
      section.appendChild(ul);
      if (ls.result && ls.result.truncated) {
        const warn = el("p", "legend-warn", t("legend.truncated", { n: formatNumber(ls.result.count, 0) }));
        warn.dataset.truncated = ls.id;
        section.appendChild(warn);
      }
      box.appendChild(section);
    });
    if (!any) box.appendChild(el("p", "muted", t("legend.empty")));
  }

  // ---- status line -------------------------------------------------------------------------

  function updateStatus() {
    const status = document.getElementById("status");
    if (!state.map) return;
    const loading = [];
    const counts = [];
    state.layers.forEach(function (ls) {
      if (!layerVisible(ls)) return;
      if (ls.loading) loading.push(layerTitle(ls.id));
      else if (ls.result) {
        counts.push(t("status.count", { layer: layerTitle(ls.id), n: formatNumber(ls.result.count, 0) }) +
          (ls.result.truncated ? t("status.truncated") : ""));
      }
    });
    status.classList.toggle("is-loading", loading.length > 0);
    if (loading.length > 0) {
      status.textContent = t("status.loading", { layers: listJoin(loading) });
    } else if (counts.length > 0) {
      status.textContent = counts.join(" · ");
    } else if (state.layers.size > 0) {
      status.textContent = t("status.nothing");
    }
    document.getElementById("status-zoom").textContent = t("status.zoom", { z: state.map.getZoom() });
  }

  function showCoords(latlng) {
    const node = document.getElementById("status-coords");
    if (!latlng) {
      node.textContent = "";
      return;
    }
    node.textContent = t("status.coords", { lat: latlng.lat.toFixed(5), lon: latlng.lng.toFixed(5) });
  }

  // ---- map setup ---------------------------------------------------------------------------

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
    state.attributionText = escapeHtml(t("map.attribution"));
    ctl.addAttribution(state.attributionText);
  }

  function createMap(config) {
    const center = Array.isArray(config.center) && config.center.length === 2
      ? config.center : DEFAULT_CONFIG.center;
    const zoom = Number.isFinite(config.zoom) ? config.zoom : DEFAULT_CONFIG.zoom;
    const map = L.map("map", { zoomControl: false, minZoom: 4, maxZoom: 19 });
    state.map = map;
    map.attributionControl.setPrefix("Leaflet");
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

    map.createPane("gm-highlight").style.zIndex = "590";

    map.on("moveend", scheduleReload);
    map.on("zoomend", function () {
      resizeCases();
      updateStatus();
      updateLabels();
    });
    map.on("click", function (e) {
      if (report.picking) {
        pickAt(e.latlng);
        return;
      }
      const hit = caseAt(e.containerPoint);
      if (hit) openFeaturePopup("cases", hit.feature, hit, hit.getLatLng());
    });
    let frame = 0;
    let lastEvent = null;
    map.on("mousemove", function (e) {
      lastEvent = e;
      if (frame) return;
      frame = requestAnimationFrame(function () {
        frame = 0;
        showCoords(lastEvent.latlng);
        map.getContainer().classList.toggle("over-case",
          !report.picking && !!caseAt(lastEvent.containerPoint));
      });
    });
    map.on("mouseout", function () { showCoords(null); });
    return map;
  }

  function setupPanelToggle() {
    const btn = document.getElementById("panel-toggle");
    const panel = document.getElementById("panel");
    const setOpen = function (open) {
      panel.hidden = !open;
      btn.setAttribute("aria-expanded", open ? "true" : "false");
      document.body.classList.toggle("panel-closed", !open);
      if (state.map) state.map.invalidateSize();
    };
    setOpen(!window.matchMedia("(max-width: 760px)").matches);
    btn.addEventListener("click", function () { setOpen(panel.hidden); });
  }

  function setupLanguage() {
    document.getElementById("lang-toggle").addEventListener("click", function () {
      I18N.setLang(I18N.lang() === "zh" ? "en" : "zh");
    });
    I18N.onChange(function () {
      const toggle = document.getElementById("lang-toggle");
      toggle.setAttribute("lang", I18N.lang() === "zh" ? "en" : "zh-CN");
      renderLoginNotice();
      renderUser();
      if (report.categories) renderCategoryOptions();
      if (report.latlng) renderReportCoords();
      renderAuditSuggestions();
      if (audit.loaded) renderAudit();
      if (!state.map) return;
      setupZoomControl();
      setupAttribution();
      renderLayerList();
      renderLegend();
      updateStatus();
      if (search.query != null && !search.list.hidden) renderResults();
      if (state.popup && state.popup.popup.isOpen()) state.popup.popup.setContent(state.popup.render());
    });
  }

  // ---- session: login, header, logout ------------------------------------------------------
  // The session is an HttpOnly cookie the page never sees; GET api/me says who is signed in.
  // Permissions from the server decide which actions are offered (the server checks them again).

  const auth = {
    session: null,          // { user, permissions } of the signed-in user, null on the login form
    permissions: new Set(),
    lastUserId: null,       // user of this page's data; another user means a fresh page
    noticeKey: null,        // i18n key of the message above the login form
    busy: false
  };

  function can(permission) {
    return auth.permissions.has(permission);
  }

  function setView(view) {
    document.body.dataset.auth = view;
    document.getElementById("login-view").hidden = view !== "login";
  }

  function renderUser() {
    const user = auth.session && auth.session.user;
    document.getElementById("user-box").hidden = !user;
    document.getElementById("report-case").hidden = !(user && can("cases:create"));
    document.getElementById("audit-open").hidden = !(user && can("admin"));
    if (!user) return;
    const name = document.getElementById("user-name");
    name.textContent = user.display_name || user.username || "";
    if (user.username) name.title = String(user.username);
    document.getElementById("user-role").textContent =
      I18N.tOr("role." + user.role, user.role == null ? "" : String(user.role));
  }

  function renderLoginNotice() {
    const notice = document.getElementById("login-notice");
    notice.hidden = !auth.noticeKey;
    notice.textContent = auth.noticeKey ? t(auth.noticeKey) : "";
  }

  function showLoginError(text) {
    const box = document.getElementById("login-error");
    box.textContent = text || "";
    box.hidden = !text;
    const invalid = text ? "true" : "false";
    document.getElementById("login-username").setAttribute("aria-invalid", invalid);
    document.getElementById("login-password").setAttribute("aria-invalid", invalid);
  }

  /** Back to the login form: stop every request, close popups and dialogs, hide the map. */
  function showLogin(noticeKey, errorText) {
    auth.session = null;
    auth.permissions = new Set();
    auth.noticeKey = noticeKey || null;
    state.ready = false;
    delete document.body.dataset.ready;
    clearTimeout(state.reloadTimer);
    state.layers.forEach(stopLayer);
    if (search.controller) search.controller.abort();
    search.controller = null;
    if (search.list) openList(false);
    cancelPick();
    ["report-dialog", "audit-dialog"].forEach(function (id) {
      const d = document.getElementById(id);
      if (d.open) d.close();
    });
    if (state.map) state.map.closePopup();
    renderUser();
    setView("login");
    renderLoginNotice();
    showLoginError(errorText || "");
    const username = document.getElementById("login-username");
    const password = document.getElementById("login-password");
    password.value = "";
    (username.value.trim() === "" ? username : password).focus();
  }

  /** Called by api() on a 401: the session ended (expired, signed out elsewhere, server restart). */
  function sessionExpired() {
    if (!auth.session) return;
    showLogin("login.expired");
  }

  /** Shows the map for a signed-in user (after login, or at start when the cookie is valid). */
  async function enterApp(session) {
    const user = (session && session.user) || {};
    if (auth.lastUserId != null && auth.lastUserId !== user.id) {
      // Someone else signed in on this page: start from a clean page, nothing of the last user kept.
      window.location.reload();
      return;
    }
    auth.session = session;
    auth.permissions = new Set(Array.isArray(session.permissions) ? session.permissions : []);
    auth.lastUserId = user.id;
    auth.noticeKey = null;
    renderUser();
    setView("app");
    if (state.map) state.map.invalidateSize();
    const ok = await startMap();
    if (auth.session !== session) return; // the session ended while the map was loading
    if (ok) {
      state.ready = true;
      document.body.dataset.ready = "true";
    } else {
      document.body.dataset.ready = "error";
    }
  }

  async function submitLogin(e) {
    e.preventDefault();
    if (auth.busy) return;
    const usernameInput = document.getElementById("login-username");
    const passwordInput = document.getElementById("login-password");
    const username = usernameInput.value.trim();
    const password = passwordInput.value;
    if (username === "" || password === "") {
      showLoginError(t("login.missing"));
      (username === "" ? usernameInput : passwordInput).focus();
      return;
    }
    const button = document.getElementById("login-submit");
    showLoginError("");
    auth.busy = true;
    button.disabled = true;
    button.textContent = t("login.submitting");
    let session = null;
    try {
      session = await api("api/login", {
        method: "POST",
        body: { username: username, password: password },
        expireOn401: false
      });
    } catch (err) {
      // The server's details are English; the two everyday answers get the user's language.
      let text = err.message;
      if (err.status === 401) text = t("login.failed");
      if (err.status === 429) {
        let wait = "";
        if (err.retryAfter >= 120) wait = t("login.retryAfterMinutes", { n: Math.ceil(err.retryAfter / 60) });
        else if (err.retryAfter) wait = t("login.retryAfter", { n: err.retryAfter });
        text = t("login.tooMany") + (I18N.lang() === "zh" ? "" : " ") + (wait || (err.fromServer ? err.message : ""));
      }
      showLoginError(text);
      passwordInput.focus();
      passwordInput.select();
    } finally {
      auth.busy = false;
      button.disabled = false;
      button.textContent = t("login.submit");
    }
    if (session) {
      passwordInput.value = "";
      showLoginError("");
      enterApp(session).catch(function (err) { showMessage(String(err && err.message || err)); });
    }
  }

  async function logout() {
    const button = document.getElementById("logout");
    button.disabled = true;
    try {
      await api("api/logout", { method: "POST", expireOn401: false });
    } catch (e) {
      if (e.status !== 401) { // 401: already signed out, which is what we wanted
        button.disabled = false;
        showMessage(t("user.logoutFailed", { detail: e.message }));
        return;
      }
    }
    // A fresh page keeps nothing of this user's data in memory.
    try {
      window.sessionStorage.setItem(NOTICE_KEY, "login.signedOut");
    } catch (e) {
      /* the notice is a nicety */
    }
    window.location.reload();
  }

  const NOTICE_KEY = "gridmap.notice";

  function takeStoredNotice() {
    try {
      const v = window.sessionStorage.getItem(NOTICE_KEY);
      window.sessionStorage.removeItem(NOTICE_KEY);
      return v === "login.signedOut" || v === "login.expired" ? v : null;
    } catch (e) {
      return null;
    }
  }

  function setupSession() {
    document.getElementById("login-form").addEventListener("submit", submitLogin);
    document.getElementById("logout").addEventListener("click", logout);
  }

  // ---- reporting a case --------------------------------------------------------------------
  // "Report a case" → pick mode (click the map, or use its centre from the keyboard) → a small
  // dialog → POST api/cases → the cases layer is reloaded and the new case's popup opened.

  const report = {
    picking: false,
    latlng: null,
    marker: null,
    categories: null,       // from api/categories, fetched once per page
    busy: false
  };

  function startPick() {
    if (!state.map || !can("cases:create")) return;
    state.map.closePopup();
    report.picking = true;
    document.getElementById("report-case").setAttribute("aria-pressed", "true");
    document.getElementById("pick-banner").hidden = false;
    state.map.getContainer().classList.add("is-picking");
  }

  function cancelPick() {
    report.picking = false;
    document.getElementById("report-case").setAttribute("aria-pressed", "false");
    document.getElementById("pick-banner").hidden = true;
    if (state.map) state.map.getContainer().classList.remove("is-picking");
  }

  function pickAt(latlng) {
    cancelPick();
    openReportDialog(latlng);
  }

  function renderReportCoords() {
    if (!report.latlng) return;
    document.getElementById("report-coords").textContent = t("status.coords", {
      lat: report.latlng.lat.toFixed(5), lon: report.latlng.lng.toFixed(5)
    });
  }

  function showReportError(text) {
    const box = document.getElementById("report-error");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function categoryLabel(c) {
    const name = I18N.lang() === "en" ? (c.name_en || c.name) : c.name;
    if (I18N.lang() === "zh" && c.major_name) return name + "（" + c.major_name + "）";
    return String(name == null ? c.code : name);
  }

  function renderCategoryOptions() {
    const select = document.getElementById("report-category");
    const chosen = select.value;
    select.replaceChildren();
    const none = el("option", null, t("report.categoryChoose"));
    none.value = "";
    select.appendChild(none);
    const groups = new Map();
    (report.categories || []).forEach(function (c) {
      if (!c || typeof c.code !== "string") return;
      const kind = c.kind || "";
      if (!groups.has(kind)) {
        const g = el("optgroup");
        g.label = I18N.tOr("report.kind." + kind, kind);
        groups.set(kind, g);
      }
      const opt = el("option", null, categoryLabel(c));
      opt.value = c.code;
      groups.get(kind).appendChild(opt);
    });
    groups.forEach(function (g) { select.appendChild(g); });
    select.value = chosen;
    if (select.value !== chosen) select.value = "";
  }

  async function ensureCategories() {
    if (report.categories) return true;
    try {
      const list = await getJson("api/categories");
      report.categories = (Array.isArray(list) ? list : []).slice().sort(function (a, b) {
        return String(a.code).localeCompare(String(b.code));
      });
      renderCategoryOptions();
      return true;
    } catch (e) {
      if (!silentError(e)) showReportError(t("report.categoriesFailed", { detail: e.message }));
      return false;
    }
  }

  function openReportDialog(latlng) {
    const dialog = document.getElementById("report-dialog");
    report.latlng = latlng;
    if (report.marker) report.marker.remove();
    report.marker = L.circleMarker(latlng, {
      pane: "gm-highlight", radius: 11, color: "#e65100", weight: 4, fillColor: "#ffb74d",
      fillOpacity: 0.5, interactive: false, className: "gm-report-marker"
    }).addTo(state.map);
    renderReportCoords();
    document.getElementById("report-description").value = "";
    document.getElementById("report-address").value = "";
    showReportError("");
    if (report.categories) renderCategoryOptions(); else ensureCategories();
    document.getElementById("report-category").value = "";
    if (!dialog.open) dialog.showModal();
    document.getElementById("report-category").focus();
  }

  function closeReportDialog() {
    const dialog = document.getElementById("report-dialog");
    if (dialog.open) dialog.close();
  }

  function onReportDialogClosed() {
    if (report.marker) report.marker.remove();
    report.marker = null;
    report.latlng = null;
  }

  async function submitReport(e) {
    e.preventDefault();
    if (report.busy || !report.latlng) return;
    const category = document.getElementById("report-category");
    const description = document.getElementById("report-description");
    const address = document.getElementById("report-address");
    if (category.value === "") {
      showReportError(t("report.needCategory"));
      category.focus();
      return;
    }
    if (description.value.trim() === "") {
      showReportError(t("report.needDescription"));
      description.focus();
      return;
    }
    const body = {
      category_code: category.value,
      description: description.value.trim(),
      lon: Number(report.latlng.lng.toFixed(6)),
      lat: Number(report.latlng.lat.toFixed(6))
    };
    if (address.value.trim() !== "") body.address = address.value.trim();
    const button = document.getElementById("report-submit");
    report.busy = true;
    button.disabled = true;
    button.textContent = t("report.submitting");
    showReportError("");
    let created = null;
    try {
      created = await api("api/cases", { method: "POST", body: body });
    } catch (err) {
      if (!silentError(err)) {
        let text = err.message;
        if (err.status === 403 || err.status === 422) {
          text = t(err.status === 403 ? "report.forbidden" : "report.outside") +
            (err.fromServer ? t("report.detail", { detail: err.message }) : "");
        }
        showReportError(text);
        description.focus();
      }
    } finally {
      report.busy = false;
      button.disabled = false;
      button.textContent = t("report.submit");
    }
    if (!created) return;
    closeReportDialog();
    const props = (created && created.properties) || {};
    showMessage(t("report.created", { code: props.code != null ? props.code : (created.id != null ? "#" + created.id : "") }), "info");
    const ls = state.layers.get("cases");
    if (ls && layerAllowed("cases")) {
      ls.enabled = true;
      if (!state.map.hasLayer(ls.group)) ls.group.addTo(state.map);
      await loadLayer(ls);
    }
    if (created.geometry && auth.session) showFeature("cases", created);
  }

  function setupReport() {
    document.getElementById("report-case").addEventListener("click", function () {
      if (report.picking) cancelPick(); else startPick();
    });
    document.getElementById("pick-cancel").addEventListener("click", cancelPick);
    document.getElementById("pick-center").addEventListener("click", function () {
      if (state.map) pickAt(state.map.getCenter());
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && report.picking) {
        cancelPick();
        document.getElementById("report-case").focus();
      }
    });
    const dialog = document.getElementById("report-dialog");
    document.getElementById("report-form").addEventListener("submit", submitReport);
    document.getElementById("report-cancel").addEventListener("click", closeReportDialog);
    document.getElementById("report-close").addEventListener("click", closeReportDialog);
    dialog.addEventListener("close", onReportDialogClosed);
  }

  // ---- audit log (admin) -------------------------------------------------------------------

  const AUDIT_PAGE = 50;
  const audit = {
    filters: {},            // applied filters (what the table shows)
    offset: 0,
    total: 0,
    items: [],
    loaded: false,
    controller: null
  };

  function auditFormFilters() {
    const filters = {};
    ["actor", "action", "entity", "from", "to"].forEach(function (name) {
      const v = document.getElementById("audit-" + name).value.trim();
      if (v !== "") filters[name] = v;
    });
    return filters;
  }

  function auditQuery(filters, extra) {
    const q = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { q.set(k, filters[k]); });
    Object.keys(extra || {}).forEach(function (k) { q.set(k, String(extra[k])); });
    const s = q.toString();
    return s === "" ? "" : "?" + s;
  }

  function updateAuditCsv() {
    document.getElementById("audit-csv").setAttribute("href", "api/audit.csv" + auditQuery(auditFormFilters()));
  }

  function showAuditError(text) {
    const box = document.getElementById("audit-error");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function formatAuditTime(value) {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return String(value == null ? "" : value);
    return d.toLocaleString(I18N.locale(), {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
      second: "2-digit", hour12: false
    });
  }

  function jsonBlock(labelKey, value) {
    const wrap = el("div", "audit-json");
    wrap.appendChild(el("div", "audit-json-label", t(labelKey)));
    let text;
    try {
      text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
    } catch (e) {
      text = String(value);
    }
    wrap.appendChild(el("pre", null, text));
    return wrap;
  }

  /** A table cell with the translated name of a code (when known) over the code itself. */
  function codeCell(prefix, code, suffix) {
    const td = el("td", "audit-code");
    const raw = code == null ? "" : String(code);
    const known = raw !== "" && I18N.has(prefix + raw);
    if (known) td.appendChild(el("span", "audit-code-name", t(prefix + raw) + (suffix ? " " + suffix : "")));
    td.appendChild(el("code", null, raw + (!known && suffix ? " " + suffix : "")));
    return td;
  }

  /** Suggestions for the action and entity filters: the codes the dictionaries know. */
  function renderAuditSuggestions() {
    [["auditAction.", "audit-action-list"], ["auditEntity.", "audit-entity-list"]].forEach(function (pair) {
      const list = document.getElementById(pair[1]);
      list.replaceChildren();
      Object.keys(I18N.dictionaries.zh).filter(function (k) { return k.indexOf(pair[0]) === 0; })
        .forEach(function (k) {
          const opt = el("option");
          opt.value = k.slice(pair[0].length);
          opt.label = t(k);
          list.appendChild(opt);
        });
    });
  }

  function renderAudit() {
    const body = document.getElementById("audit-rows");
    body.replaceChildren();
    if (audit.items.length === 0) {
      const tr = el("tr", "audit-empty");
      const td = el("td", null, t("audit.none"));
      td.colSpan = 6;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    audit.items.forEach(function (item) {
      const tr = el("tr");
      tr.dataset.id = item.id == null ? "" : String(item.id);
      tr.appendChild(el("td", "audit-at", formatAuditTime(item.at)));
      tr.appendChild(el("td", null, item.actor_name == null ? t("popup.unknown") : item.actor_name));
      tr.appendChild(codeCell("auditAction.", item.action, null));
      tr.appendChild(codeCell("auditEntity.", item.entity,
        item.entity_id != null && item.entity_id !== "" ? "#" + item.entity_id : null));
      const change = el("td", "audit-change");
      const hasBefore = item.before !== null && item.before !== undefined;
      const hasAfter = item.after !== null && item.after !== undefined;
      if (hasBefore || hasAfter) {
        const details = el("details");
        details.appendChild(el("summary", null, t("audit.show")));
        if (hasBefore) details.appendChild(jsonBlock("audit.before", item.before));
        if (hasAfter) details.appendChild(jsonBlock("audit.after", item.after));
        change.appendChild(details);
      } else {
        change.textContent = t("popup.unknown");
      }
      tr.appendChild(change);
      const req = el("td", "audit-request");
      if (item.request_id != null) req.appendChild(el("code", null, item.request_id));
      tr.appendChild(req);
      body.appendChild(tr);
    });
    const summary = document.getElementById("audit-summary");
    if (audit.total === 0 || audit.items.length === 0) {
      summary.textContent = audit.total > 0
        ? t("audit.summary", { from: "—", to: "—", total: formatNumber(audit.total, 0) })
        : t("audit.summaryEmpty");
    } else {
      summary.textContent = t("audit.summary", {
        from: formatNumber(audit.offset + 1, 0),
        to: formatNumber(audit.offset + audit.items.length, 0),
        total: formatNumber(audit.total, 0)
      });
    }
    document.getElementById("audit-prev").disabled = audit.offset <= 0;
    document.getElementById("audit-next").disabled = audit.offset + audit.items.length >= audit.total;
  }

  async function loadAudit(filters, offset) {
    if (audit.controller) audit.controller.abort();
    const controller = new AbortController();
    audit.controller = controller;
    const dialog = document.getElementById("audit-dialog");
    dialog.setAttribute("aria-busy", "true");
    document.getElementById("audit-summary").textContent = t("audit.loading");
    try {
      const page = await getJson("api/audit" +
        auditQuery(filters, { limit: AUDIT_PAGE, offset: Math.max(0, offset) }), controller.signal);
      if (controller !== audit.controller) return;
      audit.filters = filters;
      audit.offset = Math.max(0, offset);
      audit.items = Array.isArray(page && page.items) ? page.items : [];
      audit.total = Number.isFinite(Number(page && page.total)) ? Number(page.total) : audit.items.length;
      audit.loaded = true;
      showAuditError("");
      renderAudit();
    } catch (e) {
      if (controller !== audit.controller || silentError(e)) return;
      showAuditError(e.message);
      if (audit.loaded) renderAudit(); else document.getElementById("audit-summary").textContent = "";
    } finally {
      if (controller === audit.controller) {
        audit.controller = null;
        dialog.removeAttribute("aria-busy");
      }
    }
  }

  function applyAuditFilters() {
    const filters = auditFormFilters();
    if (filters.from && filters.to && filters.from > filters.to) {
      showAuditError(t("audit.badRange"));
      document.getElementById("audit-from").focus();
      return;
    }
    updateAuditCsv();
    loadAudit(filters, 0);
  }

  function setupAudit() {
    const dialog = document.getElementById("audit-dialog");
    renderAuditSuggestions();
    document.getElementById("audit-open").addEventListener("click", function () {
      if (!can("admin")) return;
      cancelPick();
      if (!dialog.open) dialog.showModal();
      updateAuditCsv();
      loadAudit(auditFormFilters(), 0);
      document.getElementById("audit-actor").focus();
    });
    document.getElementById("audit-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (audit.controller) audit.controller.abort();
      audit.controller = null;
      dialog.removeAttribute("aria-busy");
    });
    const form = document.getElementById("audit-filter");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      applyAuditFilters();
    });
    form.addEventListener("input", updateAuditCsv);
    document.getElementById("audit-reset").addEventListener("click", function () {
      form.reset();
      showAuditError("");
      applyAuditFilters();
    });
    document.getElementById("audit-prev").addEventListener("click", function () {
      loadAudit(audit.filters, audit.offset - AUDIT_PAGE);
    });
    document.getElementById("audit-next").addEventListener("click", function () {
      loadAudit(audit.filters, audit.offset + AUDIT_PAGE);
    });
  }

  // ---- start -------------------------------------------------------------------------------

  /** Creates the map and reads the layer list once per page; then (re)loads the layers. */
  async function startMap() {
    if (!state.map) {
      let config = DEFAULT_CONFIG;
      try {
        config = Object.assign({}, DEFAULT_CONFIG, await getJson("api/config"));
      } catch (e) {
        showMessage(t("msg.config") + " " + e.message);
      }
      if (!auth.session) return false;
      state.config = config;
      createMap(config);
      updateStatus();
    }
    if (state.layers.size === 0) {
      let metas = [];
      try {
        const list = await getJson("api/layers");
        metas = Array.isArray(list) ? list.filter(function (m) { return m && typeof m.id === "string"; }) : [];
      } catch (e) {
        if (!silentError(e)) showMessage(t("msg.layers") + " " + e.message);
        return false;
      }
      metas.forEach(function (meta, i) { state.layers.set(meta.id, createLayerState(meta, i)); });
    }
    applyAutoGrid();
    await syncLayers(true);
    return true;
  }

  async function start() {
    I18N.apply();
    document.getElementById("lang-toggle").setAttribute("lang", I18N.lang() === "zh" ? "en" : "zh-CN");
    setupLanguage();
    setupPanelToggle();
    setupSearch();
    setupSession();
    setupReport();
    setupAudit();

    const notice = takeStoredNotice();
    let session = null;
    let failure = null;
    try {
      session = await api("api/me", { expireOn401: false });
    } catch (e) {
      if (e.status !== 401) failure = e.message;
    }
    document.body.classList.remove("is-booting");
    // a demo installation says how to sign in (the server only says so while the demo data is loaded)
    getJson("api/config").then(function (cfg) {
      document.getElementById("login-demo").hidden = !(cfg && cfg.demo === true);
    }).catch(function () { /* the hint is optional */ });
    if (session && session.user) {
      await enterApp(session);
    } else {
      showLogin(notice, failure);
    }
  }

  /** Opens the popup of a GeoJSON feature as if it had been clicked (used by tests and links). */
  function showFeature(layerId, feature) {
    const layer = L.geoJSON(feature).getLayers()[0];
    if (!layer) return;
    const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    openFeaturePopup(layerId, feature, layer, at);
  }

  window.gridmap = {
    state: state,
    caseAt: caseAt,
    escapeHtml: escapeHtml,
    showFeature: showFeature,
    session: function () { return auth.session; },
    can: can,
    reloadLayers: function () { return syncLayers(true); }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
