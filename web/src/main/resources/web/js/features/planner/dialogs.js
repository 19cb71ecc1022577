/*
 * The planner's dialogs and its comment box: a new plan, a suggestion, a merge's name, re-grid and
 * rename targets, publishing for comment, committing with a date and a 文号, comparing two plans
 * side by side, and comments with a place on the map.
 */
import { api, getJson, silentError } from "../../api.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, el, h, textIn } from "../../dom.js";
import { focusable, onEscape } from "../../focus.js";
import { formatDateTime, formatNumber } from "../../format.js";
import { apply, t } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { can, currentUser } from "../../session.js";
import { interceptClicks, releaseClicks, state } from "../../map/map.js";
import { syncLayers } from "../../map/layers.js";
import { showComments } from "./layer.js";
import { render, run } from "./panel.js";
import { addOperation, closePlan, openPlan, planner, refOf, startPlan, unitByKey, updatePlan } from "./state.js";

const dialogs = {};

function today() {
  // the day in China, as the server counts it
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A dialog built once: fields, an error line, and OK/Cancel; onOk(values) may throw (shown in the error line). */
function formDialog(id, titleKey, fields, onOk, okKey) {
  if (dialogs[id]) return dialogs[id];
  const { dialog, head, close } = createDialog({ id: "plan-" + id + "-dialog", titleId: "plan-" + id + "-title", titleKey,
    className: "plan-dialog", closeId: "plan-" + id + "-close" });
  const error = h("p", { class: "form-error", role: "alert", hidden: true, id: "plan-" + id + "-error" });
  const extra = el("div", "plan-dialog-extra");
  const ok = h("button", { type: "submit", class: "btn btn-primary", id: "plan-" + id + "-ok", "data-i18n": okKey || "plans.ok" });
  const cancel = button({ class: "btn btn-secondary", "data-i18n": "plans.cancel", onclick: () => dialog.close() });
  const form = h("form", { class: "plan-form", novalidate: true }, fields.map(([key, control]) => field(key, control)), error, extra,
    h("div", { class: "plan-dialog-actions" }, ok, cancel));
  dialog.append(head, form);
  close.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    ok.disabled = true;
    try {
      if ((await onOk(dialogs[id])) !== false) dialog.close();
    } catch (err) {
      if (!silentError(err)) {
        error.textContent = err.message;
        error.hidden = false;
      }
    } finally {
      ok.disabled = false;
    }
  });
  apply(dialog);
  dialogs[id] = { dialog, error, extra, controls: Object.fromEntries(fields.map(([, c]) => [c.id, c])) };
  return dialogs[id];
}

function input(id, attrs) { return h("input", Object.assign({ id, type: "text" }, attrs || {})); }

function show(d, first) {
  d.error.hidden = true;
  apply(d.dialog);
  // the panel is drawn again after most dialogs: focus goes back to the button that opened the
  // dialog if it is still there, else to the plan's heading
  const origin = document.activeElement;
  const back = () => [origin && origin.id ? document.getElementById(origin.id) : null,
    document.getElementById("plan-title"), document.getElementById("plans-title")].find(focusable);
  openDialog(d.dialog, first, back);
}

async function parentOptions(select) {
  select.replaceChildren();
  const [districts, streets] = await Promise.all([getJson("api/layers/districts?limit=1000"), getJson("api/layers/streets?limit=5000")]);
  districts.features.concat(streets.features)
    .map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code))
    .forEach((p) => select.appendChild(textIn(h("option", { value: String(p.id), dataset: { code: p.code, level: p.level } }),
      p.code + " " + p.name)));
}

export async function openNewPlan() {
  const d = formDialog("new", "plans.newTitle", [
    ["plans.parent", h("select", { id: "plan-new-parent", required: true })],
    ["plans.name", input("plan-new-name", { maxlength: "200", required: true })]
  ], async (dd) => {
    const sel = dd.controls["plan-new-parent"];
    const name = dd.controls["plan-new-name"].value.trim();
    if (!name) throw new Error(t("plans.needName"));
    const opt = sel.selectedOptions[0];
    await startPlan({ id: Number(sel.value), code: opt.dataset.code, name: opt.textContent.replace(/^\S+\s/, ""), level: opt.dataset.level }, name);
  }, "plans.start");
  await parentOptions(d.controls["plan-new-parent"]);
  d.controls["plan-new-name"].value = t("plans.defaultName", { date: today() });
  show(d, d.controls["plan-new-parent"]);
}

