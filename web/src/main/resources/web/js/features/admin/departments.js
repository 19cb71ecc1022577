/*
 * Case settings, tab 2: the departments cases are dispatched to. Add one (POST api/departments),
 * rename it or switch it off (PUT api/departments/{id} with its version); departments are never
 * deleted, since cases and categories refer to them.
 */
import { api } from "../../api.js";
import { field } from "../../dialog.js";
import { button, byId, h, textIn } from "../../dom.js";
import { t } from "../../i18n.js";
import { clearProblem, departmentList, hideForm, loadDepartments, refuse, scrollingTable, showForm, showProblem } from "./settings-shared.js";

const COLUMNS = ["code", "name", "nameEn", "active"].map((c) => "settings.dept.col." + c).concat(["settings.col.actions"]);

let dom = null;
const state = { editing: null, origin: null };

function input(id, attrs) {
  return h("input", Object.assign({ id, name: id, type: "text", autocomplete: "off", required: true }, attrs));
}

export function buildDepartments() {
  const add = button({ class: "btn btn-secondary", id: "dept-add", "data-i18n": "settings.dept.add" });
  const status = h("p", { id: "dept-status", class: "settings-status", role: "status", "aria-live": "polite" });
  const loadError = h("p", { id: "dept-load-error", class: "form-error", role: "alert", hidden: true });
  const rows = h("tbody", { id: "dept-rows" });
  const f = {
    code: input("dept-code", { maxlength: "32", pattern: "[a-z0-9_-]{2,32}", lang: "en", "aria-describedby": "dept-code-hint" }),
    name: input("dept-name", { maxlength: "100" }),
    nameEn: input("dept-name-en", { maxlength: "100", lang: "en" }),
    active: h("input", { id: "dept-active", name: "dept-active", type: "checkbox" })
  };
  const heading = h("h3", { id: "dept-form-title" });
  const error = h("p", { id: "dept-error", class: "form-error", role: "alert", hidden: true });
  const cancel = button({ class: "btn btn-secondary", id: "dept-cancel", "data-i18n": "settings.cancel" });
  const form = h("form", { id: "dept-form", class: "settings-form", novalidate: true, hidden: true, "aria-labelledby": "dept-form-title" },
    heading,
    h("div", { class: "settings-grid" },
      h("div", null, field("settings.dept.code", f.code), h("p", { id: "dept-code-hint", class: "field-hint", "data-i18n": "settings.dept.codeHint" })),
      field("settings.dept.name", f.name),
      field("settings.dept.nameEn", f.nameEn)),
    h("label", { class: "field-check", for: "dept-active" }, f.active, h("span", { "data-i18n": "settings.dept.active" })),
    error,
    h("div", { class: "settings-actions" },
      h("button", { type: "submit", class: "btn btn-primary", id: "dept-save", "data-i18n": "settings.save" }), cancel));
  add.addEventListener("click", () => openForm(null));
  cancel.addEventListener("click", () => closeForm());
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  dom = { add, status, loadError, rows, f, heading, error, form };
  const content = [h("div", { class: "settings-toolbar" }, add, status), form, loadError,
    scrollingTable("dept-table", "settings.dept.caption", COLUMNS, rows)];
  return { content, load: () => load(true), relabel: render };
}

function render() {
  dom.rows.replaceChildren(...departmentList().map((d) => h("tr", { dataset: { id: String(d.id) }, class: d.active ? null : "settings-retired" },
    h("td", null, h("code", { text: d.code })),
    textIn(h("td"), d.name),
    textIn(h("td"), d.name_en),
    h("td", { text: t(d.active ? "settings.yes" : "settings.inactive") }),
    h("td", null, button({ class: "btn btn-secondary btn-small", id: "dept-edit-" + d.id,
      "aria-label": t("settings.dept.editOne", { name: d.name }), text: t("settings.edit"),
      onclick: () => openForm(d) })))));
}

async function load(force) {
  clearProblem(dom.loadError);
  try {
    await loadDepartments(force);
    render();
  } catch (e) {
    showProblem(dom.loadError, e);
  }
}

function fill(d) {
  dom.f.code.value = d ? d.code : "";
  dom.f.name.value = d ? d.name : "";
  dom.f.nameEn.value = d ? d.name_en : "";
  dom.f.active.checked = d ? d.active : true;
  dom.heading.textContent = d ? t("settings.dept.editTitle", { name: d.name }) : t("settings.dept.addTitle");
}

function openForm(d) {
  state.editing = d;
  state.origin = d ? () => byId("dept-edit-" + d.id) : dom.add;
  fill(d);
  showForm(dom, d ? dom.f.name : dom.f.code);
}

function closeForm() {
  state.editing = null;
  hideForm(dom, state.origin);
}

function check() {
  const f = dom.f;
  dom.form.querySelectorAll("[aria-invalid]").forEach((x) => x.removeAttribute("aria-invalid"));
  if (!/^[a-z0-9_-]{2,32}$/.test(f.code.value.trim())) return refuse(dom, f.code, "settings.dept.badCode");
  const empty = [f.name, f.nameEn].find((x) => !x.value.trim());
  return empty ? refuse(dom, empty, "settings.required") : true;
}

async function submit() {
  clearProblem(dom.error);
  if (!check()) return;
  const editing = state.editing;
  const b = { code: dom.f.code.value.trim(), name: dom.f.name.value.trim(), name_en: dom.f.nameEn.value.trim(),
    active: dom.f.active.checked, version: editing ? editing.version : null };
  let saved;
  try {
    saved = await api(editing ? "api/departments/" + editing.id : "api/departments", { method: editing ? "PUT" : "POST", body: b });
  } catch (e) {
    if (showProblem(dom.error, e, editing ? "settings.dept.conflict" : "settings.dept.exists") && editing) {
      await load(true);
      const fresh = departmentList().find((d) => d.id === editing.id);
      if (fresh) {
        state.editing = fresh;
        fill(fresh);
      }
    }
    return;
  }
  state.origin = () => byId("dept-edit-" + saved.id);
  await load(true);
  closeForm();
  dom.status.textContent = t("settings.dept.saved", { name: b.name });
}
