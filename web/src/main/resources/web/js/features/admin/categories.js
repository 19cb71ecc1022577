/*
 * Case settings, tab 1: the case categories with their deadlines per workflow step. A row is
 * edited in the form above the table (PUT api/categories/{code} with the version it was read at);
 * "add" opens the same form for a new 4-digit code. A category is retired by unticking "active"
 * (cases refer to it, so it is never deleted).
 */
import { api, silentError } from "../../api.js";
import { field } from "../../dialog.js";
import { button, byId, h, textIn } from "../../dom.js";
import { t } from "../../i18n.js";
import {
  clearProblem, departmentList, departmentName, hideForm, loadDepartments, refuse, scrollingTable, showForm, showProblem
} from "./settings-shared.js";

export const STEPS = ["register", "dispatch", "handle", "verify"];
const UNITS = ["work_hours", "work_days", "hours"];
const COLUMNS = ["code", "major", "name", "nameEn", "kind", "department", "active"].map((c) => "settings.cat.col." + c)
  .concat(STEPS.map((s) => "settings.step." + s), ["settings.col.actions"]);

let dom = null;
const state = { list: [], editing: null, origin: null };

function input(id, attrs) {
  return h("input", Object.assign({ id, name: id, type: "text", autocomplete: "off" }, attrs));
}

function deadlineFields(step) {
  const amount = input("cat-amount-" + step, { type: "number", min: "1", max: "1000", step: "1", inputmode: "numeric", required: true });
  const unit = h("select", { id: "cat-unit-" + step, name: "cat-unit-" + step },
    UNITS.map((u) => h("option", { value: u, "data-i18n": "settings.unit." + u })));
  return h("fieldset", { class: "settings-deadline" },
    h("legend", { "data-i18n": "settings.step." + step }),
    field("settings.cat.amount", amount), field("settings.cat.unit", unit));
}

function buildForm() {
  const f = {
    code: input("cat-code", { maxlength: "4", inputmode: "numeric", pattern: "[0-9]{4}", required: true, "aria-describedby": "cat-code-hint" }),
    kind: h("select", { id: "cat-kind", name: "cat-kind" },
      h("option", { value: "event", "data-i18n": "settings.kind.event" }),
      h("option", { value: "component", "data-i18n": "settings.kind.component" })),
    major: input("cat-major", { maxlength: "50", required: true }),
    name: input("cat-name", { maxlength: "50", required: true }),
    nameEn: input("cat-name-en", { maxlength: "100", required: true, lang: "en" }),
    department: h("select", { id: "cat-department", name: "cat-department" }),
    active: h("input", { id: "cat-active", name: "cat-active", type: "checkbox" })
  };
  const heading = h("h3", { id: "cat-form-title", tabindex: "-1" });
  const error = h("p", { id: "cat-error", class: "form-error", role: "alert", hidden: true });
  const save = h("button", { type: "submit", class: "btn btn-primary", id: "cat-save", "data-i18n": "settings.save" });
  const cancel = button({ class: "btn btn-secondary", id: "cat-cancel", "data-i18n": "settings.cancel" });
  const form = h("form", { id: "cat-form", class: "settings-form", novalidate: true, hidden: true, "aria-labelledby": "cat-form-title" },
    heading,
    h("div", { class: "settings-grid" },
      h("div", null, field("settings.cat.code", f.code), h("p", { id: "cat-code-hint", class: "field-hint", "data-i18n": "settings.cat.codeHint" })),
      field("settings.cat.kind", f.kind),
      field("settings.cat.major", f.major),
      field("settings.cat.name", f.name),
      field("settings.cat.nameEn", f.nameEn),
      field("settings.cat.department", f.department)),
    h("label", { class: "field-check", for: "cat-active" }, f.active, h("span", { "data-i18n": "settings.cat.active" })),
    h("div", { class: "settings-deadlines" }, STEPS.map(deadlineFields)),
    error,
    h("div", { class: "settings-actions" }, save, cancel));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  cancel.addEventListener("click", () => closeForm());
  return { form, f, heading, error };
}

export function buildCategories() {
  const add = button({ class: "btn btn-secondary", id: "cat-add", "data-i18n": "settings.cat.add" });
  const status = h("p", { id: "cat-status", class: "settings-status", role: "status", "aria-live": "polite" });
  const loadError = h("p", { id: "cat-load-error", class: "form-error", role: "alert", hidden: true });
  const rows = h("tbody", { id: "cat-rows" });
  const form = buildForm();
  add.addEventListener("click", () => openForm(null));
  const content = [h("div", { class: "settings-toolbar" }, add, status), form.form, loadError,
    scrollingTable("cat-table", "settings.cat.caption", COLUMNS, rows)];
  dom = Object.assign({ add, status, loadError, rows }, form);
  return { content, load, relabel: render };
}

function unitText(d) {
  return d ? t("settings.unit." + d.unit + ".n", { n: d.amount }) : "—";
}

