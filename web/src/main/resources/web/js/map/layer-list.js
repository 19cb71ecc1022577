/* The layers panel: one switch per layer the user may see, with its swatch and feature count. */
import { on } from "../bus.js";
import { el } from "../dom.js";
import { formatNumber } from "../format.js";
import { t } from "../i18n.js";
import { registerPanel } from "../panels.js";
import { state } from "./map.js";
import { layerAllowed, setLayerEnabled } from "./layers.js";
import { kindOf, layerTitle } from "./registry.js";

let list = null;

function renderLayerList() {
  if (!list || state.layers.size === 0) return;
  // a switch that had focus gets it back after the list is drawn again
  const focusedId = list.contains(document.activeElement) ? document.activeElement.dataset.layer : null;
  list.replaceChildren();
  state.layers.forEach((ls) => {
    if (!layerAllowed(ls.id)) return;
    const kind = kindOf(ls.id);
    const li = el("li", "layer-item" + (ls.loading ? " is-loading" : ""));
    const label = el("label", "layer-label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = ls.enabled;
    box.dataset.layer = ls.id;
    box.id = "layer-" + ls.id;
    box.addEventListener("change", () => setLayerEnabled(ls.id, box.checked));
    label.appendChild(box);
    label.appendChild(kind.swatch(ls.id));
    label.appendChild(el("span", "layer-title", layerTitle(ls.id)));
    if (ls.loading) {
      const spin = el("span", "spinner");
      spin.setAttribute("aria-hidden", "true");
      label.appendChild(spin);
    } else if (ls.enabled && ls.result) {
      label.appendChild(el("span", "layer-count",
        formatNumber(ls.result.count, 0) + (ls.result.truncated ? "+" : "")));
    }
    li.appendChild(label);
    const hint = kind.listHint ? kind.listHint(ls) : null;
    if (hint) {
      hint.id = "layer-hint-" + ls.id;
      box.setAttribute("aria-describedby", hint.id);
      li.appendChild(hint);
    }
    list.appendChild(li);
  });
  if (focusedId) {
    const again = list.querySelector("input[data-layer=\"" + CSS.escape(focusedId) + "\"]");
    if (again) again.focus();
  }
}

registerPanel({
  id: "layers",
  titleKey: "panel.layers",
  order: 10,
  render: (body) => {
    list = el("ul", "layer-list");
    list.id = "layer-list";
    const waiting = el("li", "muted");
    waiting.setAttribute("data-i18n", "panel.noLayers");
    list.appendChild(waiting);
    body.appendChild(list);
  }
});

on("layers-changed", renderLayerList);
on("language-changed", renderLayerList);
