/**
 * If/Switch/Foreach/Until/Scope as the builder's control flow (`flow.if`, `flow.switch`, `flow.forEach`,
 * `flow.until`, `flow.scope`) when the action has exactly the shape that call renders; anything else (a
 * designer condition object, extra members, a Foreach that writes variables in parallel, cases named otherwise
 * than the builder names them) stays `flow.container`. The shape is checked before anything is emitted.
 */
import type { Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { nameFromLabel } from "../../playbooks/kit";
import { arr, arrow, call, obj, prefix, suffix, type Code } from "../code";
import { propertyKey } from "../names";
import type { EmitContext } from "./context";
import { liftString } from "./expr";
import { stepOptions } from "./options";
import type { RunAfterPlan } from "./run-after";
import { branchArrow, scopeStatements } from "./scope";
import { itemTy, type Ty } from "./types";
import { inputCode, rawCode } from "./value";

type Accept = (ty: Ty) => boolean;
const BOOLEAN_LIKE: Accept = (ty) => ty.k === "any" || ty.k === "boolean";
const ARRAY_LIKE: Accept = (ty) => ty.k === "any" || ty.k === "array";
const SWITCH_VALUE: Accept = (ty) => ty.k === "any" || ty.k === "string" || ty.k === "number" || ty.k === "enum";

/** An expression string as code of an accepted type (lifted), else `raw("@…")`; the type it has. */
function valueCode(value: string, accept: Accept, ctx: EmitContext): { code: Code; ty: Ty } {
  const mark = ctx.checkpoint();
  const lifted = liftString(value, ctx);
  if (lifted && accept(lifted.ty)) {
    if (lifted.outcome === "lifted") ctx.stats.exprLifted++;
    else ctx.stats.exprPartial++;
    return { code: lifted.code, ty: lifted.ty };
  }
  if (lifted) ctx.rollback(mark);
  return { code: rawCode(value, ctx), ty: { k: "any", nav: false } };
}

const COMPARISONS = new Set(["equals", "greater", "greaterOrEquals", "less", "lessOrEquals", "contains", "startsWith", "endsWith"]);

/** True for a condition object as the designer writes it (and the builder's `DesignerCondition` renders as given). */
function isDesignerCondition(value: unknown): boolean {
  if (!isObject(value) || Object.keys(value).length !== 1) return false;
  const [op, operand] = Object.entries(value)[0]!;
  if (op === "and" || op === "or") return Array.isArray(operand) && operand.length > 0 && operand.every(isDesignerCondition);
  if (op === "not") return isDesignerCondition(operand);
  return COMPARISONS.has(op) && Array.isArray(operand) && operand.length === 2 && operand.every((o) => o !== undefined);
}

/** A condition: a designer condition object with its operands lifted, else the expression string (lifted or raw). */
function conditionCode(value: unknown, ctx: EmitContext): Code {
  if (isDesignerCondition(value)) return inputCode(value as Json, ctx);
  return valueCode(value as string, BOOLEAN_LIKE, ctx).code;
}

/** A condition the builder's `if`/`until` take: an expression string or a designer condition object. */
const isCondition = (v: unknown): boolean => isExpressionText(v) || isDesignerCondition(v);

/** True when `rest` has only these members (and `description` as a non-empty string). */
function only(rest: Obj, members: readonly string[]): boolean {
  return Object.entries(rest).every(([k, v]) => members.includes(k) || (k === "description" && typeof v === "string" && v !== ""));
}

/** `description` for the options, when given. */
function describe(rest: Obj): [string, Code][] {
  return typeof rest.description === "string" ? [["description", JSON.stringify(rest.description)]] : [];
}

const isExpressionText = (v: unknown): v is string => typeof v === "string" && v.length > 1 && v[0] === "@" && v[1] !== "@" && v[1] !== "{";
const WRITES_VARIABLE = /^(SetVariable|IncrementVariable|DecrementVariable|AppendToArrayVariable|AppendToStringVariable)$/;

/** True when an action list (nested ones included) writes a variable. */
function writesVariables(actions: Obj): boolean {
  return Object.values(actions).some((a) => {
    if (!isObject(a)) return false;
    if (typeof a.type === "string" && WRITES_VARIABLE.test(a.type)) return true;
    const nested = [a.actions, isObject(a.else) ? a.else.actions : undefined, isObject(a.default) ? a.default.actions : undefined, ...(isObject(a.cases) ? Object.values(a.cases).map((c) => (isObject(c) ? c.actions : undefined)) : [])];
    return nested.some((n) => isObject(n) && writesVariables(n));
  });
}

/** The builder's control-flow statement for a container, or undefined when its shape is not the one that call renders. */
export function typedContainer(name: string, rest: Obj, branches: [string, Obj][], plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
  const keys = branches.map(([b]) => b);
  const body = (b: string) => branches.find(([k]) => k === b)?.[1];
  switch (rest.type) {
    case "Scope":
      if (!only(rest, ["type"]) || keys.join() !== "actions") return undefined;
      return withOptions("flow.scope", name, plan, ids, describe(rest), (label) => [label, branchArrow(body("actions")!, ctx)]);
    case "If": {
      if (!only(rest, ["type", "expression"]) || !isCondition(rest.expression) || keys[0] !== "actions" || keys.some((k) => k !== "actions" && k !== "else")) return undefined;
      const condition = conditionCode(rest.expression, ctx);
      const otherwise = body("else");
      return withOptions("flow.if", name, plan, ids, describe(rest), (label, options) => {
        const args = [label, condition, branchArrow(body("actions")!, ctx)];
        if (otherwise) args.push(branchArrow(otherwise, ctx));
        else if (options) args.push("undefined");
        return args;
      });
    }
    case "Foreach":
      return forEach(name, rest, keys, body("actions"), plan, ids, ctx);
    case "Until":
      return until(name, rest, keys, body("actions"), plan, ids, ctx);
    case "Switch":
      return switchOf(name, rest, branches, plan, ids, ctx);
    default:
      return undefined;
  }
}

/** `head(label, …args, options?)`. */
function withOptions(head: string, name: string, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, extra: [string, Code][], args: (label: string, options: Code | undefined) => Code[]): Code {
  const { label, options } = stepOptions(name, plan, ids, extra);
  const list = args(JSON.stringify(label), options);
  if (options) list.push(options);
  return call(head, list);
}

function forEach(name: string, rest: Obj, keys: string[], actions: Obj | undefined, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
  if (!actions || keys.join() !== "actions" || !only(rest, ["type", "foreach", "runtimeConfiguration"]) || !isExpressionText(rest.foreach)) return undefined;
  let concurrency: number | undefined;
  if (rest.runtimeConfiguration !== undefined) {
    const rc = rest.runtimeConfiguration;
    const repetitions = isObject(rc) && Object.keys(rc).length === 1 && isObject(rc.concurrency) && Object.keys(rc.concurrency).length === 1 ? rc.concurrency.repetitions : undefined;
    if (typeof repetitions !== "number" || !Number.isInteger(repetitions) || repetitions < 1 || repetitions > 50) return undefined;
    concurrency = repetitions;
  }
  const writes = writesVariables(actions);
  // The builder runs a loop that writes variables one iteration at a time, and says so in the definition.
  if (writes && concurrency !== 1) return undefined;
  const items = valueCode(rest.foreach, ARRAY_LIKE, ctx);
  const extra = describe(rest);
  if (concurrency !== undefined && !writes) extra.push(["concurrency", String(concurrency)]);
  const scope = ctx.lifting;
  const loop = { id: ctx.allocate(`${name} item`), ty: itemTy(items.ty), used: false };
  const outer = scope?.loops;
  if (scope) scope.loops = new Map(outer).set(name, loop);
  const statements = scopeStatements(actions, ctx);
  if (scope) scope.loops = outer!;
  const fn = statements.length ? arrow(loop.used ? `(flow, ${loop.id})` : "(flow)", statements) : "() => {}";
  // An untyped item is read field by field: say so, or TypeScript infers `unknown` for it.
  const untyped = loop.used && loop.ty.k === "any";
  if (untyped) ctx.imports.add("type Untyped");
  return withOptions(untyped ? "flow.forEach<Untyped>" : "flow.forEach", name, plan, ids, extra, (label) => [label, items.code, fn]);
}

function until(name: string, rest: Obj, keys: string[], actions: Obj | undefined, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
  if (!actions || keys.join() !== "actions" || !only(rest, ["type", "expression", "limit"]) || !isCondition(rest.expression)) return undefined;
  const limit = rest.limit;
  if (!isObject(limit) || Object.keys(limit).sort().join() !== "count,timeout") return undefined;
  const { count, timeout } = limit;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 5000 || typeof timeout !== "string" || !ISO_DURATION.test(timeout)) return undefined;
  const extra = describe(rest);
  if (count !== 60) extra.push(["count", String(count)]);
  if (timeout !== "PT1H") extra.push(["timeout", JSON.stringify(timeout)]);
  const expression = rest.expression;
  let condition: Code = "";
  const statements = scopeStatements(actions, ctx, () => {
    condition = conditionCode(expression, ctx);
    return suffix(prefix("return ", condition), ";");
  });
  const last = condition as Code;
  const objectLiteral = typeof last !== "string" && last.kind === "list" && last.open.endsWith("{");
  const fn = statements.length > 1 ? arrow("(flow)", statements) : objectLiteral ? prefix("() => (", suffix(last, ")")) : prefix("() => ", last);
  return withOptions("flow.until", name, plan, ids, extra, (label) => [label, fn]);
}

