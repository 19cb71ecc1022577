/*
 * Hotspots: for a category and a period, the grid cells drawn by their Getis-Ord Gi*
 * confidence (red: cases cluster there more than chance, at 90/95/99 %; blue: fewer than chance),
 * from api/hotspots. A choropleth over the map with its own legend.
 */
import { getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { state } from "../../map/map.js";

export const CONFIDENCE_COLORS = { "-3": "#2166ac", "-2": "#67a9cf", "-1": "#d1e5f0", "0": "#f7f7f7", "1": "#fddbc7", "2": "#ef8a62", "3": "#b2182b" };
let layer = null;

export async function showHotspots(category, from, to, status) {
  hideHotspots();
  let fc;
  try {
    fc = await getJson("api/hotspots?category=" + encodeURIComponent(category) + "&from=" + from + "&to=" + to);
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
    return;
  }
  if (!state.map) return;
  layer = L.geoJSON(fc, { style: (f) => ({ color: "#555", weight: 0.6, fillOpacity: 0.7,
    fillColor: CONFIDENCE_COLORS[String(f.properties.confidence)] || "#f7f7f7", className: "gm-hotspot" }),
  onEachFeature: (f, l) => l.bindTooltip(t("hot.tooltip", { cell: f.properties.cell_code, n: f.properties.count,
    z: f.properties.z == null ? "—" : f.properties.z.toFixed(2) })) }).addTo(state.map);
  const hot = fc.features.filter((f) => f.properties.confidence >= 2).length;
  status.textContent = t("hot.summary", { cases: fc.cases, hot });
}

export function hideHotspots() {
  if (layer && state.map) state.map.removeLayer(layer);
  layer = null;
}

export function legend() {
  return h("ul", { class: "hot-legend" }, ["3", "2", "1", "0", "-1", "-2", "-3"].map((c) => h("li", null,
    h("span", { class: "hot-swatch", style: "background:" + CONFIDENCE_COLORS[c] }), t("hot.level." + c))));
}

on("signed-out", hideHotspots);
