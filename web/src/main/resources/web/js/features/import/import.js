/*
 * The import dialog: pick a file and a target (and, if need be, the CRS, encoding, field mapping
 * …) → upload (with its progress) → a dry run, whose detected format, CRS and field mapping show
 * on the first features while it runs → the report as tables, with every repaired or moved area
 * drawn in red on the map ("show on the map" hides the dialog until "back to the report") →
 * confirm, which imports the same upload for real → the result. The server decides what each
 * role may import; the dialog only offers what the user's permissions allow.
 */
import { ApiError, api, silentError } from "../../api.js";
import { emit, on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, byId, el, h } from "../../dom.js";
import { formatNumber } from "../../format.js";
import { apply, t } from "../../i18n.js";
import { can } from "../../session.js";
import { syncLayers } from "../../map/layers.js";
import { state as mapState } from "../../map/map.js";

const TARGETS = [
  { id: "units", may: (dry) => can("import:boundaries") || (dry && can("import:boundaries:preview")) },
  { id: "cells", may: (dry) => can("import:boundaries") || (dry && can("import:boundaries:preview")) },
  { id: "basins", may: () => can("import:water") },
  { id: "projects", may: () => can("import:water") },
  { id: "cases", may: () => can("admin") }
];
const LEVELS = ["", "city", "district", "street", "community"];
const ENCODINGS = ["", "UTF-8", "GBK", "GB18030"];
const ROWS = 200;          // rows per table shown; the downloaded report has all
const POLL_MS = 500;
const RED = { color: "#c62828", weight: 3, fillColor: "#ef5350", fillOpacity: 0.45 };
const PANE = "gm-import";

const imp = {
  job: null,               // the job as GET api/jobs/{id} last said
  dryRunId: null,          // the finished dry run a confirmation imports
  timer: null,
  xhr: null,
  overlay: null,           // the red layer on the map
  busy: false,
  opener: null             // what had the focus when the dialog was opened
};

let dom = null;

function select(id, name, options, labelPrefix) {
  const s = h("select", { id, name });
  options.forEach((v) => s.appendChild(h("option", { value: v, "data-i18n": labelPrefix + (v === "" ? "auto" : v) })));
  return s;
}

function hinted(labelKey, control, hintKey) {
  const hint = h("p", { id: control.id + "-hint", class: "field-hint", "data-i18n": hintKey });
  control.setAttribute("aria-describedby", hint.id);
  const f = field(labelKey, control);
  f.appendChild(hint);
  return f;
}

