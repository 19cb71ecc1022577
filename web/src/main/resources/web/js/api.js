/*
 * The one way to call the server. Resolves with the parsed JSON body (null for 204); rejects
 * with ApiError carrying the RFC 9457 problem detail, or with the fetch's AbortError. The session
 * cookie (HttpOnly, same origin) goes along by itself. A 401 means the session has ended: unless
 * opts.expireOn401 is false (sign-in, "who am I", sign-out), "session-expired" is emitted and
 * session.js brings the login form back.
 */
import { emit } from "./bus.js";
import { t } from "./i18n.js";

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.fromServer = false;   // message is the server's problem detail
    this.retryAfter = null;    // seconds, from Retry-After (429)
    this.expired = false;      // a 401 that sent the user back to the login form
  }
}

/** opts: {method, body (sent as JSON), signal, expireOn401}. */
export async function api(url, opts) {
  const o = opts || {};
  const init = {
    method: o.method || "GET",
    signal: o.signal,
    credentials: "same-origin",
    headers: { "Accept": "application/json, application/geo+json, application/problem+json" }
  };
  if (o.body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(o.body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if (e && e.name === "AbortError") throw e;
    throw new ApiError(t("msg.network"), 0);
  }
  if (!res.ok) {
    let detail = null;
    try {
      const problem = await res.json();
      detail = problem && (problem.detail || problem.title);
    } catch (e) {
      /* not problem JSON */
    }
    const err = new ApiError(detail ? String(detail) : t("msg.http", { status: res.status }), res.status);
    err.fromServer = !!detail;
    const retry = Number(res.headers.get("Retry-After"));
    if (Number.isFinite(retry) && retry > 0) err.retryAfter = Math.ceil(retry);
    if (res.status === 401 && o.expireOn401 !== false) {
      err.expired = true;
      emit("session-expired");
    }
    throw err;
  }
  if (res.status === 204) return null;
  const text = await res.text();
  return text === "" ? null : JSON.parse(text);
}

/** GET a JSON resource (see api). */
export function getJson(url, signal) {
  return api(url, { signal });
}

/** Errors the user has already been told about elsewhere: aborts, and 401 (login form shown). */
export function silentError(e) {
  return !e || e.name === "AbortError" || e.expired === true;
}
