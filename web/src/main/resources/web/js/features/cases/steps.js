/*
 * The report flow as large step-by-step screens (care mode): 1 the place, 2 the category, 3 what
 * happened, 4 check and send. One question per screen, big choices, Back and Next; each step
 * puts focus on its heading and says "step n of 4". Submission is the same as the compact dialog.
 */
import { on } from "../../bus.js";
import { createDialog, field, openDialog } from "../../dialog.js";
import { button, el, h, textIn } from "../../dom.js";
import { formatLatLng } from "../../format.js";
import { apply, fillText, t } from "../../i18n.js";
import { state } from "../../map/map.js";
import { caseCreated, categories, categoryLabel, startPick, submitCase } from "./report.js";

const STEPS = ["place", "category", "details", "check"];

const flow = {
  step: 0,
  latlng: null,
  category: "",
  description: "",
  address: "",
  busy: false,
  returnTo: null
};

let dom = null;

function build() {
  const { dialog, head, close } = createDialog({
    id: "report-steps", titleId: "steps-title", titleKey: "report.title",
    className: "steps-dialog", closeId: "steps-close"
  });
  const progress = h("p", { id: "steps-progress", class: "steps-progress", "aria-live": "polite" });
  const body = h("div", { id: "steps-body", class: "steps-body" });
  const error = h("p", { id: "steps-error", class: "form-error", role: "alert", hidden: true });
  const back = button({ class: "btn btn-secondary btn-large", id: "steps-back", "data-i18n": "steps.back" });
  const next = button({ class: "btn btn-primary btn-large", id: "steps-next" });
  dialog.append(head, progress, body, error, h("div", { class: "dialog-actions steps-actions" }, back, next));
  close.addEventListener("click", () => dialog.close());
  back.addEventListener("click", () => go(flow.step - 1));
  next.addEventListener("click", onNext);
  return { dialog, progress, body, error, back, next };
}

function showError(text) {
  dom.error.textContent = text || "";
  dom.error.hidden = !text;
}

function stepHeading(key) {
  return fillText(h("h3", { class: "steps-heading", id: "steps-heading", tabindex: "-1" }), key);
}

function placeStep() {
  const coords = el("p", "steps-coords", t("status.coords", formatLatLng(flow.latlng)));
  const pick = button({ class: "btn btn-secondary btn-large", id: "steps-pick", "data-i18n": "steps.pickOnMap" });
  pick.addEventListener("click", () => {
    dom.dialog.close();
    startPick((latlng) => {
      flow.latlng = latlng;
      open(1);
    });
  });
  return [stepHeading("steps.place"), fillText(el("p", "steps-hint"), "steps.placeHint"), coords, pick];
}

function categoryStep() {
  const box = h("div", { class: "steps-choices" });
  const fieldset = h("fieldset", { class: "steps-fieldset" },
    fillText(h("legend", { class: "visually-hidden" }), "report.category"), box);
  categories(showError).then((list) => {
    if (!list) return;
    const groups = new Map();
    list.forEach((c) => {
      const major = c.major_name || "";
      if (!groups.has(major)) groups.set(major, []);
      groups.get(major).push(c);
    });
    groups.forEach((items, major) => {
      const group = h("div", { class: "steps-choice-group", role: "group", "aria-label": major });
      if (major) group.appendChild(textIn(el("p", "steps-choice-major"), major));
      items.forEach((c) => {
        const input = h("input", { type: "radio", name: "steps-category", value: c.code, id: "steps-cat-" + c.code });
        input.checked = c.code === flow.category;
        input.addEventListener("change", () => { flow.category = c.code; });
        group.appendChild(h("label", { class: "steps-choice", for: input.id }, input, textIn(el("span"), categoryLabel(c, false))));
      });
      box.appendChild(group);
    });
  });
  return [stepHeading("steps.category"), fieldset];
}

function detailsStep() {
  const description = h("textarea", { id: "steps-description", rows: "5", maxlength: "2000", required: true });
  description.value = flow.description;
  description.addEventListener("input", () => { flow.description = description.value; });
  const address = h("input", { id: "steps-address", type: "text", maxlength: "200" });
  address.value = flow.address;
  address.addEventListener("input", () => { flow.address = address.value; });
  return [stepHeading("steps.details"),
    field("report.description", description),
    field([h("span", { "data-i18n": "report.address" }), " ", h("span", { class: "optional", "data-i18n": "form.optional" })], address)];
}

function checkStep() {
  const chosen = (known || []).find((c) => c.code === flow.category);
  const row = (labelKey, value) => [fillText(el("dt"), labelKey), textIn(el("dd"), value)];
  return [stepHeading("steps.check"),
    h("dl", { class: "steps-summary" },
      row("report.location", t("status.coords", formatLatLng(flow.latlng))),
      row("report.category", chosen ? categoryLabel(chosen) : flow.category),
      row("report.description", flow.description.trim()),
      flow.address.trim() ? row("report.address", flow.address.trim()) : null)];
}

let known = null;   // the categories, once read

function render() {
  const name = STEPS[flow.step];
  fillText(dom.progress, "steps.progress", { n: flow.step + 1, total: STEPS.length });
  const parts = name === "place" ? placeStep() : name === "category" ? categoryStep()
    : name === "details" ? detailsStep() : checkStep();
  dom.body.replaceChildren(...parts.flat().filter(Boolean));
  apply(dom.body);
  dom.back.hidden = flow.step === 0;
  fillText(dom.next, name === "check" ? "report.submit" : "steps.next");
  showError("");
  // the new step's heading takes focus, so a screen reader starts reading the new question
  dom.body.querySelector("#steps-heading").focus();
}

function go(step) {
  flow.step = Math.max(0, Math.min(STEPS.length - 1, step));
  render();
}

async function onNext() {
  const name = STEPS[flow.step];
  if (name === "category" && !flow.category) {
    showError(t("report.needCategory"));
    const first = dom.body.querySelector("input[type=radio]");
    if (first) first.focus();
    return;
  }
  if (name === "details" && flow.description.trim() === "") {
    showError(t("report.needDescription"));
    dom.body.querySelector("#steps-description").focus();
    return;
  }
  if (name !== "check") {
    go(flow.step + 1);
    return;
  }
  if (flow.busy) return;
  flow.busy = true;
  dom.next.disabled = true;
  fillText(dom.next, "report.submitting");
  const result = await submitCase(flow);
  flow.busy = false;
  dom.next.disabled = false;
  fillText(dom.next, "report.submit");
  if (result.error) {
    showError(result.error);
    dom.next.focus();
  }
  if (!result.created) return;
  dom.dialog.close();
  reset();
  await caseCreated(result.created);
}

function reset() {
  Object.assign(flow, { step: 0, latlng: null, category: "", description: "", address: "" });
}

function open(step) {
  openDialog(dom.dialog, null, flow.returnTo);
  go(step);
}

/** Starts the steps at the place, the middle of the map unless the reader picks another. */
export function openSteps(returnTo) {
  if (!state.map) return;
  reset();
  flow.returnTo = returnTo;
  flow.latlng = state.map.getCenter();
  categories(() => {}).then((list) => { known = list; });
  open(0);
}

export function setupSteps() {
  dom = build();
  on("signed-out", () => { if (dom.dialog.open) dom.dialog.close(); });
  on("language-changed", () => { if (dom.dialog.open) render(); });
}
