/* Non-blocking messages in the corner of the page (errors, and "case reported"). */
import { el, byId } from "./dom.js";
import { t } from "./i18n.js";

const MAX_SHOWN = 4;
const LIFETIME_MS = 8000;

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
  close.addEventListener("click", () => msg.remove());
  msg.appendChild(close);
  box.appendChild(msg);
  setTimeout(() => msg.remove(), LIFETIME_MS);
}
