/*
 * gridmap web map: native ES modules, no build step; Leaflet is the global L from its webjar.
 *
 * Start: the shell's strings, the layer kinds, the panels and the features register themselves
 * when imported (below); start() then asks api/me who is signed in and shows the map or the
 * login form. On "signed-in" the map is created (once per page) and the layers loaded.
 *
 * Test hooks: body[data-ready="true"] after the map is drawn for a signed-in user, absent on the
 * login form; body[data-auth="login"|"app"]; SVG paths carry gm-layer-{id}; checkboxes carry
 * data-layer="{id}"; ids login-username, login-password, login-submit, login-error,
 * login-notice, user-name, user-role, logout, report-case, audit-open, lang-toggle, search;
 * window.gridmap and window.GM_I18N for debugging.
 */
import "./strings.js";
import { getJson } from "./api.js";
import { on } from "./bus.js";
import { byId, escapeHtml } from "./dom.js";
import { apply, lang, langTag, setLang, t } from "./i18n.js";
import { showMessage } from "./messages.js";
import { setupCare } from "./care.js";
import { setupPanels } from "./panels.js";
import { setupSearch } from "./search.js";
import { can, currentSession, setupSession, showLogin, signIn, takeStoredNotice, whoAmI } from "./session.js";
import { setupToolbar } from "./toolbar.js";
import { DEFAULT_CONFIG, createMap, state } from "./map/map.js";
import { hitAt, startLayers, syncLayers } from "./map/layers.js";
import { showFeature } from "./map/popup.js";
// layer kinds, then the side panel's sections and the status bar
import "./map/units.js";
import "./map/cells.js";
import "./map/basins.js";
import "./map/projects.js";
import "./map/cases.js";
import "./map/layer-list.js";
import "./map/feature-list.js";
import "./map/legend.js";
import "./map/keyboard.js";
import "./map/status.js";
// features: each registers its own strings, toolbar actions, panels and dialogs
import "./features/cases/index.js";
import "./features/admin/index.js";
import "./features/import/index.js";
import "./features/planner/index.js";
import "./features/water/index.js";

/** Creates the map once per page, then (re)loads the layers; false when that failed. */
async function startMap() {
  if (!state.map) {
    let config = DEFAULT_CONFIG;
    try {
      config = Object.assign({}, DEFAULT_CONFIG, await getJson("api/config"));
    } catch (e) {
      showMessage(t("msg.config") + " " + e.message);
    }
    if (!currentSession()) return false;
    createMap(config);
  }
  return startLayers();
}

on("signed-in", async (session) => {
  try {
    const ok = await startMap();
    if (currentSession() !== session) return; // the session ended while the map was loading
    document.body.dataset.ready = ok ? "true" : "error";
  } catch (err) {
    showMessage(String((err && err.message) || err));
  }
});
on("signed-out", () => {
  delete document.body.dataset.ready;
});

function setupLanguage() {
  const toggle = byId("lang-toggle");
  const mark = () => toggle.setAttribute("lang", langTag(lang() === "zh" ? "en" : "zh"));
  mark();
  toggle.addEventListener("click", () => setLang(lang() === "zh" ? "en" : "zh"));
  on("language-changed", mark);
}

async function start() {
  apply();
  setupLanguage();
  setupToolbar();
  setupCare();
  setupPanels();
  setupSearch();
  setupSession();

  const notice = takeStoredNotice();
  const { session, failure } = await whoAmI();
  document.body.classList.remove("is-booting");
  // a demo installation says how to sign in (the server only says so while the demo data is loaded)
  getJson("api/config").then((cfg) => {
    byId("login-demo").hidden = !(cfg && cfg.demo === true);
  }).catch(() => { /* the hint is optional */ });
  if (session) {
    signIn(session);
  } else {
    showLogin(notice, failure);
  }
}

window.gridmap = {
  state,
  caseAt: (containerPoint) => {
    const hit = hitAt(containerPoint);
    return hit && hit.ls.id === "cases" ? hit.layer : null;
  },
  escapeHtml,
  showFeature,
  session: currentSession,
  can,
  reloadLayers: () => syncLayers(true)
};

start();