/** An ISO 8601 duration, as the builder checks an Until timeout. */
const ISO_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** The case name the builder gives a value, or undefined when it gives none. */
function caseName(value: unknown): string | undefined {
  try {
    return `Case_${nameFromLabel(String(value))}`;
  } catch {
    return undefined;
  }
}

function switchOf(name: string, rest: Obj, branches: [string, Obj][], plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
  if (!only(rest, ["type", "expression", "cases"]) || !isExpressionText(rest.expression) || !isObject(rest.cases)) return undefined;
  const cases = Object.entries(rest.cases);
  if (cases.length === 0 || cases.length > 25) return undefined;
  const values: (string | number)[] = [];
  for (const [key, c] of cases) {
    if (!isObject(c) || Object.keys(c).join() !== "case") return undefined;
    const v = c.case as Json;
    if ((typeof v !== "string" && typeof v !== "number") || caseName(v) !== key) return undefined;
    if (!branches.some(([b]) => b === `case:${key}`)) return undefined;
    values.push(v);
  }
  if (branches.some(([b]) => b !== "default" && !b.startsWith("case:"))) return undefined;
  const on = valueCode(rest.expression, SWITCH_VALUE, ctx).code;
  const byName = new Map(cases.map(([key], i) => [key, values[i]!]));
  const arms: [string | number, Code][] = branches.filter(([b]) => b.startsWith("case:")).map(([b, actions]) => [byName.get(b.slice(5))!, branchArrow(actions, ctx)]);
  const otherwise = branches.find(([b]) => b === "default")?.[1];
  const other = otherwise ? branchArrow(otherwise, ctx) : undefined;
  const caseCode: Code = arms.every(([v]) => typeof v === "string") ? obj(arms.map(([v, fn]) => [propertyKey(String(v)), fn])) : arr(arms.map(([v, fn]) => arr([JSON.stringify(v), fn])));
  return withOptions("flow.switch", name, plan, ids, describe(rest), (label, options) => {
    const args = [label, on, caseCode];
    if (other) args.push(other);
    else if (options) args.push("undefined");
    return args;
  });
}
