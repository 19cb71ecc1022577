/*
 * "On the map": a list of the features the map shows in the current view, by layer, so that
 * every feature can be reached and opened without a pointer. It follows the map (moves, zooms,
 * layers switched) and the map follows it: choosing an item opens the feature's popup with focus
 * in it, and Escape or its close button brings focus back to the item. The feature whose popup is
 * open is marked in the list (aria-current).
 */
import { on } from "../bus.js";
import { button, el, h, textIn } from "../dom.js";
import { formatNumber } from "../format.js";
import { fillText, t } from "../i18n.js";
import { registerPanel } from "../panels.js";
import { state } from "./map.js";
import { layerVisible } from "./layers.js";
import { anchorOf, featureKey, featureKindText, featureTitle, openFeaturePopup } from "./popup.js";
import { kindOf, layerTitle, zRank } from "./registry.js";

const PAGE = 20;             // items shown per layer, more on request
const UPDATE_DELAY_MS = 250;

let box = null;
let timer = null;
let openKey = null;
const shown = new Map();     // layer id -> how many items to show

/** The features of a layer inside the current view, with their Leaflet layers. */
function inView(ls) {
  const view = state.map.getBounds();
  const items = [];
  ls.group.eachLayer((layer) => {
    const inside = layer.getLatLng ? view.contains(layer.getLatLng())
      : layer.getBounds && view.intersects(layer.getBounds());
    if (inside && layer.feature) items.push(layer);
  });
  const byTitle = (a, b) => featureTitle(ls.id, a.feature).localeCompare(featureTitle(ls.id, b.feature), "zh-CN")
    || String(a.feature.id).localeCompare(String(b.feature.id));
  return items.sort(byTitle);
}

function itemButton(ls, layer) {
  const f = layer.feature;
  const key = featureKey(ls.id, f);
  const kind = kindOf(ls.id);
  const badge = kind.badge ? kind.badge(f.properties || {}) : null;
  const code = (f.properties || {}).code;
  const b = button({ class: "feature-item", dataset: { key, layer: ls.id } },
    textIn(el("span", "feature-item-title"), featureTitle(ls.id, f)),
    el("span", "feature-item-meta", [badge ? badge.text : featureKindText(ls.id, f), code].filter((x) => x != null && x !== "").join(" · ")));
  if (key === openKey) b.setAttribute("aria-current", "true");
  b.addEventListener("click", () => {
    openFeaturePopup(ls.id, f, layer, anchorOf(layer), {
      focus: true,
      returnTo: () => box.querySelector(`.feature-item[data-key="${CSS.escape(key)}"]`) || box.querySelector("h3")
    });
  });
  return h("li", null, b);
}

function render() {
  if (!box || !state.map) return;
  const focusedKey = document.activeElement && box.contains(document.activeElement)
    ? document.activeElement.dataset.key || document.activeElement.dataset.more : null;
  box.replaceChildren();
  const layers = Array.from(state.layers.values()).filter((ls) => layerVisible(ls) && ls.result)
    .sort((a, b) => zRank(b.id, 0) - zRank(a.id, 0));
  let any = false;
  layers.forEach((ls) => {
    const items = inView(ls);
    if (items.length === 0) return;
    any = true;
    const limit = shown.get(ls.id) || PAGE;
    const heading = el("h3", "feature-group-title", layerTitle(ls.id) + " ");
    heading.appendChild(el("span", "feature-group-count",
      t("list.count", { n: formatNumber(Math.min(limit, items.length), 0), total: formatNumber(items.length, 0) })));
    const ul = h("ul", { class: "feature-items", "aria-label": layerTitle(ls.id) },
      items.slice(0, limit).map((layer) => itemButton(ls, layer)));
    const group = h("section", { class: "feature-group", dataset: { layer: ls.id } }, heading, ul);
    if (items.length > limit) {
      const more = button({ class: "btn btn-secondary feature-more", dataset: { more: ls.id } });
      fillText(more, "list.more", { n: formatNumber(Math.min(PAGE, items.length - limit), 0) });
      more.addEventListener("click", () => {
        shown.set(ls.id, limit + PAGE);
        render();
        const next = box.querySelectorAll(`.feature-group[data-layer="${CSS.escape(ls.id)}"] .feature-item`)[limit];
        if (next) next.focus();
      });
      group.appendChild(more);
    }
    box.appendChild(group);
  });
  if (!any) box.appendChild(el("p", "muted", t("list.empty")));
  if (focusedKey) {
    const again = box.querySelector(`[data-key="${CSS.escape(focusedKey)}"], [data-more="${CSS.escape(focusedKey)}"]`);
    if (again) again.focus();
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(render, UPDATE_DELAY_MS);
}

function markOpen(key) {
  openKey = key;
  if (!box) return;
  box.querySelectorAll(".feature-item[aria-current]").forEach((b) => b.removeAttribute("aria-current"));
  if (key) {
    const item = box.querySelector(`.feature-item[data-key="${CSS.escape(key)}"]`);
    if (item) item.setAttribute("aria-current", "true");
  }
}

registerPanel({
  id: "features",
  titleKey: "list.title",
  order: 15,
  render: (body) => {
    body.appendChild(fillText(el("p", "panel-hint"), "list.hint"));
    box = el("div", "feature-list");
    box.id = "feature-list";
    body.appendChild(box);
  }
});

on("map-created", (map) => {
  map.on("moveend", () => {
    shown.clear();
    schedule();
  });
});
on("layers-changed", schedule);
on("language-changed", render);
on("feature-opened", ({ key }) => markOpen(key));
on("feature-closed", ({ key }) => { if (openKey === key) markOpen(null); });
