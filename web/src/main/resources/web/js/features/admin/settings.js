/*
 * 案件参数 / Case settings (admin): the reference data of the case workflow in one dialog with
 * three tabs — categories with their deadlines, departments, and the working calendar. Each tab
 * is its own module (categories.js, departments.js, calendar.js) that builds its panel and loads
 * its data the first time it is shown; this file holds the dialog, the tabs and what they share.
 */
import { on } from "../../bus.js";
import { createDialog, openDialog } from "../../dialog.js";
import { button, h } from "../../dom.js";
import { apply } from "../../i18n.js";
import { buildCategories } from "./categories.js";
import { buildDepartments } from "./departments.js";
import { buildCalendar } from "./calendar.js";
import { forgetDepartments } from "./settings-shared.js";

const TABS = [
  { id: "categories", build: buildCategories },
  { id: "departments", build: buildDepartments },
  { id: "calendar", build: buildCalendar }
];

let dom = null;

function select(index, focus) {
  dom.tabs.forEach((tab, i) => {
    const on = i === index;
    tab.button.setAttribute("aria-selected", on ? "true" : "false");
    tab.button.tabIndex = on ? 0 : -1;
    tab.panel.hidden = !on;
  });
  const tab = dom.tabs[index];
  if (focus) tab.button.focus();
  if (!tab.loaded) {
    tab.loaded = true;
    tab.part.load();
  } else if (tab.part.relabel) {
    tab.part.relabel(); // another tab may have changed what this one shows (a department's name)
  }
}

function build() {
  const { dialog, head, close } = createDialog({
    id: "settings-dialog", titleId: "settings-title", titleKey: "settings.title",
    className: "settings-dialog", closeId: "settings-close"
  });
  const tablist = h("div", { class: "settings-tabs", role: "tablist", "aria-labelledby": "settings-title" });
  const tabs = TABS.map((spec, i) => {
    const tabButton = button({
      id: "settings-tab-" + spec.id, role: "tab", class: "settings-tab", "aria-controls": "settings-panel-" + spec.id,
      "aria-selected": "false", tabindex: "-1", "data-i18n": "settings.tab." + spec.id,
      onclick: () => select(i, false)
    });
    const part = spec.build();
    const panel = h("section", { id: "settings-panel-" + spec.id, class: "settings-panel", role: "tabpanel",
      "aria-labelledby": "settings-tab-" + spec.id, hidden: true }, part.content);
    tablist.append(tabButton);
    return { button: tabButton, panel, part, loaded: false };
  });
  // the tabs pattern: arrows move between the tabs, Tab goes on into the panel
  tablist.addEventListener("keydown", (e) => {
    const i = tabs.findIndex((x) => x.button === document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select((next + tabs.length) % tabs.length, true);
  });
  dialog.append(head, tablist, ...tabs.map((x) => x.panel));
  close.addEventListener("click", () => dialog.close());
  apply(dialog); // built on first use, after the page-wide apply()
  return { dialog, tabs };
}

export function openSettings() {
  if (!dom) {
    dom = build();
    select(0, false);
  } else {
    // fresh data each time: another admin may have changed it meanwhile
    forgetDepartments();
    dom.tabs.forEach((tab) => { if (!tab.panel.hidden) tab.part.load(); else tab.loaded = false; });
  }
  openDialog(dom.dialog, dom.tabs.find((x) => !x.panel.hidden).button);
}

on("signed-out", () => {
  if (dom && dom.dialog.open) dom.dialog.close();
  forgetDepartments();
});
on("language-changed", () => {
  if (dom) dom.tabs.forEach((tab) => { if (tab.loaded && tab.part.relabel) tab.part.relabel(); });
});
