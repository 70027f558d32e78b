/**
 * The view of one workflow definition that the rules share: every action with its scope and parents, the
 * triggers, the declared parameters, and every expression string ("site") parsed once, with the action,
 * trigger or output that owns it.
 */
import type { Call, Expr, Template } from "../wdl/expression/ast";
import { isExpressionString } from "../wdl/expression/ast";
import { type ExpressionSyntaxError, tryParseTemplate } from "../wdl/expression/parser";
import { forEachCall, templateExpressions } from "../wdl/expression/references";
import { joinPointer } from "../wdl/pointer";
import { child } from "./pointer";
import { isObject, type Obj } from "../wdl/walk";
import { isArmExpression, type WorkflowTarget } from "./detect";

/** One sibling action map (the top level, or one branch of a container). */
export interface Scope {
  pointer: string;
  /** The container action, or undefined for the top level. */
  owner: ActionNode | undefined;
  branch: string;
  members: ActionNode[];
  /** Name → member (action names are case-sensitive: LogicAppsUX#7023). */
  byName: Map<string, ActionNode>;
}

/** One `runAfter` entry: predecessor name, its statuses (as written) and the entry's pointer. */
export type RunAfterEntry = [name: string, statuses: unknown, pointer: string];

/** One action, wherever it is nested. */
export interface ActionNode {
  name: string;
  /** `name`, lower-cased (names are compared case-insensitively). */
  lower: string;
  action: Obj;
  pointer: string;
  parent: ActionNode | undefined;
  scope: Scope;
  /** 0 at top level, 1 inside one container, … */
  depth: number;
  /** `type`, lower-cased ("" when missing or not a string). */
  type: string;
  /** Document order. */
  index: number;
  /** The `runAfter` entries (empty when `runAfter` is missing or not an object). */
  runAfter: RunAfterEntry[];
}

/** One trigger. */
export interface TriggerNode {
  name: string;
  trigger: Obj;
  pointer: string;
  type: string;
}

/** Who owns an expression: an action (and which of its properties), a trigger, or the definition outputs. */
export type Owner = { kind: "action"; node: ActionNode; property: string } | { kind: "trigger"; node: TriggerNode } | { kind: "outputs" };

/** One string that is an expression or template. */
export interface Site {
  pointer: string;
  /** The text as the workflow engine sees it (an ARM `[[` escape already removed). */
  text: string;
  /** Characters removed from the start of the JSON string to get `text` (1 for `[[`). */
  shift: number;
  owner: Owner;
  template: Template | undefined;
  error: ExpressionSyntaxError | undefined;
  /** The parsed expressions (none when the syntax is wrong). */
  exprs: Expr[];
  /** Every function call in the expressions, outermost first. */
  calls: Call[];
}

/** A declared definition parameter. */
export interface ParameterNode {
  name: string;
  decl: unknown;
  pointer: string;
}

/** Everything the rules read. */
export interface Model {
  target: WorkflowTarget;
  /** The definition when it is an object. */
  definition: Obj;
  /** Pointer of the definition. */
  base: string;
  actions: ActionNode[];
  /** Action name → every action with that name, in document order (case-sensitive). */
  byName: Map<string, ActionNode[]>;
  /** Lower-cased action name → every action with that name (expressions resolve names case-insensitively). */
  byLower: Map<string, ActionNode[]>;
  scopes: Scope[];
  root: Scope;
  triggers: TriggerNode[];
  /** True when `triggers` holds at least one trigger object. */
  hasTriggers: boolean;
  sites: Site[];
  /** Lower-cased parameter name → declaration. */
  parameters: Map<string, ParameterNode>;
}

const lower = (value: unknown): string => (typeof value === "string" ? value.toLowerCase() : "");