export async function openSuggest() {
  const d = formDialog("suggest", "plans.suggestTitle", [
    ["plans.parent", h("select", { id: "plan-suggest-parent" })],
    ["plans.basis", h("select", { id: "plan-suggest-basis" },
      h("option", { value: "households", "data-i18n": "plans.households" }), h("option", { value: "population", "data-i18n": "plans.population" }))],
    ["plans.min", input("plan-suggest-min", { type: "number", min: "1", value: "3000", inputmode: "numeric" })],
    ["plans.max", input("plan-suggest-max", { type: "number", min: "1", value: "5000", inputmode: "numeric" })],
    ["plans.count", input("plan-suggest-count", { type: "number", min: "1", inputmode: "numeric" })],
    ["plans.seed", input("plan-suggest-seed", { type: "number", min: "0", value: "1", inputmode: "numeric" })]
  ], async (dd) => {
    const c = dd.controls;
    const body = { parent_id: Number(c["plan-suggest-parent"].value),
      target: { basis: c["plan-suggest-basis"].value, min: Number(c["plan-suggest-min"].value), max: Number(c["plan-suggest-max"].value) },
      seed: Number(c["plan-suggest-seed"].value || 0) };
    if (c["plan-suggest-count"].value !== "") body.count = Number(c["plan-suggest-count"].value);
    const s = await api("api/plans/suggest", { method: "POST", body });
    s.plan.name = t("plans.suggestedName", { n: s.count, min: body.target.min, max: body.target.max,
      basis: t("plans." + body.target.basis), date: today() });
    const plan = await api("api/plans", { method: "POST", body: s.plan });
    showMessage(t("plans.suggested", { n: s.count, name: plan.name }), "info");
    await openPlan(plan.id);
  }, "plans.suggestRun");
  await parentOptions(d.controls["plan-suggest-parent"]);
  show(d, d.controls["plan-suggest-parent"]);
}

/** A plan file (the JSON a plan is saved as, e.g. docs/plans/tongling-2010.json) saved as a new plan. */
export async function importFile(inputEl) {
  const file = inputEl.files && inputEl.files[0];
  inputEl.value = "";
  if (!file) return;
  let body;
  try {
    body = JSON.parse(await file.text());
  } catch (e) {
    throw new Error(t("plans.badFile"));
  }
  const plan = await api("api/plans", { method: "POST", body });
  await openPlan(plan.id);
}

function largestSelected() {
  let best = null;
  planner.selection.forEach((k) => {
    const f = unitByKey(k);
    if (f && (!best || (f.properties.households || 0) > (best.properties.households || 0))) best = f;
  });
  return best;
}

export function openMerge() {
  const d = formDialog("merge", "plans.mergeTitle", [["plans.mergedName", input("plan-merge-name", { maxlength: "100", required: true })]],
    async (dd) => {
      const name = dd.controls["plan-merge-name"].value.trim();
      if (!name) throw new Error(t("plans.needName"));
      await addOperation({ op: "merge", units: Array.from(planner.selection).map(refOf), name });
    });
  const big = largestSelected();
  d.controls["plan-merge-name"].value = big ? big.properties.name : "";
  show(d, d.controls["plan-merge-name"]);
}

export function openRegrid() {
  const d = formDialog("regrid", "plans.regridTitle", [
    ["plans.cellMin", input("plan-regrid-min", { type: "number", min: "1", value: "300", inputmode: "numeric" })],
    ["plans.cellMax", input("plan-regrid-max", { type: "number", min: "1", value: "500", inputmode: "numeric" })]
  ], async (dd) => {
    const [key] = Array.from(planner.selection);
    await addOperation({ op: "regrid", unit: refOf(key), target: { basis: "households",
      min: Number(dd.controls["plan-regrid-min"].value), max: Number(dd.controls["plan-regrid-max"].value) } });
  });
  show(d, d.controls["plan-regrid-min"]);
}

