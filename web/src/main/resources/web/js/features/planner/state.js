/*
 * The plan being worked on and the calls that change it. Every step is saved at once: the first
 * operation creates the plan (POST api/plans), later ones replace its operation list (PATCH with
 * the plan's version), and the preview is fetched again. Emits "plan-changed" on the bus.
 */
import { api, getJson } from "../../api.js";
import { emit } from "../../bus.js";

export const planner = {
  plan: null,            // the saved plan (api/plans/{id}), or null
  parent: null,          // {id, code, name, level} the plan works below
  draftName: "",         // name for a plan not saved yet
  preview: null,         // api/plans/{id}/preview, or null
  base: null,            // the parent's current lowest units (a FeatureCollection), before any step
  hasStreets: false,     // whether the parent has a level between it and its communities
  selection: new Set(),  // unit keys: "u<id>" (existing) or "n<k>" (made by the plan)
  mode: null,            // a drawing mode of tools.js ("split", "redraw", "box", "paint"), or null
  fitPending: false,     // zoom to the plan's units when they are next drawn (a plan was opened)
  busy: false
};

export function changed() {
  emit("plan-changed", planner);
}

/** Units shown for the plan: the preview's lowest level, or the parent's current communities. */
export function shownUnits() {
  if (planner.preview) {
    const fs = planner.preview.units.features;
    const order = ["city", "district", "street", "community"];
    const lowest = fs.reduce((m, f) => Math.max(m, order.indexOf(f.properties.level)), -1);
    return fs.filter((f) => order.indexOf(f.properties.level) === lowest);
  }
  return planner.base ? planner.base.features : [];
}

export function unitByKey(key) {
  return shownUnits().find((f) => keyOf(f) === key) || null;
}

export function keyOf(feature) {
  const p = feature.properties || {};
  return p.key != null ? p.key : "u" + (feature.id != null ? feature.id : p.id);
}

/** How an operation names a unit shown: its id, or "#k" / "#k.j" for one the plan made. */
export function refOf(key) {
  if (key.startsWith("u")) return Number(key.slice(1));
  const f = unitByKey(key);
  return f && f.properties.made_by ? f.properties.made_by : key;
}

/** Starts a new plan below a parent unit (nothing is saved until the first step). */
export async function startPlan(parent, name) {
  planner.plan = null;
  planner.preview = null;
  planner.parent = parent;
  planner.draftName = name;
  planner.selection.clear();
  planner.fitPending = true;
  await loadBase();
  changed();
}

async function loadBase() {
  const id = planner.parent.id;
  const [units, children] = await Promise.all([
    getJson("api/units/" + id + "/children?level=community"),
    getJson("api/units/" + id + "/children")
  ]);
  planner.base = units.features.length > 0 ? units : children;
  planner.hasStreets = children.features.some((f) => f.properties.level === "street");
}

export async function openPlan(id) {
  const plan = await getJson("api/plans/" + id);
  planner.plan = plan;
  planner.parent = { id: plan.parent.id, code: plan.parent.code, name: plan.parent.name };
  planner.selection.clear();
  planner.preview = null;
  planner.fitPending = true;
  await loadBase();
  if (plan.status === "draft" || plan.status === "published") await refreshPreview();
  changed();
}

export function closePlan() {
  planner.plan = null;
  planner.preview = null;
  planner.parent = null;
  planner.base = null;
  planner.selection.clear();
  changed();
}

export async function refreshPreview() {
  if (!planner.plan) {
    planner.preview = null;
    return;
  }
  planner.preview = await getJson("api/plans/" + planner.plan.id + "/preview");
}

/** Saves the operations (creating the plan on the first one) and previews the result. */
export async function saveOperations(operations) {
  planner.busy = true;
  changed();
  try {
    if (!planner.plan) {
      planner.plan = await api("api/plans", { method: "POST",
        body: { parent_id: planner.parent.id, name: planner.draftName, operations } });
    } else {
      planner.plan = await api("api/plans/" + planner.plan.id, { method: "PATCH",
        body: { version: planner.plan.version, operations } });
    }
    planner.selection.clear();
    await refreshPreview();
  } finally {
    planner.busy = false;
    changed();
  }
}

export function operations() {
  return planner.plan ? planner.plan.operations.slice() : [];
}

export function addOperation(op) {
  return saveOperations(operations().concat([op]));
}

/** Changes a plan with a request that answers with the plan (publish, status), then previews again. */
export async function updatePlan(url, method, body) {
  planner.plan = await api(url, { method, body });
  if (planner.plan.status === "draft" || planner.plan.status === "published") await refreshPreview();
  else planner.preview = null;
  changed();
}
