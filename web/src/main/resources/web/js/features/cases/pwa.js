/*
 * The installable, offline app: the web manifest and the service worker (/sw.js, scope /).
 * The worker keeps the app and, for the signed-in grid worker, the map data fetched while online
 * (their cells, categories); reports made offline wait in the outbox (queue.js). Signing out
 * empties the worker's data cache, so the next person on the phone finds nothing of the last.
 */
import { on } from "../../bus.js";

if (!document.querySelector("link[rel='manifest']")) {
  const link = document.createElement("link");
  link.rel = "manifest";
  link.href = "/manifest.webmanifest";
  document.head.appendChild(link);
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => { /* the app works without it, online */ });
}

on("signed-out", () => {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    navigator.serviceWorker.controller.postMessage({ type: "forget-data" });
  }
});
