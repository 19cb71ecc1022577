/*
 * Leaflet-Geoman (vendored under web/vendor/leaflet-geoman, MIT) is loaded when a planner first
 * draws: a classic script that extends the global L, plus its stylesheet. Resolves with L.PM.
 */
import { h, useStylesheet } from "../../dom.js";

let loading = null;

export function loadGeoman() {
  if (window.L && L.PM) return Promise.resolve(L.PM);
  if (loading) return loading;
  useStylesheet(new URL("../../../vendor/leaflet-geoman/leaflet-geoman.css", import.meta.url));
  loading = new Promise((resolve, reject) => {
    const script = h("script", { src: String(new URL("../../../vendor/leaflet-geoman/leaflet-geoman.min.js", import.meta.url)) });
    script.addEventListener("load", () => resolve(L.PM));
    script.addEventListener("error", () => {
      loading = null;
      reject(new Error("leaflet-geoman"));
    });
    document.head.appendChild(script);
  });
  return loading;
}

/** Geoman on a map without its own toolbar (the planner's buttons drive it), in the user's language. */
export async function geomanOn(map, lang) {
  await loadGeoman();
  // the map was made before Geoman was loaded: give it Geoman's handle now
  if (!map.pm) L.PM.reInitLayer(map);
  map.pm.setLang(lang === "en" ? "en" : "zh");
  map.pm.setGlobalOptions({ snappable: true, snapDistance: 12, continueDrawing: false, templineStyle: { color: "#c62828" },
    hintlineStyle: { color: "#c62828", dashArray: [5, 5] }, pathOptions: { color: "#c62828", weight: 4 } });
  return map.pm;
}
