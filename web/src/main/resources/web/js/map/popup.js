/* Feature popups: what a layer kind says about one feature, as text, in the user's language. */
import { silentError } from "../api.js";
import { on } from "../bus.js";
import { el } from "../dom.js";
import { formatDateTime, formatNumber } from "../format.js";
import { langTag, t, tOr } from "../i18n.js";
import { showMessage } from "../messages.js";
import { state } from "./map.js";
import { kindOf, layerTitle } from "./registry.js";

let open = null;    // { popup, render } of the open popup, re-rendered on language change

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

function buildPopup(layerId, feature, layer, extra) {
  const kind = kindOf(layerId);
  const p = Object.assign({}, (feature && feature.properties) || {}, extra || {});
  const root = el("div", "gm-popup");
  root.setAttribute("lang", langTag());

  const kindText = kind.kindLabel ? kind.kindLabel(layerId, p) : layerTitle(layerId);
  root.appendChild(el("div", "gm-popup-kind", kindText));

  let title = kind.title ? kind.title(p) : p.name;
  if (title == null || title === "") title = p.code != null ? p.code : (feature.id != null ? "#" + feature.id : "");
  root.appendChild(el("h3", "gm-popup-title", title));

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
    const td = el("td", format === "longtext" ? "gm-longtext" : null, formatValue(format, p[key], p));
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

export function openFeaturePopup(layerId, feature, layer, latlng) {
  const extra = {};
  const render = () => buildPopup(layerId, feature, layer, extra);
  const popup = L.popup({ maxWidth: 380, minWidth: 260, autoPanPadding: [40, 40] })
    .setLatLng(latlng)
    .setContent(render())
    .openOn(state.map);
  open = { popup, render };

  const kind = kindOf(layerId);
  if (kind.details) {
    const details = kind.details(layerId, feature);
    if (details) {
      details.then((more) => {
        if (!more) return;
        Object.assign(extra, more);
        if (open && open.popup === popup && popup.isOpen()) popup.setContent(render());
      }).catch((e) => {
        if (!silentError(e)) showMessage(e.message);
      });
    }
  }
}

/** Opens the popup of a GeoJSON feature as if it had been clicked (used by tests and links). */
export function showFeature(layerId, feature) {
  const layer = L.geoJSON(feature).getLayers()[0];
  if (!layer) return;
  const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
  openFeaturePopup(layerId, feature, layer, at);
}

on("language-changed", () => {
  if (open && open.popup.isOpen()) open.popup.setContent(open.render());
});
