/**
 * The steps of a definition as a flat map by name (names are unique across a definition, nested scopes
 * included): where each sits (parent container and branch), what it runs after, and its own fields without the
 * child steps it contains — so a change inside a Scope is reported on the inner step, not on the Scope too.
 */
import { isObject, walkActions, type Obj } from "../wdl";
import { normalizeRunAfter } from "./normalize";

/** One step of a definition. */
export interface Step {
  name: string;
  /** Pointer of the step in its definition. */
  pointer: string;
  /** The enclosing container step, or null at top level. */
  parent: string | null;
  /** The parent's branch (`actions`, `else`, `case:X`, `default`), or `root`. */
  branch: string;
  runAfter: Record<string, string[]>;
  /** The step's own fields: the action without `runAfter` and without the actions of its branches. */
  body: Obj;
  /** The action as written. */
  action: Obj;
}

/** The action without `runAfter` and without its child action maps (the maps' other keys, e.g. `case`, stay). */
export function ownFields(action: Obj): Obj {
  const body: Obj = { ...action };
  delete body.runAfter;
  const type = typeof action.type === "string" ? action.type.toLowerCase() : "";
  if (type === "if" || type === "foreach" || type === "until" || type === "scope") delete body.actions;
  if (type === "if" && isObject(action.else)) {
    const rest = { ...action.else };
    delete rest.actions;
    if (Object.keys(rest).length) body.else = rest;
    else delete body.else;
  }
  if (type === "switch") {
    if (isObject(action.cases)) {
      const cases: Obj = {};
      for (const [name, c] of Object.entries(action.cases)) {
        if (!isObject(c)) {
          cases[name] = c;
          continue;
        }
        const rest = { ...c };
        delete rest.actions;
        cases[name] = rest;
      }
      body.cases = cases;
    }
    if (isObject(action.default)) {
      const rest = { ...action.default };
      delete rest.actions;
      if (Object.keys(rest).length) body.default = rest;
      else delete body.default;
    }
  }
  return body;
}

/** Every step of a definition, by name, in document order (parents before children). */
export function stepsOf(definition: unknown): Map<string, Step> {
  const out = new Map<string, Step>();
  if (!isObject(definition)) return out;
  walkActions(definition.actions, "/actions", (v) => {
    if (out.has(v.name)) return; // a repeated name is invalid; the first one wins
    out.set(v.name, {
      name: v.name,
      pointer: v.pointer,
      parent: v.parent?.name ?? null,
      branch: v.branch,
      runAfter: normalizeRunAfter(v.action.runAfter),
      body: ownFields(v.action),
      action: v.action,
    });
  });
  return out;
}
