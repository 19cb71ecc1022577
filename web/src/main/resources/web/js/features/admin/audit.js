/*
 * The audit log (admin): filters, a page of entries with before/after JSON, paging, and a CSV
 * link that always carries the filters in the form.
 */
import { getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, el, h } from "../../dom.js";
import { formatDateTimeSeconds, formatNumber } from "../../format.js";
import { has, keysWithPrefix, t } from "../../i18n.js";
import { can } from "../../session.js";

const PAGE = 50;
const FILTERS = ["actor", "action", "entity", "from", "to"];
const COLUMNS = ["at", "actor", "action", "entity", "change", "request"];

const audit = {
  filters: {},            // applied filters (what the table shows)
  offset: 0,
  total: 0,
  items: [],
  loaded: false,
  controller: null
};

let dom = null;

function textInput(name, extra) {
  return h("input", Object.assign({ id: "audit-" + name, name, type: "text", maxlength: "64", autocomplete: "off" }, extra));
}

function buildDialog() {
  const { dialog, head, close } = createDialog({
    id: "audit-dialog", titleId: "audit-title", titleKey: "audit.title",
    className: "audit-dialog", closeId: "audit-close"
  });
  const inputs = {
    actor: textInput("actor"),
    action: textInput("action", { list: "audit-action-list", "data-i18n-placeholder": "audit.actionPlaceholder" }),
    entity: textInput("entity", { list: "audit-entity-list", "data-i18n-placeholder": "audit.entityPlaceholder" }),
    from: h("input", { id: "audit-from", name: "from", type: "date" }),
    to: h("input", { id: "audit-to", name: "to", type: "date" })
  };
  const csv = h("a", { id: "audit-csv", class: "btn btn-secondary", href: "api/audit.csv", download: true, "data-i18n": "audit.csv" });
  const form = h("form", { id: "audit-filter", class: "audit-filter", novalidate: true },
    FILTERS.map((name) => field("audit." + name, inputs[name])),
    h("datalist", { id: "audit-action-list" }),
    h("datalist", { id: "audit-entity-list" }),
    h("div", { class: "audit-filter-actions" },
      h("button", { type: "submit", class: "btn btn-primary", id: "audit-apply", "data-i18n": "audit.apply" }),
      button({ class: "btn btn-secondary", id: "audit-reset", "data-i18n": "audit.reset" }),
      csv));
  const error = h("p", { id: "audit-error", class: "form-error", role: "alert", hidden: true });
  const rows = h("tbody", { id: "audit-rows" });
  const table = h("div", { class: "audit-table-wrap" },
    h("table", { id: "audit-table", class: "audit-table" },
      h("caption", { class: "visually-hidden", "data-i18n": "audit.title" }),
      h("thead", null, h("tr", null, COLUMNS.map((c) => h("th", { scope: "col", "data-i18n": "audit.col." + c })))),
      rows));
  const summary = h("span", { id: "audit-summary", class: "audit-summary", role: "status", "aria-live": "polite" });
  const prev = button({ class: "btn btn-secondary", id: "audit-prev", "data-i18n": "audit.prev" });
  const next = button({ class: "btn btn-secondary", id: "audit-next", "data-i18n": "audit.next" });
  dialog.append(head, form, error, table,
    h("div", { class: "audit-pager" }, summary, h("span", { class: "audit-pager-buttons" }, prev, next)));

  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (audit.controller) audit.controller.abort();
    audit.controller = null;
    dialog.removeAttribute("aria-busy");
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    applyFilters();
  });
  form.addEventListener("input", updateCsv);
  form.querySelector("#audit-reset").addEventListener("click", () => {
    form.reset();
    showError("");
    applyFilters();
  });
  prev.addEventListener("click", () => load(audit.filters, audit.offset - PAGE));
  next.addEventListener("click", () => load(audit.filters, audit.offset + PAGE));
  return { dialog, inputs, csv, error, rows, summary, prev, next };
}

function formFilters() {
  const filters = {};
  FILTERS.forEach((name) => {
    const v = dom.inputs[name].value.trim();
    if (v !== "") filters[name] = v;
  });
  return filters;
}

function query(filters, extra) {
  const q = new URLSearchParams();
  Object.keys(filters).forEach((k) => q.set(k, filters[k]));
  Object.keys(extra || {}).forEach((k) => q.set(k, String(extra[k])));
  const s = q.toString();
  return s === "" ? "" : "?" + s;
}

function updateCsv() {
  dom.csv.setAttribute("href", "api/audit.csv" + query(formFilters()));
}

function showError(text) {
  dom.error.textContent = text || "";
  dom.error.hidden = !text;
}

function jsonBlock(labelKey, value) {
  const wrap = el("div", "audit-json");
  wrap.appendChild(el("div", "audit-json-label", t(labelKey)));
  let text;
  try {
    text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  } catch (e) {
    text = String(value);
  }
  // a long snapshot scrolls inside its box: it takes focus so the keyboard can scroll it
  const pre = el("pre", null, text);
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", t(labelKey));
  wrap.appendChild(pre);
  return wrap;
}

