/*
 * Reporting a case: "report a case" → pick mode (click the map, press Enter on it, or use its
 * centre) → a small dialog → POST api/cases → the cases layer is reloaded and the new case's
 * popup opened with focus in it; closing it returns focus to "report a case". "case-changed" is
 * emitted with the new case. In care mode the same steps come as large screens (steps.js), which
 * share the categories and the submission below.
 */
import { api, getJson, silentError } from "../../api.js";
import { emit, on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, byId, el, h } from "../../dom.js";
import { onEscape } from "../../focus.js";
import { formatLatLng } from "../../format.js";
import { lang, t, tOr } from "../../i18n.js";
import { showMessage } from "../../messages.js";
import { can, currentSession } from "../../session.js";
import { reloadLayer } from "../../map/layers.js";
import { interceptClicks, releaseClicks, state } from "../../map/map.js";
import { showFeature } from "../../map/popup.js";

const report = {
  picking: false,
  latlng: null,
  marker: null,
  categories: null,       // from api/categories, fetched once per page
  busy: false,
  button: null,           // the toolbar button
  onPicked: null,         // where a picked place goes (the dialog, or the care-mode steps)
  releaseEscape: null
};

let dom = null;

function buildPickBanner() {
  const center = button({ class: "btn btn-small", id: "pick-center", "data-i18n": "report.useCenter" });
  const cancel = button({ class: "btn btn-small", id: "pick-cancel", "data-i18n": "report.cancelPick" });
  const banner = h("div", { id: "pick-banner", class: "pick-banner", hidden: true },
    h("span", { id: "pick-text", "data-i18n": "report.pickHint" }),
    h("span", { class: "pick-actions" }, center, cancel));
  byId("workspace").appendChild(banner);
  center.addEventListener("click", () => { if (state.map) pickAt(state.map.getCenter()); });
  cancel.addEventListener("click", cancelPick);
  return banner;
}

function buildDialog() {
  const { dialog, head, close } = createDialog({
    id: "report-dialog", titleId: "report-title", titleKey: "report.title",
    className: "report-dialog", closeId: "report-close"
  });
  const category = h("select", { id: "report-category", name: "category_code", required: true });
  const description = h("textarea", {
    id: "report-description", name: "description", rows: "4", maxlength: "2000", required: true,
    "data-i18n-placeholder": "report.descriptionPlaceholder"
  });
  const address = h("input", {
    id: "report-address", name: "address", type: "text", maxlength: "200",
    "data-i18n-placeholder": "report.addressPlaceholder"
  });
  const error = h("p", { id: "report-error", class: "form-error", role: "alert", hidden: true });
  const cancel = button({ class: "btn btn-secondary", id: "report-cancel", "data-i18n": "form.cancel" });
  const submit = h("button", { type: "submit", class: "btn btn-primary", id: "report-submit", "data-i18n": "report.submit" });
  const coords = h("span", { id: "report-coords", class: "report-coords" });
  const form = h("form", { id: "report-form", class: "dialog-form", novalidate: true },
    head,
    h("p", { class: "report-location" }, h("span", { "data-i18n": "report.location" }), " ", coords),
    field("report.category", category),
    field("report.description", description),
    field([h("span", { "data-i18n": "report.address" }), " ",
      h("span", { class: "optional", "data-i18n": "form.optional" })], address),
    error,
    h("div", { class: "dialog-actions" }, cancel, submit));
  dialog.appendChild(form);
  form.addEventListener("submit", submitReport);
  cancel.addEventListener("click", closeReportDialog);
  close.addEventListener("click", closeReportDialog);
  dialog.addEventListener("close", onReportDialogClosed);
  return { dialog, category, description, address, error, submit, coords };
}

/**
 * Pick mode: the next click on the map (or Enter on it, or "use map centre") chooses the place,
 * which goes to onPicked (default: the report dialog). Focus moves to "use map centre", the
 * nearest way to finish from the keyboard; Escape or "cancel" ends it, back on "report a case".
 */
export function startPick(onPicked) {
  if (!state.map || !can("cases:create")) return;
  state.map.closePopup();
  report.picking = true;
  report.onPicked = onPicked || openReportDialog;
  report.button.setAttribute("aria-pressed", "true");
  dom.banner.hidden = false;
  state.map.getContainer().classList.add("is-picking");
  interceptClicks(pickAt);
  report.releaseEscape = onEscape(() => {
    cancelPick();
    report.button.focus();
  });
  byId("pick-center").focus();
}

function cancelPick() {
  const wasPicking = report.picking;
  report.picking = false;
  if (report.releaseEscape) report.releaseEscape();
  report.releaseEscape = null;
  releaseClicks();
  if (wasPicking && dom && dom.banner.contains(document.activeElement)) report.button.focus();
  if (report.button) report.button.setAttribute("aria-pressed", "false");
  if (dom) dom.banner.hidden = true;
  if (state.map) state.map.getContainer().classList.remove("is-picking");
}

function pickAt(latlng) {
  const then = report.onPicked || openReportDialog;
  cancelPick();
  then(latlng);
}

function renderReportCoords() {
  if (!report.latlng) return;
  dom.coords.textContent = t("status.coords", formatLatLng(report.latlng));
}

function showReportError(text) {
  dom.error.textContent = text || "";
  dom.error.hidden = !text;
}

