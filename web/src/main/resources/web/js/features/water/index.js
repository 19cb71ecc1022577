/* The watershed feature: rivers and river-chief layers, the basins choropleth, the panel with
 * upstream/downstream highlights, pollution tracing, the buffer tool, drawing projects, the report. */
import "./i18n.js";
import "./layers.js";
import { useStylesheet } from "../../dom.js";
import { setupPanel } from "./panel.js";
import { toolNodes } from "./tools.js";

useStylesheet(new URL("./water.css", import.meta.url));
setupPanel(toolNodes());
