/*
 * One case in full, in a dialog: status and deadline, description, reporter (masked; the
 * command centre may reveal the contact, which the server records), photos, history, and only
 * the workflow steps the signed-in user may take now (the server's "actions"), each with what it
 * needs: a note, a grid worker or department, the original of a duplicate, photos.
 */
import { api, getJson, silentError } from "../../api.js";
import { emit, on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, h } from "../../dom.js";
import { formatDateTime } from "../../format.js";
import { apply, lang, t, tOr } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { can } from "../../session.js";
import { state } from "../../map/map.js";
import { uploadPhoto } from "./queue.js";

/** Steps that carry photos of what was found or done. */
const PHOTO_STEPS = new Set(["handle", "verify", "fail_verification", "report"]);
const NOTE_STEPS = new Set(["reject", "handle", "fail_verification", "close_not_fixed", "park", "reopen"]);

let dom = null;
let current = null;       // the case Feature shown
let departments = null;

function build() {
  const { dialog, head, close } = createDialog({ id: "case-dialog", titleId: "case-title", titleKey: "case.title",
    className: "case-dialog", closeId: "case-close" });
  const body = h("div", { id: "case-body", class: "case-body" });
  const error = h("p", { id: "case-error", class: "form-error", role: "alert", hidden: true });
  dialog.append(head, error, body);
  apply(dialog);
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { current = null; }); // openDialog returns focus where it came from
  return { dialog, body, error };
}

export async function openCase(id) {
  if (!dom) dom = build();
  showError("");
  try {
    current = await getJson("api/cases/" + id);
  } catch (e) {
    if (!silentError(e)) showMessage(t("case.loadFailed", { detail: e.message }));
    return;
  }
  render();
  openDialog(dom.dialog, dom.dialog.querySelector("#case-close"));
}

function showError(text) {
  if (!dom) return;
  dom.error.textContent = text || "";
  dom.error.hidden = !text;
}

function row(labelKey, value) {
  if (value == null || value === "") return null;
  return h("div", { class: "case-row" }, h("dt", { "data-i18n": labelKey, text: t(labelKey) }), h("dd", null, value));
}

function render() {
  const p = current.properties;
  const name = lang() === "en" ? p.category_name_en : p.category_name;
  const badge = h("span", { class: "case-status status-" + p.status, text: tOr("caseStatus." + p.status, p.status) });
  const flags = [];
  if (p.overdue) flags.push(h("span", { class: "case-flag flag-overdue", text: t("case.overdue") }));
  else if (p.due_soon) flags.push(h("span", { class: "case-flag flag-soon", text: t("case.dueSoon") }));
  if (p.rework_count > 0) flags.push(h("span", { class: "case-flag", text: t("case.reworked", { n: p.rework_count }) }));
  const reporter = p.reporter ? h("span", null, [p.reporter.name, p.reporter.phone].filter(Boolean).join(" · "),
    p.reporter.full_available && can("people:read")
      ? button({ id: "case-reveal", class: "btn btn-small", text: t("case.revealContact"), onclick: reveal }) : null) : null;
  dom.body.replaceChildren(...[
    h("p", { class: "case-head" }, h("strong", { id: "case-code", text: p.code }), " ", badge, " ", ...flags),
    h("p", { class: "case-category", text: p.category_code + " " + (name || "") }),
    h("p", { class: "case-description", text: p.description || "" }),
    h("dl", { class: "case-facts" },
      row("case.address", p.address),
      row("case.place", [p.district_name, p.community_name, p.cell_code].filter(Boolean).join(" / ")),
      row("case.priority", tOr("priority." + p.priority, p.priority)),
      row("case.source", tOr("source." + p.source, p.source)),
      row("case.reportedAt", formatDateTime(p.reported_at)),
      row("case.dueAt", p.due_at ? formatDateTime(p.due_at) : null),
      row("case.closeDueAt", p.close_due_at ? formatDateTime(p.close_due_at) : null),
      row("case.handler", p.department_name ? (lang() === "en" ? p.department_name_en : p.department_name) : p.assignee_name),
      row("case.statusNote", p.status_note),
      row("case.mergedInto", p.merged_into_code),
      row("case.reporter", reporter)),
    photos(p), actions(p), history(p)].filter(Boolean));
}

async function reveal() {
  try {
    const r = await getJson("api/cases/" + current.id + "/reporter");
    const target = dom.body.querySelector("#case-reveal").parentElement;
    target.replaceChildren([r.name, r.phone, tOr("contact." + r.contact_preference, r.contact_preference)].filter(Boolean).join(" · "));
  } catch (e) {
    if (!silentError(e)) showError(e.message);
  }
}

function photoUrl(p, photo, thumb) {
  return "api/cases/" + p.id + "/photos/" + photo.id + (thumb ? "?size=thumb" : "");
}

function photos(p) {
  if (!p.photos || p.photos.length === 0) return null;
  return h("section", { class: "case-photos", "aria-labelledby": "case-photos-title" },
    h("h3", { id: "case-photos-title", "data-i18n": "case.photos", text: t("case.photos") }),
    h("ul", { class: "photo-list" }, p.photos.map((ph, i) => h("li", null,
      h("a", { href: photoUrl(p, ph, false), target: "_blank", rel: "noopener" },
        h("img", { src: photoUrl(p, ph, true), alt: t("case.photoAlt", { n: i + 1, code: p.code }), width: "120", height: "90" }))))));
}

