/*
 * The case workbench in the side panel: counts (in progress, overdue, due soon), the outbox of
 * reports waiting for a connection, filters (status, category, deadline, my cells, period), the
 * list of matching cases kept in step with the work layer on the map, and the overdue list.
 * A grid worker's map opens on their own cells, a dispatcher's on their district.
 */
import { getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { button, h } from "../../dom.js";
import { formatDateTime } from "../../format.js";
import { lang, t, tOr } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { registerPanel } from "../../panels.js";
import { can, currentSession, currentUser } from "../../session.js";
import { state } from "../../map/map.js";
import { openCase } from "./casepanel.js";
import { flush, waiting, discard } from "./queue.js";
import { setShown, showCases } from "./worklayer.js";

const OPEN = "reported,registered,dispatched,in_progress,handled,parked";
const PAGE = 50;

const w = { filter: { status: OPEN, category: "", due: "", mine: false, from: "", to: "" }, offset: 0, total: 0, categories: null,
  controls: null, list: null, counts: null, outbox: null, onMap: null, more: null, timer: null, abort: null };

function query(extra) {
  const f = w.filter, q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (f.category) q.set("category", f.category);
  if (f.due) q.set("due", f.due);
  if (f.mine) q.set("mine", "true");
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
  return q.toString();
}

function select(id, labelKey, options) {
  const s = h("select", { id });
  return { s, wrap: h("div", { class: "field" }, h("label", { for: id, "data-i18n": labelKey, text: t(labelKey) }), s), options };
}

function render(body) {
  w.counts = h("p", { id: "work-counts", class: "work-counts", role: "status" });
  w.outbox = h("div", { id: "work-outbox", class: "work-outbox", hidden: true });
  const status = select("work-status", "work.status"), category = select("work-category", "work.category"), due = select("work-due", "work.due");
  const mine = h("input", { id: "work-mine", type: "checkbox" });
  const from = h("input", { id: "work-from", type: "date" }), to = h("input", { id: "work-to", type: "date" });
  w.onMap = h("input", { id: "work-on-map", type: "checkbox" });
  w.controls = { status: status.s, category: category.s, due: due.s, mine, from, to };
  const overdue = button({ id: "work-overdue", class: "btn btn-secondary", "data-i18n": "work.overdueList", text: t("work.overdueList") });
  overdue.addEventListener("click", () => {
    w.filter = Object.assign({}, w.filter, { status: OPEN, due: "overdue" });
    syncControls();
    reload();
  });
  w.list = h("ul", { id: "work-list", class: "work-list", "aria-live": "polite" });
  w.more = button({ id: "work-more", class: "btn btn-secondary", hidden: true, "data-i18n": "work.more", text: t("work.more") });
  w.more.addEventListener("click", () => loadList(true));
  const filters = h("div", { class: "work-filters" }, status.wrap, category.wrap, due.wrap,
    h("label", { class: "field-check", for: "work-mine" }, mine, h("span", { "data-i18n": "work.mine", text: t("work.mine") })),
    h("div", { class: "field" }, h("label", { for: "work-from", "data-i18n": "work.from", text: t("work.from") }), from),
    h("div", { class: "field" }, h("label", { for: "work-to", "data-i18n": "work.to", text: t("work.to") }), to),
    h("label", { class: "field-check", for: "work-on-map" }, w.onMap, h("span", { "data-i18n": "work.onMap", text: t("work.onMap") })));
  body.append(w.counts, w.outbox, filters, h("div", { class: "work-buttons" }, overdue), w.list, w.more);
  for (const c of [status.s, category.s, due.s, mine, from, to]) c.addEventListener("change", () => { readControls(); reload(); });
  w.onMap.addEventListener("change", () => { setShown(w.onMap.checked); if (w.onMap.checked) loadMap(); });
  fillOptions();
}

function fillOptions() {
  if (!w.controls) return;
  const c = w.controls;
  c.status.replaceChildren(h("option", { value: OPEN, text: t("work.statusOpen") }), h("option", { value: "", text: t("work.statusAll") }),
    ...["reported", "registered", "dispatched", "in_progress", "handled", "parked", "closed", "closed_not_fixed", "rejected", "merged"]
      .map((s) => h("option", { value: s, text: tOr("caseStatus." + s, s) })));
  c.category.replaceChildren(h("option", { value: "", text: t("work.allCategories") }),
    ...(w.categories || []).map((k) => h("option", { value: k.code, text: k.code + " " + (lang() === "en" ? k.name_en : k.name) })));
  c.due.replaceChildren(h("option", { value: "", text: t("work.dueAny") }), h("option", { value: "overdue", text: t("work.dueOverdue") }),
    h("option", { value: "soon", text: t("work.dueSoon") }));
  syncControls();
}

function syncControls() {
  const c = w.controls, f = w.filter;
  c.status.value = f.status;
  c.category.value = f.category;
  c.due.value = f.due;
  c.mine.checked = f.mine;
  c.from.value = f.from;
  c.to.value = f.to;
}

function readControls() {
  const c = w.controls;
  w.filter = { status: c.status.value, category: c.category.value, due: c.due.value, mine: c.mine.checked, from: c.from.value, to: c.to.value };
}

/** Reloads list, counts and (when shown) the map; bursts of live updates are coalesced. */
export function reload() {
  clearTimeout(w.timer);
  w.timer = setTimeout(() => {
    loadList(false);
    loadCounts();
    if (w.onMap && w.onMap.checked) loadMap();
  }, 300);
}

async function loadCounts() {
  try {
    const s = await getJson("api/cases/summary");
    const b = s.by_status || {};
    const inProgress = ["reported", "registered", "dispatched", "in_progress", "handled"].reduce((a, k) => a + (b[k] || 0), 0);
    w.counts.textContent = t("work.counts", { open: inProgress, overdue: s.overdue, soon: s.due_soon });
    w.area = s.area;
  } catch (e) {
    if (!silentError(e)) w.counts.textContent = "";
  }
}

async function loadList(more) {
  if (!currentSession()) return;
  if (!more) w.offset = 0;
  try {
    const sort = w.filter.due ? "due" : "newest";
    const page = await getJson("api/cases?" + query({ sort, limit: PAGE, offset: w.offset }));
    w.total = page.total;
    const items = page.items.map(item);
    if (more) w.list.append(...items); else w.list.replaceChildren(...items);
    if (!more && items.length === 0) w.list.replaceChildren(h("li", { class: "muted", text: t("work.none") }));
    w.offset += page.items.length;
    w.more.hidden = w.offset >= w.total;
  } catch (e) {
    if (!silentError(e)) showMessage(t("work.loadFailed", { detail: e.message }));
  }
}

function item(c) {
  const name = lang() === "en" ? c.category_name_en : c.category_name;
  const flag = c.overdue ? t("case.overdue") : c.due_soon ? t("case.dueSoon") : "";
  return h("li", { class: "work-item" + (c.overdue ? " is-overdue" : "") },
    button({ class: "work-open", dataset: { caseId: String(c.id) }, onclick: () => openCase(c.id) },
      h("span", { class: "work-code", text: c.code }),
      h("span", { class: "case-status status-" + c.status, text: tOr("caseStatus." + c.status, c.status) }),
      flag ? h("span", { class: "case-flag " + (c.overdue ? "flag-overdue" : "flag-soon"), text: flag }) : null,
      h("span", { class: "work-line", text: (name || c.category_code) + " · " + (c.community_name || "") }),
      h("span", { class: "work-line muted", text: (c.due_at ? t("work.dueAt", { at: formatDateTime(c.due_at) }) : formatDateTime(c.reported_at)) })));
}

async function loadMap() {
  try {
    await showCases(await getJson("api/cases/map?" + query()));
  } catch (e) {
    if (!silentError(e)) showMessage(t("work.loadFailed", { detail: e.message }));
  }
}

export async function renderOutbox() {
  const user = currentUser();
  if (!w.outbox || !user) return;
  let items = [];
  try { items = await waiting(user.id); } catch (e) { items = []; }
  w.outbox.hidden = items.length === 0;
  if (items.length === 0) { w.outbox.replaceChildren(); return; }
  const send = button({ id: "outbox-send", class: "btn btn-small", text: t("work.sendNow") });
  send.addEventListener("click", () => sendOutbox(true));
  w.outbox.replaceChildren(h("p", { id: "outbox-status", role: "status", text: t("work.waiting", { n: items.length }) }),
    h("ul", { class: "outbox-list" }, items.map((i) => h("li", null, (i.body.description || "").slice(0, 40),
      i.error ? h("span", { class: "form-error", text: " " + t("work.refused", { detail: i.error }) }) : null,
      i.error ? button({ class: "btn btn-small", text: t("work.discard"), onclick: () => discard(i.key) }) : null))), send);
}

export async function sendOutbox(fromButton) {
  const user = currentUser();
  if (!user || navigator.onLine === false) return;
  const r = await flush(user.id);
  if (r.sent > 0) {
    showMessage(t("work.sent", { n: r.sent }), "info");
    reload();
  } else if (fromButton && r.left > 0) {
    showMessage(t("work.stillWaiting", { n: r.left }));
  }
}

async function start() {
  if (!can("cases:read")) return;
  try { w.categories = await getJson("api/categories"); } catch (e) { w.categories = []; }
  fillOptions();
  await loadCounts();
  loadList(false);
  renderOutbox();
  sendOutbox(false);
  const role = currentUser() && currentUser().role;
  // the worker's own cells (or the dispatcher's district) fill the first view
  for (let i = 0; i < 50 && !state.map; i++) await new Promise((r) => setTimeout(r, 100));
  if ((role === "grid_worker" || role === "dispatcher") && w.area && state.map) {
    state.map.fitBounds([[w.area[1], w.area[0]], [w.area[3], w.area[2]]], { maxZoom: 16 });
  }
}

registerPanel({ id: "work", titleKey: "work.title", permission: "cases:read", order: 30, render });

on("signed-in", () => setTimeout(start, 0));
on("case-changed", reload);
on("case-outbox-changed", renderOutbox);
on("language-changed", () => { fillOptions(); if (currentSession() && can("cases:read")) { loadList(false); loadCounts(); renderOutbox(); } });
on("signed-out", () => { if (w.list) w.list.replaceChildren(); setShown(false); });
window.addEventListener("online", () => sendOutbox(false));
// a phone that reconnects without an "online" event still sends: try every 30 s
setInterval(() => { if (currentSession()) sendOutbox(false); }, 30000);
