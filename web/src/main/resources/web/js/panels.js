/*
 * The side panel: sections registered by features, and the button that shows or hides it.
 * A feature adds its own section with registerPanel() instead of editing index.html:
 *
 *   registerPanel({
 *     id: "layers",                 // section id "panel-layers", heading id "layers-title"
 *     titleKey: "panel.layers",     // i18n key of the heading
 *     permission: null,             // or "cases:read", or a function (can) => boolean
 *     order: 10,                    // lower first
 *     render: (body) => {…}         // fills the section once; re-render on your own events
 *   })  →  { section, body }
 *
 * openPanel(id) shows the panel, scrolls the section into view and moves focus to its heading.
 */
import { emit, on } from "./bus.js";
import { byId, h } from "./dom.js";
import { onEscape } from "./focus.js";
import { apply } from "./i18n.js";
import { allows } from "./session.js";

const panels = [];

export function registerPanel(spec) {
  const order = spec.order == null ? 100 : spec.order;
  const titleId = spec.id + "-title";
  const heading = h("h2", { id: titleId, "data-i18n": spec.titleKey, tabindex: "-1" });
  const body = h("div", { class: "panel-body" });
  const section = h("section", {
    class: "panel-section", id: "panel-" + spec.id, "aria-labelledby": titleId,
    dataset: { order: String(order) }
  }, heading, body);
  const panel = Object.assign({}, spec, { order, section, body });
  panels.push(panel);
  const aside = byId("panel");
  const after = Array.from(aside.children).find((s) => Number(s.dataset.order) > order);
  aside.insertBefore(section, after || null);
  if (spec.render) spec.render(body);
  apply(section);
  section.hidden = spec.permission != null && !allows(spec.permission);
  return { section, body };
}

function setOpen(open) {
  const btn = byId("panel-toggle");
  const aside = byId("panel");
  aside.hidden = !open;
  btn.setAttribute("aria-expanded", open ? "true" : "false");
  document.body.classList.toggle("panel-closed", !open);
  emit("layout-changed");
}

export function openPanel(id) {
  const panel = panels.find((p) => p.id === id);
  if (!panel || panel.section.hidden) return;
  setOpen(true);
  panel.section.scrollIntoView({ block: "nearest" });
  panel.section.querySelector("h2").focus();
}

let releaseEscape = null;

/** Whether the panel lies over the map (narrow windows) rather than beside it. */
function overlays() {
  return window.matchMedia("(max-width: 47.5em)").matches;
}

export function setupPanels() {
  setOpen(!overlays());
  const toggle = byId("panel-toggle");
  toggle.addEventListener("click", () => {
    const open = byId("panel").hidden;
    setOpen(open);
    if (open) {
      const first = byId("panel").querySelector("section:not([hidden]) h2");
      if (first) first.focus();
    }
  });
  // Over the map, Escape closes the panel and focus goes back to its button.
  on("layout-changed", () => {
    const open = !byId("panel").hidden && overlays();
    if (open && !releaseEscape) {
      releaseEscape = onEscape(() => {
        releaseEscape = null;
        setOpen(false);
        toggle.focus();
      });
    } else if (!open && releaseEscape) {
      releaseEscape();
      releaseEscape = null;
    }
  });
  // a skip link to a section opens the panel first
  document.querySelectorAll("a.skip-link").forEach((a) => {
    const target = document.querySelector(a.getAttribute("href"));
    const section = target && target.closest(".panel-section");
    if (!section) return;
    a.addEventListener("click", (e) => {
      e.preventDefault();
      openPanel(section.id.replace(/^panel-/, ""));
    });
  });
  const refresh = () => panels.forEach((p) => { p.section.hidden = p.permission != null && !allows(p.permission); });
  on("signed-in", refresh);
  on("signed-out", refresh);
}