function history(p) {
  return h("section", { class: "case-history", "aria-labelledby": "case-history-title" },
    h("h3", { id: "case-history-title", "data-i18n": "case.history", text: t("case.history") }),
    h("ol", { class: "history-list" }, (p.history || []).map((e) => h("li", null,
      h("span", { class: "history-when", text: formatDateTime(e.at) }), " ",
      h("strong", { text: tOr("action." + e.action, e.action) }),
      e.actor_name ? " · " + e.actor_name : (e.actor_role ? " · " + tOr("role." + e.actor_role, e.actor_role) : ""),
      e.assignee_name ? " → " + e.assignee_name : "", e.department_name ? " → " + e.department_name : "",
      e.related_case_code ? " (" + e.related_case_code + ")" : "",
      e.note ? h("div", { class: "history-note", text: e.note }) : null,
      e.photos && e.photos.length ? h("div", { class: "history-note", text: t("case.photoCount", { n: e.photos.length }) }) : null))));
}

function actions(p) {
  if (!p.actions || p.actions.length === 0) return null;
  const box = h("section", { class: "case-actions", "aria-labelledby": "case-actions-title" },
    h("h3", { id: "case-actions-title", "data-i18n": "case.actions", text: t("case.actions") }));
  const buttons = h("div", { class: "action-buttons" }, p.actions.map((a) =>
    button({ id: "case-action-" + a, class: "btn " + (a === "reject" || a === "close_not_fixed" ? "btn-secondary" : "btn-primary"),
      text: tOr("action." + a, a), dataset: { action: a }, onclick: () => showForm(box, a) })));
  box.append(buttons);
  return box;
}

async function ensureDepartments() {
  if (departments) return departments;
  try { departments = await getJson("api/departments"); } catch (e) { departments = []; }
  return departments;
}

async function showForm(box, action) {
  const old = box.querySelector("form");
  if (old) old.remove();
  const p = current.properties;
  const controls = [];
  let note = null, target = null, original = null, files = null;
  if (NOTE_STEPS.has(action)) {
    note = h("textarea", { id: "case-note", rows: "3", maxlength: "2000", required: true });
    controls.push(field(action === "handle" ? "case.feedback" : "case.reason", note));
  }
  if (action === "dispatch") {
    target = h("select", { id: "case-target", required: true });
    const depts = (await ensureDepartments()).filter((d) => d.active);
    target.append(h("option", { value: "", text: t("case.chooseTarget") }));
    if (p.cell_worker_id != null) target.append(h("option", { value: "w" + p.cell_worker_id, text: t("case.cellWorker") }));
    depts.forEach((d) => target.append(h("option", { value: "d" + d.id, text: lang() === "en" ? d.name_en : d.name })));
    controls.push(field("case.target", target));
  }
  if (action === "merge") {
    original = h("input", { id: "case-original", type: "text", inputmode: "numeric", required: true, "aria-describedby": "case-original-hint" });
    controls.push(field("case.original", original), h("p", { id: "case-original-hint", class: "field-hint", text: t("case.originalHint") }));
  }
  if (PHOTO_STEPS.has(action)) {
    files = h("input", { id: "case-photos-input", type: "file", accept: "image/*", capture: "environment", multiple: true });
    controls.push(field("case.addPhotos", files));
  }
  const submit = h("button", { type: "submit", id: "case-submit", class: "btn btn-primary", text: t("case.confirm", { action: tOr("action." + action, action) }) });
  const cancel = button({ class: "btn btn-secondary", text: t("form.cancel") });
  const form = h("form", { class: "case-form", novalidate: true }, controls, h("div", { class: "dialog-actions" }, cancel, submit));
  cancel.addEventListener("click", () => { form.remove(); box.querySelector("[data-action='" + action + "']").focus(); });
  form.addEventListener("submit", (e) => { e.preventDefault(); take(action, { note, target, original, files }, submit); });
  box.append(form);
  (controls.length ? form.querySelector("textarea, select, input") : submit).focus();
}

async function take(action, c, submit) {
  const body = { action, version: current.properties.version };
  if (c.note) {
    if (c.note.value.trim() === "") { showError(t("case.needNote")); c.note.focus(); return; }
    body.note = c.note.value.trim();
  }
  if (c.target) {
    const v = c.target.value;
    if (!v) { showError(t("case.needTarget")); c.target.focus(); return; }
    if (v.startsWith("w")) body.assignee_id = Number(v.slice(1)); else body.department_id = Number(v.slice(1));
  }
  if (c.original) {
    const v = c.original.value.trim();
    if (!/^\d+$/.test(v)) { showError(t("case.needOriginal")); c.original.focus(); return; }
    body.original_id = Number(v);
  }
  submit.disabled = true;
  showError("");
  try {
    current = await api("api/cases/" + current.id + "/transitions", { method: "POST", body });
    for (const f of Array.from((c.files && c.files.files) || []).slice(0, 3)) {
      try { await uploadPhoto(current.id, f); } catch (e) { showMessage(t("case.photoFailed", { detail: e.message })); }
    }
    if (c.files && c.files.files && c.files.files.length) current = await getJson("api/cases/" + current.id);
    showMessage(t("case.done", { code: current.properties.code, status: tOr("caseStatus." + current.properties.status, "") }), "info");
    emit("case-changed", current);
    render();
    dom.dialog.querySelector("#case-close").focus();
  } catch (e) {
    if (!silentError(e)) showError(e.message);
  } finally {
    submit.disabled = false;
  }
}

/** Reloads the shown case when a live update says it moved. */
on("case-updated", (id) => {
  if (current && current.id === id && dom.dialog.open && !dom.dialog.querySelector("form.case-form")) {
    getJson("api/cases/" + id).then((f) => { current = f; render(); }).catch(() => { /* keep what is shown */ });
  }
});
on("signed-out", () => { if (dom && dom.dialog.open) dom.dialog.close(); departments = null; });
on("language-changed", () => { if (current && dom.dialog.open) render(); });

export function caseShown() { return current; }
export function mapOf() { return state.map; }
