/*
 * Case settings, tab 3: the working calendar of a year as a picture — twelve month grids, Monday
 * first, with weekends, public holidays (放假) and make-up working days (调休上班) each in a
 * colour AND with a mark or pattern, so that no one needs to tell colours apart. A click (or
 * Enter/Space) cycles a day: normal → holiday → make-up day (Saturdays and Sundays only: a
 * make-up day replaces a weekend) → normal. Arrow keys move between days like in a date picker,
 * one day has tabindex 0 (a roving tabindex). Save sends the whole year with the version it was
 * read at (PUT api/calendar/{year}); deadlines are counted on it from then on.
 */
import { api } from "../../api.js";
import { field } from "../../dialog.js";
import { button, h } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { locale, t } from "../../i18n.js";
import { clearProblem, showProblem } from "./settings-shared.js";

const HOURS = [["morning_start", "cal-morning-start"], ["morning_end", "cal-morning-end"],
  ["afternoon_start", "cal-afternoon-start"], ["afternoon_end", "cal-afternoon-end"]];
const DAY_MS = 86400000;

let dom = null;
const state = {
  year: new Date().getFullYear(),
  version: -1,
  defined: false,
  stored: new Map(),  // day → {kind, name} as read from the server (names are kept for days left alone)
  days: new Map(),    // day → "holiday" | "workday", as edited now
  focus: null,        // the day with tabindex 0
  dirty: false,
  discardArmed: false
};

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const dateMs = (y, m, d) => Date.UTC(y, m, d);
const weekend = (ms) => { const w = new Date(ms).getUTCDay(); return w === 0 || w === 6; };

/** What a day is: "holiday", "makeup", "weekend" or "normal". */
function dayState(day) {
  const k = state.days.get(day);
  if (k === "holiday") return "holiday";
  if (k === "workday") return "makeup";
  return weekend(Date.parse(day)) ? "weekend" : "normal";
}

function fullDate(day) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "full", timeZone: "UTC" }).format(new Date(Date.parse(day)));
}

function dayLabel(day) {
  const s = dayState(day);
  const stored = state.stored.get(day);
  const name = stored && stored.name && state.days.get(day) === stored.kind ? " (" + stored.name + ")" : "";
  return t("cal.dayLabel", { date: fullDate(day), state: t("cal.state." + s) + name });
}

export function buildCalendar() {
  const year = h("input", { id: "cal-year", name: "cal-year", type: "number", min: "2000", max: "2100", step: "1", inputmode: "numeric" });
  const show = h("button", { type: "submit", class: "btn btn-secondary", id: "cal-show", "data-i18n": "cal.show" });
  const pick = h("form", { id: "cal-pick", class: "settings-toolbar", novalidate: true },
    field("cal.year", year), show);
  const hours = HOURS.map(([, id]) => h("input", { id, name: id, type: "time", required: true }));
  const error = h("p", { id: "cal-error", class: "form-error", role: "alert", hidden: true });
  const status = h("p", { id: "cal-status", class: "settings-status", role: "status", "aria-live": "polite" });
  const summary = h("p", { id: "cal-summary", class: "cal-summary" });
  const grid = h("div", { id: "cal-grid", class: "cal-grid", role: "group", "aria-labelledby": "cal-grid-title", "aria-describedby": "cal-hint" });
  const save = button({ class: "btn btn-primary", id: "cal-save", "data-i18n": "cal.save" });
  const legend = h("ul", { class: "cal-legend" },
    ["normal", "weekend", "holiday", "makeup"].map((s) => h("li", null,
      h("span", { class: "cal-swatch cal-" + s, "aria-hidden": "true", "data-i18n": "cal.mark." + s }),
      h("span", { "data-i18n": "cal.legend." + s }))));
  const content = [
    pick,
    h("fieldset", { class: "cal-hours" }, h("legend", { "data-i18n": "cal.hours" }),
      HOURS.map(([key], i) => field("cal." + key, hours[i]))),
    h("h3", { id: "cal-grid-title" }),
    h("p", { id: "cal-hint", class: "field-hint", "data-i18n": "cal.hint" }),
    legend, summary, grid, error,
    h("div", { class: "settings-actions" }, save, status)
  ];
  pick.addEventListener("submit", (e) => {
    e.preventDefault();
    const y = Number(year.value);
    clearProblem(error);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) {
      year.setAttribute("aria-invalid", "true");
      showProblem(error, new Error(t("cal.badYear")));
      return;
    }
    year.removeAttribute("aria-invalid");
    if (state.dirty && !(state.discardArmed && y === state.pendingYear)) {
      state.discardArmed = true;
      state.pendingYear = y;
      showProblem(error, new Error(t("cal.unsaved")));
      return;
    }
    state.year = y;
    load();
  });
  grid.addEventListener("click", (e) => {
    const b = e.target.closest("button.cal-day");
    if (b) cycle(b);
  });
  grid.addEventListener("keydown", keyMove);
  hours.forEach((x) => x.addEventListener("input", () => markDirty()));
  save.addEventListener("click", () => submit());
  dom = { year, hours, error, status, summary, grid, save };
  return { content, load, relabel: render };
}

