/*
 * gridmap's service worker: the app offline.
 * - App files (same-origin GET outside /api/): from the network when there is one (so a new
 *   version never mixes with cached modules), else the copy kept from the last visit.
 * - Map data a worker needs offline (api/me, api/config, api/categories, api/layers…): network
 *   first, the last answer from the cache when offline. Case details, photos and reporter data are
 *   never cached here.
 * - Writes are not touched: reports made offline wait in the page's IndexedDB outbox.
 */
const APP = "gridmap-app-v1";
const DATA = "gridmap-data-v1";
const DATA_PATHS = [/^\/api\/me$/, /^\/api\/config$/, /^\/api\/categories$/, /^\/api\/departments$/, /^\/api\/layers(\/[a-z-]+)?$/,
  /^\/api\/cases\/summary$/];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(APP).then((c) => c.addAll(["/", "/index.html", "/style.css", "/js/main.js", "/favicon.svg",
    "/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/1.9.4/dist/leaflet.css"])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== APP && k !== DATA).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", (e) => {
  if (e.data && e.data.type === "forget-data") caches.delete(DATA);
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    if (DATA_PATHS.some((p) => p.test(url.pathname))) e.respondWith(networkFirst(req));
    return;
  }
  if (url.pathname.startsWith("/open311/")) return;
  e.respondWith(networkFirst(req, APP));
});

async function networkFirst(req, cacheName) {
  const cache = await caches.open(cacheName || DATA);
  try {
    const res = await fetch(req);
    if (res.ok) cache.put(req, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(req);
    if (hit) return hit;
    throw err;
  }
}
