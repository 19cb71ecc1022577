/*
 * Care mode (关怀模式): one switch in the header that enlarges text and targets, raises contrast,
 * simplifies the header to the main actions and offers the report flow as large steps. It is
 * remembered per person on the server (api/me/preferences) and, for the login page, in this
 * browser. A choice made on the login page is saved to the account at sign-in; otherwise the
 * account's choice wins. Emits "care-changed" with true/false.
 */
import { api, silentError } from "./api.js";
import { emit, on } from "./bus.js";
import { byId } from "./dom.js";
import { t } from "./i18n.js";
import { showMessage } from "./messages.js";
import { currentSession } from "./session.js";

const STORAGE_KEY = "gridmap.care";
let care = readStored();
let chosenSignedOut = false;   // the switch was used on the login page

function readStored() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "1";
  } catch (e) {
    return false;
  }
}

export function careMode() {
  return care;
}

function show(on) {
  care = on;
  try {
    window.localStorage.setItem(STORAGE_KEY, on ? "1" : "0");
  } catch (e) {
    /* only the login page forgets it */
  }
  document.documentElement.classList.toggle("care", on);
  byId("care-toggle").setAttribute("aria-pressed", on ? "true" : "false");
  emit("care-changed", on);
  emit("layout-changed");
}

async function save(on) {
  try {
    await api("api/me/preferences", { method: "PUT", body: { care_mode: on } });
  } catch (e) {
    if (!silentError(e)) showMessage(t("care.saveFailed", { detail: e.message }));
  }
}

export function setCareMode(on) {
  show(on);
  if (currentSession()) save(on); else chosenSignedOut = true;
}

export function setupCare() {
  show(care);
  byId("care-toggle").addEventListener("click", () => setCareMode(!care));
  on("signed-in", async () => {
    if (chosenSignedOut) {
      chosenSignedOut = false;
      save(care);
      return;
    }
    try {
      const prefs = await api("api/me/preferences");
      if (prefs && typeof prefs.care_mode === "boolean" && prefs.care_mode !== care) show(prefs.care_mode);
    } catch (e) {
      if (!silentError(e)) showMessage(t("care.readFailed", { detail: e.message }));
    }
  });
}
