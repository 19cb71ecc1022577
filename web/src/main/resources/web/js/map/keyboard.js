/*
 * The map from the keyboard. Leaflet already pans with the arrows and zooms with +/-; here Enter
 * (or Space) opens what lies under the cross in the middle of the map, topmost first, with
 * focus in its popup, or picks that place when a feature asked for the next click (e.g. report).
 */
import { on } from "../bus.js";
import { interceptedClick, state } from "./map.js";
import { hitAt, layerVisible } from "./layers.js";
import { openFeaturePopup } from "./popup.js";
import { geometryKind, zRank } from "./registry.js";

/** Even-odd ray casting over every ring of a (multi)polygon's lat/lngs. */
function inRings(latlng, rings) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if ((a.lat > latlng.lat) !== (b.lat > latlng.lat) &&
        latlng.lng < (b.lng - a.lng) * (latlng.lat - a.lat) / (b.lat - a.lat) + a.lng) {
        inside = !inside;
      }
    }
  }
  return inside;
}

function flatRings(latlngs) {
  if (latlngs.length > 0 && latlngs[0] instanceof L.LatLng) return [latlngs];
  return latlngs.flatMap(flatRings);
}

/** The topmost feature at a point of the map: points within reach first, then areas. */
export function featureAt(latlng) {
  const point = state.map.latLngToContainerPoint(latlng);
  const hit = hitAt(point);
  if (hit) return { layerId: hit.ls.id, layer: hit.layer };
  const layers = Array.from(state.layers.values()).filter(layerVisible)
    .sort((a, b) => zRank(b.id, 0) - zRank(a.id, 0));
  for (const ls of layers) {
    let found = null;
    ls.group.eachLayer((layer) => {
      if (found || !layer.feature) return;
      if (layer.getLatLng) {
        const p = state.map.latLngToContainerPoint(layer.getLatLng());
        const reach = (layer.options.radius || 6) + 6;
        if (p.distanceTo(point) <= reach) found = layer;
      } else if (geometryKind(layer.feature) === "polygon" && layer.getBounds().contains(latlng)
        && inRings(latlng, flatRings(layer.getLatLngs()))) {
        found = layer;
      }
    });
    if (found) return { layerId: ls.id, layer: found };
  }
  return null;
}

on("map-created", (map) => {
  const container = map.getContainer();
  container.addEventListener("keydown", (e) => {
    if (e.target !== container || (e.key !== "Enter" && e.key !== " ")) return;
    e.preventDefault();
    const center = map.getCenter();
    if (interceptedClick(center)) return;
    const found = featureAt(center);
    if (found) openFeaturePopup(found.layerId, found.layer.feature, found.layer, center, { focus: true, returnTo: container });
  });
});
