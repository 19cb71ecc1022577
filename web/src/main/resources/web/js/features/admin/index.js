/* The admin feature: the audit log, residents' personal data on request, and the case settings. */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { registerAction } from "../../toolbar.js";
import { openAudit, setupAudit } from "./audit.js";
import { openPrivacy } from "./privacy.js";
import { openSettings } from "./settings.js";

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
registerAction({
  id: "settings-open",
  labelKey: "settings.button",
  permission: "admin",
  order: 22,
  haspopup: "dialog",
  onClick: openSettings
});
