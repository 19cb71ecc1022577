/*
 * Search: a combobox over api/search (units and cells by name or code). Arrow keys choose, Enter
 * zooms to the chosen result (or the first one) and outlines it for a moment.
 */
import { getJson, silentError } from "./api.js";
import { on } from "./bus.js";
import { byId, el, textIn } from "./dom.js";
import { t, tOr } from "./i18n.js";
import { showMessage } from "./messages.js";
import { highlight } from "./map/highlight.js";
import { bboxToBounds, state } from "./map/map.js";
import { showFeature } from "./map/popup.js";

const SEARCH_DELAY_MS = 250;

const search = {
  input: null,
  list: null,
  results: [],
  query: null,          // query the current results belong to
  active: -1,
  controller: null,
  timer: null,
  pickWhenDone: false,
  pending: null         // query being fetched
};

function openList(open) {
  search.list.hidden = !open;
  search.input.setAttribute("aria-expanded", open ? "true" : "false");
  if (!open) {
    search.active = -1;
    search.input.removeAttribute("aria-activedescendant");
  }
}

function renderResults() {
  const list = search.list;
  list.replaceChildren();
  if (search.query == null) {
    openList(false);
    return;
  }
  if (search.results.length === 0) {
    const li = el("li", "search-empty", t("search.none", { q: search.query }));
    li.setAttribute("role", "option");
    li.setAttribute("aria-disabled", "true");
    list.appendChild(li);
  }
  search.results.forEach((r, i) => {
    const li = el("li", "search-result");
    li.id = "search-opt-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", i === search.active ? "true" : "false");
    li.appendChild(textIn(el("span", "search-result-name"), r.name || r.code || ""));
    const kind = r.level ? tOr("level." + r.level, String(r.level)) : tOr("kind." + r.kind, String(r.kind || ""));
    li.appendChild(el("span", "search-result-meta", kind + (r.code ? " · " + r.code : "")));
    li.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus
    li.addEventListener("click", () => pickResult(r));
    list.appendChild(li);
  });
  openList(true);
  if (search.active >= 0) {
    search.input.setAttribute("aria-activedescendant", "search-opt-" + search.active);
    const act = byId("search-opt-" + search.active);
    if (act) act.scrollIntoView({ block: "nearest" });
  } else {
    search.input.removeAttribute("aria-activedescendant");
  }
}

async function runSearch(q) {
  if (search.controller) search.controller.abort();
  const controller = new AbortController();
  search.controller = controller;
  search.pending = q;
  try {
    const results = await getJson("api/search?q=" + encodeURIComponent(q) + "&limit=10", controller.signal);
    if (controller !== search.controller) return;
    search.results = Array.isArray(results) ? results : [];
    search.query = q;
    search.active = -1;
    renderResults();
    if (search.pickWhenDone) {
      search.pickWhenDone = false;
      if (search.results.length > 0) pickResult(search.results[0]);
    }
  } catch (e) {
    if (e && e.name === "AbortError") return;
    if (controller === search.controller) {
      search.pickWhenDone = false;
      if (!silentError(e)) showMessage(t("msg.searchFailed", { detail: e.message }));
    }
  } finally {
    if (controller === search.controller) {
      search.controller = null;
      search.pending = null;
    }
  }
}

/** The layer a search result belongs to, so its popup says the right things. */
const LAYER_OF_LEVEL = {
  city: "city", district: "districts", county: "districts", street: "streets", town: "streets",
  community: "communities", village: "communities"
};

function layerOf(r) {
  if (r.kind === "cell") return "grid-cells";
  return LAYER_OF_LEVEL[r.level] || "communities";
}

/** Zooms to a result, outlines it, and opens its details with focus in them (back to the box on close). */
function pickResult(r) {
  openList(false);
  search.input.value = r.name || r.code || "";
  const bounds = bboxToBounds(r.bbox);
  if (bounds) {
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      state.map.setView(bounds.getCenter(), 16);
    } else {
      state.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17 });
    }
  }
  const resource = r.kind === "unit" ? "api/units/" : r.kind === "cell" ? "api/cells/" : null;
  if (resource && r.id != null) {
    getJson(resource + encodeURIComponent(r.id))
      .then((f) => {
        highlight(f);
        showFeature(layerOf(r), f, { focus: true, returnTo: search.input });
      })
      .catch((e) => {
        if (bounds) highlight(bounds);
        if (!silentError(e)) showMessage(t("msg.searchFailed", { detail: e.message }));
      });
  } else if (bounds) {
    highlight(bounds);
  }
}

function clear() {
  if (search.controller) search.controller.abort();
  search.controller = null;
  if (search.list) openList(false);
}

export function setupSearch() {
  search.input = byId("search");
  search.list = byId("search-results");
  const form = byId("search-form");

  search.input.addEventListener("input", () => {
    clearTimeout(search.timer);
    const q = search.input.value.trim();
    if (q === "") {
      clear();
      search.query = null;
      search.results = [];
      return;
    }
    search.timer = setTimeout(() => runSearch(q), SEARCH_DELAY_MS);
  });

  search.input.addEventListener("keydown", (e) => {
    const n = search.results.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (search.query == null || n === 0) return;
      e.preventDefault();
      if (search.list.hidden) {
        search.active = e.key === "ArrowDown" ? 0 : n - 1;
      } else {
        search.active = e.key === "ArrowDown" ? (search.active + 1) % n : (search.active - 1 + n) % n;
      }
      renderResults();
    } else if (e.key === "Escape") {
      if (!search.list.hidden) {
        e.preventDefault();
        openList(false);
      }
    }
  });

  search.input.addEventListener("focus", () => {
    if (search.query != null && search.input.value.trim() === search.query) renderResults();
  });
  search.input.addEventListener("blur", () => {
    setTimeout(() => openList(false), 150);
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(search.timer);
    const q = search.input.value.trim();
    if (q === "") return;
    if (!search.list.hidden && search.active >= 0 && search.results[search.active]) {
      pickResult(search.results[search.active]);
    } else if (search.query === q && !search.controller) {
      if (search.results.length > 0) pickResult(search.results[0]);
      else renderResults();
    } else {
      search.pickWhenDone = true;
      if (search.pending !== q) runSearch(q);
    }
  });

  on("signed-out", clear);
  on("language-changed", () => {
    if (search.query != null && !search.list.hidden) renderResults();
  });
}
