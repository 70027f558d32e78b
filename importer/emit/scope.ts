/**
 * The steps of one scope as statements. Each action becomes the most typed statement an emitter offers (a typed
 * connector call, the builder's control flow, a variable or Compose step), else the faithful form: `flow.action`
 * with its members as written, or `flow.container` with the branches filled step by step. A step that a later
 * statement reads (an `after`, a `body('X')`) is held in a `const`.
 */
import type { Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { CONNECTORS } from "../../playbooks/connectors";
import { arrow, call, obj, prefix, suffix, type Code } from "../code";
import { propertyKey } from "../names";
import { planRunAfter, runOrder, type RunAfterPlan } from "./run-after";
import type { EmitContext, HandleInfo } from "./context";
import { apiOf, declaredApis, typedApiCall } from "./api-call";
import { typedContainer } from "./control";
import { typedBuiltin } from "./builtins";
import { stepOptions } from "./options";
import { orderAction } from "../../playbooks/kit/render";
import type { JsonObject } from "../../wdl";
import { ANY, outputsTy, tyOfShape, UNKNOWN } from "./types";
import { inputCode, sortedKeys } from "./value";

/** Branch members of a container action (filled by the builder, not written in its JSON). */
export function branchesOf(action: Obj): { branches: [string, Obj][]; rest: Obj } {
  const rest: Obj = { ...action };
  const branches: [string, Obj][] = [];
  if (isObject(action.actions)) {
    branches.push(["actions", action.actions]);
    delete rest.actions;
  }
  const plain = (key: "else" | "default") => {
    const branch = action[key];
    if (isObject(branch) && isObject(branch.actions) && Object.keys(branch).length === 1) {
      branches.push([key, branch.actions]);
      delete rest[key];
    }
  };
  plain("else");
  // Cases in name order, then default: the order the builder renders them in, so a rebuilt definition reads the same.
  if (isObject(action.cases)) {
    const cases: Obj = {};
    for (const caseName of Object.keys(action.cases).sort()) {
      const body = action.cases[caseName];
      if (isObject(body) && isObject(body.actions)) {
        branches.push([`case:${caseName}`, body.actions]);
        const { actions: _, ...others } = body;
        cases[caseName] = others;
      } else cases[caseName] = body;
    }
    rest.cases = cases;
  }
  plain("default");
  return { branches, rest };
}

/** An emitted statement and what its handle offers to later readers. */
export interface Emitted {
  code: Code;
  access: HandleInfo["access"];
  /** The name of the variable the statement declares (`flow.variable`; its `.value` is under `access.variables`). */
  variable?: string;
}

/** The statements of a scope, in run order; `tail` adds a last statement in the scope. */
export function scopeStatements(listed: Obj, ctx: EmitContext, tail?: () => Code): Code[] {
  const actions = runOrder(listed);
  const plans = planRunAfter(actions);
  // Handles for the steps a later `after` names, allocated up front.
  const ids = new Map<string, string>();
  for (const p of plans.values()) if (p.kind === "after") for (const t of p.targets) if (!ids.has(t)) ids.set(t, ctx.allocate(t));
  const scope = ctx.lifting;
  const outer = scope?.visible;
  const depth = scope?.depth ?? 0;
  if (scope) {
    scope.visible = new Map(outer);
    scope.depth = depth + 1;
  }
  const placed: { name: string; code: Code; info: HandleInfo }[] = [];
  for (const [name, action] of Object.entries(actions)) {
    const emitted = stepStatement(name, action as Json, ctx, plans.get(name)!, ids);
    const id = ids.get(name);
    const hint = emitted.variable !== undefined ? { idHint: emitted.variable } : {};
    const info: HandleInfo = id === undefined ? { name, access: emitted.access, used: false, ...hint } : { name, access: emitted.access, id, used: true };
    placed.push({ name, code: emitted.code, info });
    if (scope) {
      scope.visible.set(name, info);
      if (emitted.variable !== undefined) scope.variables.set(emitted.variable, info);
    }
  }
  const last = tail?.();
  if (scope) {
    scope.visible = outer!;
    scope.depth = depth;
  }
  const statements = placed.map(({ code, info }) => suffix(info.used && info.id ? prefix(`const ${info.id} = `, code) : code, ";"));
  if (last !== undefined) statements.push(last);
  return statements;
}

/** A branch body as an arrow function: `(flow) => { … }`, or `() => {}` when it has no steps. */
export function branchArrow(actions: Obj, ctx: EmitContext, params = "(flow)", tail?: () => Code): Code {
  const statements = scopeStatements(actions, ctx, tail);
  return statements.length ? arrow(params, statements) : "() => {}";
}

/** An action's members as builder input (`type` plain, the rest as written). */
function actionCode(action: Obj, ctx: EmitContext): Code {
  return obj(Object.entries(action).map(([k, v]) => [propertyKey(k), inputCode(v as Json, ctx)]));
}

/** The body type of a typed call, from the operation's declared output shape. */
function callAccess(callCode: Code): HandleInfo["access"] {
  const head = typeof callCode === "string" ? "" : callCode.kind === "call" ? callCode.head : "";
  const [connector, operation] = head.split(".");
  const ops = (CONNECTORS as unknown as Record<string, { operations: Record<string, { output?: unknown }> }>)[connector ?? ""]?.operations;
  const output = ops?.[operation ?? ""]?.output;
  const body = output ? tyOfShape(output as never) : UNKNOWN;
  return { body: { member: "body", ty: body }, outputs: { member: "outputs", ty: outputsTy(body) } };
}

/** A typed statement for an ApiConnection action, when one renders it exactly. */
function typedStep(name: string, action: Obj, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Emitted | undefined {
  if (action.type !== "ApiConnection") return undefined;
  const api = apiOf(action, ctx.apis);
  if (!api || !declaredApis().has(api)) return undefined;
  ctx.apiDeclared++;
  const callCode = typedApiCall(action, ctx.apis, ctx);
  if (!callCode) return undefined;
  ctx.apiTyped++;
  ctx.typed++;
  const extra: [string, Code][] = typeof action.description === "string" ? [["description", JSON.stringify(action.description)]] : [];
  const { label, options } = stepOptions(name, plan, ids, extra);
  return { code: call("flow.step", options ? [JSON.stringify(label), callCode, options] : [JSON.stringify(label), callCode]), access: callAccess(callCode) };
}

/** One action as a statement (without the final `;`). */
export function stepStatement(name: string, action: Json, ctx: EmitContext, plan: RunAfterPlan, ids: ReadonlyMap<string, string>): Emitted {
  if (!isObject(action) || typeof action.type !== "string") {
    throw new Error(`action '${name}' is not an object with a type`);
  }
  const reader = ctx.reader;
  ctx.reader = name;
  try {
    const { runAfter: _, ...given } = action;
    if (plan.kind === "raw" && plan.value !== undefined) plan = { kind: "raw", value: sortedKeys(plan.value) };
    const { branches, rest: givenRest } = branchesOf(given);
    // Canonical member order (the builder's), so the code is the same whatever the source's key order.
    const rest = orderAction(sortedKeys(givenRest as Json) as JsonObject) as Obj;
    if (!branches.length) {
      const typed = typedStep(name, action, plan, ids, ctx) ?? (ctx.lifting ? typedBuiltin(name, rest, plan, ids, ctx) : undefined);
      if (typed) return typed;
    } else {
      const container = ctx.lifting ? typedContainer(name, rest, branches, plan, ids, ctx) : undefined;
      if (container) {
        ctx.typed++;
        ctx.stats.containersTyped++;
        return { code: container, access: {} };
      }
    }
    ctx.raw++;
    const { label, options } = stepOptions(name, plan, ids);
    const args: Code[] = [JSON.stringify(label), actionCode(rest, ctx)];
    if (branches.length) {
      ctx.stats.containersRaw++;
      args.push(obj(branches.map(([branch, body]) => [propertyKey(branch), branchArrow(body, ctx)])));
      if (options) args.push(options);
      return { code: call("flow.container", args), access: {} };
    }
    if (options) args.push(options);
    return { code: call("flow.action", args), access: { body: { member: "body", ty: ANY }, outputs: { member: "outputs", ty: outputsTy(ANY) } } };
  } finally {
    ctx.reader = reader;
  }
}
