/*
 * The planner (issue 7): boundary plans drafted on the map, previewed with their measures and
 * problems, published for comment, compared and committed; and the history of boundaries (a date
 * slider, lineage). Its own strings, CSS, panel sections and toolbar button.
 */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { openPanel, registerPanel } from "../../panels.js";
import { registerAction } from "../../toolbar.js";
import { setupHistory } from "./history.js";
import { setupPanel } from "./panel.js";

useStylesheet(new URL("./planner.css", import.meta.url));

registerPanel({ id: "plans", titleKey: "plans.title", permission: "plans:comment", order: 5, render: setupPanel });
registerPanel({ id: "history", titleKey: "history.title", permission: "map:read", order: 45, render: setupHistory });

registerAction({
  id: "plans-open",
  labelKey: "plans.title",
  titleKey: "plans.buttonLabel",
  permission: "plans:comment",
  order: 30,
  onClick: () => openPanel("plans")
});