export function openRename() {
  const d = formDialog("rename", "plans.renameTitle", [
    ["plans.newName", input("plan-rename-name", { maxlength: "100" })],
    ["plans.newCode", input("plan-rename-code", { maxlength: "12", inputmode: "numeric" })]
  ], async (dd) => {
    const [key] = Array.from(planner.selection);
    const op = { op: "rename", unit: refOf(key) };
    const name = dd.controls["plan-rename-name"].value.trim(), code = dd.controls["plan-rename-code"].value.trim();
    if (name) op.name = name;
    if (code) op.code = code;
    if (!name && !code) throw new Error(t("plans.needName"));
    await addOperation(op);
  });
  const f = unitByKey(Array.from(planner.selection)[0]);
  d.controls["plan-rename-name"].value = f ? f.properties.name : "";
  d.controls["plan-rename-code"].value = "";
  show(d, d.controls["plan-rename-name"]);
}

export function openPublish() {
  const d = formDialog("publish", "plans.publishTitle", [["plans.commentDays", input("plan-publish-days", { type: "number", min: "1", max: "365", value: "30", inputmode: "numeric" })]],
    async (dd) => {
      await updatePlan("api/plans/" + planner.plan.id + "/publish", "POST",
        { version: planner.plan.version, comment_days: Number(dd.controls["plan-publish-days"].value) });
      showMessage(t("plans.published", { to: planner.plan.comment_to }), "info");
    }, "plans.publish");
  show(d, d.controls["plan-publish-days"]);
}

export function setStatus(status) {
  return updatePlan("api/plans/" + planner.plan.id, "PATCH", { version: planner.plan.version, status });
}

export function openCommit() {
  const d = formDialog("commit", "plans.commitTitle", [
    ["plans.effectiveDate", input("plan-commit-date", { type: "date", required: true })],
    ["plans.legalRef", input("plan-commit-ref", { maxlength: "200", required: true, "data-i18n-placeholder": "plans.legalRefHint" })]
  ], async (dd) => {
    const date = dd.controls["plan-commit-date"].value, ref = dd.controls["plan-commit-ref"].value.trim();
    if (!date || !ref) throw new Error(t("plans.needDateRef"));
    const r = await api("api/plans/" + planner.plan.id + "/commit", { method: "POST",
      body: { version: planner.plan.version, effective_date: date, legal_ref: ref } });
    showMessage(t("plans.committed", { closed: r.units_closed, created: r.units_created, cells: r.cells_created, cases: r.cases_moved, date }), "info");
    closePlan();
    syncLayers(true);
  }, "plans.commit");
  d.controls["plan-commit-date"].value = today();
  d.controls["plan-commit-date"].max = today();
  show(d, d.controls["plan-commit-date"]);
}

// --- compare ---------------------------------------------------------------------------------

const compareMaps = [];

export async function openCompare() {
  const d = formDialog("compare", "plans.compareTitle", [["plans.compareWith", h("select", { id: "plan-compare-with" })]], async (dd) => {
    const other = dd.controls["plan-compare-with"].value;
    if (!other) throw new Error(t("plans.noOther"));
    const cmp = await getJson("api/plans/" + planner.plan.id + "/compare?with=" + other);
    showComparison(dd.extra, cmp);
    return false; // stay open: the comparison is shown in the dialog
  }, "plans.compareRun");
  const sel = d.controls["plan-compare-with"];
  sel.replaceChildren();
  const plans = await getJson("api/plans?parent=" + planner.parent.id);
  plans.filter((p) => p.id !== planner.plan.id && (p.status === "draft" || p.status === "published"))
    .forEach((p) => sel.appendChild(textIn(h("option", { value: String(p.id) }), p.name + " (" + t("plans.status." + p.status) + ")")));
  d.extra.replaceChildren();
  show(d, sel);
}

function lowest(fc) {
  const order = ["city", "district", "street", "community"];
  const lvl = fc.features.reduce((m, f) => Math.max(m, order.indexOf(f.properties.level)), -1);
  return fc.features.filter((f) => order.indexOf(f.properties.level) === lvl);
}

