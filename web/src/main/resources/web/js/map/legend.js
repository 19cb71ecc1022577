/* Swatches (the small pictures of a layer's style) and the legend panel of the visible layers. */
import { on } from "../bus.js";
import { el } from "../dom.js";
import { formatNumber } from "../format.js";
import { t } from "../i18n.js";
import { registerPanel } from "../panels.js";
import { state } from "./map.js";
import { layerVisible } from "./layers.js";
import { kindOf, layerTitle } from "./registry.js";

/**
 * kind: "line" (options weight, dashed), "fill" (stroke, strokeWidth, dashed), "circle" (stroke)
 * or "palette" (options.colors: the first four are shown).
 */
export function swatch(kind, color, options) {
  const s = el("span", "swatch swatch-" + kind);
  s.setAttribute("aria-hidden", "true");
  const o = options || {};
  if (kind === "line") {
    s.style.borderTopColor = color;
    s.style.borderTopWidth = (o.weight || 2) + "px";
    s.style.borderTopStyle = o.dashed ? "dashed" : "solid";
  } else if (kind === "fill") {
    s.style.background = color;
    s.style.borderColor = o.stroke || color;
    if (o.strokeWidth) s.style.borderWidth = o.strokeWidth + "px";
    if (o.dashed) s.style.borderStyle = "dashed";
  } else if (kind === "circle") {
    s.style.background = color;
    s.style.borderColor = o.stroke || "#263238";
  } else if (kind === "palette") {
    (o.colors || []).slice(0, 4).forEach((c) => {
      const part = el("span");
      part.style.background = c;
      s.appendChild(part);
    });
  }
  return s;
}

/** One legend row: a swatch, its meaning, and how many of it are in view (optional). */
export function legendItem(sw, text, count) {
  const li = el("li", "legend-item");
  li.appendChild(sw);
  li.appendChild(el("span", "legend-label", text));
  if (count != null) li.appendChild(el("span", "legend-count", formatNumber(count, 0)));
  return li;
}

let box = null;

function renderLegend() {
  if (!box) return;
  box.replaceChildren();
  let any = false;
  state.layers.forEach((ls) => {
    if (!layerVisible(ls)) return;
    any = true;
    const kind = kindOf(ls.id);
    const section = el("div", "legend-layer");
    section.dataset.layer = ls.id;
    section.appendChild(el("h3", null, layerTitle(ls.id)));
    const ul = el("ul", "legend-items");
    const items = kind.legend ? kind.legend(ls) : [legendItem(kind.swatch(ls.id), layerTitle(ls.id))];
    items.forEach((li) => ul.appendChild(li));
    section.appendChild(ul);
    if (ls.result && ls.result.truncated) {
      const warn = el("p", "legend-warn", t("legend.truncated", { n: formatNumber(ls.result.count, 0) }));
      warn.dataset.truncated = ls.id;
      section.appendChild(warn);
    }
    box.appendChild(section);
  });
  if (!any) box.appendChild(el("p", "muted", t("legend.empty")));
}

registerPanel({
  id: "legend",
  titleKey: "panel.legend",
  order: 20,
  render: (body) => {
    box = el("div", "legend");
    box.id = "legend";
    body.appendChild(box);
  }
});

on("layers-changed", renderLegend);
on("language-changed", renderLegend);
