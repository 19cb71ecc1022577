/* Grid cells: hairline outlines that switch themselves on when zoomed in. */
import { el } from "../dom.js";
import { registerStrings, t } from "../i18n.js";
import { legendItem, swatch } from "./legend.js";
import { registerLayerKind } from "./registry.js";

registerStrings({
  zh: {
    "layer.grid-cells": "网格",
    "panel.gridHint": "缩放到 13 级及以上时自动显示网格",
    "panel.gridAuto": "自动",
    "field.community_name": "所属社区",
    "field.worker_name": "网格员"
  },
  en: {
    "layer.grid-cells": "Grid cells",
    "panel.gridHint": "Grid cells appear automatically at zoom 13 and above",
    "panel.gridAuto": "auto",
    "field.community_name": "Community",
    "field.worker_name": "Grid worker"
  }
});

const AUTO_GRID_ZOOM = 13;   // grid cells switch themselves on from this zoom

registerLayerKind({
  ids: ["grid-cells"],
  zRank: { "grid-cells": 2 },
  hover: true,
  // A nearly transparent fill keeps the whole cell clickable, not only its hairline.
  style: () => ({ color: "#5f6b73", weight: 0.6, opacity: 0.9, fillColor: "#ffffff", fillOpacity: 0.01 }),
  swatch: () => swatch("fill", "transparent", { stroke: "#5f6b73", strokeWidth: 1 }),
  legend(ls) {
    return [legendItem(this.swatch(ls.id), t("legend.outline"))];
  },
  fields: () => [
    ["code", "text"], ["community_name", "text"], ["worker_name", "text"],
    ["households", "int"], ["population", "int"], ["area_km2", "dec"]
  ],
  autoOn: (zoom) => zoom >= AUTO_GRID_ZOOM,
  listHint(ls) {
    const hint = el("p", "layer-hint", t("panel.gridHint"));
    if (!ls.userTouched) hint.prepend(el("span", "badge", t("panel.gridAuto")));
    return hint;
  }
});
