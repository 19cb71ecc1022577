/*
 * The planner's section of the side panel: the saved plans, and the open plan with its steps,
 * the units to select (also by checkbox, for the keyboard), the tools, what the preview says
 * (problems, measures, before → after) and what can be done with the plan next.
 */
import { getJson, silentError } from "../../api.js";
import { on } from "../../bus.js";
import { button, el, h, textIn } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t, tOr } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { can, currentSession } from "../../session.js";
import { state } from "../../map/map.js";
import * as dialogs from "./dialogs.js";
import { draw, restyle, toggle, unitBounds } from "./layer.js";
import { closePlan, keyOf, openPlan, operations, planner, saveOperations, shownUnits } from "./state.js";
import * as tools from "./tools.js";

let body = null;

export function setupPanel(panelBody) {
  body = panelBody;
  render();
}

function editable() {
  return can("plans:edit") && (!planner.plan || planner.plan.status === "draft");
}

function fail(e) {
  if (!silentError(e)) showMessage(e.message);
}

/** Runs an action of the panel, reporting a refusal (422, 409…) as a message. */
export function run(fn) {
  return Promise.resolve().then(fn).catch(fail);
}

export function render() {
  if (!body) return;
  body.replaceChildren(planner.parent ? workspace() : home());
  apply(body);
}

function home() {
  const box = el("div", "plan-home");
  box.appendChild(h("p", { class: "panel-hint", "data-i18n": "plans.hint" }));
  if (can("plans:edit")) {
    box.appendChild(h("div", { class: "plan-actions" },
      button({ id: "plan-new", class: "btn", "data-i18n": "plans.new", "aria-haspopup": "dialog", onclick: () => dialogs.openNewPlan() }),
      button({ id: "plan-suggest", class: "btn", "data-i18n": "plans.suggest", "aria-haspopup": "dialog", onclick: () => dialogs.openSuggest() }),
      h("label", { class: "btn plan-file", for: "plan-file" }, h("span", { "data-i18n": "plans.import" }),
        h("input", { id: "plan-file", type: "file", accept: ".json,application/json", class: "visually-hidden",
          onchange: (e) => run(() => dialogs.importFile(e.target)) }))));
  }
  box.appendChild(h("h3", { class: "plan-subtitle", "data-i18n": "plans.saved" }));
  const list = h("ul", { class: "plan-list", id: "plan-list" });
  box.appendChild(list);
  if (!currentSession()) return box;
  run(async () => {
    const plans = await getJson("api/plans?limit=50");
    list.replaceChildren();
    if (plans.length === 0) list.appendChild(h("li", { class: "panel-hint", "data-i18n": "plans.none" }));
    plans.forEach((p) => {
      const b = button({ class: "plan-item", dataset: { planId: String(p.id) }, onclick: () => run(() => openPlan(p.id)) });
      b.appendChild(textIn(el("span", "plan-item-name"), p.name));
      b.appendChild(el("span", "plan-item-meta", t("plans.status." + p.status) + " · " + p.parent.code + " " + p.parent.name));
      list.appendChild(h("li", null, b));
    });
    apply(list);
  });
  return box;
}

function workspace() {
  const box = el("div", "plan-workspace");
  const p = planner.plan;
  const title = textIn(h("h3", { class: "plan-title", id: "plan-title", tabindex: "-1" }), p ? p.name : planner.draftName);
  box.appendChild(title);
  box.appendChild(el("p", "plan-meta", (p ? t("plans.status." + p.status) + " · " : t("plans.unsaved") + " · ")
    + planner.parent.code + " " + planner.parent.name + (p && p.author ? " · " + p.author.name : "")));
  if (p && p.commit) box.appendChild(el("p", "plan-meta", t("plans.committedOn", { date: p.commit.effective_date, ref: p.commit.legal_ref || "" })));
  if (p && p.status === "published") box.appendChild(el("p", "plan-meta", t("plans.commentPeriod", { from: p.comment_from, to: p.comment_to })));
  if (planner.busy) box.appendChild(h("p", { class: "panel-hint", role: "status", "data-i18n": "plans.working" }));

  box.appendChild(stepsList());
  if (editable()) box.appendChild(toolsBox());
  box.appendChild(unitsList());
  if (planner.preview) box.appendChild(results());
  box.appendChild(planActions());
  if (p && (p.status === "published" || p.comments > 0)) box.appendChild(dialogs.commentsBox());
  return box;
}

function stepsList() {
  const wrap = el("div", "plan-steps");
  wrap.appendChild(h("h4", { "data-i18n": "plans.steps" }));
  const ops = operations();
  if (ops.length === 0) {
    wrap.appendChild(h("p", { class: "panel-hint", "data-i18n": editable() ? "plans.noSteps" : "plans.noStepsRead" }));
    return wrap;
  }
  const ol = h("ol", { class: "plan-step-list", id: "plan-steps" });
  ops.forEach((op) => ol.appendChild(textIn(el("li"), describe(op))));
  wrap.appendChild(ol);
  if (editable() && ops.length > 1) {
    wrap.appendChild(button({ id: "plan-undo", class: "btn btn-small", "data-i18n": "plans.undo",
      onclick: () => run(() => saveOperations(ops.slice(0, -1))) }));
  }
  return wrap;
}

