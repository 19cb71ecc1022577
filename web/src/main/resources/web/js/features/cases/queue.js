/*
 * Reports made without a connection wait here (IndexedDB), each with the idempotency key it
 * was given when the user pressed "submit", and its photos as Blobs. flush() sends them in
 * order when the connection returns; a retry after a dropped answer reuses the key, so the
 * server makes each case once. A report the server refuses (4xx) stays, marked, for the user
 * to see: nothing is dropped silently.
 */
import { api } from "../../api.js";
import { emit } from "../../bus.js";

const DB = "gridmap-cases";
const STORE = "outbox";

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "key" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const result = fn(t.objectStore(STORE));
    t.oncomplete = () => { db.close(); resolve(result && "result" in result ? result.result : result); };
    t.onerror = () => { db.close(); reject(t.error); };
  });
}

export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Keeps a report for later: {key, body, photos: [Blob], userId}. */
export async function enqueue(item) {
  await tx("readwrite", (s) => s.put(Object.assign({ queuedAt: Date.now(), error: null }, item)));
  emit("case-outbox-changed");
}

export async function waiting(userId) {
  const all = await tx("readonly", (s) => s.getAll());
  return (all || []).filter((i) => i.userId === userId).sort((a, b) => a.queuedAt - b.queuedAt);
}

async function remove(key) {
  await tx("readwrite", (s) => s.delete(key));
}

async function mark(item, error) {
  await tx("readwrite", (s) => s.put(Object.assign({}, item, { error })));
}

/** Sends one report (and then its photos) with its key; throws on a network failure. */
export async function send(item) {
  const created = await api("api/cases", { method: "POST", body: item.body, headers: { "Idempotency-Key": item.key } });
  for (const photo of item.photos || []) await uploadPhoto(created.id, photo);
  return created;
}

export async function uploadPhoto(caseId, blob) {
  const res = await fetch("api/cases/" + caseId + "/photos", {
    method: "POST", credentials: "same-origin", body: blob,
    headers: { "Content-Type": blob.type || "application/octet-stream" }
  });
  if (!res.ok && res.status !== 200) {
    let detail = "HTTP " + res.status;
    try { detail = (await res.json()).detail || detail; } catch (e) { /* not JSON */ }
    const err = new Error(detail);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

let flushing = false;

/** Sends every waiting report of this user; returns {sent, failed, left}. */
export async function flush(userId) {
  if (flushing) return { sent: 0, failed: 0, left: (await waiting(userId)).length };
  flushing = true;
  let sent = 0, failed = 0;
  try {
    for (const item of await waiting(userId)) {
      if (item.error) { failed++; continue; }
      try {
        const created = await send(item);
        await remove(item.key);
        sent++;
        emit("case-changed", created);
      } catch (e) {
        if (e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
          await mark(item, e.message);
          failed++;
        } else {
          break; // offline again, or the server is busy: try later, in order
        }
      }
    }
  } finally {
    flushing = false;
    emit("case-outbox-changed");
  }
  return { sent, failed, left: (await waiting(userId)).length };
}

export async function discard(key) {
  await remove(key);
  emit("case-outbox-changed");
}