function showComparison(box, cmp) {
  compareMaps.splice(0).forEach((m) => m.remove());
  box.replaceChildren();
  const side = (which, data) => {
    const col = el("div", "plan-compare-side");
    col.appendChild(textIn(el("h3"), data.plan.name));
    const mapDiv = h("div", { class: "plan-compare-map", id: "plan-compare-map-" + which, role: "img",
      "aria-label": t("plans.compareMap", { name: data.plan.name }) });
    col.appendChild(mapDiv);
    const pm = Object.values(data.metrics).pop();
    col.appendChild(el("p", null, t("plans.spread", { n: pm.units, min: formatNumber(pm.size.min, 0), max: formatNumber(pm.size.max, 0),
      cv: formatNumber(pm.size.cv, 2), pp: formatNumber(pm.polsby_popper.mean, 2) })));
    col.appendChild(el("p", null, data.committable ? t("plans.committable") : t("plans.notCommittable", { n: data.problems.filter((x) => x.blocking).length })));
    return { col, mapDiv, units: lowest(data.units) };
  };
  const a = side("a", cmp.a), b = side("b", cmp.b);
  box.appendChild(h("div", { class: "plan-compare" }, a.col, b.col));
  box.appendChild(el("p", "plan-compare-moved", t("plans.movedCells", { n: cmp.moved_cells.length })));
  if (cmp.moved_cells.length > 0) {
    const list = el("p", "panel-hint");
    textIn(list, cmp.moved_cells.slice(0, 30).map((m) => m.cell_code).join("、") + (cmp.moved_cells.length > 30 ? " …" : ""));
    box.appendChild(list);
  }
  requestAnimationFrame(() => [a, b].forEach((s) => {
    const m = L.map(s.mapDiv, { zoomControl: false, attributionControl: false, dragging: true, keyboard: false });
    const g = L.geoJSON({ type: "FeatureCollection", features: s.units }, {
      style: (f) => ({ color: "#37474f", weight: 1, fillColor: f.properties.status === "new" ? "#ffb74d" : "#b0bec5", fillOpacity: 0.5 })
    }).addTo(m);
    m.fitBounds(g.getBounds());
    compareMaps.push(m);
  }));
}

// --- comments --------------------------------------------------------------------------------

export function commentsBox() {
  const box = h("section", { class: "plan-comments", "aria-labelledby": "plan-comments-title" });
  box.appendChild(h("h4", { id: "plan-comments-title", "data-i18n": "plans.comments" }));
  const list = h("ol", { class: "plan-comment-list", id: "plan-comment-list" });
  box.appendChild(list);
  const planId = planner.plan.id;
  run(async () => {
    const comments = await getJson("api/plans/" + planId + "/comments");
    list.replaceChildren();
    if (comments.length === 0) list.appendChild(h("li", { class: "panel-hint", text: t("plans.noComments") }));
    comments.forEach((c) => {
      const li = el("li", "plan-comment");
      li.appendChild(textIn(el("span", "plan-comment-author"), c.author));
      li.appendChild(el("span", "plan-comment-when", " · " + formatDateTime(c.created_at) + (c.location ? " · " + t("plans.atPlace") : "")));
      li.appendChild(textIn(el("p", "plan-comment-body"), c.body));
      list.appendChild(li);
    });
    showComments(comments);
  });
  if (planner.plan.status === "published" && can("plans:comment") && currentUser()) box.appendChild(commentForm(planId));
  return box;
}

function commentForm(planId) {
  const text = h("textarea", { id: "plan-comment-text", maxlength: "2000", rows: "3" });
  const where = el("p", "panel-hint plan-comment-where");
  where.id = "plan-comment-where";
  let place = null;
  let release = null;
  const pick = button({ id: "plan-comment-pick", class: "btn btn-small", "data-i18n": "plans.pickPlace", onclick: () => {
    where.textContent = t("plans.pickHint");
    state.map.getContainer().classList.add("is-picking");
    const end = () => {
      releaseClicks();
      state.map.getContainer().classList.remove("is-picking");
      if (release) release();
      release = null;
    };
    release = onEscape(() => { end(); where.textContent = ""; pick.focus(); });
    interceptClicks((latlng) => {
      place = latlng;
      end();
      where.textContent = t("plans.placeChosen", { lat: latlng.lat.toFixed(5), lon: latlng.lng.toFixed(5) });
      pick.focus();
    });
  } });
  const error = h("p", { class: "form-error", role: "alert", hidden: true, id: "plan-comment-error" });
  const form = h("form", { class: "plan-comment-form", novalidate: true }, field("plans.yourComment", text), pick, where, error,
    h("button", { type: "submit", class: "btn", id: "plan-comment-send", "data-i18n": "plans.send" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    const body = { body: text.value };
    if (place) { body.lon = place.lng; body.lat = place.lat; }
    try {
      await api("api/plans/" + planId + "/comments", { method: "POST", body });
      planner.plan.comments += 1;
      render();
      const again = document.getElementById("plan-comment-text");
      if (again) again.focus();
    } catch (err) {
      if (!silentError(err)) { error.textContent = err.message; error.hidden = false; }
    }
  });
  return form;
}