/** The child action maps of a container (same result as wdl's `childScopes`, without re-escaping fixed tokens). */
function children(action: Obj, type: string, pointer: string): { branch: string; pointer: string; actions: Obj }[] {
  const out: { branch: string; pointer: string; actions: Obj }[] = [];
  if (type === "if") {
    if (isObject(action.actions)) out.push({ branch: "actions", pointer: `${pointer}/actions`, actions: action.actions });
    if (isObject(action.else) && isObject(action.else.actions)) out.push({ branch: "else", pointer: `${pointer}/else/actions`, actions: action.else.actions });
  } else if (type === "switch") {
    if (isObject(action.cases)) {
      for (const [name, c] of Object.entries(action.cases)) {
        if (isObject(c) && isObject(c.actions)) out.push({ branch: `case:${name}`, pointer: `${child(`${pointer}/cases`, name)}/actions`, actions: c.actions });
      }
    }
    if (isObject(action.default) && isObject(action.default.actions)) out.push({ branch: "default", pointer: `${pointer}/default/actions`, actions: action.default.actions });
  } else if (type === "foreach" || type === "until" || type === "scope") {
    if (isObject(action.actions)) out.push({ branch: "actions", pointer: `${pointer}/actions`, actions: action.actions });
  } else if (type === "agent" && isObject(action.tools)) {
    for (const [name, tool] of Object.entries(action.tools)) {
      if (isObject(tool) && isObject(tool.actions)) out.push({ branch: `tool:${name}`, pointer: `${child(`${pointer}/tools`, name)}/actions`, actions: tool.actions });
    }
  }
  return out;
}

/** Keys the engine does not evaluate (free text and designer data): strings there are never expressions. */
const NOT_EVALUATED = new Set(["description", "metadata"]);

/** Visit an action's own properties, skipping the maps that hold its child actions (by container type). */
function ownProperties(node: ActionNode, visit: (value: unknown, pointer: string, property: string) => void): void {
  const { action, pointer, type } = node;
  for (const key of Object.keys(action)) {
    if (NOT_EVALUATED.has(key)) continue;
    const value = action[key];
    const at = child(pointer, key);
    if ((type === "if" || type === "foreach" || type === "until" || type === "scope") && key === "actions") continue;
    if (type === "if" && key === "else" && isObject(value)) {
      for (const k of Object.keys(value)) if (k !== "actions") visit(value[k], child(at, k), key);
      continue;
    }
    if (type === "switch" && key === "cases" && isObject(value)) {
      for (const [caseName, c] of Object.entries(value)) {
        const casePointer = child(at, caseName);
        if (isObject(c)) {
          for (const k of Object.keys(c)) if (k !== "actions") visit(c[k], child(casePointer, k), key);
        } else visit(c, casePointer, key);
      }
      continue;
    }
    if (type === "switch" && key === "default" && isObject(value)) {
      for (const k of Object.keys(value)) if (k !== "actions") visit(value[k], child(at, k), key);
      continue;
    }
    if (type === "agent" && key === "tools" && isObject(value)) {
      // A tool's description is text for the model; its agentParameterSchema is a JSON schema, not evaluated.
      for (const [toolName, tool] of Object.entries(value)) {
        const toolPointer = child(at, toolName);
        if (isObject(tool)) {
          for (const k of Object.keys(tool)) if (k !== "actions" && k !== "description" && k !== "agentParameterSchema") visit(tool[k], child(toolPointer, k), key);
        } else visit(tool, toolPointer, key);
      }
      continue;
    }
    visit(value, at, key);
  }
}

/**
 * Visit every string in a JSON value (keys excluded) that `wanted` accepts, with its pointer. Pointers are only
 * built for containers and wanted strings: most strings are plain text.
 */
function strings(value: unknown, pointer: string, wanted: (text: string) => boolean, visit: (text: string, pointer: string) => void): void {
  if (typeof value === "string") {
    if (wanted(value)) visit(value, pointer);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === "string") {
        if (wanted(v)) visit(v, `${pointer}/${i}`);
      } else if (v !== null && typeof v === "object") strings(v, `${pointer}/${i}`, wanted, visit);
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (typeof v === "string") {
        if (wanted(v)) visit(v, child(pointer, key));
      } else if (v !== null && typeof v === "object") strings(v, child(pointer, key), wanted, visit);
    }
  }
}

