/*
 * Leaflet-Geoman for the planner, through the shared loader (js/map/geoman.js): without its own
 * toolbar (the planner's buttons drive it), in the user's language, drawing in red.
 */
import { loadGeoman } from "../../map/geoman.js";

export async function geomanOn(map, lang) {
  await loadGeoman();
  if (!map.pm) L.PM.reInitLayer(map);
  map.pm.setLang(lang === "en" ? "en" : "zh");
  map.pm.setGlobalOptions({ snappable: true, snapDistance: 12, continueDrawing: false, templineStyle: { color: "#c62828" },
    hintlineStyle: { color: "#c62828", dashArray: [5, 5] }, pathOptions: { color: "#c62828", weight: 4 } });
  return map.pm;
}