/** A unit an operation names, as its code and name where known ("#k" for one made by step k). */
function unitName(ref) {
  const all = (planner.base ? planner.base.features : []).concat(planner.preview ? planner.preview.units.features : []);
  const f = all.find((x) => (typeof ref === "number" ? Number(x.id) === ref || x.properties.origin_id === ref
    : x.properties.code === ref || x.properties.made_by === ref));
  return f ? f.properties.code + " " + f.properties.name : String(ref);
}

/** One operation in words. */
export function describe(op) {
  switch (op.op) {
    case "merge": return t("op.merge", { n: op.units.length, name: op.name });
    case "reassign": return t("op.reassign", { n: op.cells.length, to: unitName(op.to) });
    case "split": return t("op.split", { unit: unitName(op.unit) });
    case "redraw": return t("op.redraw", { a: unitName(op.units[0]), b: unitName(op.units[1]) });
    case "remove_level": return op.level ? t("op.removeLevel", { level: tOr("level." + op.level, op.level) }) : t("op.removeUnits", { n: op.units.length });
    case "regrid": return t("op.regrid", { unit: unitName(op.unit), min: op.target.min, max: op.target.max });
    case "rename": return t("op.rename", { unit: unitName(op.unit), name: op.name || op.code || "" });
    default: return op.op;
  }
}

function toolsBox() {
  const n = planner.selection.size;
  const box = el("div", "plan-tools");
  box.appendChild(h("h4", { "data-i18n": "plans.tools" }));
  box.appendChild(el("p", "panel-hint", n === 0 ? t("plans.selectHint") : t("plans.selected", { n })));
  const act = (id, key, enabled, fn, popup) => button({ id, class: "btn btn-small", "data-i18n": key, disabled: !enabled,
    "aria-haspopup": popup ? "dialog" : null, onclick: () => run(fn) });
  const row = el("div", "plan-tool-row");
  row.append(
    act("plan-merge", "plans.merge", n >= 2, () => dialogs.openMerge(), true),
    act("plan-split", "plans.split", n === 1, () => tools.drawSplit()),
    act("plan-redraw", "plans.redraw", n === 2, () => tools.redrawBorder()),
    act("plan-paint", "plans.paint", n === 1, () => tools.paintCells()),
    act("plan-regrid", "plans.regrid", n === 1, () => dialogs.openRegrid(), true),
    act("plan-rename", "plans.rename", n === 1, () => dialogs.openRename(), true),
    act("plan-box", "plans.box", true, () => tools.boxSelect()),
    act("plan-clear", "plans.clearSelection", n > 0, () => { planner.selection.clear(); restyle(); render(); }));
  if (planner.hasStreets && !operations().some((o) => o.op === "remove_level")) {
    row.append(act("plan-remove-streets", "plans.removeStreets", true, () => saveOperations(operations().concat([{ op: "remove_level", level: "street" }]))));
  }
  box.appendChild(row);
  return box;
}

function unitsList() {
  const units = shownUnits();
  const details = h("details", { class: "plan-units", id: "plan-units" });
  details.appendChild(h("summary", null, t("plans.units", { n: units.length })));
  const fs = h("fieldset", { class: "plan-unit-list" }, h("legend", { class: "visually-hidden", "data-i18n": "plans.unitsLegend" }));
  units.forEach((f) => {
    const key = keyOf(f);
    const id = "plan-unit-" + key;
    const box = h("input", { type: "checkbox", id, checked: planner.selection.has(key), disabled: !editable(),
      onchange: () => toggle(key, true) });
    const label = h("label", { for: id, class: "plan-unit" }, box, textIn(el("span"), (f.properties.code || "") + " " + (f.properties.name || "")));
    fs.appendChild(label);
  });
  details.appendChild(fs);
  if (planner.selection.size > 0) details.open = true;
  return details;
}

function results() {
  const pv = planner.preview;
  const box = el("div", "plan-results");
  box.appendChild(h("h4", { "data-i18n": "plans.result" }));
  const blocking = pv.problems.filter((x) => x.blocking);
  box.appendChild(h("p", { class: pv.committable ? "plan-ok" : "plan-bad", id: "plan-committable" },
    pv.committable ? t("plans.committable") : t("plans.notCommittable", { n: blocking.length })));
  if (pv.problems.length > 0) {
    const ul = h("ul", { class: "plan-problems", id: "plan-problems" });
    pv.problems.forEach((x) => ul.appendChild(el("li", x.blocking ? "plan-problem-blocking" : "plan-problem-warning",
      tOr("problem." + x.kind, x.kind) + ": " + x.detail)));
    box.appendChild(ul);
  }
  box.appendChild(metricsTable());
  if (pv.before_after.length > 0) box.appendChild(beforeAfter());
  box.appendChild(el("p", "panel-hint", t("plans.cells", { changed: pv.cells.changed, closed: pv.cells.closed })));
  return box;
}