async function load() {
  clearProblem(dom.error);
  dom.year.value = String(state.year);
  dom.grid.setAttribute("aria-busy", "true");
  try {
    read(await api("api/calendar/" + state.year));
    dom.status.textContent = state.defined ? "" : t("cal.notDefined", { year: state.year });
  } catch (e) {
    showProblem(dom.error, e);
  } finally {
    dom.grid.removeAttribute("aria-busy");
  }
}

function read(y) {
  state.version = y.version;
  state.defined = y.defined;
  state.stored = new Map(y.days.map((d) => [d.day, { kind: d.kind, name: d.name }]));
  state.days = new Map(y.days.map((d) => [d.day, d.kind]));
  HOURS.forEach(([key], i) => { dom.hours[i].value = y[key]; });
  state.dirty = false;
  state.discardArmed = false;
  if (!state.focus || !state.focus.startsWith(state.year + "-")) state.focus = state.year + "-01-01";
  render();
}

function markDirty() {
  state.dirty = true;
  state.discardArmed = false;
}

function weekdayNames(style) {
  // 2024-01-01 was a Monday
  const f = new Intl.DateTimeFormat(locale(), { weekday: style, timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(dateMs(2024, 0, 1 + i))));
}

function dayButton(day) {
  // the name is the date and its state in words (the visible number and mark are a short form of it)
  const b = button({ class: "cal-day", dataset: { day }, tabindex: day === state.focus ? "0" : "-1" },
    h("span", { class: "cal-num", "aria-hidden": "true", text: String(Number(day.slice(8))) }),
    h("span", { class: "cal-mark", "aria-hidden": "true" }), h("span", { class: "visually-hidden" }));
  paint(b);
  return b;
}

function paint(b) {
  const s = dayState(b.dataset.day);
  b.className = "cal-day cal-" + s;
  b.lastChild.textContent = dayLabel(b.dataset.day);
  b.children[1].textContent = s === "holiday" || s === "makeup" ? t("cal.mark." + s) : "";
}

function month(m, short, long) {
  const first = dateMs(state.year, m, 1);
  const days = new Date(dateMs(state.year, m + 1, 1) - DAY_MS).getUTCDate();
  const lead = (new Date(first).getUTCDay() + 6) % 7; // Monday first
  const cells = Array.from({ length: lead }, () => h("td"))
    .concat(Array.from({ length: days }, (_, i) => h("td", null, dayButton(iso(first + i * DAY_MS)))));
  while (cells.length % 7) cells.push(h("td"));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h("tr", null, cells.slice(i, i + 7)));
  const name = new Intl.DateTimeFormat(locale(), { month: "long", timeZone: "UTC" }).format(new Date(first));
  return h("table", { class: "cal-month" },
    h("caption", { text: name }),
    h("thead", null, h("tr", null, short.map((s, i) => h("th", { scope: "col", abbr: long[i], class: i >= 5 ? "cal-we" : null, text: s })))),
    h("tbody", null, rows));
}

