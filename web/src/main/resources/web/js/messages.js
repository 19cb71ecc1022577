/*
 * Non-blocking messages in the corner of the page (errors, and "case reported"). They stay until
 * the reader closes them: nobody has to read against a clock. Closing one returns focus to where
 * the reader was before they went to the message.
 */
import { el, byId } from "./dom.js";
import { t } from "./i18n.js";
import { restoreFocus } from "./focus.js";

const MAX_SHOWN = 4;
let lastOutside = null;   // the last element focused outside the messages

document.addEventListener("focusin", (e) => {
  const box = byId("messages");
  if (box && !box.contains(e.target)) lastOutside = e.target;
});

/** kind: "error" (default, role=alert) or "info" (role=status). */
export function showMessage(text, kind) {
  const box = byId("messages");
  const existing = Array.from(box.children).find((m) => m.dataset.text === text);
  if (existing) existing.remove();
  while (box.children.length >= MAX_SHOWN) box.firstElementChild.remove();
  const msg = el("div", "message message-" + (kind || "error"));
  msg.dataset.text = text;
  msg.setAttribute("role", kind === "info" ? "status" : "alert");
  msg.appendChild(el("span", "message-text", text));
  const close = el("button", "message-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", t("msg.close"));
  close.addEventListener("click", () => {
    const hadFocus = msg.contains(document.activeElement);
    msg.remove();
    if (hadFocus) restoreFocus(box.querySelector(".message-close"), lastOutside, byId("map"));
  });
  msg.appendChild(close);
  box.appendChild(msg);
}
