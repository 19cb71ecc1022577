/*
 * Cases: thousands of points, drawn on one canvas. The canvas covers the whole map; if it took
 * pointer events, no SVG layer below it could be clicked. So its pane ignores the pointer and
 * clicks are matched to markers by hitTest (caseAt).
 */
import { registerStrings, tOr } from "../i18n.js";
import { legendItem, swatch } from "./legend.js";
import { FALLBACK_COLOR, registerLayerKind } from "./registry.js";

registerStrings({
  zh: {
    "layer.cases": "案件",
    "field.community_name": "所属社区",
    "field.category": "类别",
    "field.source": "来源",
    "field.description": "描述",
    "field.reported_at": "上报时间",
    "field.cell_code": "网格编码",
    "field.address": "地址",
    "caseStatus.reported": "已上报",
    "caseStatus.registered": "已立案",
    "caseStatus.dispatched": "已派遣",
    "caseStatus.in_progress": "处理中",
    "caseStatus.handled": "已处置",
    "caseStatus.closed": "已结案",
    "caseStatus.closed_not_fixed": "结案（未解决）",
    "caseStatus.rejected": "不予立案",
    "caseStatus.parked": "挂账",
    "source.patrol": "网格员巡查",
    "source.grid_worker": "网格员巡查",
    "source.citizen": "市民上报",
    "source.public": "市民上报",
    "source.hotline": "12345 热线",
    "source.hotline_12345": "12345 热线",
    "source.video": "视频监控",
    "source.referral": "部门转办",
    "source.open311": "Open311 接口",
    "source.app": "手机应用"
  },
  en: {
    "layer.cases": "Cases",
    "field.community_name": "Community",
    "field.category": "Category",
    "field.source": "Source",
    "field.description": "Description",
    "field.reported_at": "Reported at",
    "field.cell_code": "Grid cell code",
    "field.address": "Address",
    "caseStatus.reported": "Reported",
    "caseStatus.registered": "Registered",
    "caseStatus.dispatched": "Dispatched",
    "caseStatus.in_progress": "In progress",
    "caseStatus.handled": "Handled",
    "caseStatus.closed": "Closed",
    "caseStatus.closed_not_fixed": "Closed – not fixed",
    "caseStatus.rejected": "Rejected",
    "caseStatus.parked": "Parked",
    "source.patrol": "Grid worker patrol",
    "source.grid_worker": "Grid worker patrol",
    "source.citizen": "Citizen report",
    "source.public": "Citizen report",
    "source.hotline": "Hotline 12345",
    "source.hotline_12345": "Hotline 12345",
    "source.video": "Video surveillance",
    "source.referral": "Referral",
    "source.open311": "Open311 API",
    "source.app": "Mobile app"
  }
});

export const CASE_STATUS_COLORS = {
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

function caseColor(status) {
  return CASE_STATUS_COLORS[status] || FALLBACK_COLOR;
}

let renderer = null;
let currentMap = null;

/** Case markers grow with the zoom: dots in the city view, easy targets in the street view. */
function caseRadius() {
  const z = currentMap ? currentMap.getZoom() : 10;
  return z <= 10 ? 3 : z <= 12 ? 4.5 : z <= 14 ? 6 : 7.5;
}

/** The marker nearest to a point on the map container, within its radius plus 4 px. */
function caseAt(ls, containerPoint, map) {
  let best = null;
  let bestD2 = Infinity;
  for (const m of ls.markers) {
    const p = map.latLngToContainerPoint(m.getLatLng());
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

registerLayerKind({
  ids: ["cases"],
  zRank: { cases: 7 },
  defaultOn: ["cases"],
  permission: "cases:read",
  init(ls, map) {
    currentMap = map;
    renderer = L.canvas({ pane: ls.pane, padding: 0.3 });
  },
  style: (id, feature) => ({ radius: caseRadius(), color: "#263238", weight: 1, opacity: 0.9,
    fillColor: caseColor(((feature && feature.properties) || {}).status), fillOpacity: 0.9 }),
  pointToLayer(ls, feature, latlng, options) {
    return L.circleMarker(latlng, Object.assign(options, { renderer, interactive: false }));
  },
  onFeature(ls, feature, layer) {
    ls.markers.push(layer);
    const status = (feature.properties || {}).status;
    const counts = ls.stats.byStatus || (ls.stats.byStatus = {});
    counts[status] = (counts[status] || 0) + 1;
  },
  hitTest: caseAt,
  refresh(ls) {
    const r = caseRadius();
    ls.markers.forEach((m) => { if (m.getRadius() !== r) m.setRadius(r); });
  },
  swatch: () => swatch("circle", CASE_STATUS_COLORS.reported),
  legend(ls) {
    const counts = ls.stats.byStatus || {};
    return Object.keys(CASE_STATUS_COLORS).map((st) => legendItem(swatch("circle", CASE_STATUS_COLORS[st]),
      tOr("caseStatus." + st, st), ls.result ? (counts[st] || 0) : null));
  },
  fields: () => [
    ["code", "text"],
    ["category_name", (v, p) => (p.category_code ? p.category_code + " " + v : String(v)), "field.category"],
    ["status", (v) => tOr("caseStatus." + v, String(v))], ["source", (v) => tOr("source." + v, String(v))],
    ["reported_at", "datetime"], ["cell_code", "text"], ["community_name", "text"], ["address", "text"],
    ["description", "longtext"]
  ],
  title: (p) => p.category_name || p.code,
  badge: (p) => ({
    color: caseColor(p.status),
    text: tOr("caseStatus." + p.status, p.status == null ? "" : String(p.status))
  })
});

