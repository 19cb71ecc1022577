/*
 * App-wide events, so that modules react to each other without importing each other.
 *
 *   signed-in        detail: the session ({user, permissions}); the map view is shown
 *   signed-out       the login form is back (sign-out, expiry); drop every user's data
 *   session-expired  an API call answered 401 (api.js); session.js shows the login form
 *   language-changed detail: "zh" | "en"; re-render what is not data-i18n markup
 *   layers-changed   a layer was switched, loaded or failed (map/layers.js)
 *   case-changed     detail: the case Feature; a case was created or changed
 *   map-created      detail: the Leaflet map, once per page (attach map listeners here)
 *   layout-changed   the space around the map changed (side panel shown or hidden)
 *   dialog-opened    detail: the <dialog>; a pending mode elsewhere (e.g. picking) ends
 *   as-of-changed    detail: "YYYY-MM-DD" or null; the map shows the boundaries of that day
 */
export const bus = new EventTarget();

/** Dispatches an app event; listeners run synchronously, in subscription order. */
export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

/** Subscribes to an app event; the listener gets the event's detail. Returns an unsubscribe. */
export function on(name, listener) {
  const wrapped = (e) => listener(e.detail);
  bus.addEventListener(name, wrapped);
  return () => bus.removeEventListener(name, wrapped);
}
