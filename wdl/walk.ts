/**
 * Walk a definition's nested action maps and string values. Works on untrusted input:
 * anything that is not an object where an object is expected is skipped, never thrown on.
 */
import { joinPointer } from "./pointer";

/** A plain JSON object, as read from untrusted input. */
export type Obj = Record<string, unknown>;

/**
 * Set `target[key] = value` as an own, enumerable property. Keys from input may be `__proto__`, and a plain
 * assignment of that key would set the object's prototype instead (losing the key, or worse).
 */
export function setKey(target: Obj, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** One child action map of a container action. */
export interface ChildScope {
  /** Which branch: `actions`, `else`, `default`, `case:<name>` or (Agent) `tool:<name>`. */
  branch: string;
  /** Pointer of the child action map. */
  pointer: string;
  /** The child action map (an object; may be empty). */
  actions: Obj;
}

/**
 * Container action types (compared case-insensitively). An Agent holds its tools' actions
 * (`tools.<name>.actions`): each tool is a branch, walked like the branches of a Switch.
 */
const CONTAINERS = new Set(["if", "switch", "foreach", "until", "scope", "agent"]);

/** True when `type` is an action that holds other actions. */
export function isContainerType(type: unknown): boolean {
  return typeof type === "string" && CONTAINERS.has(type.toLowerCase());
}

/** The child action maps of an action, with their pointers. */
export function childScopes(action: Obj, pointer: string): ChildScope[] {
  const out: ChildScope[] = [];
  eachChildMap(action, (branch, actions, ...tokens) => out.push({ branch, pointer: joinPointer(pointer, ...tokens), actions }));
  return out;
}

/** True when some action, nested ones included, passes `test` (a quick scan: no pointers are built). */
export function someAction(actions: unknown, test: (action: Obj) => boolean): boolean {
  if (!isObject(actions)) return false;
  for (const action of Object.values(actions)) {
    if (!isObject(action)) continue;
    if (test(action)) return true;
    let found = false;
    eachChildMap(action, (_branch, child) => {
      found ||= someAction(child, test);
    });
    if (found) return true;
  }
  return false;
}

/** Call `add` for each child action map of a container action, with its branch and pointer tokens. */
function eachChildMap(action: Obj, visit: (branch: string, actions: Obj, ...tokens: string[]) => void): void {
  const type = typeof action.type === "string" ? action.type.toLowerCase() : "";
  const add = (branch: string, actions: unknown, ...tokens: string[]) => {
    if (isObject(actions)) visit(branch, actions, ...tokens);
  };
  if (type === "if") {
    add("actions", action.actions, "actions");
    if (isObject(action.else)) add("else", action.else.actions, "else", "actions");
  } else if (type === "switch") {
    if (isObject(action.cases)) {
      for (const [name, c] of Object.entries(action.cases)) if (isObject(c)) add(`case:${name}`, c.actions, "cases", name, "actions");
    }
    if (isObject(action.default)) add("default", action.default.actions, "default", "actions");
  } else if (type === "foreach" || type === "until" || type === "scope") {
    add("actions", action.actions, "actions");
  } else if (type === "agent" && isObject(action.tools)) {
    for (const [name, tool] of Object.entries(action.tools)) if (isObject(tool)) add(`tool:${name}`, tool.actions, "tools", name, "actions");
  }
}

/** What `walkActions` reports for each action. */
export interface ActionVisit {
  name: string;
  action: Obj;
  pointer: string;
  /** The enclosing container action, or undefined at top level. */
  parent: ActionVisit | undefined;
  /** The branch of the parent this action sits in (`actions`, `else`, `case:X`, `default`, `tool:X`), or `root`. */
  branch: string;
  /** The sibling action map this action belongs to. */
  siblings: Obj;
  /** 0 at top level, 1 inside one container, … */
  depth: number;
}

/** Visit every action, depth first, parents before children. Non-object entries are skipped. */
export function walkActions(actions: unknown, pointer: string, visit: (v: ActionVisit) => void, parent?: ActionVisit, branch = "root"): void {
  if (!isObject(actions)) return;
  for (const [name, action] of Object.entries(actions)) {
    if (!isObject(action)) continue;
    const here: ActionVisit = {
      name,
      action,
      pointer: joinPointer(pointer, name),
      parent,
      branch,
      siblings: actions,
      depth: parent ? parent.depth + 1 : 0,
    };
    visit(here);
    for (const child of childScopes(action, here.pointer)) walkActions(child.actions, child.pointer, visit, here, child.branch);
  }
}

/** Visit every string in a JSON value with its pointer (keys are not visited). */
export function walkStrings(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === "string") {
    visit(value, pointer);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walkStrings(value[i], `${pointer}/${i}`, visit);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) walkStrings(value[key], joinPointer(pointer, key), visit);
  }
}

/**
 * Pointers of the numbers a JSON value holds that are not finite (`JSON.parse` reads `1e999` as Infinity, which
 * has no JSON form and prints as null), in document order, at most `limit`. Iterative: values may nest deep.
 */
export function nonFiniteNumberPointers(value: unknown, limit = 10): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length && out.length < limit) {
    const [v, pointer] = stack.pop()!;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) out.push(pointer);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], joinPointer(pointer, String(i))]);
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push([(v as Obj)[keys[i]!], joinPointer(pointer, keys[i]!)]);
    }
  }
  return out;
}
