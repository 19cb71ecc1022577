/* Water projects: points, lines and areas coloured by status; planned and suspended ones dashed. */
import { registerStrings, t, tOr } from "../i18n.js";
import { legendItem, swatch } from "./legend.js";
import { FALLBACK_COLOR, geometryKind, registerLayerKind } from "./registry.js";

registerStrings({
  zh: {
    "legend.geomPoint": "点：水闸、泵站、水厂等",
    "legend.geomLine": "线：堤防、河道疏浚",
    "legend.geomPolygon": "面：水库、生态修复区",
    "layer.water-projects": "水利项目",
    "field.project_type": "项目类型",
    "field.budget_wan_yuan": "预算（万元）",
    "field.responsible_unit": "责任单位",
    "field.river_chief": "河长",
    "field.district_name": "所在区县",
    "field.basin_name": "所在流域",
    "projectType.dike": "堤防",
    "projectType.dredging": "河道疏浚",
    "projectType.reservoir": "水库",
    "projectType.waterworks": "水厂",
    "projectType.sluice": "水闸",
    "projectType.pumping_station": "泵站",
    "projectType.sewage_plant": "污水处理厂",
    "projectType.ecological_restoration": "生态修复",
    "projectStatus.planned": "规划中",
    "projectStatus.approved": "已批复",
    "projectStatus.under_construction": "在建",
    "projectStatus.completed": "已建成",
    "projectStatus.suspended": "暂停"
  },
  en: {
    "legend.geomPoint": "Points: sluices, pumping stations, works",
    "legend.geomLine": "Lines: dikes, dredging",
    "legend.geomPolygon": "Areas: reservoirs, restoration",
    "layer.water-projects": "Water projects",
    "field.project_type": "Project type",
    "field.budget_wan_yuan": "Budget (10,000 yuan)",
    "field.responsible_unit": "Responsible unit",
    "field.river_chief": "River chief",
    "field.district_name": "District",
    "field.basin_name": "Basin",
    "projectType.dike": "Dike",
    "projectType.dredging": "Dredging",
    "projectType.reservoir": "Reservoir",
    "projectType.waterworks": "Waterworks",
    "projectType.sluice": "Sluice",
    "projectType.pumping_station": "Pumping station",
    "projectType.sewage_plant": "Sewage plant",
    "projectType.ecological_restoration": "Ecological restoration",
    "projectStatus.planned": "Planned",
    "projectStatus.approved": "Approved",
    "projectStatus.under_construction": "Under construction",
    "projectStatus.completed": "Completed",
    "projectStatus.suspended": "Suspended"
  }
});

const STATUS_COLORS = {
  planned: "#8e63c7",
  approved: "#1f78b4",
  under_construction: "#e66a00",
  completed: "#2e8b3a",
  suspended: "#7a7a7a"
};

function projectColor(status) {
  return STATUS_COLORS[status] || FALLBACK_COLOR;
}

registerLayerKind({
  ids: ["water-projects"],
  zRank: { "water-projects": 6 },
  style(id, feature) {
    const p = (feature && feature.properties) || {};
    const color = projectColor(p.status);
    const dash = p.status === "suspended" || p.status === "planned" ? "10 6" : null;
    const kind = geometryKind(feature);
    if (kind === "point") {
      return { radius: 7, color: "#ffffff", weight: 2, opacity: 1, fillColor: color, fillOpacity: 0.95 };
    }
    if (kind === "line") {
      return { color, weight: 5, opacity: 0.9, lineCap: "round", dashArray: dash };
    }
    return { color, weight: 2, opacity: 0.95, dashArray: dash, fillColor: color, fillOpacity: 0.4 };
  },
  swatch: () => swatch("circle", STATUS_COLORS.under_construction, { stroke: "#ffffff" }),
  onFeature(ls, feature) {
    const status = (feature.properties || {}).status;
    const counts = ls.stats.byStatus || (ls.stats.byStatus = {});
    counts[status] = (counts[status] || 0) + 1;
  },
  legend(ls) {
    const counts = ls.stats.byStatus || {};
    return Object.keys(STATUS_COLORS).map((st) =>
      legendItem(swatch("fill", STATUS_COLORS[st], { stroke: STATUS_COLORS[st] }),
        t("projectStatus." + st), ls.result ? (counts[st] || 0) : null))
      .concat([
        legendItem(swatch("circle", "#9e9e9e", { stroke: "#ffffff" }), t("legend.geomPoint")),
        legendItem(swatch("line", "#9e9e9e", { weight: 5 }), t("legend.geomLine")),
        legendItem(swatch("fill", "rgba(158,158,158,0.5)", { stroke: "#9e9e9e" }), t("legend.geomPolygon"))
      ]);
  },
  fields: () => [
    ["code", "text"], ["project_type", (v) => tOr("projectType." + v, String(v))],
    ["status", (v) => tOr("projectStatus." + v, String(v))],
    ["budget_wan_yuan", "dec"], ["responsible_unit", "text"], ["river_chief", "text"],
    ["district_name", "text"], ["basin_name", "text"]
  ],
  badge: (p) => ({
    color: projectColor(p.status),
    text: tOr("projectStatus." + p.status, p.status == null ? "" : String(p.status))
  })
});
