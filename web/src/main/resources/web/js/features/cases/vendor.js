/*
 * Libraries this feature uses, served from their webjars (no CDN): leaflet.markercluster (needs
 * the global L) and chart.js (UMD, global Chart). Loaded on first use as classic scripts from our
 * own origin, which the CSP (script-src 'self') allows.
 */
const loaded = new Map();

function loadScript(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(s);
    }));
  }
  return loaded.get(src);
}

function loadCss(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const l = document.createElement("link");
  l.rel = "stylesheet";
  l.href = href;
  document.head.appendChild(l);
}

export const MARKERCLUSTER = "/webjars/leaflet-markercluster/1.4.1/";
export const CHARTJS = "/webjars/chart.js/4.4.1/dist/chart.umd.js";

export function markerCluster() {
  loadCss(MARKERCLUSTER + "MarkerCluster.css");
  loadCss(MARKERCLUSTER + "MarkerCluster.Default.css");
  return loadScript(MARKERCLUSTER + "leaflet.markercluster.js");
}

export function chartJs() {
  return loadScript(CHARTJS);
}
