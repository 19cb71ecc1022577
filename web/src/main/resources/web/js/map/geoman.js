/*
 * leaflet-geoman (vendored under web/vendor/leaflet-geoman, MIT), loaded the first time a feature
 * draws or edits a shape: a classic script that extends the global L, plus its stylesheet. The
 * map exists before the library does, so it is equipped when the script has loaded. Resolves with
 * L.PM; every feature goes through this one loader, so the script runs once.
 */
import { h, useStylesheet } from "../dom.js";
import { state } from "./map.js";

let loading = null;

export function loadGeoman() {
  if (window.L && L.PM) {
    if (state.map && !state.map.pm) L.PM.reInitLayer(state.map);
    return Promise.resolve(L.PM);
  }
  if (loading) return loading;
  const base = new URL("../../vendor/leaflet-geoman/", import.meta.url);
  useStylesheet(new URL("leaflet-geoman.css", base));
  loading = new Promise((resolve, reject) => {
    const script = h("script", { src: new URL("leaflet-geoman.min.js", base).href });
    script.addEventListener("load", () => {
      if (state.map && !state.map.pm && L.PM) L.PM.reInitLayer(state.map);
      resolve(L.PM);
    });
    script.addEventListener("error", () => {
      loading = null;
      reject(new Error("leaflet-geoman could not be loaded"));
    });
    document.head.appendChild(script);
  });
  return loading;
}
