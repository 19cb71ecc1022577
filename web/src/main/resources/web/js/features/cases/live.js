/*
 * Live updates: while signed in with cases:read, one EventSource on api/cases/stream. The server
 * sends only the cases in this user's area; each event makes the workbench and an open case
 * reload (through the scoped API, never from the event's own data). The browser reconnects by
 * itself; on reconnection everything is reloaded, in case something was missed.
 */
import { emit, on } from "../../bus.js";
import { can } from "../../session.js";
import { reload } from "./workbench.js";

let source = null;

function start() {
  stop();
  if (!can("cases:read") || typeof EventSource === "undefined") return;
  source = new EventSource("api/cases/stream");
  let opened = false;
  source.addEventListener("open", () => {
    document.body.dataset.live = "on";
    if (opened) reload();
    opened = true;
  });
  source.addEventListener("case", (e) => {
    let data = null;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    emit("case-updated", data.id);
    reload();
  });
  source.addEventListener("signed-out", () => stop());
  source.addEventListener("error", () => { document.body.dataset.live = "off"; });
}

function stop() {
  if (source) source.close();
  source = null;
  delete document.body.dataset.live;
}

on("signed-in", start);
on("signed-out", stop);
on("session-expired", stop);
