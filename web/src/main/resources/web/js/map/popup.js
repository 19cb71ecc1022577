/* Feature popups: what a layer kind says about one feature, as text, in the user's language. */
import { silentError } from "../api.js";
import { emit, on } from "../bus.js";
import { el, textIn } from "../dom.js";
import { focusWithinOrLost, onEscape, restoreFocus } from "../focus.js";
import { formatDateTime, formatNumber } from "../format.js";
import { langTag, t, tOr } from "../i18n.js";
import { showMessage } from "../messages.js";
import { state } from "./map.js";
import { kindOf, layerTitle } from "./registry.js";

let open = null;    // { popup, render } of the open popup, re-rendered on language change
let popupSeq = 0;

/** A stable key of a feature across reloads: layer and id (or code). */
export function featureKey(layerId, feature) {
  const p = (feature && feature.properties) || {};
  const id = feature && feature.id != null ? feature.id : (p.id != null ? p.id : p.code);
  return layerId + ":" + id;
}

/** What a feature is called: its kind's title, else its name, code or id. */
export function featureTitle(layerId, feature) {
  const kind = kindOf(layerId);
  const p = (feature && feature.properties) || {};
  let title = kind.title ? kind.title(p) : p.name;
  if (title == null || title === "") title = p.code != null ? p.code : (feature.id != null ? "#" + feature.id : "");
  return String(title);
}

/** What kind of thing it is (a unit's level, a layer's title) and, when it has one, its status. */
export function featureKindText(layerId, feature) {
  const kind = kindOf(layerId);
  const p = (feature && feature.properties) || {};
  return kind.kindLabel ? kind.kindLabel(layerId, p) : layerTitle(layerId);
}

function formatValue(format, value, props) {
  if (value === null || value === undefined || value === "") return t("popup.unknown");
  if (typeof format === "function") return format(value, props);
  switch (format) {
    case "int": return formatNumber(value, 0);
    case "dec": return formatNumber(value, 2);
    case "datetime": return formatDateTime(value);
    default: return String(value);
  }
}

/** Every scalar property, for layers whose kind names no fields. */
function allFields(p) {
  return Object.keys(p).filter((k) => k !== "id" && typeof p[k] !== "object")
    .map((k) => [k, "text", "field." + k]);
}