/** Build the model of one workflow target whose definition is an object. */
export function buildModel(target: WorkflowTarget, definition: Obj): Model {
  const base = target.pointer;
  const actions: ActionNode[] = [];
  const byName = new Map<string, ActionNode[]>();
  const byLower = new Map<string, ActionNode[]>();
  const scopes: Scope[] = [];

  const addScope = (map: Obj, pointer: string, owner: ActionNode | undefined, branch: string): Scope => {
    const scope: Scope = { pointer, owner, branch, members: [], byName: new Map() };
    scopes.push(scope);
    for (const [name, action] of Object.entries(map)) {
      if (!isObject(action)) continue;
      const at = child(pointer, name);
      const runAfter: RunAfterEntry[] = [];
      if (isObject(action.runAfter)) {
        const base = `${at}/runAfter`;
        for (const key of Object.keys(action.runAfter)) runAfter.push([key, action.runAfter[key], child(base, key)]);
      }
      const node: ActionNode = {
        name,
        lower: name.toLowerCase(),
        action,
        pointer: at,
        parent: owner,
        scope,
        depth: owner ? owner.depth + 1 : 0,
        type: lower(action.type),
        index: actions.length,
        runAfter,
      };
      actions.push(node);
      scope.members.push(node);
      if (!scope.byName.has(name)) scope.byName.set(name, node);
      const same = byName.get(name);
      if (same) same.push(node);
      else byName.set(name, [node]);
      const similar = byLower.get(node.lower);
      if (similar) similar.push(node);
      else byLower.set(node.lower, [node]);
      for (const c of children(action, node.type, node.pointer)) addScope(c.actions, c.pointer, node, c.branch);
    }
    return scope;
  };
  const rootActions = isObject(definition.actions) ? definition.actions : {};
  const root = addScope(rootActions, joinPointer(base, "actions"), undefined, "root");

  const triggers: TriggerNode[] = [];
  if (isObject(definition.triggers)) {
    for (const [name, trigger] of Object.entries(definition.triggers)) {
      if (isObject(trigger)) triggers.push({ name, trigger, pointer: joinPointer(base, "triggers", name), type: lower(trigger.type) });
    }
  }

  const parameters = new Map<string, ParameterNode>();
  if (isObject(definition.parameters)) {
    for (const [name, decl] of Object.entries(definition.parameters)) {
      const l = name.toLowerCase();
      if (!parameters.has(l)) parameters.set(l, { name, decl, pointer: joinPointer(base, "parameters", name) });
    }
  }

  const sites: Site[] = [];
  const cache = new Map<string, ReturnType<typeof tryParseTemplate>>();
  // A string is worth a site when the engine would evaluate it: `@…` (not `@@`) or containing `@{`.
  // ARM `[...]` values are evaluated by ARM at deploy time: opaque here; `[[…]` is a literal `[…]`.
  const wanted = (raw: string): boolean => {
    if (target.arm && raw.charCodeAt(0) === 91 /* [ */) {
      if (isArmExpression(raw)) return false;
      if (raw.startsWith("[[") && raw.endsWith("]")) return isExpressionString(raw.slice(1));
    }
    return isExpressionString(raw);
  };
  const collect = (value: unknown, pointer: string, owner: Owner) => {
    strings(value, pointer, wanted, (raw, at) => {
      let text = raw;
      let shift = 0;
      if (target.arm && raw.startsWith("[[") && raw.endsWith("]")) {
        text = raw.slice(1);
        shift = 1;
      }
      let parsed = cache.get(text);
      if (!parsed) {
        parsed = tryParseTemplate(text);
        cache.set(text, parsed);
      }
      const exprs = parsed.ok ? templateExpressions(parsed.template) : [];
      const calls: Call[] = [];
      for (const expr of exprs) forEachCall(expr, (call) => calls.push(call));
      sites.push({
        pointer: at,
        text,
        shift,
        owner,
        template: parsed.ok ? parsed.template : undefined,
        error: parsed.ok ? undefined : parsed.error,
        exprs,
        calls,
      });
    });
  };
  for (const node of triggers) {
    for (const key of Object.keys(node.trigger)) {
      if (!NOT_EVALUATED.has(key)) collect(node.trigger[key], child(node.pointer, key), { kind: "trigger", node });
    }
  }
  for (const node of actions) ownProperties(node, (value, pointer, property) => collect(value, pointer, { kind: "action", node, property }));
  if (definition.outputs !== undefined) collect(definition.outputs, joinPointer(base, "outputs"), { kind: "outputs" });

  return { target, definition, base, actions, byName, byLower, scopes, root, triggers, hasTriggers: triggers.length > 0, sites, parameters };
}

/** True when `ancestor` encloses `node`. */
export function encloses(ancestor: ActionNode, node: ActionNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** The first argument of a call when it is a string literal. */
export function literalArg(call: Call, index = 0): string | undefined {
  const arg = call.args[index];
  return arg && arg.kind === "string" ? arg.value : undefined;
}
