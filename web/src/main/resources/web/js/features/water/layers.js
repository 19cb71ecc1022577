/*
 * How the watershed layers look: rivers (width by drainage area), river-chief reaches (by level),
 * water projects with an icon per type, and basins coloured by a figure the planner chooses.
 * The basins and projects kinds of map/ are extended, not replaced: a click on a basin, a reach
 * or a project also selects it in the watershed panel.
 */
import { el } from "../../dom.js";
import { t, tOr } from "../../i18n.js";
import { legendItem, swatch } from "../../map/legend.js";
import { kindOf, registerLayerKind } from "../../map/registry.js";
import { state } from "../../map/map.js";

/** What a click selects: set by panel.js. */
export const hooks = { select: () => null };

const RIVER = "#1565c0";
registerLayerKind({
  ids: ["rivers"],
  zRank: { rivers: 5 },
  defaultOn: ["rivers"],
  style(id, feature) {
    const up = Number(((feature && feature.properties) || {}).up_area_km2) || 1;
    return { color: RIVER, weight: Math.max(1.5, Math.min(7, Math.log10(up) * 1.8)), opacity: 0.9, lineCap: "round" };
  },
  swatch: () => swatch("line", RIVER, { weight: 4 }),
  fields: () => [["river_name", "text"], ["code", "text"], ["length_km", "dec"], ["up_area_km2", "dec"]],
  title: (p) => p.name,
  details: (id, feature) => { hooks.select("reach", feature); return null; }
});

const CHIEF_COLORS = { province: "#6a1b9a", city: "#ad1457", county: "#ef6c00", township: "#2e7d32", village: "#00838f" };
registerLayerKind({
  ids: ["chief-reaches"],
  zRank: { "chief-reaches": 5.5 },
  style(id, feature) {
    const level = ((feature && feature.properties) || {}).level;
    return { color: CHIEF_COLORS[level] || "#546e7a", weight: 3, opacity: 0.8, dashArray: "8 6" };
  },
  swatch: () => swatch("line", CHIEF_COLORS.county, { weight: 3 }),
  legend: () => Object.keys(CHIEF_COLORS).map((lv) => legendItem(swatch("line", CHIEF_COLORS[lv], { weight: 3 }), t("chiefLevel." + lv))),
  fields: () => [["river_name", "text"], ["level", (v) => tOr("chiefLevel." + v, v)], ["chief_name", "text"], ["chief_position", "text"]]
});

// ---- basins: the base kind, coloured by a chosen figure when one is chosen

// greens, so that the blue of upstream and of the rivers and the orange of downstream stand out on them
const CHORO = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"];
export const choropleth = { metric: null, stats: new Map(), breaks: [] };

export function choroColor(value) {
  let i = 0;
  while (i < choropleth.breaks.length && value > choropleth.breaks[i]) i++;
  return CHORO[Math.min(i, CHORO.length - 1)];
}

export function metricOf(stats) {
  if (!stats) return 0;
  return choropleth.metric === "projects" ? stats.projects : choropleth.metric === "budget"
    ? Number(stats.budget_wan_yuan) : stats.population;
}

export const CHORO_COLORS = CHORO;

const baseBasins = kindOf("basins");
registerLayerKind(Object.assign({}, baseBasins, {
  style(id, feature) {
    const base = baseBasins.style(id, feature);
    if (!choropleth.metric || !feature) return base;
    const s = choropleth.stats.get(feature.id);
    return Object.assign(base, { fillColor: choroColor(metricOf(s)), fillOpacity: 0.7 });
  },
  details: (id, feature) => { hooks.select("basin", feature); return null; }
}));

/** Restyles the basins on the map (after the figure changed). */
export function restyleBasins() {
  const ls = state.layers.get("basins");
  if (ls && ls.group) ls.group.setStyle((f) => Object.assign(kindOf("basins").style("basins", f), { className: "gm-layer-basins" }));
}

// ---- projects: an icon per type for points; lines and areas as before

const GLYPH = { reservoir: "库", dike: "堤", dredging: "浚", irrigation_canal: "渠", waterworks: "水", sluice: "闸",
  pumping_station: "泵", sewage_plant: "污", ecological_restoration: "生" };
const baseProjects = kindOf("water-projects");
registerLayerKind(Object.assign({}, baseProjects, {
  pointToLayer(ls, feature, latlng, opts) {
    const p = feature.properties || {};
    const color = (baseProjects.badge ? baseProjects.badge(p).color : "#546e7a");
    const icon = L.divIcon({
      className: "gm-project-icon gm-project-" + (p.project_type || "x"),
      html: "<span aria-hidden=\"true\" style=\"background:" + color + "\">" + (GLYPH[p.project_type] || "•") + "</span>",
      iconSize: [26, 26], iconAnchor: [13, 13]
    });
    return L.marker(latlng, { icon, pane: opts.pane, keyboard: false, title: p.name || "" });
  },
  legend(ls) {
    const items = baseProjects.legend ? baseProjects.legend(ls) : [];
    return items.concat(Object.keys(GLYPH).map((type) => {
      const glyph = el("span", "gm-project-glyph", GLYPH[type]);
      glyph.setAttribute("aria-hidden", "true");
      return legendItem(glyph, tOr("projectType." + type, type));
    }));
  },
  details: (id, feature) => { hooks.select("project", feature); return null; }
}));