function buildDialog() {
  const { dialog, head, close } = createDialog({
    id: "import-dialog", titleId: "import-title", titleKey: "import.title", className: "import-dialog", closeId: "import-close"
  });
  const file = h("input", { id: "import-file", name: "file", type: "file", required: true,
    accept: ".zip,.geojson,.json,.geojsonl,.geojsons,.ndjson,.jsonl,.gpkg,.kml,.kmz,.csv,.txt" });
  const target = h("select", { id: "import-target", name: "target", required: true });
  const level = select("import-level", "level", LEVELS, "import.level.");
  const parent = h("input", { id: "import-parent", name: "parent", type: "text", inputmode: "numeric", maxlength: "12", autocomplete: "off" });
  const crs = h("input", { id: "import-crs", name: "crs", type: "text", maxlength: "40", autocomplete: "off", placeholder: "EPSG:4527" });
  const encoding = select("import-encoding", "encoding", ENCODINGS, "import.encoding.");
  ENCODINGS.slice(1).forEach((v, i) => { encoding.options[i + 1].removeAttribute("data-i18n"); encoding.options[i + 1].textContent = v; });
  const map = h("input", { id: "import-map", name: "map", type: "text", maxlength: "400", autocomplete: "off", placeholder: "code=ADCODE,name=XZQMC" });
  const gap = h("input", { id: "import-gap", name: "gap_width", type: "number", min: "0", max: "10000", step: "1", placeholder: "250" });
  const date = h("input", { id: "import-date", name: "effective_date", type: "date" });
  const legal = h("input", { id: "import-legal", name: "legal_ref", type: "text", maxlength: "200", autocomplete: "off" });
  const levelField = field("import.level", level);
  const parentField = hinted("import.parent", parent, "import.parentHint");
  const legalField = field("import.legal", legal);
  const check = h("button", { type: "submit", class: "btn btn-primary", id: "import-check", "data-i18n": "import.check" });
  const form = h("form", { id: "import-form", class: "dialog-form", novalidate: true },
    hinted("import.file", file, "import.fileHint"),
    h("div", { class: "import-options" }, field("import.target", target), levelField, parentField),
    h("details", { id: "import-more" },
      h("summary", { "data-i18n": "import.more" }),
      h("div", { class: "import-options" },
        hinted("import.crs", crs, "import.crsHint"), field("import.encoding", encoding),
        hinted("import.map", map, "import.mapHint"), hinted("import.gap", gap, "import.gapHint"),
        field("import.date", date), legalField)),
    h("div", { class: "import-actions" }, check));

  const bar = h("progress", { id: "import-bar", max: "1", "aria-labelledby": "import-progress-text" });
  const progressText = h("p", { id: "import-progress-text", class: "import-progress-text", role: "status", "aria-live": "polite" });
  const progress = h("div", { id: "import-progress", class: "import-progress", hidden: true }, bar, progressText);
  const status = h("p", { id: "import-status", class: "import-status", role: "status", "aria-live": "polite" });
  const detected = h("section", { id: "import-detected", class: "import-section", "aria-labelledby": "import-detected-title", hidden: true });
  const report = h("section", { id: "import-report", class: "import-section", "aria-labelledby": "import-report-title", hidden: true });
  const cancel = button({ class: "btn btn-secondary", id: "import-cancel", "data-i18n": "import.cancel", hidden: true });
  const confirm = button({ class: "btn btn-primary", id: "import-confirm", "data-i18n": "import.confirm", hidden: true });
  const rerun = button({ class: "btn btn-secondary", id: "import-rerun", "data-i18n": "import.rerun", hidden: true });
  const showMap = button({ class: "btn btn-secondary", id: "import-show-map", "data-i18n": "import.showMap", hidden: true });
  const again = button({ class: "btn btn-secondary", id: "import-again", "data-i18n": "import.again", hidden: true });
  const download = h("a", { id: "import-download", class: "btn btn-secondary", download: "import-report.json", hidden: true, "data-i18n": "import.downloadReport" });
  dialog.append(head, form, progress, status, detected, report,
    h("div", { class: "import-actions" }, confirm, cancel, rerun, showMap, download, again));

  const banner = h("div", { id: "import-banner", class: "import-banner", hidden: true },
    h("span", { "data-i18n": "import.mapBanner" }),
    button({ class: "btn", id: "import-back", "data-i18n": "import.backToReport", onclick: backToReport }));
  byId("workspace").appendChild(banner);

  form.addEventListener("submit", (e) => { e.preventDefault(); startDryRun(); });
  target.addEventListener("change", showTargetFields);
  close.addEventListener("click", () => dialog.close());
  cancel.addEventListener("click", cancelJob);
  confirm.addEventListener("click", confirmImport);
  rerun.addEventListener("click", rerunDryRun);
  showMap.addEventListener("click", showOnMap);
  again.addEventListener("click", resetForm);
  dialog.addEventListener("close", () => {
    if (!banner.hidden) return; // hidden to look at the map: it comes back
    clearOverlay();
    // the dialog may have been reopened from the map's banner: focus goes back to where it was opened from
    const back = imp.opener && imp.opener.isConnected && !imp.opener.hidden ? imp.opener : byId("import-open");
    if (back) back.focus();
  });
  return { dialog, form, file, target, level, parent, crs, encoding, map, gap, date, legal, levelField, parentField, legalField,
    check, progress, bar, progressText, status, detected, report, cancel, confirm, rerun, showMap, again, download, banner };
}

