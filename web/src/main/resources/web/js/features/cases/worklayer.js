/*
 * The work layer: the cases of the current filter on the map, clustered with
 * leaflet.markercluster, each marker coloured by status and ringed red when overdue. When the
 * server sends counts per grid cell instead (too many cases to send), one numbered circle per
 * cell. Switching it on switches the plain cases layer off, so no case is drawn twice.
 */
import { escapeHtml } from "../../dom.js";
import { t, tOr } from "../../i18n.js";
import { setLayerEnabled } from "../../map/layers.js";
import { state } from "../../map/map.js";
import { CASE_STATUS_COLORS } from "../../map/cases.js";
import { markerCluster } from "./vendor.js";
import { openCase } from "./casepanel.js";

let group = null;
let shown = false;

export const OVERDUE_COLOR = "#b71c1c";

function colour(status) { return CASE_STATUS_COLORS[status] || (status === "merged" ? "#9e9e9e" : "#607d8b"); }

async function ensureGroup() {
  await markerCluster();
  if (!group) {
    group = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50, chunkedLoading: true,
      iconCreateFunction: (cluster) => {
        const overdue = cluster.getAllChildMarkers().filter((m) => m.options.gmOverdue).length;
        const n = cluster.getChildCount();
        return L.divIcon({ className: "gm-cluster" + (overdue ? " gm-cluster-overdue" : ""), iconSize: [44, 44],
          html: "<span>" + n + "</span>" });
      } });
  }
  return group;
}

/** Draws a GeoJSON answer of api/cases/map. */
export async function showCases(fc) {
  if (!state.map) return;
  const g = await ensureGroup();
  g.clearLayers();
  const markers = [];
  for (const f of fc.features || []) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    if (fc.aggregated) {
      const icon = L.divIcon({ className: "gm-cell-count" + (p.overdue ? " gm-cluster-overdue" : ""), iconSize: [44, 44],
        html: "<span>" + escapeHtml(p.count) + "</span>" });
      const m = L.marker([lat, lon], { icon, keyboard: true, title: t("work.cellCount", { cell: p.cell_code, n: p.count, overdue: p.overdue }),
        gmOverdue: p.overdue > 0 });
      m.on("click", () => state.map.setView([lat, lon], Math.max(state.map.getZoom() + 2, 15)));
      markers.push(m);
    } else {
      const icon = L.divIcon({ className: "gm-case-marker" + (p.overdue ? " is-overdue" : p.due_soon ? " is-soon" : ""),
        iconSize: [44, 44], html: "<span style=\"background:" + colour(p.status) + "\"></span>" });
      const m = L.marker([lat, lon], { icon, keyboard: true, gmOverdue: !!p.overdue, gmId: p.id,
        title: p.code + " · " + tOr("caseStatus." + p.status, p.status) + (p.overdue ? " · " + t("case.overdue") : "") });
      m.on("click", () => openCase(p.id));
      markers.push(m);
    }
  }
  g.addLayers(markers);
  setShown(true);
}

export function setShown(on) {
  if (!state.map || !group) { shown = on; return; }
  if (on && !state.map.hasLayer(group)) {
    state.map.addLayer(group);
    setLayerEnabled("cases", false);
  }
  if (!on && state.map.hasLayer(group)) state.map.removeLayer(group);
  shown = on;
}

export function isShown() { return shown; }

export function markerCount() { return group ? group.getLayers().length : 0; }

export { colour };
