/*
 * Focus and Escape, the same way everywhere: whatever opens (a popup, a menu, a pick mode, the
 * side panel over the map) registers how to close it with onEscape(); Escape closes the most
 * recent one, and focus goes back to where it came from (restoreFocus). Modal <dialog>s close on
 * Escape by themselves; openDialog() (dialog.js) returns focus for them.
 */

const escapes = [];   // most recent last

/** Registers close() for Escape; returns a function that unregisters it (call it on close). */
export function onEscape(close) {
  const entry = { close };
  escapes.push(entry);
  return () => {
    const i = escapes.indexOf(entry);
    if (i >= 0) escapes.splice(i, 1);
  };
}

document.addEventListener("keydown", (e) => {
  if (e.key !== "Escape" || e.defaultPrevented) return;
  if (document.querySelector("dialog[open]")) return; // the dialog's own cancel closes it
  const top = escapes.pop();
  if (!top) return;
  e.preventDefault();
  top.close();
});

/** Whether an element can take focus now: in the document, shown, not disabled. */
export function focusable(node) {
  return !!node && node.isConnected && !node.disabled && node.getClientRects().length > 0 &&
    getComputedStyle(node).visibility !== "hidden";
}

/**
 * Moves focus back: to origin (an element, or a function that finds it again after a re-render),
 * else to the first focusable fallback. Returns the element focused, or null.
 */
export function restoreFocus(origin, ...fallbacks) {
  const candidates = [typeof origin === "function" ? origin() : origin, ...fallbacks];
  for (const c of candidates) {
    const node = typeof c === "function" ? c() : c;
    if (node && node !== document.body && focusable(node)) {
      node.focus();
      return node;
    }
  }
  return null;
}

/** Whether focus is inside node (or on it), or nowhere in particular (the page body). */
export function focusWithinOrLost(node) {
  const a = document.activeElement;
  return !a || a === document.body || (node && node.contains(a));
}
