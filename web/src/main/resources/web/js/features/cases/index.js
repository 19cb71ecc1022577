/* The cases feature: the "report a case" action and its flow (compact, or in steps in care mode). */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { careMode } from "../../care.js";
import { registerAction } from "../../toolbar.js";
import { setupReport, togglePick, isPicking } from "./report.js";
import { openSteps, setupSteps } from "./steps.js";

useStylesheet(new URL("./cases.css", import.meta.url));

const reportButton = registerAction({
  id: "report-case",
  labelKey: "report.button",
  titleKey: "report.buttonLabel",
  permission: "cases:create",
  order: 10,
  className: "btn-accent",
  toggle: true,
  primary: true,
  onClick: (btn) => {
    if (careMode() && !isPicking()) openSteps(btn); else togglePick();
  }
});
setupReport(reportButton);
setupSteps();
