/*
 * Header actions. A feature adds its button with registerAction() instead of editing index.html;
 * the button is shown only to a signed-in user who has the action's permission (the server checks
 * again), in the order given (lower first), before the panel and language toggles.
 *
 *   registerAction({
 *     id: "report-case",               // element id (tests and CSS use it)
 *     labelKey: "report.button",       // i18n key of the text
 *     titleKey: "report.buttonLabel",  // optional tooltip
 *     permission: "cases:create",      // or a function (can) => boolean, or null for everyone
 *     order: 10,
 *     className: "btn-accent",
 *     toggle: true,                    // aria-pressed button (e.g. a mode)
 *     haspopup: "dialog",              // it opens a dialog
 *     primary: true,                   // stays in the header in care mode (others go to "More")
 *     onClick: (button, event) => {…}
 *   })  →  the <button>
 *
 * In care mode the header keeps the primary actions and moves the others (and the language
 * switch) into the "More" menu, a disclosure whose items are the same buttons.
 */
import { on } from "./bus.js";
import { button, byId } from "./dom.js";
import { focusWithinOrLost, onEscape, restoreFocus } from "./focus.js";
import { apply } from "./i18n.js";
import { allows } from "./session.js";

const actions = [];

export function registerAction(spec) {
  const btn = button({
    id: spec.id,
    class: "btn app-only" + (spec.className ? " " + spec.className : ""),
    hidden: true,
    "aria-pressed": spec.toggle ? "false" : null,
    "aria-haspopup": spec.haspopup || null,
    "data-i18n": spec.labelKey,
    "data-i18n-title": spec.titleKey || null,
    dataset: { order: String(spec.order == null ? 100 : spec.order) },
    onclick: (e) => spec.onClick(btn, e)
  });
  const action = Object.assign({ order: 100 }, spec, { button: btn });
  actions.push(action);
  const bar = byId("toolbar-actions");
  const after = Array.from(bar.children).find((b) => Number(b.dataset.order) > action.order);
  bar.insertBefore(btn, after || null);
  apply(btn.parentNode);
  btn.hidden = !allows(action.permission);
  return btn;
}

let care = false;
let releaseEscape = null;

function setMenuOpen(open) {
  const toggle = byId("more-toggle");
  const menu = byId("more-menu");
  if (menu.hidden === !open) return;
  menu.hidden = !open;
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  if (open) {
    releaseEscape = onEscape(() => {
      setMenuOpen(false);
      toggle.focus();
    });
    const first = Array.from(menu.querySelectorAll("button")).find((b) => !b.hidden);
    if (first) first.focus();
  } else {
    if (releaseEscape) releaseEscape();
    releaseEscape = null;
    if (focusWithinOrLost(menu)) restoreFocus(toggle);
  }
}

/** Puts each secondary action in the header or in the "More" menu, and shows what is allowed. */
function refresh() {
  const bar = byId("toolbar-actions");
  const menu = byId("more-menu");
  const lang = byId("lang-toggle");
  actions.slice().sort((a, b) => a.order - b.order).forEach((a) => {
    a.button.hidden = !allows(a.permission);
    (care && !a.primary ? menu : bar).appendChild(a.button);
  });
  if (care) menu.appendChild(lang); else byId("care-toggle").before(lang);
  const any = Array.from(menu.children).some((b) => !b.hidden);
  byId("more-toggle").hidden = !care || !any;
  if (!care || !any) setMenuOpen(false);
}

export function setupToolbar() {
  byId("more-toggle").addEventListener("click", () => setMenuOpen(byId("more-menu").hidden));
  // choosing an item, or clicking anywhere else, closes the menu
  byId("more-menu").addEventListener("click", () => setMenuOpen(false));
  document.addEventListener("click", (e) => {
    if (!e.target.closest || !e.target.closest(".more")) setMenuOpen(false);
  });
  on("signed-in", refresh);
  on("signed-out", refresh);
  on("care-changed", (on) => {
    care = on;
    refresh();
  });
}
