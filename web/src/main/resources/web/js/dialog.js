/*
 * Building blocks for modal dialogs and their forms, so every feature's dialog has the same
 * heading, close button and labelled fields. Texts are i18n keys (data-i18n), refreshed on a
 * language change by i18n.apply().
 */
import { emit } from "./bus.js";
import { button, byId, h } from "./dom.js";
import { focusWithinOrLost, restoreFocus } from "./focus.js";

/**
 * <dialog id aria-labelledby> with a heading and a close button (id + "-close" unless closeId
 * is given). The caller appends its content to the returned dialog (or to a form inside it).
 * Returns { dialog, head, close }.
 */
export function createDialog({ id, titleId, titleKey, className, closeId }) {
  const heading = h("h2", { id: titleId, "data-i18n": titleKey });
  const close = button({
    class: "dialog-close", id: closeId, "data-i18n-aria-label": "dialog.close", text: "×"
  });
  const head = h("div", { class: "dialog-head" }, heading, close);
  const dialog = h("dialog", { id, class: "dialog " + (className || ""), "aria-labelledby": titleId });
  document.body.appendChild(dialog);
  return { dialog, head, close };
}

/** A labelled form field: <div class="field"><label for=control.id>…</label>control</div>. */
export function field(labelContent, control) {
  const label = typeof labelContent === "string"
    ? h("label", { for: control.id, "data-i18n": labelContent })
    : h("label", { for: control.id }, labelContent);
  return h("div", { class: "field" }, label, control);
}

/**
 * Opens a dialog modally and puts focus on `focus` (its first useful control). When it closes,
 * focus returns to returnTo (default: what had focus before), or to the map if that is gone.
 * Emits "dialog-opened" with the dialog, so that a pending mode (e.g. picking a place) ends.
 */
export function openDialog(dialog, focus, returnTo) {
  const origin = returnTo || document.activeElement;
  if (!dialog.open) {
    dialog.showModal();
    dialog.addEventListener("close", () => {
      if (focusWithinOrLost(dialog)) restoreFocus(origin, byId("search"), byId("map"));
    }, { once: true });
  }
  emit("dialog-opened", dialog);
  if (focus) focus.focus();
}
