/* What the tabs of the case settings dialog share: the departments, problem display, tables. */
import { getJson, silentError } from "../../api.js";
import { h } from "../../dom.js";
import { restoreFocus } from "../../focus.js";
import { apply, lang, t } from "../../i18n.js";

/** The departments, shared by the categories tab (its select and table) and the departments tab. */
const departments = { list: [], loaded: null };

export function loadDepartments(force) {
  if (force || !departments.loaded) {
    departments.loaded = getJson("api/departments").then((list) => (departments.list = list), (e) => {
      departments.loaded = null; // the next tab or retry asks again
      throw e;
    });
  }
  return departments.loaded;
}

export function forgetDepartments() {
  departments.loaded = null;
  departments.list = [];
}

export function departmentList() { return departments.list; }

export function departmentName(d) {
  return d ? (lang() === "en" ? d.name_en : d.name) : "";
}

/**
 * Shows an API refusal (problem JSON detail) in the form's error box, next to what was sent; a
 * 409 (someone else saved first) gets the tab's own explanation. Returns true if it was a 409.
 */
export function showProblem(box, e, conflictKey) {
  if (silentError(e)) return false;
  const conflict = e.status === 409 && conflictKey;
  box.textContent = conflict ? t(conflictKey) + (e.fromServer ? " (" + e.message + ")" : "") : e.message;
  box.hidden = false;
  return !!conflict;
}

export function clearProblem(box) {
  box.textContent = "";
  box.hidden = true;
}

/** A table in a region that scrolls by itself on a narrow screen, reachable with the keyboard. */
export function scrollingTable(id, captionKey, columns, body) {
  return h("div", { class: "settings-table-wrap", tabindex: "0", role: "region", "aria-labelledby": id + "-caption" },
    h("table", { id, class: "settings-table" },
      h("caption", { id: id + "-caption", class: "visually-hidden", "data-i18n": captionKey }),
      h("thead", null, h("tr", null, columns.map((c) => h("th", { scope: "col", "data-i18n": c })))),
      body));
}

/** Shows an edit form above a tab's table: no old message, focus on its first field. */
export function showForm(part, first) {
  clearProblem(part.error);
  part.status.textContent = "";
  part.form.querySelectorAll("[aria-invalid]").forEach((x) => x.removeAttribute("aria-invalid"));
  part.form.hidden = false;
  apply(part.form);
  first.focus();
}

/** Hides it again; focus goes back to the button that opened it (found afresh: the table is redrawn). */
export function hideForm(part, origin) {
  part.form.hidden = true;
  restoreFocus(origin, part.add);
}

/** Marks a field as wrong, puts focus on it and says why in the form. Returns false. */
export function refuse(part, control, key) {
  control.setAttribute("aria-invalid", "true");
  control.focus();
  showProblem(part.error, new Error(t(key)));
  return false;
}