function renderTargets() {
  const chosen = dom.target.value;
  dom.target.replaceChildren();
  TARGETS.filter((x) => x.may(true)).forEach((x) => dom.target.appendChild(h("option", { value: x.id, text: t("import.target." + x.id) })));
  if (chosen) dom.target.value = chosen;
  if (!dom.target.value && dom.target.options.length) dom.target.selectedIndex = 0;
  showTargetFields();
}

function showTargetFields() {
  const tg = dom.target.value;
  dom.levelField.hidden = tg !== "units";
  dom.legalField.hidden = tg !== "units" && tg !== "cells";
  dom.parentField.hidden = tg !== "units" && tg !== "cells";
}

/** The form's options as name → value (empty ones left out). */
function options(dryRun) {
  const o = { target: dom.target.value, dry_run: String(dryRun) };
  const put = (name, control) => { if (!control.closest("[hidden]") && control.value.trim() !== "") o[name] = control.value.trim(); };
  put("level", dom.level);
  put("parent", dom.parent);
  put("crs", dom.crs);
  put("encoding", dom.encoding);
  put("map", dom.map);
  put("gap_width", dom.gap);
  put("effective_date", dom.date);
  put("legal_ref", dom.legal);
  return o;
}

function setStatus(text, problem) {
  dom.status.textContent = text || "";
  dom.status.classList.toggle("is-problem", !!problem);
}

function setBusy(busy) {
  imp.busy = busy;
  dom.check.disabled = busy;
  dom.rerun.disabled = busy;
  dom.confirm.disabled = busy;
  dom.cancel.hidden = !busy;
  dom.progress.hidden = !busy;
}

/** POST api/imports as multipart/form-data, with the upload's progress on the bar. */
function upload(fields, file) {
  return new Promise((resolve, reject) => {
    const data = new FormData();
    Object.entries(fields).forEach(([k, v]) => data.append(k, v));
    data.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    imp.xhr = xhr;
    xhr.open("POST", "api/imports");
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      dom.bar.value = e.loaded / e.total;
      dom.progressText.textContent = t("import.uploading", { percent: Math.floor((100 * e.loaded) / e.total) });
    });
    xhr.addEventListener("load", () => {
      imp.xhr = null;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status === 202) { resolve(body); return; }
      const err = new ApiError(body && body.detail ? String(body.detail) : t("msg.http", { status: xhr.status }), xhr.status);
      if (xhr.status === 401) { err.expired = true; emit("session-expired"); }
      reject(err);
    });
    xhr.addEventListener("error", () => { imp.xhr = null; reject(new ApiError(t("msg.network"), 0)); });
    xhr.addEventListener("abort", () => { imp.xhr = null; reject(new ApiError(t("import.cancelled"), 0)); });
    xhr.send(data);
  });
}

async function startDryRun() {
  if (imp.busy) return;
  const file = dom.file.files && dom.file.files[0];
  if (!file) { setStatus(t("import.needFile"), true); dom.file.focus(); return; }
  if (!dom.target.value) { setStatus(t("import.needTarget"), true); dom.target.focus(); return; }
  clearResult();
  setBusy(true);
  dom.bar.removeAttribute("value");
  try {
    follow(await upload(options(true), file));
  } catch (e) {
    setBusy(false);
    if (!silentError(e)) setStatus(e.message, true);
  }
}

async function rerunDryRun() {
  if (imp.busy || !imp.dryRunId) return;
  await startFrom(Object.assign(options(true), { from: imp.dryRunId }));
}

async function confirmImport() {
  if (imp.busy || !imp.dryRunId) return;
  await startFrom({ from: imp.dryRunId, dry_run: false });
}

async function startFrom(body) {
  clearResult();
  setBusy(true);
  dom.bar.removeAttribute("value");
  try {
    follow(await api("api/imports", { method: "POST", body }));
  } catch (e) {
    setBusy(false);
    if (!silentError(e)) setStatus(e.message, true);
  }
}

