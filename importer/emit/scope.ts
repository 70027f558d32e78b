/**
 * The steps of one scope as statements. Each action becomes the most typed statement an emitter offers
 * (see `STEP_EMITTERS`), else the faithful form: `flow.action` with its members as written, or
 * `flow.container` with the branches filled step by step.
 */
import type { Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { arrow, call, obj, prefix, suffix, type Code } from "../code";
import { identifier, propertyKey } from "../names";
import { planRunAfter, type RunAfterPlan } from "./run-after";
import type { EmitContext } from "./context";
import { apiOf, declaredApis, typedApiCall } from "./api-call";
import { stepOptions } from "./options";
import { orderAction } from "../../playbooks/kit/render";
import type { JsonObject } from "../../wdl";
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

/** The statements of a scope, in the order the source lists its actions. */
export function scopeStatements(actions: Obj, ctx: EmitContext): Code[] {
  const plans = planRunAfter(actions);
  // Handles only for the steps a later `after` names.
  const ids = new Map<string, string>();
  for (const p of plans.values()) if (p.kind === "after") for (const t of p.targets) if (!ids.has(t)) ids.set(t, identifier(t, ctx.identifiers));
  return Object.entries(actions).map(([name, action]) => {
    const statement = stepStatement(name, action as Json, ctx, plans.get(name)!, ids);
    const id = ids.get(name);
    return suffix(id ? prefix(`const ${id} = `, statement) : statement, ";");
  });
}

/** An action's members as builder input (`type` plain, the rest as written). */
function actionCode(action: Obj, ctx: EmitContext): Code {
  return obj(Object.entries(action).map(([k, v]) => [propertyKey(k), inputCode(v as Json, ctx)]));
}

/** A typed statement for an action, when one renders it exactly. */
function typedStep(name: string, action: Obj, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
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
  return call("flow.step", options ? [JSON.stringify(label), callCode, options] : [JSON.stringify(label), callCode]);
}

/** One action as a statement (without the final `;`). */
export function stepStatement(name: string, action: Json, ctx: EmitContext, plan: RunAfterPlan, ids: ReadonlyMap<string, string>): Code {
  if (!isObject(action) || typeof action.type !== "string") {
    throw new Error(`action '${name}' is not an object with a type`);
  }
  const { runAfter: _, ...given } = action;
  if (plan.kind === "raw" && plan.value !== undefined) plan = { kind: "raw", value: sortedKeys(plan.value) };
  const { branches, rest: givenRest } = branchesOf(given);
  // Canonical member order (the builder's), so the code is the same whatever the source's key order.
  const rest = orderAction(sortedKeys(givenRest as Json) as JsonObject) as Obj;
  const members = rest;
  if (!branches.length) {
    const typed = typedStep(name, action, plan, ids, ctx);
    if (typed) return typed;
  }
  ctx.raw++;
  const { label, options } = stepOptions(name, plan, ids);
  const args: Code[] = [JSON.stringify(label), actionCode(members, ctx)];
  if (branches.length) {
    args.push(obj(branches.map(([branch, body]) => [propertyKey(branch), arrow("(flow)", scopeStatements(body, ctx))])));
    if (options) args.push(options);
    return call("flow.container", args);
  }
  if (options) args.push(options);
  return call("flow.action", args);
}
