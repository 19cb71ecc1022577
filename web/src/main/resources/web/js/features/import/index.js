/* The import feature: a toolbar action for those who may import (admins, planners, watershed planners) and its dialog. */
import "./i18n.js";
import { useStylesheet } from "../../dom.js";
import { registerAction } from "../../toolbar.js";
import { openImport, setupImport } from "./import.js";

useStylesheet(new URL("./import.css", import.meta.url));

setupImport();
registerAction({
  id: "import-open",
  labelKey: "import.button",
  titleKey: "import.buttonLabel",
  permission: "import",
  order: 30,
  haspopup: "dialog",
  onClick: openImport
});