/** A category's name; with its major category unless the caller groups by it (withMajor false). */
export function categoryLabel(c, withMajor = true) {
  const name = lang() === "en" ? (c.name_en || c.name) : c.name;
  if (withMajor && lang() === "zh" && c.major_name) return name + "（" + c.major_name + "）";
  return String(name == null ? c.code : name);
}

function renderCategoryOptions() {
  const select = dom.category;
  const chosen = select.value;
  select.replaceChildren();
  const none = el("option", null, t("report.categoryChoose"));
  none.value = "";
  select.appendChild(none);
  const groups = new Map();
  (report.categories || []).forEach((c) => {
    if (!c || typeof c.code !== "string") return;
    const kind = c.kind || "";
    if (!groups.has(kind)) {
      const g = el("optgroup");
      g.label = tOr("report.kind." + kind, kind);
      groups.set(kind, g);
    }
    const opt = el("option", null, categoryLabel(c));
    opt.value = c.code;
    groups.get(kind).appendChild(opt);
  });
  groups.forEach((g) => select.appendChild(g));
  select.value = chosen;
  if (select.value !== chosen) select.value = "";
}

/** The case categories (read once per page), sorted by code; null when they cannot be read. */
export async function categories(onError) {
  if (report.categories) return report.categories;
  try {
    const list = await getJson("api/categories");
    report.categories = (Array.isArray(list) ? list : []).filter((c) => c && typeof c.code === "string")
      .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    return report.categories;
  } catch (e) {
    if (!silentError(e)) onError(t("report.categoriesFailed", { detail: e.message }));
    return null;
  }
}

async function ensureCategories() {
  if (await categories(showReportError)) renderCategoryOptions();
}

function openReportDialog(latlng) {
  report.latlng = latlng;
  if (report.marker) report.marker.remove();
  report.marker = L.circleMarker(latlng, {
    pane: "gm-highlight", radius: 11, color: "#e65100", weight: 4, fillColor: "#ffb74d",
    fillOpacity: 0.5, interactive: false, className: "gm-report-marker"
  }).addTo(state.map);
  renderReportCoords();
  dom.description.value = "";
  dom.address.value = "";
  showReportError("");
  if (report.categories) renderCategoryOptions(); else ensureCategories();
  dom.category.value = "";
  openDialog(dom.dialog, dom.category, report.button);
}

function closeReportDialog() {
  if (dom.dialog.open) dom.dialog.close();
}

function onReportDialogClosed() {
  if (report.marker) report.marker.remove();
  report.marker = null;
  report.latlng = null;
}

/**
 * POSTs a case. Resolves {created} or {error: text for the reader}; a 401 (login form shown)
 * resolves {} without a message.
 */
export async function submitCase(fields) {
  const body = {
    category_code: fields.category,
    description: fields.description.trim(),
    lon: Number(fields.latlng.lng.toFixed(6)),
    lat: Number(fields.latlng.lat.toFixed(6))
  };
  if (fields.address && fields.address.trim() !== "") body.address = fields.address.trim();
  try {
    return { created: await api("api/cases", { method: "POST", body }) };
  } catch (err) {
    if (silentError(err)) return {};
    let text = err.message;
    if (err.status === 403 || err.status === 422) {
      text = t(err.status === 403 ? "report.forbidden" : "report.outside") +
        (err.fromServer ? t("report.detail", { detail: err.message }) : "");
    }
    return { error: text };
  }
}

/** After a case is created: say so, show it on the map and put focus in its popup. */
export async function caseCreated(created) {
  const props = (created && created.properties) || {};
  showMessage(t("report.created", { code: props.code != null ? props.code : (created.id != null ? "#" + created.id : "") }), "info");
  emit("case-changed", created);
  await reloadLayer("cases");
  if (created.geometry && currentSession()) showFeature("cases", created, { focus: true, returnTo: report.button });
}

async function submitReport(e) {
  e.preventDefault();
  if (report.busy || !report.latlng) return;
  const { category, description, address } = dom;
  if (category.value === "") {
    showReportError(t("report.needCategory"));
    category.focus();
    return;
  }
  if (description.value.trim() === "") {
    showReportError(t("report.needDescription"));
    description.focus();
    return;
  }
  report.busy = true;
  dom.submit.disabled = true;
  dom.submit.textContent = t("report.submitting");
  showReportError("");
  const result = await submitCase({
    category: category.value, description: description.value, address: address.value, latlng: report.latlng
  });
  report.busy = false;
  dom.submit.disabled = false;
  dom.submit.textContent = t("report.submit");
  if (result.error) {
    showReportError(result.error);
    description.focus();
  }
  if (!result.created) return;
  closeReportDialog();
  await caseCreated(result.created);
}

/** Builds the pick banner and the dialog; toolbarButton toggles pick mode. */
export function setupReport(toolbarButton) {
  report.button = toolbarButton;
  dom = buildDialog();
  dom.banner = buildPickBanner();
  on("signed-out", () => {
    cancelPick();
    closeReportDialog();
  });
  on("dialog-opened", (dialog) => {
    if (dialog !== dom.dialog) cancelPick();
  });
  on("language-changed", () => {
    if (report.categories) renderCategoryOptions();
    if (report.latlng) renderReportCoords();
  });
}

export function togglePick() {
  if (report.picking) cancelPick(); else startPick();
}

export function isPicking() {
  return report.picking;
}

export { cancelPick };