/** Polls a job until it has finished, showing its progress and, as soon as known, what was detected. */
function follow(job) {
  imp.job = job;
  renderProgress(job);
  clearTimeout(imp.timer);
  const tick = async () => {
    try {
      const j = await api("api/jobs/" + encodeURIComponent(job.id));
      imp.job = j;
      renderProgress(j);
      if (j.source && dom.detected.hidden) renderDetected(j.source, j.mapping);
      if (j.state === "queued" || j.state === "running") { imp.timer = setTimeout(tick, POLL_MS); return; }
      finished(j);
    } catch (e) {
      setBusy(false);
      if (!silentError(e)) setStatus(e.message, true);
    }
  };
  imp.timer = setTimeout(tick, 100);
}

function renderProgress(j) {
  const p = j.progress || {};
  if (typeof p.fraction === "number") dom.bar.value = p.fraction; else dom.bar.removeAttribute("value");
  dom.progressText.textContent = t("import.progress", {
    phase: t("import.phase." + j.phase), read: formatNumber(p.features_read || 0), rate: formatNumber(p.features_per_second || 0)
  });
}

async function cancelJob() {
  if (imp.xhr) { imp.xhr.abort(); return; }
  if (!imp.job) return;
  clearTimeout(imp.timer);
  try {
    await api("api/jobs/" + encodeURIComponent(imp.job.id), { method: "DELETE" });
    setStatus(t("import.cancelled"));
  } catch (e) {
    if (!silentError(e)) setStatus(e.message, true);
  }
  setBusy(false);
  dom.again.hidden = false;
}

function finished(j) {
  setBusy(false);
  const r = j.report;
  if (r) {
    renderDetected(r.source, r.mapping);
    renderReport(r, j);
    dom.download.href = URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], { type: "application/json" }));
    dom.download.hidden = false;
  }
  dom.again.hidden = false;
  if (j.state === "cancelled") { setStatus(t("import.cancelled")); return; }
  if (j.state === "failed") {
    const detail = j.problem ? j.problem.detail : "";
    setStatus(t(j.problem && j.problem.status === 422 ? "import.refused" : "import.failed", { detail }), true);
    if (j.dry_run && r) dom.rerun.hidden = false;
    return;
  }
  const c = r.counts;
  if (j.dry_run) {
    imp.dryRunId = j.id;
    dom.rerun.hidden = false;
    const target = TARGETS.find((x) => x.id === j.target);
    const may = target && target.may(false);
    dom.confirm.hidden = !may;
    setStatus(t("import.dryRunOk", { inserted: formatNumber(c.inserted), redrawn: formatNumber(c.redrawn), unchanged: formatNumber(c.unchanged) })
      + (may ? "" : " " + t("import.previewOnly")));
    if (may) dom.confirm.focus();
  } else {
    imp.dryRunId = null;
    setStatus(t("import.done", { inserted: formatNumber(c.inserted), redrawn: formatNumber(c.redrawn),
      updated: formatNumber(c.updated), unchanged: formatNumber(c.unchanged) }));
    syncLayers(true);
    emit("layers-changed");
  }
}

function table(id, captionKey, columns, rows) {
  // a scrolling region: reachable and scrollable from the keyboard, named for screen readers
  const wrap = h("div", { class: "import-table-wrap", tabindex: "0", role: "region", "aria-label": t(captionKey) });
  const tb = h("tbody");
  rows.slice(0, ROWS).forEach((r) => tb.appendChild(h("tr", null, r.map((v, i) =>
    h("td", { class: columns[i].num ? "num" : null }, v == null ? "" : String(v))))));
  wrap.appendChild(h("table", { id, class: "import-table" },
    h("caption", { class: "visually-hidden", text: t(captionKey) }),
    h("thead", null, h("tr", null, columns.map((c) => h("th", { scope: "col", text: c.label != null ? c.label : t(c.key) })))),
    tb));
  const out = [wrap];
  if (rows.length > ROWS) out.push(h("p", { text: t("import.more.rows", { n: formatNumber(rows.length - ROWS) }) }));
  return out;
}

function heading(id, key, params) { return h("h3", { id, text: t(key, params) }); }

