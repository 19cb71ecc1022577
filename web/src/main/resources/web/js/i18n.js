/*
 * Translation (中文 / English). There is no shared dictionary file: each module registers its
 * own strings with registerStrings({zh: {...}, en: {...}}) at import time, so a feature's strings
 * live beside its code. Keys are namespaced by convention ("report.title", "audit.col.at").
 *
 * Static elements carry data-i18n="key" (text), data-i18n-placeholder, data-i18n-aria-label or
 * data-i18n-title and are refreshed by apply(root). Placeholders look like {name} and are filled
 * with plain text (callers put the result into textContent, never innerHTML).
 *
 * Words of the other language inside a string are marked {{en:CSV}} or {{zh:…}}: apply() and
 * fillText() render them as <span lang="…">, t() returns them as plain text.
 */
import { emit } from "./bus.js";

const dictionaries = { zh: {}, en: {} };
const STORAGE_KEY = "gridmap.lang";

function storedLang() {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === "en" || v === "zh" ? v : null;
  } catch (e) {
    return null; // storage disabled (private mode, file://): fall back to Chinese
  }
}

let current = storedLang() || "zh";

/**
 * Adds a module's strings. Both languages must have the same keys, and a key registered by two
 * modules must mean the same thing: either mistake is logged as an error (the browser tests fail
 * on console errors) instead of showing a raw key to a user.
 */
export function registerStrings(strings) {
  const zh = strings.zh || {};
  const en = strings.en || {};
  const missing = Object.keys(zh).filter((k) => !(k in en))
    .concat(Object.keys(en).filter((k) => !(k in zh)));
  if (missing.length > 0) console.error("i18n: keys in one language only: " + missing.join(", "));
  for (const [lang, dict] of [["zh", zh], ["en", en]]) {
    for (const [key, value] of Object.entries(dict)) {
      const before = dictionaries[lang][key];
      if (before !== undefined && before !== value) {
        console.error(`i18n: ${lang} key ${key} registered twice with different texts`);
      }
      dictionaries[lang][key] = value;
    }
  }
}

const OTHER_LANGUAGE = /\{\{(zh|en):([^}]*)\}\}/g;

/** Translation of key in the current language; {name} placeholders filled from params. */
export function t(key, params) {
  return raw(key, params).replace(OTHER_LANGUAGE, "$2");
}

/** Sets node's text to the translation, with <span lang> around words of the other language. */
export function fillText(node, key, params) {
  const s = raw(key, params);
  node.replaceChildren();
  let last = 0;
  for (const m of s.matchAll(OTHER_LANGUAGE)) {
    node.append(s.slice(last, m.index));
    const span = document.createElement("span");
    span.lang = langTag(m[1]);
    span.textContent = m[2];
    node.append(span);
    last = m.index + m[0].length;
  }
  node.append(s.slice(last));
  return node;
}

/**
 * The translation as HTML, for the few Leaflet APIs that take HTML (attribution): escaped, with
 * words of the other language in <span lang>.
 */
export function tHtml(key, params) {
  const esc = (x) => x.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]);
  let out = "";
  let last = 0;
  const s = raw(key, params);
  for (const m of s.matchAll(OTHER_LANGUAGE)) {
    out += esc(s.slice(last, m.index)) + `<span lang="${langTag(m[1])}">${esc(m[2])}</span>`;
    last = m.index + m[0].length;
  }
  return out + esc(s.slice(last));
}

function raw(key, params) {
  let s = dictionaries[current][key];
  if (s === undefined) s = dictionaries.zh[key];
  if (s === undefined) return key;
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m);
  }
  return s;
}

/** Translation if the dictionary has one, otherwise the fallback (e.g. the raw server value). */
export function tOr(key, fallback) {
  const s = dictionaries[current][key];
  return s !== undefined ? s.replace(OTHER_LANGUAGE, "$2") : fallback;
}

export function has(key) {
  return dictionaries[current][key] !== undefined;
}

/** The registered keys that start with prefix (e.g. every known audit action). */
export function keysWithPrefix(prefix) {
  return Object.keys(dictionaries.zh).filter((k) => k.startsWith(prefix));
}

export function lang() {
  return current;
}

/** BCP 47 tag of a language code ("zh" → "zh-CN"), for lang attributes. */
export function langTag(code) {
  return (code || current) === "zh" ? "zh-CN" : "en";
}

export function locale() {
  return current === "zh" ? "zh-CN" : "en-US";
}

/** Refreshes every element under root that carries a data-i18n* attribute. */
export function apply(root) {
  const scope = root || document;
  scope.querySelectorAll("[data-i18n]").forEach((node) => fillText(node, node.getAttribute("data-i18n")));
  for (const [data, attr] of [["data-i18n-placeholder", "placeholder"],
    ["data-i18n-aria-label", "aria-label"], ["data-i18n-title", "title"]]) {
    scope.querySelectorAll("[" + data + "]").forEach((node) => {
      node.setAttribute(attr, t(node.getAttribute(data)));
    });
  }
  if (!root) {
    document.documentElement.lang = langTag();
    document.title = t("app.title");
  }
}

/** Switches the language, remembers it in this browser, and tells every module. */
export function setLang(next) {
  if (next !== "zh" && next !== "en") return;
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch (e) {
    /* not fatal: the choice just is not remembered */
  }
  apply();
  emit("language-changed", current);
}

// For debugging and for the browser tests (which compare the two dictionaries' keys).
window.GM_I18N = { t, tOr, has, apply, setLang, lang, locale, dictionaries };
