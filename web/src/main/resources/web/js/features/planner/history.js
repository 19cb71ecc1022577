/*
 * History: a date slider (and a date field, for the keyboard) that shows the boundaries valid on
 * any day since 2005, and the lineage of the last unit opened on the map: what it came from and
 * what it became, with shares, dates and 文号.
 */
import { getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { button, el, h, textIn } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { state } from "../../map/map.js";
import { setAsOf } from "../../map/layers.js";

const FIRST = Date.UTC(2005, 0, 1);
const DAY = 86400000;
const UNIT_LAYERS = new Set(["city", "districts", "streets", "communities"]);

let dom = null;
let timer = null;

function todayIso() { return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); }
function dayOf(iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - FIRST) / DAY); }
function isoOf(day) { return new Date(FIRST + day * DAY).toISOString().slice(0, 10); }

export function setupHistory(body) {
  const max = dayOf(todayIso());
  const slider = h("input", { type: "range", id: "history-slider", min: "0", max: String(max), value: String(max), step: "1",
    "aria-describedby": "history-status" });
  const date = h("input", { type: "date", id: "history-date", min: isoOf(0), max: todayIso(), value: todayIso() });
  const status = h("p", { id: "history-status", class: "history-status", role: "status", "aria-live": "polite" });
  const now = button({ id: "history-today", class: "btn btn-small", "data-i18n": "history.today", onclick: () => go(null) });
  const lineage = h("div", { id: "history-lineage", class: "history-lineage" });
  body.append(
    h("p", { class: "panel-hint", "data-i18n": "history.hint" }),
    h("div", { class: "field" }, h("label", { for: "history-slider", "data-i18n": "history.slider" }), slider),
    h("div", { class: "field" }, h("label", { for: "history-date", "data-i18n": "history.date" }), date),
    now, status,
    h("h3", { class: "plan-subtitle", "data-i18n": "history.lineage" }),
    lineage);
  dom = { slider, date, status, lineage };
  slider.addEventListener("input", () => {
    date.value = isoOf(Number(slider.value));
    clearTimeout(timer);
    timer = setTimeout(() => go(date.value), 250);
  });
  date.addEventListener("change", () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) return;
    slider.value = String(dayOf(date.value));
    go(date.value);
  });
  renderStatus();
  renderLineage(null);
}

function go(day) {
  const d = day && day < todayIso() ? day : null;
  if (!d) {
    dom.slider.value = dom.slider.max;
    dom.date.value = todayIso();
  }
  setAsOf(d).catch((e) => { if (!silentError(e)) showMessage(e.message); });
}

function renderStatus() {
  if (!dom) return;
  dom.status.textContent = state.asOf ? t("history.showing", { date: state.asOf }) : t("history.showingToday");
}

let lastUnit = null;

async function loadLineage(id) {
  lastUnit = id;
  try {
    const l = await getJson("api/units/" + id + "/lineage");
    if (lastUnit === id) renderLineage(l);
  } catch (e) {
    if (!silentError(e)) showMessage(e.message);
  }
}

function link(x) {
  const li = el("li");
  const share = x.area_share < 0.9995 ? " · " + t("history.share", { area: formatNumber(100 * x.area_share, 1), people: formatNumber(100 * x.population_share, 1) }) : "";
  textIn(li, x.unit.code + " " + x.unit.name + share);
  li.appendChild(el("span", "history-change", " — " + t("history.change", { date: x.change.effective_date, ref: x.change.legal_ref || "" })));
  return li;
}

function renderLineage(l) {
  if (!dom) return;
  const box = dom.lineage;
  box.replaceChildren();
  if (!l) {
    box.appendChild(el("p", "panel-hint", t("history.pickUnit")));
    return;
  }
  box.appendChild(textIn(el("p", "history-unit"), l.unit.code + " " + l.unit.name + " (" + l.unit.valid_from + " – " + (l.unit.valid_to || t("history.now")) + ")"));
  const part = (key, items) => {
    box.appendChild(el("h4", null, t(key)));
    if (items.length === 0) { box.appendChild(el("p", "panel-hint", t("history.none"))); return; }
    const ul = el("ul", "history-links");
    items.forEach((x) => ul.appendChild(link(x)));
    box.appendChild(ul);
  };
  part("history.from", l.predecessors);
  part("history.into", l.successors);
  apply(box);
}

on("as-of-changed", renderStatus);
on("language-changed", () => { renderStatus(); if (lastUnit != null) loadLineage(lastUnit); else renderLineage(null); });
on("feature-opened", ({ layerId, key }) => {
  if (!UNIT_LAYERS.has(layerId)) return;
  const id = Number(String(key).split(":").pop());
  if (Number.isFinite(id)) loadLineage(id);
});
on("signed-out", () => { lastUnit = null; renderLineage(null); });
