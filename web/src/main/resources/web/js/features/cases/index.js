/*
 * The cases feature (issue 8): reporting (online or into the outbox; in large steps in care
 * mode), the workbench panel with the clustered work layer and the overdue list, one case in full
 * with its workflow steps, live updates, the KPI dashboard, hotspots, and the offline app
 * (service worker, manifest).
 */
import "./i18n.js";
import { getJson } from "../../api.js";
import { on } from "../../bus.js";
import { careMode } from "../../care.js";
import { button, h, useStylesheet } from "../../dom.js";
import { field } from "../../dialog.js";
import { lang, t } from "../../i18n.js";
import { registerPanel } from "../../panels.js";
import { registerAction } from "../../toolbar.js";
import { setupReport, togglePick, isPicking } from "./report.js";
import { openSteps, setupSteps } from "./steps.js";
import "./workbench.js";
import "./live.js";
import "./pwa.js";
import { openKpis } from "./kpi.js";
import { hideHotspots, legend, showHotspots } from "./hotspots.js";

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

registerAction({ id: "kpi-open", labelKey: "kpi.button", permission: "cases:read", order: 15, haspopup: "dialog", onClick: () => openKpis() });

/** The hotspot section: a category, a period, show and hide. */
registerPanel({
  id: "hotspots", titleKey: "hot.title", permission: "cases:read", order: 40,
  render(body) {
    const category = h("select", { id: "hot-category" });
    const from = h("input", { id: "hot-from", type: "date" }), to = h("input", { id: "hot-to", type: "date" });
    const now = new Date();
    to.value = now.toISOString().slice(0, 10);
    from.value = new Date(now.getTime() - 364 * 86400000).toISOString().slice(0, 10);
    const status = h("p", { id: "hot-status", role: "status", class: "muted" });
    const show = button({ id: "hot-show", class: "btn btn-primary", "data-i18n": "hot.show", text: t("hot.show") });
    const hide = button({ id: "hot-hide", class: "btn btn-secondary", "data-i18n": "hot.hide", text: t("hot.hide") });
    show.addEventListener("click", () => { if (category.value) showHotspots(category.value, from.value, to.value, status); });
    hide.addEventListener("click", () => { hideHotspots(); status.textContent = ""; });
    body.append(field("hot.category", category), field("hot.from", from), field("hot.to", to),
      h("div", { class: "work-buttons" }, show, hide), status, legend());
    const fill = async () => {
      let cats = [];
      try { cats = await getJson("api/categories"); } catch (e) { cats = []; }
      const v = category.value;
      category.replaceChildren(...cats.map((k) => h("option", { value: k.code, text: k.code + " " + (lang() === "en" ? k.name_en : k.name) })));
      if (v) category.value = v;
    };
    on("signed-in", fill);
    on("language-changed", fill);
  }
});
