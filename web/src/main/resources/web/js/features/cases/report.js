/*
 * Reporting a case: "report a case" → pick mode (click the map, or use its centre from the
 * keyboard) → a small dialog → POST api/cases → the cases layer is reloaded and the new case's
 * popup opened; "case-changed" is emitted with the new case.
 */
import { api, getJson, silentError } from "../../api.js";
import { emit, on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, byId, el, h } from "../../dom.js";
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
  button: null            // the toolbar button
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

function startPick() {
  if (!state.map || !can("cases:create")) return;
  state.map.closePopup();
  report.picking = true;
  report.button.setAttribute("aria-pressed", "true");
  dom.banner.hidden = false;
  state.map.getContainer().classList.add("is-picking");
  interceptClicks(pickAt);
}

function cancelPick() {
  report.picking = false;
  releaseClicks();
  if (report.button) report.button.setAttribute("aria-pressed", "false");
  if (dom) dom.banner.hidden = true;
  if (state.map) state.map.getContainer().classList.remove("is-picking");
}

function pickAt(latlng) {
  cancelPick();
  openReportDialog(latlng);
}

function renderReportCoords() {
  if (!report.latlng) return;
  dom.coords.textContent = t("status.coords", formatLatLng(report.latlng));
}

function showReportError(text) {
  dom.error.textContent = text || "";
  dom.error.hidden = !text;
}

function categoryLabel(c) {
  const name = lang() === "en" ? (c.name_en || c.name) : c.name;
  if (lang() === "zh" && c.major_name) return name + "（" + c.major_name + "）";
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

async function ensureCategories() {
  if (report.categories) return true;
  try {
    const list = await getJson("api/categories");
    report.categories = (Array.isArray(list) ? list : []).slice()
      .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    renderCategoryOptions();
    return true;
  } catch (e) {
    if (!silentError(e)) showReportError(t("report.categoriesFailed", { detail: e.message }));
    return false;
  }
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
  openDialog(dom.dialog, dom.category);
}

function closeReportDialog() {
  if (dom.dialog.open) dom.dialog.close();
}

function onReportDialogClosed() {
  if (report.marker) report.marker.remove();
  report.marker = null;
  report.latlng = null;
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
  const body = {
    category_code: category.value,
    description: description.value.trim(),
    lon: Number(report.latlng.lng.toFixed(6)),
    lat: Number(report.latlng.lat.toFixed(6))
  };
  if (address.value.trim() !== "") body.address = address.value.trim();
  report.busy = true;
  dom.submit.disabled = true;
  dom.submit.textContent = t("report.submitting");
  showReportError("");
  let created = null;
  try {
    created = await api("api/cases", { method: "POST", body });
  } catch (err) {
    if (!silentError(err)) {
      let text = err.message;
      if (err.status === 403 || err.status === 422) {
        text = t(err.status === 403 ? "report.forbidden" : "report.outside") +
          (err.fromServer ? t("report.detail", { detail: err.message }) : "");
      }
      showReportError(text);
      description.focus();
    }
  } finally {
    report.busy = false;
    dom.submit.disabled = false;
    dom.submit.textContent = t("report.submit");
  }
  if (!created) return;
  closeReportDialog();
  const props = (created && created.properties) || {};
  showMessage(t("report.created", { code: props.code != null ? props.code : (created.id != null ? "#" + created.id : "") }), "info");
  emit("case-changed", created);
  await reloadLayer("cases");
  if (created.geometry && currentSession()) showFeature("cases", created);
}

/** Builds the pick banner and the dialog; toolbarButton toggles pick mode. */
export function setupReport(toolbarButton) {
  report.button = toolbarButton;
  dom = buildDialog();
  dom.banner = buildPickBanner();
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && report.picking) {
      cancelPick();
      report.button.focus();
    }
  });
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
