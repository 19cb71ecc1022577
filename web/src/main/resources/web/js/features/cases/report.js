/*
 * Reporting a case: "report a case" → pick mode (click the map, press Enter on it, or use its
 * centre) → a small dialog (category, description, address, priority, up to 3 photos from the
 * camera, and for the command centre the reporter's contact) → POST api/cases with an
 * Idempotency-Key, then the photos → the cases layer is reloaded and the new case's popup opened
 * with focus in it; closing it returns focus to "report a case". "case-changed" is emitted with
 * the new case. A photo's EXIF position is offered as the location; open cases of the category
 * nearby are listed as possible duplicates. Without a connection the report waits in the outbox
 * (queue.js) and is sent when the connection returns. In care mode the same steps come as large
 * screens (steps.js), which share the categories and the submission below.
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
import { enqueue, newKey, send } from "./queue.js";
import { openCase } from "./casepanel.js";

const MAX_PHOTOS = 3;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

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
  const priority = h("select", { id: "report-priority", name: "priority" });
  const photos = h("input", { id: "report-photos", name: "photos", type: "file", accept: "image/jpeg,image/png,image/heic,image/heif,image/*",
    capture: "environment", multiple: true, "aria-describedby": "report-photos-hint" });
  const photoHint = h("p", { id: "report-photos-hint", class: "field-hint", "data-i18n": "report.photosHint" });
  const exifOffer = button({ id: "report-use-exif", class: "btn btn-secondary", hidden: true });
  const duplicates = h("div", { id: "report-duplicates", class: "report-duplicates", hidden: true, "aria-live": "polite" });
  const reporterName = h("input", { id: "report-reporter-name", type: "text", maxlength: "50", autocomplete: "off" });
  const reporterPhone = h("input", { id: "report-reporter-phone", type: "tel", maxlength: "24", autocomplete: "off" });
  const contact = h("select", { id: "report-contact" });
  const reporterBox = h("fieldset", { class: "report-reporter", hidden: true },
    h("legend", { "data-i18n": "report.reporter" }),
    field("report.reporterName", reporterName), field("report.reporterPhone", reporterPhone), field("report.contact", contact));
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
    duplicates,
    field("report.priority", priority),
    field([h("span", { "data-i18n": "report.photos" }), " ",
      h("span", { class: "optional", "data-i18n": "form.optional" })], photos),
    photoHint, exifOffer,
    reporterBox,
    error,
    h("div", { class: "dialog-actions" }, cancel, submit));
  dialog.appendChild(form);
  form.addEventListener("submit", submitReport);
  cancel.addEventListener("click", closeReportDialog);
  close.addEventListener("click", closeReportDialog);
  dialog.addEventListener("close", onReportDialogClosed);
  category.addEventListener("change", suggestDuplicates);
  photos.addEventListener("change", offerPhotoLocation);
  exifOffer.addEventListener("click", useExifLocation);
  return { dialog, category, description, address, error, submit, coords, priority, photos, exifOffer, duplicates,
    reporterBox, reporterName, reporterPhone, contact };
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
  dom.photos.value = "";
  dom.exifOffer.hidden = true;
  dom.duplicates.hidden = true;
  dom.duplicates.replaceChildren();
  dom.reporterName.value = "";
  dom.reporterPhone.value = "";
  dom.reporterBox.hidden = !can("people:read");
  renderChoices();
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
    lat: Number(fields.latlng.lat.toFixed(6)),
    priority: fields.priority || "normal"
  };
  if (fields.address && fields.address.trim() !== "") body.address = fields.address.trim();
  if (fields.reporterName && fields.reporterName.trim() !== "") body.reporter_name = fields.reporterName.trim();
  if (fields.reporterPhone && fields.reporterPhone.trim() !== "") {
    body.reporter_phone = fields.reporterPhone.trim();
    body.contact_preference = fields.contact || "phone";
  }
  // one key per press of "submit": every retry of this report, now or later from the outbox, carries it
  const item = { key: newKey(), body, photos: fields.photos || [], userId: currentSession() && currentSession().user.id };
  try {
    if (navigator.onLine === false) throw Object.assign(new Error("offline"), { status: 0 });
    return { created: await send(item) };
  } catch (err) {
    if (err.status === 0 || err.name === "TypeError") {
      await enqueue(item);
      return { queued: true };
    }
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
  const files = Array.from(dom.photos.files || []);
  if (files.length > MAX_PHOTOS) {
    showReportError(t("report.tooManyPhotos", { max: MAX_PHOTOS }));
    dom.photos.focus();
    return;
  }
  if (files.some((f) => f.size > MAX_PHOTO_BYTES)) {
    showReportError(t("report.photoTooLarge"));
    dom.photos.focus();
    return;
  }
  report.busy = true;
  dom.submit.disabled = true;
  dom.submit.textContent = t("report.submitting");
  showReportError("");
  const withCaller = !dom.reporterBox.hidden;
  const result = await submitCase({
    category: category.value, description: description.value, address: address.value, latlng: report.latlng,
    priority: dom.priority.value, photos: files,
    reporterName: withCaller ? dom.reporterName.value : "", reporterPhone: withCaller ? dom.reporterPhone.value : "", contact: dom.contact.value
  });
  report.busy = false;
  dom.submit.disabled = false;
  dom.submit.textContent = t("report.submit");
  if (result.queued) {
    closeReportDialog();
    showMessage(t("report.queued"), "info");
    return;
  }
  if (result.error) {
    showReportError(result.error);
    description.focus();
  }
  if (!result.created) return;
  closeReportDialog();
  await caseCreated(result.created);
}

function renderChoices() {
  const p = dom.priority.value || "normal";
  dom.priority.replaceChildren(...["normal", "high", "urgent"].map((v) => h("option", { value: v, text: t("priority." + v) })));
  dom.priority.value = p;
  const c = dom.contact.value || "phone";
  dom.contact.replaceChildren(...["phone", "sms", "none"].map((v) => h("option", { value: v, text: t("contact." + v) })));
  dom.contact.value = c;
}

/** Open cases of the chosen category within 50 m in the last 7 days: perhaps the same problem. */
async function suggestDuplicates() {
  dom.duplicates.hidden = true;
  dom.duplicates.replaceChildren();
  if (!report.latlng || !dom.category.value || navigator.onLine === false) return;
  let list = [];
  try {
    list = await getJson("api/cases/nearby?lon=" + report.latlng.lng.toFixed(6) + "&lat=" + report.latlng.lat.toFixed(6)
      + "&category=" + encodeURIComponent(dom.category.value));
  } catch (e) {
    return; // suggestions are a help, not a condition
  }
  if (!Array.isArray(list) || list.length === 0) return;
  dom.duplicates.append(h("p", { class: "dup-title", text: t("report.duplicates", { n: list.length }) }),
    h("ul", { class: "dup-list" }, list.slice(0, 5).map((c) => h("li", null,
      button({ class: "btn btn-link", onclick: () => openCase(c.id) },
        c.code + " · " + tOr("caseStatus." + c.status, c.status) + " · " + t("report.metres", { m: Math.round(c.distance_m) }))))));
  dom.duplicates.hidden = false;
}

/** Reads the first photo's EXIF position (on the server) and offers it as the location. */
async function offerPhotoLocation() {
  dom.exifOffer.hidden = true;
  const f = (dom.photos.files || [])[0];
  if (!f || f.size > MAX_PHOTO_BYTES || navigator.onLine === false) return;
  try {
    const res = await fetch("api/photos/exif", { method: "POST", credentials: "same-origin", body: f,
      headers: { "Content-Type": f.type || "application/octet-stream" } });
    if (!res.ok) return;
    const p = await res.json();
    if (p.lon == null || p.lat == null) return;
    report.exif = L.latLng(p.lat, p.lon);
    dom.exifOffer.textContent = t("report.useExif", { where: formatLatLng(report.exif) });
    dom.exifOffer.hidden = false;
  } catch (e) {
    /* no offer then */
  }
}

function useExifLocation() {
  if (!report.exif) return;
  report.latlng = report.exif;
  if (report.marker) report.marker.setLatLng(report.exif);
  renderReportCoords();
  dom.exifOffer.hidden = true;
  suggestDuplicates();
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
    renderChoices();
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