function render() {
  const byId = new Map(departmentList().map((d) => [d.id, d]));
  dom.rows.replaceChildren(...state.list.map((c) => h("tr", { dataset: { code: c.code }, class: c.active ? null : "settings-retired" },
    h("td", null, h("code", { text: c.code })),
    textIn(h("td"), c.major_name),
    textIn(h("td"), c.name),
    textIn(h("td"), c.name_en),
    h("td", { text: t("settings.kind." + c.kind) }),
    textIn(h("td"), departmentName(byId.get(c.department_id)) || "—"),
    h("td", { text: t(c.active ? "settings.yes" : "settings.retired") }),
    STEPS.map((s) => h("td", { class: "settings-deadline-cell", text: unitText((c.deadlines || {})[s]) })),
    h("td", null, button({ class: "btn btn-secondary btn-small", id: "cat-edit-" + c.code,
      "aria-label": t("settings.cat.editOne", { code: c.code, name: c.name }), text: t("settings.edit"),
      onclick: () => openForm(c) })))));
  if (!dom.form.hidden) fillDepartments(dom.f.department.value);
}

async function load() {
  clearProblem(dom.loadError);
  try {
    const [list] = await Promise.all([api("api/categories?all=true"), loadDepartments()]);
    state.list = list;
    render();
  } catch (e) {
    if (!silentError(e)) showProblem(dom.loadError, e);
  }
}

function fillDepartments(selected) {
  const sel = dom.f.department;
  sel.replaceChildren(h("option", { value: "", text: t("settings.cat.noDepartment") }),
    ...departmentList().filter((d) => d.active || String(d.id) === String(selected))
      .map((d) => h("option", { value: String(d.id), text: departmentName(d) })));
  sel.value = selected == null ? "" : String(selected);
}

function fill(c) {
  const f = dom.f;
  f.code.value = c ? c.code : "";
  f.code.readOnly = !!c;
  f.kind.value = c ? c.kind : "event";
  f.major.value = c ? c.major_name : "";
  f.name.value = c ? c.name : "";
  f.nameEn.value = c ? c.name_en : "";
  f.active.checked = c ? c.active : true;
  fillDepartments(c ? c.department_id : null);
  for (const s of STEPS) {
    const d = c && c.deadlines ? c.deadlines[s] : null;
    byId("cat-amount-" + s).value = d ? d.amount : "";
    byId("cat-unit-" + s).value = d ? d.unit : "work_hours";
  }
  dom.heading.textContent = c ? t("settings.cat.editTitle", { code: c.code }) : t("settings.cat.addTitle");
}

function openForm(c) {
  state.editing = c;
  state.origin = c ? () => byId("cat-edit-" + c.code) : dom.add;
  fill(c);
  showForm(dom, c ? dom.f.kind : dom.f.code);
}

function closeForm() {
  state.editing = null;
  hideForm(dom, state.origin);
}

/** The form as a request body, or false (the first wrong field marked and explained) if it is not complete. */
function body() {
  const f = dom.f;
  dom.form.querySelectorAll("[aria-invalid]").forEach((x) => x.removeAttribute("aria-invalid"));
  if (!/^\d{4}$/.test(f.code.value.trim())) return refuse(dom, f.code, "settings.cat.badCode");
  const empty = [f.major, f.name, f.nameEn].find((x) => !x.value.trim());
  if (empty) return refuse(dom, empty, "settings.required");
  const deadlines = {};
  for (const s of STEPS) {
    const amount = byId("cat-amount-" + s);
    const n = Number(amount.value);
    if (amount.value.trim() === "" || !Number.isInteger(n) || n < 1 || n > 1000) return refuse(dom, amount, "settings.cat.badAmount");
    deadlines[s] = { amount: n, unit: byId("cat-unit-" + s).value };
  }
  return {
    kind: f.kind.value, major_name: f.major.value.trim(), name: f.name.value.trim(), name_en: f.nameEn.value.trim(),
    active: f.active.checked, department_id: f.department.value ? Number(f.department.value) : null,
    deadlines, version: state.editing ? state.editing.version : null
  };
}

async function submit() {
  clearProblem(dom.error);
  const b = body();
  if (!b) return;
  const code = dom.f.code.value.trim();
  try {
    await api("api/categories/" + code, { method: "PUT", body: b });
  } catch (e) {
    if (showProblem(dom.error, e, state.editing ? "settings.cat.conflict" : "settings.cat.exists") && state.editing) {
      // someone saved first: show what is stored now, so the admin redoes the change on it
      await load();
      const fresh = state.list.find((c) => c.code === code);
      if (fresh) {
        state.editing = fresh;
        fill(fresh);
      }
    }
    return;
  }
  state.origin = () => byId("cat-edit-" + code);
  await load();
  closeForm();
  dom.status.textContent = t("settings.cat.saved", { code });
}