function scrollTable(labelKey, table) {
  // the table scrolls sideways inside its box; the box takes focus so the keyboard can scroll it
  return h("div", { class: "plan-table-wrap", tabindex: "0", role: "region", "aria-label": t(labelKey) }, table);
}

function metricsTable() {
  const units = shownUnits();
  const tbody = el("tbody");
  units.forEach((f) => {
    const p = f.properties;
    const m = p.metrics || {};
    const tr = el("tr", "plan-status-" + p.status);
    tr.append(textIn(el("td"), p.code), textIn(el("td"), p.name), el("td", "gm-num", formatNumber(p.households, 0)),
      el("td", "gm-num", formatNumber(p.population, 0)), el("td", "gm-num", formatNumber((m.area_m2 || 0) / 1e6, 2)),
      el("td", "gm-num", formatNumber(m.polsby_popper, 2)), el("td", null, t("plans.unitStatus." + p.status)));
    tbody.appendChild(tr);
  });
  const head = ["code", "name", "households", "population", "area", "compactness", "status"];
  const table = h("table", { class: "plan-table", id: "plan-metrics" },
    h("caption", { "data-i18n": "plans.metrics" }),
    h("thead", null, h("tr", null, head.map((c) => h("th", { scope: "col", "data-i18n": "plans.col." + c })))), tbody);
  const level = Object.keys(planner.preview.metrics).pop();
  const pm = level ? planner.preview.metrics[level] : null;
  const wrap = el("div");
  wrap.appendChild(scrollTable("plans.metrics", table));
  if (pm) {
    wrap.appendChild(el("p", "panel-hint", t("plans.spread", { n: pm.units, min: formatNumber(pm.size.min, 0), max: formatNumber(pm.size.max, 0),
      cv: formatNumber(pm.size.cv, 2), pp: formatNumber(pm.polsby_popper.mean, 2) })));
  }
  return wrap;
}

function beforeAfter() {
  const tbody = el("tbody");
  planner.preview.before_after.forEach((row) => {
    const tr = el("tr");
    tr.append(textIn(el("td"), row.code + " " + row.name),
      textIn(el("td"), row.from.map((x) => x.code + " " + x.name + (x.area_share < 0.999 ? " (" + formatNumber(100 * x.area_share, 0) + "%)" : "")).join("、")),
      el("td", "gm-num", formatNumber(row.households, 0)));
    tbody.appendChild(tr);
  });
  const table = h("table", { class: "plan-table", id: "plan-before-after" },
    h("caption", { "data-i18n": "plans.beforeAfter" }),
    h("thead", null, h("tr", null, ["after", "before", "households"].map((c) => h("th", { scope: "col", "data-i18n": "plans.col." + c })))),
    tbody);
  return scrollTable("plans.beforeAfter", table);
}

function planActions() {
  const p = planner.plan;
  const row = el("div", "plan-actions");
  const add = (id, key, fn, popup) => row.appendChild(button({ id, class: "btn btn-small", "data-i18n": key,
    "aria-haspopup": popup ? "dialog" : null, onclick: () => run(fn) }));
  if (unitBounds()) add("plan-zoom", "plans.zoom", () => state.map.fitBounds(unitBounds(), { padding: [30, 30] }));
  if (p && can("plans:edit") && p.status === "draft") {
    add("plan-publish", "plans.publish", () => dialogs.openPublish(), true);
    add("plan-withdraw", "plans.withdraw", () => dialogs.setStatus("withdrawn"));
  }
  if (p && can("plans:edit") && p.status === "published") {
    add("plan-unpublish", "plans.unpublish", () => dialogs.setStatus("draft"));
    add("plan-withdraw", "plans.withdraw", () => dialogs.setStatus("withdrawn"));
  }
  if (p && can("plans:commit") && (p.status === "draft" || p.status === "published")) add("plan-commit", "plans.commit", () => dialogs.openCommit(), true);
  if (p && can("plans:read") && (p.status === "draft" || p.status === "published")) add("plan-compare", "plans.compare", () => dialogs.openCompare(), true);
  add("plan-close", "plans.close", () => { tools.stop(); closePlan(); });
  return row;
}

on("plan-changed", () => {
  draw();
  render();
});
on("language-changed", render);
on("signed-in", () => { closePlan(); });
on("signed-out", () => {
  planner.plan = null;
  planner.parent = null;
  planner.preview = null;
  planner.base = null;
  planner.selection.clear();
});
