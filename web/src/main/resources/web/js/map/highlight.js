/* A short-lived outline over a search result, so the eye finds it after the map moved. */
import { state } from "./map.js";

const HIGHLIGHT_MS = 4000;

/** geojsonOrBounds: a GeoJSON Feature/geometry, or an L.LatLngBounds. */
export function highlight(geojsonOrBounds) {
  const pane = "gm-highlight";
  let layer;
  if (geojsonOrBounds instanceof L.LatLngBounds) {
    layer = L.rectangle(geojsonOrBounds, {
      pane, className: "gm-highlight", color: "#e65100", weight: 5, fill: false, interactive: false
    });
  } else {
    layer = L.geoJSON(geojsonOrBounds, {
      pane,
      interactive: false,
      style: () => ({ className: "gm-highlight", color: "#e65100", weight: 5, opacity: 1,
        fillColor: "#ffb74d", fillOpacity: 0.15 }),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { pane, radius: 14 })
    });
  }
  layer.addTo(state.map);
  setTimeout(() => state.map.removeLayer(layer), HIGHLIGHT_MS);
}
