/*
 * The KPI dashboard (综合评价): for a period and a grouping (district, community, grid cell,
 * worker, category), the on-time closure rate as a bar chart, cases by status as a doughnut
 * (chart.js), and the same numbers as a table (the text alternative of the charts), with a CSV
 * download (UTF-8 with BOM, opens in spreadsheets).
 */
import { getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, h } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t, tOr } from "../../i18n.js";
import { can } from "../../session.js";
import { chartJs } from "./vendor.js";

let dom = null;
let charts = [];

function isoDay(d) { return d.toISOString().slice(0, 10); }

function build() {
  const { dialog, head, close } = createDialog({ id: "kpi-dialog", titleId: "kpi-title", titleKey: "kpi.title", className: "kpi-dialog", closeId: "kpi-close" });
  const by = h("select", { id: "kpi-by" });
  const from = h("input", { id: "kpi-from", type: "date" }), to = h("input", { id: "kpi-to", type: "date" });
  const today = new Date();
  to.value = isoDay(today);
  from.value = isoDay(new Date(today.getTime() - 89 * 86400000));
  const show = h("button", { type: "submit", id: "kpi-show", class: "btn btn-primary", "data-i18n": "kpi.show" });
  const csv = h("a", { id: "kpi-csv", class: "btn btn-secondary", download: true, "data-i18n": "kpi.csv" });
  const form = h("form", { class: "kpi-form", novalidate: true }, field("kpi.by", by), field("kpi.from", from), field("kpi.to", to),
    h("div", { class: "dialog-actions" }, show, csv));
  const error = h("p", { id: "kpi-error", class: "form-error", role: "alert", hidden: true });
  const total = h("p", { id: "kpi-total", class: "kpi-total", role: "status" });
  const rateCanvas = h("canvas", { id: "kpi-chart-rate", role: "img", "aria-describedby": "kpi-table-caption" });
  const statusCanvas = h("canvas", { id: "kpi-chart-status", role: "img", "aria-describedby": "kpi-table-caption" });
  const table = h("table", { id: "kpi-table", class: "kpi-table" });
  dialog.append(head, form, error, total, h("div", { class: "kpi-charts" }, h("div", { class: "kpi-chart" }, rateCanvas),
    h("div", { class: "kpi-chart" }, statusCanvas)), h("div", { class: "kpi-table-wrap", tabindex: "0", role: "region", "aria-labelledby": "kpi-table-caption" }, table));
  apply(dialog);
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  close.addEventListener("click", () => dialog.close());
  return { dialog, by, from, to, csv, error, total, rateCanvas, statusCanvas, table };
}

function fillBy() {
  const v = dom.by.value || "district";
  const groups = ["district", "community", "cell", "category"].concat(can("people:read") ? ["worker"] : []);
  dom.by.replaceChildren(...groups.map((g) => h("option", { value: g, text: t("kpi.by." + g) })));
  dom.by.value = v;
}

export async function openKpis() {
  if (!dom) dom = build();
  fillBy();
  openDialog(dom.dialog, dom.by);
  await load();
}

function pct(v) { return v == null ? "—" : formatNumber(v * 100, 1) + "%"; }

async function load() {
  const q = "by=" + dom.by.value + "&from=" + dom.from.value + "&to=" + dom.to.value;
  dom.csv.href = "api/kpis.csv?" + q;
  dom.error.hidden = true;
  let k;
  try {
    k = await getJson("api/kpis?" + q);
  } catch (e) {
    if (!silentError(e)) { dom.error.textContent = e.message; dom.error.hidden = false; }
    return;
  }
  const tot = k.total || {};
  dom.total.textContent = t("kpi.summary", { reported: tot.reported || 0, onTime: pct(tot.on_time_rate), closure: pct(tot.closure_rate),
    rework: pct(tot.rework_rate) });
  renderTable(k);
  await chartJs();
  charts.forEach((c) => c.destroy());
  const rows = k.rows.filter((r) => r.reported > 0 || r.due > 0).slice(0, 40);
  charts = [
    new Chart(dom.rateCanvas, { type: "bar", data: { labels: rows.map((r) => r.label || r.key || "—"),
      datasets: [{ label: t("kpi.onTimeRate"), data: rows.map((r) => r.on_time_rate == null ? null : r.on_time_rate * 100), backgroundColor: "#2e7d32" },
        { label: t("kpi.closureRate"), data: rows.map((r) => r.closure_rate == null ? null : r.closure_rate * 100), backgroundColor: "#1565c0" }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100, title: { display: true, text: "%" } } },
        plugins: { title: { display: true, text: t("kpi.ratesTitle") } } } }),
    new Chart(dom.statusCanvas, { type: "doughnut", data: { labels: Object.keys(tot.by_status || {}).map((s) => tOr("caseStatus." + s, s)),
      datasets: [{ data: Object.values(tot.by_status || {}),
        backgroundColor: ["#d62728", "#ff7f0e", "#7f7f7f", "#f2c300", "#9c27b0", "#1f77b4", "#2ca02c", "#8c564b", "#17becf", "#bdbdbd"] }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { title: { display: true, text: t("kpi.statusTitle") } } } })
  ];
  dom.rateCanvas.setAttribute("aria-label", t("kpi.ratesTitle"));
  dom.statusCanvas.setAttribute("aria-label", t("kpi.statusTitle"));
}

function renderTable(k) {
  const cols = [["label", "kpi.col.name"], ["reported", "kpi.col.reported"], ["due", "kpi.col.due"], ["closed_on_time", "kpi.col.onTime"],
    ["on_time_rate", "kpi.onTimeRate"], ["closure_rate", "kpi.closureRate"], ["rework_rate", "kpi.reworkRate"], ["overdue_now", "kpi.col.overdue"],
    ["avg_hours_handle", "kpi.col.handleHours"]];
  const cell = (r, c) => c.endsWith("_rate") ? pct(r[c]) : c.startsWith("avg_") ? (r[c] == null ? "—" : formatNumber(r[c], 1)) : String(r[c] == null ? "—" : r[c]);
  dom.table.replaceChildren(h("caption", { id: "kpi-table-caption", text: t("kpi.tableCaption", { from: k.from, to: k.to }) }),
    h("thead", null, h("tr", null, cols.map(([, key]) => h("th", { scope: "col", text: t(key) })))),
    h("tbody", null, k.rows.concat(k.total ? [Object.assign({}, k.total, { label: t("kpi.total") })] : [])
      .map((r) => h("tr", null, cols.map(([c], i) => i === 0 ? h("th", { scope: "row", text: r.label || r.key || "—" }) : h("td", { text: cell(r, c) }))))));
}

on("signed-out", () => { if (dom && dom.dialog.open) dom.dialog.close(); });
