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
 *     onClick: (button, event) => {…}
 *   })  →  the <button>
 */
import { on } from "./bus.js";
import { button, byId } from "./dom.js";
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

function refresh() {
  actions.forEach((a) => { a.button.hidden = !allows(a.permission); });
}

on("signed-in", refresh);
on("signed-out", refresh);
