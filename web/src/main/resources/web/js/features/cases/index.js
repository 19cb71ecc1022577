/* The cases feature: the "report a case" action and its flow. */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { registerAction } from "../../toolbar.js";
import { setupReport, togglePick } from "./report.js";

useStylesheet(new URL("./cases.css", import.meta.url));

const reportButton = registerAction({
  id: "report-case",
  labelKey: "report.button",
  titleKey: "report.buttonLabel",
  permission: "cases:create",
  order: 10,
  className: "btn-accent",
  toggle: true,
  onClick: togglePick
});
setupReport(reportButton);