function renderDetected(s, mapping) {
  if (!s) return;
  const sec = dom.detected;
  sec.replaceChildren(heading("import-detected-title", "import.detected"));
  sec.appendChild(h("p", { text: t("import.format") + "：" + (s.format || "") + (s.layers ? " · " + s.layers.join(", ") : "") }));
  if (s.crs_epsg) sec.appendChild(h("p", { id: "import-crs-detected", text: t("import.crsDetected", { epsg: s.crs_epsg, from: t("import.crsFrom." + s.crs_from) }) }));
  if (typeof s.crs_round_trip_m === "number") sec.appendChild(h("p", { text: t("import.roundTrip", { metres: formatNumber(s.crs_round_trip_m, 4) }) }));
  if (s.encoding) sec.appendChild(h("p", { text: t("import.encodingDetected", { encoding: s.encoding }) }));
  const m = mapping || {};
  if (Object.keys(m).length) {
    sec.appendChild(h("h3", { id: "import-mapping-title", text: t("import.mapping") }));
    sec.append(...table("import-mapping", "import.mapping", [{ key: "import.mapping.target" }, { key: "import.mapping.source" }],
      Object.entries(m)));
  }
  if (Array.isArray(s.sample) && s.sample.length && Object.keys(m).length) {
    sec.appendChild(h("h3", { text: t("import.sample") }));
    const fields = Object.entries(m);
    sec.append(...table("import-sample", "import.sample", fields.map(([target]) => ({ label: target })),
      s.sample.map((f) => fields.map(([, source]) => (f.properties || {})[source]))));
  }
  sec.hidden = false;
}

const COUNTS = ["read", "valid", "repaired", "cleaned", "inserted", "redrawn", "updated", "renoded", "unchanged", "errors", "warnings"];

function renderReport(r, j) {
  const sec = dom.report;
  sec.replaceChildren(heading("import-report-title", j.dry_run ? "import.report" : "import.reportDone"));
  sec.append(...table("import-counts", "import.counts", [{ key: "import.col.item" }, { key: "import.col.number", num: true }],
    COUNTS.filter((k) => r.counts[k] || ["read", "inserted", "unchanged"].includes(k)).map((k) => [t("import.count." + k), formatNumber(r.counts[k])])));
  const issueCols = [{ key: "import.col.feature", num: true }, { key: "import.col.code" }, { key: "import.col.field" }, { key: "import.col.message" }];
  const issues = (list) => list.map((i) => [i.feature, i.code, i.field, i.message]);
  if (r.errors.length) { sec.appendChild(heading("import-errors-title", "import.errors")); sec.append(...table("import-errors", "import.errors", issueCols, issues(r.errors))); }
  if (r.warnings.length) { sec.appendChild(heading("import-warnings-title", "import.warnings")); sec.append(...table("import-warnings", "import.warnings", issueCols, issues(r.warnings))); }
  if (r.repairs.length) {
    sec.appendChild(heading("import-repairs-title", "import.repairs"));
    sec.append(...table("import-repairs", "import.repairs", [{ key: "import.col.feature", num: true }, { key: "import.col.code" }, { key: "import.col.name" },
      { key: "import.col.reason" }, { key: "import.col.before", num: true }, { key: "import.col.after", num: true }],
      r.repairs.map((p) => [p.feature, p.code, p.name, p.reason, formatNumber(p.area_before_m2, 0), formatNumber(p.area_after_m2, 0)])));
  }
  const groups = (r.cleaning && r.cleaning.changed) || [];
  if (groups.length) {
    sec.appendChild(heading("import-cleaning-title", "import.cleaning", { width: formatNumber(r.cleaning.gap_width_m) }));
    const rows = [];
    groups.forEach((g) => {
      g.units.forEach((u) => rows.push([(g.parent_name || "") + " " + (g.parent || ""), u.code, u.name, formatNumber(u.moved_in_m2, 0), formatNumber(u.moved_out_m2, 0)]));
      g.gaps_kept.forEach((gap) => rows.push([(g.parent_name || "") + " " + (g.parent || ""), "", t("import.gapKept", { area: formatNumber(gap.area_m2, 0), width: formatNumber(gap.width_m, 0) }), "", ""]));
    });
    sec.append(...table("import-cleaning", "import.cleaning", [{ key: "import.col.parent" }, { key: "import.col.code" }, { key: "import.col.name" },
      { key: "import.col.movedIn", num: true }, { key: "import.col.movedOut", num: true }], rows));
  }
  sec.hidden = false;
  drawOverlay(r);
}

