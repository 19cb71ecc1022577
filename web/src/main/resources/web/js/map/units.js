/* Administrative units: city, districts, streets and communities (outlines; communities filled). */
import { getJson } from "../api.js";
import { escapeHtml } from "../dom.js";
import { registerStrings, t, tOr } from "../i18n.js";
import { legendItem, swatch } from "./legend.js";
import { layerTitle, registerLayerKind } from "./registry.js";

registerStrings({
  zh: {
    "layer.city": "市域",
    "layer.districts": "区县",
    "layer.streets": "街道",
    "layer.communities": "社区",
    "legend.byCommunity": "按社区区分颜色",
    "field.level": "层级",
    "field.parent_name": "上级单位",
    "field.children": "下级单位数"
  },
  en: {
    "layer.city": "City",
    "layer.districts": "Districts",
    "layer.streets": "Streets",
    "layer.communities": "Communities",
    "legend.byCommunity": "One colour per community",
    "field.level": "Level",
    "field.parent_name": "Parent unit",
    "field.children": "Child units"
  }
});

const LABEL_ZOOM = 13;   // community names as permanent labels from this zoom

// ColorBrewer Set3 (light, categorical): community fills.
const COMMUNITY_PALETTE = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
  "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"];

const FIELDS = [
  ["code", "text"], ["level", (v) => tOr("level." + v, String(v))], ["parent_name", "text"],
  ["population", "int"], ["households", "int"], ["area_km2", "dec"], ["children", "int"]
];

function hashString(s) {
  let h = 0;
  const str = String(s);
  for (let i = 0; i < str.length; i++) h = (h * 31 + str.charCodeAt(i)) | 0;
  return Math.abs(h);
}

function communityColor(p) {
  const key = p.code != null ? p.code : (p.id != null ? p.id : p.name);
  return COMMUNITY_PALETTE[hashString(key) % COMMUNITY_PALETTE.length];
}

/** Community names as labels when zoomed in far enough to read them. */
function updateLabels(ls, map) {
  const show = ls.enabled && map.getZoom() >= LABEL_ZOOM;
  ls.group.eachLayer((layer) => {
    const tip = layer.getTooltip();
    if (show && !tip) {
      const p = (layer.feature && layer.feature.properties) || {};
      if (p.name == null || p.name === "") return;
      layer.bindTooltip(escapeHtml(p.name), {
        permanent: true, direction: "center", className: "gm-label", opacity: 1
      });
    } else if (!show && tip) {
      layer.unbindTooltip();
    }
  });
}

registerLayerKind({
  ids: ["city", "districts", "streets", "communities"],
  // areas low, outlines above them: a community fill never hides a district boundary
  zRank: { communities: 1, streets: 3, districts: 4, city: 5 },
  defaultOn: ["districts", "communities"],
  hover: true,
  style(id, feature) {
    switch (id) {
      case "city": return { color: "#111111", weight: 4.5, opacity: 0.9, fill: false };
      case "districts": return { color: "#263238", weight: 3, opacity: 0.95, fill: false };
      case "streets": return { color: "#455a64", weight: 2, opacity: 0.9, dashArray: "8 6", fill: false };
      default: return { color: "#4e5d6c", weight: 1, opacity: 0.9,
        fillColor: communityColor((feature && feature.properties) || {}), fillOpacity: 0.38 };
    }
  },
  swatch(id) {
    switch (id) {
      case "city": return swatch("line", "#111111", { weight: 4 });
      case "districts": return swatch("line", "#263238", { weight: 3 });
      case "streets": return swatch("line", "#455a64", { weight: 2, dashed: true });
      default: return swatch("palette", null, { colors: COMMUNITY_PALETTE });
    }
  },
  legend(ls) {
    return [legendItem(this.swatch(ls.id), t(ls.id === "communities" ? "legend.byCommunity" : "legend.outline"))];
  },
  fields: () => FIELDS,
  kindLabel: (id, p) => (p.level ? tOr("level." + p.level, layerTitle(id)) : layerTitle(id)),
  /** The number of child units is not in the layer: read the unit for it. */
  details(id, feature) {
    const unitId = feature.id != null ? feature.id : (feature.properties || {}).id;
    if (unitId == null) return null;
    return getJson("api/units/" + encodeURIComponent(unitId)).then((unit) => {
      const props = (unit && unit.properties) || {};
      return props.children === undefined ? null : { children: props.children };
    });
  },
  refresh(ls, map) {
    if (ls.id === "communities") updateLabels(ls, map);
  }
});
