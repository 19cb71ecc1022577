/* The admin feature: the audit log, and residents' personal data on request. */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { registerAction } from "../../toolbar.js";
import { openAudit, setupAudit } from "./audit.js";
import { openPrivacy } from "./privacy.js";

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
registerAction({
  id: "privacy-open",
  labelKey: "privacy.button",
  permission: "admin",
  order: 21,
  haspopup: "dialog",
  onClick: openPrivacy
});