/** Every repaired spot and every moved area or kept gap, in red on the map. */
function drawOverlay(r) {
  clearOverlay();
  if (!mapState.map) return;
  if (!mapState.map.getPane(PANE)) mapState.map.createPane(PANE).style.zIndex = 640; // above the layers, below popups
  const group = L.featureGroup();
  const opts = Object.assign({ pane: PANE, interactive: false, className: "gm-import-red" }, RED);
  r.repairs.forEach((p) => {
    if (Array.isArray(p.location)) L.circleMarker([p.location[1], p.location[0]], Object.assign({}, opts, { radius: 9 })).addTo(group);
  });
  ((r.cleaning && r.cleaning.changed) || []).forEach((g) => {
    g.units.forEach((u) => [u.moved_in, u.moved_out].forEach((geom) => { if (geom) L.geoJSON(geom, { style: () => opts, pane: PANE }).addTo(group); }));
    g.gaps_kept.forEach((gap) => { if (gap.geometry) L.geoJSON(gap.geometry, { style: () => Object.assign({}, opts, { dashArray: "6 4", fillOpacity: 0.15 }), pane: PANE }).addTo(group); });
  });
  if (group.getLayers().length === 0) return;
  imp.overlay = group.addTo(mapState.map);
  dom.showMap.hidden = false;
}

function clearOverlay() {
  if (imp.overlay) imp.overlay.remove();
  imp.overlay = null;
}

function showOnMap() {
  if (!imp.overlay) return;
  dom.banner.hidden = false;
  dom.dialog.close();
  mapState.map.fitBounds(imp.overlay.getBounds(), { padding: [40, 40], maxZoom: 14 });
  byId("import-back").focus();
}

function backToReport() {
  dom.banner.hidden = true;
  openDialog(dom.dialog, dom.showMap.hidden ? dom.file : dom.showMap);
}

function clearResult() {
  setStatus("");
  dom.detected.hidden = true;
  dom.report.hidden = true;
  dom.confirm.hidden = true;
  dom.rerun.hidden = true;
  dom.showMap.hidden = true;
  dom.again.hidden = true;
  dom.download.hidden = true;
  clearOverlay();
}

function resetForm() {
  clearTimeout(imp.timer);
  // a dry run nobody will confirm: the server may drop its upload now rather than in an hour
  if (imp.dryRunId) api("api/jobs/" + encodeURIComponent(imp.dryRunId), { method: "DELETE" }).catch(() => {});
  imp.job = null;
  imp.dryRunId = null;
  clearResult();
  dom.form.reset();
  renderTargets();
  dom.file.focus();
}

export function openImport() {
  if (!dom) return;
  imp.opener = document.activeElement;
  renderTargets();
  if (!imp.busy && !imp.job) clearResult();
  dom.banner.hidden = true;
  openDialog(dom.dialog, imp.job ? (dom.confirm.hidden ? dom.check : dom.confirm) : dom.file);
}

export function setupImport() {
  on("signed-in", () => {
    if (!dom) { dom = buildDialog(); apply(dom.dialog); apply(dom.banner); }
  });
  on("signed-out", () => {
    clearTimeout(imp.timer);
    if (dom) { dom.banner.hidden = true; if (dom.dialog.open) dom.dialog.close(); resetForm(); }
  });
  on("language-changed", () => {
    if (!dom) return;
    renderTargets();
    if (imp.job && imp.job.report) { renderDetected(imp.job.report.source, imp.job.report.mapping); renderReport(imp.job.report, imp.job); }
    if (imp.job) renderProgress(imp.job);
  });
}
