import { langTag } from "./i18n.js";

/*
 * Element builders. Server text only ever reaches the page as textContent or an attribute value,
 * never as HTML; escapeHtml() is for the few Leaflet APIs that take an HTML string.
 */

/** <tag class=className>text</tag>; text is set as textContent. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = String(text);
  return node;
}

/**
 * h("button", {class: "btn", type: "button", "data-i18n": "x", onclick: fn}, child, "text", …)
 * Attributes: class, text (textContent), dataset (object), on* functions become listeners,
 * true sets an empty attribute, false/null/undefined leave it out, anything else is set as a
 * string attribute. Children: nodes, strings (text nodes), arrays, null (skipped).
 */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** A button of type "button" (never submits a form by accident). */
export function button(attrs, ...children) {
  return h("button", Object.assign({ type: "button" }, attrs), ...children);
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** "zh" for text with Chinese characters, "en" for Latin words, null for numbers and codes. */
export function scriptOf(text) {
  if (HAN.test(text)) return "zh";
  if (LATIN_WORD.test(text)) return "en";
  return null;
}

/**
 * Sets data text (names, addresses, descriptions from the server) as textContent with a lang
 * attribute for its script, so a screen reader pronounces a Chinese name in the English UI (and
 * a Latin one in the Chinese UI) correctly. Returns the node.
 */
export function textIn(node, text) {
  const s = text == null ? "" : String(text);
  node.textContent = s;
  const script = scriptOf(s);
  if (script) node.setAttribute("lang", langTag(script)); else node.removeAttribute("lang");
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

export function escapeHtml(value) {
  return String(value == null ? "" : value).replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]);
}

/** Plain text of an HTML snippet (parsed inert: no script runs, no image loads). */
export function plainText(html) {
  if (html == null || html === "") return "";
  try {
    return new DOMParser().parseFromString(String(html), "text/html").body.textContent || "";
  } catch (e) {
    return String(html);
  }
}

/**
 * Adds a feature's own stylesheet once, e.g. useStylesheet(new URL("./cases.css", import.meta.url)),
 * so that features keep their CSS beside their code instead of in the shared style.css.
 */
export function useStylesheet(url) {
  const href = String(url);
  if (document.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`)) return;
  document.head.appendChild(h("link", { rel: "stylesheet", href }));
}