function render() {
  document.getElementById("cal-grid-title").textContent = t("cal.gridTitle", { year: state.year });
  const short = weekdayNames("narrow");
  const long = weekdayNames("long");
  dom.grid.replaceChildren(...Array.from({ length: 12 }, (_, m) => month(m, short, long)));
  summarize();
}

function summarize() {
  let holidays = 0;
  let makeups = 0;
  for (const k of state.days.values()) if (k === "holiday") holidays++; else makeups++;
  dom.summary.textContent = t("cal.summary", { year: state.year, holidays: formatNumber(holidays), makeups: formatNumber(makeups) });
}

function cycle(b) {
  const day = b.dataset.day;
  const next = { normal: "holiday", weekend: "holiday", holiday: weekend(Date.parse(day)) ? "workday" : null, makeup: null }[dayState(day)];
  if (next) state.days.set(day, next); else state.days.delete(day);
  focusDay(day);
  paint(b);
  markDirty();
  summarize();
  dom.status.textContent = t("cal.changed", { state: t("cal.state." + dayState(day)) });
}

function focusDay(day) {
  const old = dom.grid.querySelector("button.cal-day[tabindex='0']");
  const b = dom.grid.querySelector(`button.cal-day[data-day="${day}"]`);
  if (!b) return;
  if (old && old !== b) old.tabIndex = -1;
  b.tabIndex = 0;
  state.focus = day;
  b.focus();
}

function keyMove(e) {
  const b = e.target.closest && e.target.closest("button.cal-day");
  if (!b) return;
  const ms = Date.parse(b.dataset.day);
  const d = new Date(ms);
  const dow = (d.getUTCDay() + 6) % 7;
  const moves = {
    ArrowLeft: ms - DAY_MS, ArrowRight: ms + DAY_MS, ArrowUp: ms - 7 * DAY_MS, ArrowDown: ms + 7 * DAY_MS,
    Home: ms - dow * DAY_MS, End: ms + (6 - dow) * DAY_MS,
    PageUp: dateMs(d.getUTCFullYear(), d.getUTCMonth() - 1, Math.min(d.getUTCDate(), 28)),
    PageDown: dateMs(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(d.getUTCDate(), 28))
  };
  if (!(e.key in moves)) return;
  e.preventDefault();
  const target = Math.min(Math.max(moves[e.key], dateMs(state.year, 0, 1)), dateMs(state.year, 11, 31));
  focusDay(iso(target));
}

async function submit() {
  clearProblem(dom.error);
  const body = { version: state.version, days: [] };
  for (const [i, [key]] of HOURS.entries()) {
    if (!/^\d{2}:\d{2}$/.test(dom.hours[i].value)) {
      dom.hours[i].setAttribute("aria-invalid", "true");
      dom.hours[i].focus();
      showProblem(dom.error, new Error(t("cal.badTime")));
      return;
    }
    dom.hours[i].removeAttribute("aria-invalid");
    body[key] = dom.hours[i].value;
  }
  for (const [day, kind] of [...state.days.entries()].sort()) {
    const stored = state.stored.get(day);
    // a day left as it was keeps its name (国庆节); a new one has none (the server refuses an empty name)
    body.days.push(stored && stored.kind === kind && stored.name ? { day, kind, name: stored.name } : { day, kind });
  }
  try {
    read(await api("api/calendar/" + state.year, { method: "PUT", body }));
    dom.status.textContent = t("cal.saved", { year: state.year });
  } catch (e) {
    if (showProblem(dom.error, e, "cal.conflict")) {
      const message = dom.error.textContent;
      await load();
      showProblem(dom.error, new Error(message));
    }
  }
}
