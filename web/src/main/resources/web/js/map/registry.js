/*
 * Layer kinds: how each server layer is drawn, explained in the legend and shown in a popup.
 * One file per kind (units.js, cells.js, basins.js, projects.js, cases.js) registers itself; a
 * feature that adds a server layer registers a kind for it the same way, and nothing else changes.
 *
 * A kind is an object:
 *   ids            the layer ids it draws, e.g. ["basins"]
 *   zRank          {id: n}: stacking (higher on top); areas low, outlines above, points on top
 *   defaultOn      ids switched on at start
 *   permission     null, or the permission a user needs to see the layer at all
 *   style(id, feature)         Leaflet path options (the gm-layer-{id} class is added for you)
 *   pointToLayer?(id, feature, latlng, options)   a marker for points (default circleMarker)
 *   swatch(id)                 the small picture beside the layer's name
 *   legend(ls)                 <li> items for the legend (see legend.js legendItem)
 *   fields(id)                 popup rows: [[property, format, labelKey?], …]; format is
 *                              "text", "int", "dec", "datetime", "longtext" or a function
 *                              (value, props) => text
 *   title?(props), kindLabel?(id, props), badge?(props) → {color, text}
 *   details?(id, feature)      a promise of extra popup properties (read from the server)
 *   onFeature?(ls, feature, layer)  count what the legend shows (ls.stats is reset per load)
 *   refresh?(ls, map)          after a load, a zoom or a switch (labels, marker sizes)
 *   hitTest?(ls, containerPoint, map)  a layer under the pointer that does not take events itself
 *   hover?                     outline polygons under the pointer
 *   autoOn?(zoom)              switched on by zoom until the user touches its switch
 *   listHint?(ls)              an element shown under the layer's switch
 */
import { tOr, lang } from "../i18n.js";
import { el } from "../dom.js";
import { state } from "./map.js";

const kinds = new Map();   // layer id -> kind
/** Colour of anything a kind has no colour for (unknown layers, unknown statuses). */
export const FALLBACK_COLOR = "#546e7a";

export function registerLayerKind(kind) {
  for (const id of kind.ids) kinds.set(id, kind);
}

function geometryKind(feature) {
  const type = feature && feature.geometry && feature.geometry.type;
  if (!type) return "none";
  if (type.indexOf("Point") >= 0) return "point";
  if (type.indexOf("LineString") >= 0) return "line";
  return "polygon";
}
export { geometryKind };

/** Any layer the server has but no kind claims: drawn plainly, every scalar property in the popup. */
const fallbackKind = {
  ids: [],
  style(id, feature) {
    if (geometryKind(feature) === "point") {
      return { radius: 6, color: "#ffffff", weight: 1.5, fillColor: FALLBACK_COLOR, fillOpacity: 0.9 };
    }
    return { color: FALLBACK_COLOR, weight: 1.5, fillColor: FALLBACK_COLOR, fillOpacity: 0.15 };
  },
  swatch() {
    const s = el("span", "swatch swatch-fill");
    s.setAttribute("aria-hidden", "true");
    s.style.background = FALLBACK_COLOR;
    s.style.borderColor = FALLBACK_COLOR;
    return s;
  },
  legend: null,
  fields: null
};

export function kindOf(id) {
  return kinds.get(id) || fallbackKind;
}

/** Path options of a feature, with the gm-layer-{id} class tests and CSS rely on. */
export function styleFor(id, feature) {
  return Object.assign(kindOf(id).style(id, feature), { className: "gm-layer-" + id });
}

/** The layer's title in the current language: the server's, else the dictionary's, else its id. */
export function layerTitle(id) {
  const ls = state.layers.get(id);
  const meta = ls && ls.meta;
  if (meta) {
    const own = lang() === "zh" ? meta.title_zh : meta.title_en;
    if (own) return own;
  }
  return tOr("layer." + id, (meta && (meta.title_en || meta.title_zh)) || id);
}

/** Stacking rank of a layer; unknown layers go just above the known ones. */
export function zRank(id, apiIndex) {
  let max = 0;
  for (const kind of new Set(kinds.values())) {
    for (const r of Object.values(kind.zRank || {})) max = Math.max(max, r);
  }
  const own = kindOf(id).zRank;
  if (own && own[id] != null) return own[id];
  return max + (apiIndex + 1) / 100;
}

export function defaultOn(id) {
  const kind = kindOf(id);
  return !!(kind.defaultOn && kind.defaultOn.indexOf(id) >= 0);
}