/** A table cell with the translated name of a code (when known) over the code itself. */
function codeCell(prefix, code, suffix) {
  const td = el("td", "audit-code");
  const raw = code == null ? "" : String(code);
  const known = raw !== "" && has(prefix + raw);
  if (known) td.appendChild(el("span", "audit-code-name", t(prefix + raw) + (suffix ? " " + suffix : "")));
  td.appendChild(el("code", null, raw + (!known && suffix ? " " + suffix : "")));
  return td;
}

/** Suggestions for the action and entity filters: the codes the dictionaries know. */
function renderSuggestions() {
  [["auditAction.", "audit-action-list"], ["auditEntity.", "audit-entity-list"]].forEach(([prefix, id]) => {
    const list = dom.dialog.querySelector("#" + id);
    list.replaceChildren();
    keysWithPrefix(prefix).forEach((k) => {
      const opt = el("option");
      opt.value = k.slice(prefix.length);
      opt.label = t(k);
      list.appendChild(opt);
    });
  });
}

function renderRow(item) {
  const tr = el("tr");
  tr.dataset.id = item.id == null ? "" : String(item.id);
  tr.appendChild(el("td", "audit-at", formatDateTimeSeconds(item.at)));
  tr.appendChild(el("td", null, item.actor_name == null ? t("popup.unknown") : item.actor_name));
  tr.appendChild(codeCell("auditAction.", item.action, null));
  tr.appendChild(codeCell("auditEntity.", item.entity,
    item.entity_id != null && item.entity_id !== "" ? "#" + item.entity_id : null));
  const change = el("td", "audit-change");
  const hasBefore = item.before !== null && item.before !== undefined;
  const hasAfter = item.after !== null && item.after !== undefined;
  if (hasBefore || hasAfter) {
    const details = el("details");
    details.appendChild(el("summary", null, t("audit.show")));
    if (hasBefore) details.appendChild(jsonBlock("audit.before", item.before));
    if (hasAfter) details.appendChild(jsonBlock("audit.after", item.after));
    change.appendChild(details);
  } else {
    change.textContent = t("popup.unknown");
  }
  tr.appendChild(change);
  const req = el("td", "audit-request");
  if (item.request_id != null) req.appendChild(el("code", null, item.request_id));
  tr.appendChild(req);
  return tr;
}

function render() {
  dom.rows.replaceChildren();
  if (audit.items.length === 0) {
    const tr = el("tr", "audit-empty");
    const td = el("td", null, t("audit.none"));
    td.colSpan = COLUMNS.length;
    tr.appendChild(td);
    dom.rows.appendChild(tr);
  }
  audit.items.forEach((item) => dom.rows.appendChild(renderRow(item)));
  if (audit.total === 0 || audit.items.length === 0) {
    dom.summary.textContent = audit.total > 0
      ? t("audit.summary", { from: "—", to: "—", total: formatNumber(audit.total, 0) })
      : t("audit.summaryEmpty");
  } else {
    dom.summary.textContent = t("audit.summary", {
      from: formatNumber(audit.offset + 1, 0),
      to: formatNumber(audit.offset + audit.items.length, 0),
      total: formatNumber(audit.total, 0)
    });
  }
  dom.prev.disabled = audit.offset <= 0;
  dom.next.disabled = audit.offset + audit.items.length >= audit.total;
}

async function load(filters, offset) {
  if (audit.controller) audit.controller.abort();
  const controller = new AbortController();
  audit.controller = controller;
  dom.dialog.setAttribute("aria-busy", "true");
  dom.summary.textContent = t("audit.loading");
  try {
    const page = await getJson("api/audit" + query(filters, { limit: PAGE, offset: Math.max(0, offset) }),
      controller.signal);
    if (controller !== audit.controller) return;
    audit.filters = filters;
    audit.offset = Math.max(0, offset);
    audit.items = Array.isArray(page && page.items) ? page.items : [];
    audit.total = Number.isFinite(Number(page && page.total)) ? Number(page.total) : audit.items.length;
    audit.loaded = true;
    showError("");
    render();
  } catch (e) {
    if (controller !== audit.controller || silentError(e)) return;
    showError(e.message);
    if (audit.loaded) render(); else dom.summary.textContent = "";
  } finally {
    if (controller === audit.controller) {
      audit.controller = null;
      dom.dialog.removeAttribute("aria-busy");
    }
  }
}

function applyFilters() {
  const filters = formFilters();
  if (filters.from && filters.to && filters.from > filters.to) {
    showError(t("audit.badRange"));
    dom.inputs.from.focus();
    return;
  }
  updateCsv();
  load(filters, 0);
}

export function openAudit() {
  if (!can("admin")) return;
  openDialog(dom.dialog, null);
  updateCsv();
  load(formFilters(), 0);
  dom.inputs.actor.focus();
}

export function setupAudit() {
  dom = buildDialog();
  renderSuggestions();
  on("signed-out", () => { if (dom.dialog.open) dom.dialog.close(); });
  on("language-changed", () => {
    renderSuggestions();
    if (audit.loaded) render();
  });
}
