/* The status bar: what is loading, how many features each layer shows, zoom and pointer position. */
import { on } from "../bus.js";
import { byId } from "../dom.js";
import { formatLatLng, formatNumber, listJoin } from "../format.js";
import { t } from "../i18n.js";
import { onPointerMove, state } from "./map.js";
import { layerVisible } from "./layers.js";
import { layerTitle } from "./registry.js";

function updateStatus() {
  const status = byId("status");
  if (!state.map) return;
  const loading = [];
  const counts = [];
  state.layers.forEach((ls) => {
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
  byId("status-zoom").textContent = t("status.zoom", { z: state.map.getZoom() });
}

function showCoords(latlng) {
  byId("status-coords").textContent = latlng ? t("status.coords", formatLatLng(latlng)) : "";
}

on("map-created", (map) => {
  updateStatus();
  map.on("zoomend", updateStatus);
  map.on("mouseout", () => showCoords(null));
});
onPointerMove((e) => showCoords(e.latlng));
on("layers-changed", updateStatus);
on("language-changed", updateStatus);
