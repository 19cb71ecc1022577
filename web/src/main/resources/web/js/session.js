/*
 * Who is signed in. The session is an HttpOnly cookie the page never sees; GET api/me says who is
 * signed in, and its permissions decide what the UI offers (the server checks them again).
 *
 * signIn() shows the map view and emits "signed-in"; showLogin() brings the login form back and
 * emits "signed-out", on which every module drops what it holds of the last user. Signing out
 * reloads the page so that nothing of that user stays in memory; so does another user signing in
 * on the same page.
 */
import { api } from "./api.js";
import { emit, on } from "./bus.js";
import { byId, textIn } from "./dom.js";
import { lang, t, tOr } from "./i18n.js";
import { showMessage } from "./messages.js";

const NOTICE_KEY = "gridmap.notice";

const auth = {
  session: null,          // { user, permissions } of the signed-in user, null on the login form
  permissions: new Set(),
  lastUserId: null,       // user of this page's data; another user means a fresh page
  noticeKey: null,        // i18n key of the message above the login form
  busy: false
};

export function can(permission) {
  return auth.permissions.has(permission);
}

/**
 * Whether the signed-in user may use something that needs `permission`: null (any signed-in
 * user), a permission name, or a function (can) => boolean.
 */
export function allows(permission) {
  if (!auth.session) return false;
  if (permission == null) return true;
  return typeof permission === "function" ? !!permission(can) : can(permission);
}

export function currentSession() {
  return auth.session;
}

export function currentUser() {
  return auth.session && auth.session.user;
}

function setView(view) {
  document.body.dataset.auth = view;
  byId("login-view").hidden = view !== "login";
}

function renderUser() {
  const user = currentUser();
  byId("user-box").hidden = !user;
  if (!user) return;
  const name = byId("user-name");
  textIn(name, user.display_name || user.username || "");
  if (user.username) name.title = String(user.username);
  byId("user-role").textContent = tOr("role." + user.role, user.role == null ? "" : String(user.role));
}

function renderLoginNotice() {
  const notice = byId("login-notice");
  notice.hidden = !auth.noticeKey;
  notice.textContent = auth.noticeKey ? t(auth.noticeKey) : "";
}

function showLoginError(text) {
  const box = byId("login-error");
  box.textContent = text || "";
  box.hidden = !text;
  const invalid = text ? "true" : "false";
  byId("login-username").setAttribute("aria-invalid", invalid);
  byId("login-password").setAttribute("aria-invalid", invalid);
}

/** Back to the login form: every module drops its user's data on "signed-out". */
export function showLogin(noticeKey, errorText) {
  auth.session = null;
  auth.permissions = new Set();
  auth.noticeKey = noticeKey || null;
  renderUser();
  setView("login");
  emit("signed-out");
  renderLoginNotice();
  showLoginError(errorText || "");
  const username = byId("login-username");
  const password = byId("login-password");
  password.value = "";
  (username.value.trim() === "" ? username : password).focus();
}

/**
 * Shows the map view for a signed-in user (after sign-in, or at start when the cookie is valid)
 * and emits "signed-in". Returns false when the page reloads instead (another user).
 */
export function signIn(session) {
  const user = (session && session.user) || {};
  if (auth.lastUserId != null && auth.lastUserId !== user.id) {
    window.location.reload();
    return false;
  }
  auth.session = session;
  auth.permissions = new Set(Array.isArray(session.permissions) ? session.permissions : []);
  auth.lastUserId = user.id;
  auth.noticeKey = null;
  renderUser();
  setView("app");
  emit("signed-in", session);
  return true;
}

async function submitLogin(e) {
  e.preventDefault();
  if (auth.busy) return;
  const usernameInput = byId("login-username");
  const passwordInput = byId("login-password");
  const username = usernameInput.value.trim();
  const password = passwordInput.value;
  if (username === "" || password === "") {
    showLoginError(t("login.missing"));
    (username === "" ? usernameInput : passwordInput).focus();
    return;
  }
  const button = byId("login-submit");
  showLoginError("");
  auth.busy = true;
  button.disabled = true;
  button.textContent = t("login.submitting");
  let session = null;
  try {
    session = await api("api/login", { method: "POST", body: { username, password }, expireOn401: false });
  } catch (err) {
    // The server's details are English; the two everyday answers get the user's language.
    let text = err.message;
    if (err.status === 401) text = t("login.failed");
    if (err.status === 429) {
      let wait = "";
      if (err.retryAfter >= 120) wait = t("login.retryAfterMinutes", { n: Math.ceil(err.retryAfter / 60) });
      else if (err.retryAfter) wait = t("login.retryAfter", { n: err.retryAfter });
      text = t("login.tooMany") + (lang() === "zh" ? "" : " ") + (wait || (err.fromServer ? err.message : ""));
    }
    showLoginError(text);
    passwordInput.focus();
    passwordInput.select();
  } finally {
    auth.busy = false;
    button.disabled = false;
    button.textContent = t("login.submit");
  }
  if (session) {
    passwordInput.value = "";
    showLoginError("");
    // the first useful control of the map view: the search box
    if (signIn(session)) byId("search").focus();
  }
}

async function logout() {
  const button = byId("logout");
  button.disabled = true;
  try {
    await api("api/logout", { method: "POST", expireOn401: false });
  } catch (e) {
    if (e.status !== 401) { // 401: already signed out, which is what we wanted
      button.disabled = false;
      showMessage(t("user.logoutFailed", { detail: e.message }));
      return;
    }
  }
  // A fresh page keeps nothing of this user's data in memory.
  try {
    window.sessionStorage.setItem(NOTICE_KEY, "login.signedOut");
  } catch (e) {
    /* the notice is a nicety */
  }
  window.location.reload();
}

/** The notice a previous page left for the login form ("you have signed out"), once. */
export function takeStoredNotice() {
  try {
    const v = window.sessionStorage.getItem(NOTICE_KEY);
    window.sessionStorage.removeItem(NOTICE_KEY);
    return v === "login.signedOut" || v === "login.expired" ? v : null;
  } catch (e) {
    return null;
  }
}

/** GET api/me: {session} when the cookie is valid, {failure} when the server could not say. */
export async function whoAmI() {
  try {
    const session = await api("api/me", { expireOn401: false });
    return { session: session && session.user ? session : null, failure: null };
  } catch (e) {
    return { session: null, failure: e.status !== 401 ? e.message : null };
  }
}

export function setupSession() {
  byId("login-form").addEventListener("submit", submitLogin);
  byId("logout").addEventListener("click", logout);
  on("session-expired", () => {
    if (auth.session) showLogin("login.expired");
  });
  on("language-changed", () => {
    renderLoginNotice();
    renderUser();
  });
}
