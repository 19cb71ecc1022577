/*
 * gridmap web map: Leaflet, plain JS, no build step.
 *
 * Data flow: GET api/config and api/layers, then each switched-on layer is fetched for the
 * current view (bbox, padded) and redrawn on moveend (debounced, stale requests aborted).
 * Every server string reaches the page through textContent or escapeHtml(), never raw HTML.
 *
 * Test hooks: body[data-ready="true"] after the first draw; SVG paths carry gm-layer-{id};
 * checkboxes carry data-layer="{id}"; #lang-toggle, #search; window.gridmap for debugging.
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
      ["cell_code", "text"], ["community_name", "text"], ["description", "longtext"]
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
    }
  }

  /** GET a JSON resource; rejects with ApiError carrying the problem detail, or AbortError. */
  async function getJson(url, signal) {
    let res;
    try {
      res = await fetch(url, {
        signal: signal,
        headers: { "Accept": "application/json, application/geo+json, application/problem+json" }
      });
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
      throw new ApiError(detail ? String(detail) : t("msg.http", { status: res.status }), res.status);
    }
    return res.json();
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

  function layerVisible(ls) {
    return ls.enabled;
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
      if (e && e.name === "AbortError") return;
      if (controller !== ls.controller) return;
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
        if (e && e.name !== "AbortError") showMessage(e.message);
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
        showMessage(t("msg.searchFailed", { detail: e.message }));
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
      if (!ls.enabled) return;
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
      if (!ls.enabled) return;
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
        map.getContainer().classList.toggle("over-case", !!caseAt(lastEvent.containerPoint));
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

  // ---- start -------------------------------------------------------------------------------

  async function start() {
    I18N.apply();
    document.getElementById("lang-toggle").setAttribute("lang", I18N.lang() === "zh" ? "en" : "zh-CN");
    setupLanguage();
    setupPanelToggle();
    setupSearch();

    let config = DEFAULT_CONFIG;
    try {
      config = Object.assign({}, DEFAULT_CONFIG, await getJson("api/config"));
    } catch (e) {
      showMessage(t("msg.config") + " " + e.message);
    }
    state.config = config;
    createMap(config);
    updateStatus();

    let metas = [];
    try {
      const list = await getJson("api/layers");
      metas = Array.isArray(list) ? list.filter(function (m) { return m && typeof m.id === "string"; }) : [];
    } catch (e) {
      showMessage(t("msg.layers") + " " + e.message);
      document.body.dataset.ready = "error";
      return;
    }
    metas.forEach(function (meta, i) { state.layers.set(meta.id, createLayerState(meta, i)); });
    applyAutoGrid();
    await syncLayers(true);
    state.ready = true;
    document.body.dataset.ready = "true";
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
    showFeature: showFeature
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
