/* River basins: filled by Pfafstetter level, light (large) to dark (small, deeper level). */
import { registerStrings, t } from "../i18n.js";
import { legendItem, swatch } from "./legend.js";
import { layerTitle, registerLayerKind } from "./registry.js";

registerStrings({
  zh: {
    "layer.basins": "流域",
    "legend.basinLevel": "{n} 级流域",
    "field.pfaf_code": "Pfafstetter 编码",
    "field.basin_level": "流域级别",
    "field.next_down_code": "下游流域编码"
  },
  en: {
    "layer.basins": "Basins",
    "legend.basinLevel": "Level {n} basin",
    "field.pfaf_code": "Pfafstetter code",
    "field.basin_level": "Basin level",
    "field.next_down_code": "Downstream basin"
  }
});

// ColorBrewer Blues, light (large basins) to dark (small, deeper-level basins).
const BASIN_PALETTE = ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"];
const STROKE = "#1f5f9e";

function basinColor(level) {
  const n = Number(level);
  if (!Number.isFinite(n)) return BASIN_PALETTE[2];
  return BASIN_PALETTE[Math.max(0, Math.min(BASIN_PALETTE.length - 1, Math.round(n) - 1))];
}

registerLayerKind({
  ids: ["basins"],
  zRank: { basins: 0 },
  hover: true,
  style: (id, feature) => ({ color: STROKE, weight: 1, opacity: 0.8,
    fillColor: basinColor(((feature && feature.properties) || {}).level), fillOpacity: 0.35 }),
  swatch: () => swatch("fill", BASIN_PALETTE[2], { stroke: STROKE }),
  onFeature(ls, feature) {
    const level = (feature.properties || {}).level;
    const levels = ls.stats.levels || (ls.stats.levels = []);
    if (level != null && levels.indexOf(level) < 0) levels.push(level);
  },
  legend(ls) {
    const levels = (ls.stats.levels || []).slice().sort((a, b) => Number(a) - Number(b));
    if (levels.length === 0) return [legendItem(this.swatch(ls.id), layerTitle(ls.id))];
    return levels.map((lv) => legendItem(swatch("fill", basinColor(lv), { stroke: STROKE }),
      t("legend.basinLevel", { n: lv })));
  },
  fields: () => [
    ["code", "text"], ["pfaf_code", "text"], ["level", "int", "field.basin_level"],
    ["next_down_code", "text"], ["area_km2", "dec"]
  ]
});
