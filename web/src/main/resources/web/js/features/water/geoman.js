/* leaflet-geoman (vendored under web/vendor, MIT) loaded on first use: drawing and editing shapes. */
import { h } from "../../dom.js";
import { state } from "../../map/map.js";

let loading = null;

export function loadGeoman() {
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    const base = new URL("../../../vendor/leaflet-geoman/", import.meta.url);
    document.head.appendChild(h("link", { rel: "stylesheet", href: new URL("leaflet-geoman.css", base).href }));
    const script = h("script", { src: new URL("leaflet-geoman.min.js", base).href });
    script.addEventListener("load", () => {
      // the library equips maps made after it loads; this one exists already
      if (!state.map.pm && L.PM) L.PM.reInitLayer(state.map);
      resolve();
    });
    script.addEventListener("error", () => { loading = null; reject(new Error("leaflet-geoman could not be loaded")); });
    document.head.appendChild(script);
  });
  return loading;
}
