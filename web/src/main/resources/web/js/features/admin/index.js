/* The admin feature: the audit log. */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { registerAction } from "../../toolbar.js";
import { openAudit, setupAudit } from "./audit.js";

useStylesheet(new URL("./admin.css", import.meta.url));

setupAudit();
registerAction({
  id: "audit-open",
  labelKey: "audit.button",
  permission: "admin",
  order: 20,
  haspopup: "dialog",
  onClick: openAudit
});