function buildPopup(layerId, feature, layer, extra, titleId) {
  const kind = kindOf(layerId);
  const p = Object.assign({}, (feature && feature.properties) || {}, extra || {});
  const root = el("div", "gm-popup");
  root.setAttribute("lang", langTag());

  root.appendChild(el("div", "gm-popup-kind", featureKindText(layerId, feature)));

  const title = textIn(el("h3", "gm-popup-title"), featureTitle(layerId, { id: feature.id, properties: p }));
  title.id = titleId;
  title.tabIndex = -1;
  root.appendChild(title);

  const badge = kind.badge ? kind.badge(p) : null;
  if (badge) {
    const node = el("span", "gm-badge", badge.text);
    node.style.borderColor = badge.color;
    const dot = el("span", "gm-badge-dot");
    dot.style.background = badge.color;
    node.prepend(dot);
    root.appendChild(node);
  }

  const table = el("table", "gm-popup-table");
  const tbody = el("tbody");
  const fields = (kind.fields && kind.fields(layerId)) || allFields(p);
  fields.forEach(([key, format, labelKey]) => {
    if (!(key in p)) return;
    const tr = el("tr");
    tr.appendChild(el("th", null, tOr(labelKey || "field." + key, key)));
    const td = textIn(el("td", format === "longtext" ? "gm-longtext" : null), formatValue(format, p[key], p));
    if (format === "int" || format === "dec") td.classList.add("gm-num");
    tr.appendChild(td);
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);
  root.appendChild(table);

  const actions = el("p", "gm-popup-actions");
  const zoom = el("button", "gm-linkbutton", t("popup.zoomTo"));
  zoom.type = "button";
  zoom.addEventListener("click", () => zoomToLayer(layer));
  actions.appendChild(zoom);
  root.appendChild(actions);
  return root;
}

export function zoomToLayer(layer) {
  if (layer.getBounds) {
    const b = layer.getBounds();
    if (b.isValid()) {
      state.map.fitBounds(b, { padding: [40, 40], maxZoom: 17 });
      return;
    }
  }
  if (layer.getLatLng) {
    state.map.setView(layer.getLatLng(), Math.max(state.map.getZoom(), 16));
  }
}

/** Leaflet's popup in the user's language and as a labelled, non-modal dialog. */
function labelPopup(popup, titleId) {
  const node = popup.getElement();
  if (!node) return;
  node.setAttribute("role", "dialog");
  node.setAttribute("aria-labelledby", titleId);
  const close = node.querySelector(".leaflet-popup-close-button");
  if (close) {
    close.setAttribute("aria-label", t("popup.close"));
    close.title = t("popup.close");
  }
}

/**
 * Opens a feature's popup. opts.focus moves focus into it (opened from the keyboard, the list or
 * a search); when it closes, focus goes back to opts.returnTo (an element or a finder), else to
 * what had focus when it opened, else the map. Escape closes it. Emits "feature-opened" and
 * "feature-closed" with {layerId, key}.
 */
export function openFeaturePopup(layerId, feature, layer, latlng, opts) {
  const o = opts || {};
  const origin = o.returnTo || document.activeElement;
  const extra = {};
  const titleId = "gm-popup-title-" + (++popupSeq);
  const render = () => buildPopup(layerId, feature, layer, extra, titleId);
  const key = featureKey(layerId, feature);
  const popup = L.popup({ maxWidth: 380, minWidth: 260, autoPanPadding: [40, 40] })
    .setLatLng(latlng)
    .setContent(render());
  let releaseEscape = null;
  popup.on("add", () => {
    labelPopup(popup, titleId);
    releaseEscape = onEscape(() => state.map.closePopup(popup));
    emit("feature-opened", { layerId, key });
    if (o.focus) popup.getElement().querySelector("#" + titleId).focus();
  });
  popup.on("remove", () => {
    if (releaseEscape) releaseEscape();
    if (open && open.popup === popup) open = null;
    emit("feature-closed", { layerId, key });
    if (focusWithinOrLost(popup.getElement())) restoreFocus(origin, state.map.getContainer());
  });
  popup.openOn(state.map);
  open = { popup, render, titleId };

  const kind = kindOf(layerId);
  if (kind.details) {
    const details = kind.details(layerId, feature);
    if (details) {
      details.then((more) => {
        if (!more) return;
        Object.assign(extra, more);
        if (open && open.popup === popup && popup.isOpen()) rerender();
      }).catch((e) => {
        if (!silentError(e)) showMessage(e.message);
      });
    }
  }
}

/** Where a popup of this layer points: the marker, else the middle of the shape's bounds. */
export function anchorOf(layer) {
  return layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
}

/**
 * Opens the popup of a GeoJSON feature as if it had been clicked (used by tests, search results
 * and the new-case flow); opts as for openFeaturePopup.
 */
export function showFeature(layerId, feature, opts) {
  const layer = L.geoJSON(feature).getLayers()[0];
  if (!layer) return;
  openFeaturePopup(layerId, feature, layer, anchorOf(layer), opts);
}

/** Draws the open popup again (new details, new language), keeping focus in it if it was there. */
function rerender() {
  if (!open || !open.popup.isOpen()) return;
  const node = open.popup.getElement();
  const hadFocus = node && node.contains(document.activeElement);
  open.popup.setContent(open.render());
  labelPopup(open.popup, open.titleId);
  if (hadFocus) node.querySelector("#" + open.titleId).focus();
}

on("language-changed", rerender);
