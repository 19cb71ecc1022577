/*
 * A resident's personal data on request (admin): export what is held about a phone number (a
 * JSON download) or erase it from every case they reported, and the retention setting with a dry
 * run. The number goes in a POST body, never in a URL.
 */
import { api, silentError } from "../../api.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, h } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t } from "../../i18n.js";
import { on } from "../../bus.js";

let dom = null;

function build() {
  const { dialog, head, close } = createDialog({
    id: "privacy-dialog", titleId: "privacy-title", titleKey: "privacy.title",
    className: "privacy-dialog", closeId: "privacy-close"
  });
  const phone = h("input", { id: "privacy-phone", name: "phone", type: "tel", inputmode: "tel", maxlength: "30",
    autocomplete: "off", "aria-describedby": "privacy-phone-hint" });
  const confirm = h("input", { id: "privacy-confirm", name: "confirm", type: "checkbox" });
  const exportBtn = button({ class: "btn btn-secondary", id: "privacy-export", "data-i18n": "privacy.export" });
  const eraseBtn = button({ class: "btn btn-danger", id: "privacy-erase", "data-i18n": "privacy.erase" });
  const result = h("p", { id: "privacy-result", class: "privacy-result", role: "status", "aria-live": "polite" });
  const error = h("p", { id: "privacy-error", class: "form-error", role: "alert", hidden: true });
  const retention = h("p", { id: "privacy-retention", class: "privacy-retention" });
  const dryRun = button({ class: "btn btn-secondary", id: "privacy-dry-run", "data-i18n": "privacy.dryRun" });
  const form = h("form", { id: "privacy-form", novalidate: true },
    field("privacy.phone", phone),
    h("p", { id: "privacy-phone-hint", class: "field-hint", "data-i18n": "privacy.phoneHint" }),
    h("div", { class: "privacy-actions" }, exportBtn),
    // the label wraps the box, so the whole line is the (44 px high) target
    h("label", { class: "field-check", for: "privacy-confirm" }, confirm, h("span", { "data-i18n": "privacy.confirm" })),
    h("div", { class: "privacy-actions" }, eraseBtn));
  dialog.append(head, form, error, result,
    h("h3", { "data-i18n": "privacy.retentionTitle" }), retention, h("div", { class: "privacy-actions" }, dryRun));

  close.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", (e) => e.preventDefault());
  exportBtn.addEventListener("click", () => run(async () => {
    const data = await api("api/privacy/export", { method: "POST", body: { phone: phone.value.trim() } });
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const a = h("a", { href: URL.createObjectURL(blob), download: "gridmap-personal-data.json", hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    return t("privacy.exported", { n: formatNumber(data.cases.length) });
  }));
  eraseBtn.addEventListener("click", () => run(async () => {
    if (!confirm.checked) throw new Error(t("privacy.confirmFirst"));
    const r = await api("api/privacy/erase", { method: "POST", body: { phone: phone.value.trim(), confirm: true } });
    confirm.checked = false;
    return t("privacy.erased", { n: formatNumber(r.cases), photos: formatNumber(r.photos_removed) });
  }));
  dryRun.addEventListener("click", () => run(async () => {
    const r = await api("api/privacy/retention/run", { method: "POST", body: { dry_run: true } });
    return t("privacy.dryRunResult", { n: formatNumber(r.cases), photos: formatNumber(r.photos_removed) });
  }));
  apply(dialog); // built on first use, after the page-wide apply()
  return { dialog, phone, result, error, retention };
}

async function run(work) {
  dom.error.hidden = true;
  dom.result.textContent = "";
  try {
    dom.result.textContent = await work();
  } catch (e) {
    if (silentError(e)) return;
    dom.error.textContent = e.message;
    dom.error.hidden = false;
  }
}

async function showRetention() {
  try {
    const s = await api("api/privacy/retention");
    dom.retention.textContent = s.enabled ? t("privacy.retention", { years: s.retention_years }) : t("privacy.retentionOff");
  } catch (e) {
    if (!silentError(e)) dom.retention.textContent = e.message;
  }
}

export function openPrivacy() {
  if (!dom) dom = build();
  dom.error.hidden = true;
  dom.result.textContent = "";
  openDialog(dom.dialog, dom.phone);
  showRetention();
}

on("signed-out", () => {
  if (dom && dom.dialog.open) dom.dialog.close();
  if (dom) dom.phone.value = "";
});
