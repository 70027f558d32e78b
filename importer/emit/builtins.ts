/**
 * Built-in actions as the builder's own steps, when the action has exactly the shape the step renders:
 * `flow.compose`, `flow.variable` (top level) and the variable writes (`setVariable`, `increment`, `decrement`,
 * `appendToArray`, `appendToString`) of a variable declared so. Anything else stays `flow.action`.
 */
import type { Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { call, obj, type Code } from "../code";
import type { EmitContext } from "./context";
import { liftString } from "./expr";
import { stepOptions } from "./options";
import type { RunAfterPlan } from "./run-after";
import type { Emitted } from "./scope";
import { ANY, BOOLEAN, NUMBER, outputsTy, STRING, type Ty } from "./types";
import { inputCode, rawCode } from "./value";

/** `flow.variable<T>` type argument and the `.value` type, per variable type. */
const VARIABLE_TYPES: Record<string, { typeArg: string; ty: Ty }> = {
  string: { typeArg: "string", ty: STRING },
  integer: { typeArg: "number", ty: NUMBER },
  float: { typeArg: "number", ty: NUMBER },
  boolean: { typeArg: "boolean", ty: BOOLEAN },
  array: { typeArg: "Untyped[]", ty: { k: "array", nav: false } },
  object: { typeArg: "Untyped", ty: ANY },
};

/** Variable writes: builder method, and the kind of value it takes (`Input` takes any). */
const WRITES: Record<string, { method: string; value: "input" | "number" | "string" }> = {
  SetVariable: { method: "setVariable", value: "input" },
  IncrementVariable: { method: "increment", value: "number" },
  DecrementVariable: { method: "decrement", value: "number" },
  AppendToArrayVariable: { method: "appendToArray", value: "input" },
  AppendToStringVariable: { method: "appendToString", value: "string" },
};

/** True when `value` has exactly these keys, the required ones among them. */
function keysAre(value: unknown, allowed: readonly string[], required: readonly string[] = allowed): value is Obj {
  return isObject(value) && Object.keys(value).every((k) => allowed.includes(k)) && required.every((k) => Object.hasOwn(value, k));
}

/**
 * A value passed where the builder takes a number or a string expression (or, `kind: "input"`, any value of the
 * variable's type `of`): a literal, a fitting lifted expression, or `raw`.
 */
function typedValue(value: Json, kind: "number" | "string" | "input", ctx: EmitContext, of?: Ty): Code | undefined {
  if (kind === "input" && typeof value !== "string") return inputCode(value, ctx);
  if (kind === "number" && typeof value === "number") return JSON.stringify(value);
  if (typeof value !== "string") return undefined;
  const mark = ctx.checkpoint();
  const lifted = liftString(value, ctx);
  const want = kind === "input" ? of?.k : kind;
  if (lifted && (lifted.ty.k === "any" || lifted.ty.k === want || (want === "string" && lifted.ty.k === "enum"))) {
    if (lifted.outcome === "lifted") ctx.stats.exprLifted++;
    else ctx.stats.exprPartial++;
    return lifted.code;
  }
  if (lifted) ctx.rollback(mark);
  if (kind !== "number" && !(value.startsWith("@") || value.includes("@{"))) return JSON.stringify(value);
  return value.startsWith("@") || value.includes("@{") ? rawCode(value, ctx) : undefined;
}

/** What reading an Http or ParseJson step gives: an `Untyped` body. */
const RAW_ACCESS = { body: { member: "body", ty: ANY }, outputs: { member: "outputs", ty: outputsTy(ANY) } };

/** The request of `flow.http` for an Http action's inputs, when the call writes them back as given. */
function httpRequest(inputs: Json, ctx: EmitContext): Code | undefined {
  if (!keysAre(inputs, ["method", "uri", "headers", "queries", "body", "authentication"], ["method", "uri"])) return undefined;
  if (typeof inputs.method !== "string" || typeof inputs.uri !== "string") return undefined;
  // The builder leaves out empty header and query maps.
  for (const key of ["headers", "queries"] as const) {
    const value = inputs[key];
    if (value !== undefined && (!isObject(value) || Object.keys(value).length === 0)) return undefined;
  }
  const uri = typedValue(inputs.uri, "string", ctx);
  if (uri === undefined) return undefined;
  const entries: [string, Code][] = [
    ["method", JSON.stringify(inputs.method)],
    ["uri", uri],
  ];
  for (const key of ["headers", "queries", "body", "authentication"] as const) if (Object.hasOwn(inputs, key)) entries.push([key, inputCode(inputs[key] as Json, ctx)]);
  return obj(entries);
}

/** A built-in step statement, when one renders the action exactly. */
export function typedBuiltin(name: string, rest: Obj, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, ctx: EmitContext): Emitted | undefined {
  const type = rest.type as string;
  if (!keysAre(rest, ["type", "inputs", "description"], ["type", "inputs"])) return undefined;
  if (rest.description !== undefined && (typeof rest.description !== "string" || rest.description === "")) return undefined;
  const extra: [string, Code][] = typeof rest.description === "string" ? [["description", JSON.stringify(rest.description)]] : [];
  const inputs = rest.inputs as Json;
  const statement = (method: string, args: Code[]): Code => {
    const { label, options } = stepOptions(name, plan, ids, extra);
    return call(`flow.${method}`, options ? [JSON.stringify(label), ...args, options] : [JSON.stringify(label), ...args]);
  };
  if (type === "Compose") {
    ctx.typed++;
    return { code: statement("compose", [inputCode(inputs, ctx)]), access: { outputs: { member: "value", ty: ANY } } };
  }
  if (type === "ParseJson") {
    if (!keysAre(inputs, ["content", "schema"])) return undefined;
    ctx.typed++;
    return { code: statement("parseJson", [inputCode(inputs.content as Json, ctx), inputCode(inputs.schema as Json, ctx)]), access: RAW_ACCESS };
  }
  if (type === "Http") {
    const request = httpRequest(inputs, ctx);
    if (!request) return undefined;
    ctx.typed++;
    return { code: statement("http", [request]), access: RAW_ACCESS };
  }
  if (type === "InitializeVariable") {
    // Declarations only at the top level (the builder's rule), one per action, with the members the builder writes.
    if (!ctx.lifting || ctx.lifting.depth !== 0 || ctx.blocked.has(name)) return undefined;
    if (!keysAre(inputs, ["variables"]) || !Array.isArray(inputs.variables) || inputs.variables.length !== 1) return undefined;
    const declaration = inputs.variables[0];
    if (!keysAre(declaration, ["name", "type", "value"], ["name", "type"]) || typeof declaration.name !== "string" || typeof declaration.type !== "string") return undefined;
    // The designer writes `String`, `Integer`…; the builder takes either spelling (not `STRING`).
    const lower = declaration.type.toLowerCase();
    const spelt = declaration.type === lower || declaration.type === lower.charAt(0).toUpperCase() + lower.slice(1);
    const variableType = spelt ? VARIABLE_TYPES[lower] : undefined;
    if (!variableType || ctx.lifting.variables.has(declaration.name)) return undefined;
    const entries: [string, Code][] = [
      ["name", JSON.stringify(declaration.name)],
      ["type", JSON.stringify(declaration.type)],
    ];
    if (Object.hasOwn(declaration, "value")) entries.push(["value", inputCode(declaration.value as Json, ctx)]);
    if (variableType.typeArg.includes("Untyped")) ctx.imports.add("type Untyped");
    ctx.typed++;
    const { label, options } = stepOptions(name, plan, ids, extra);
    const code = call(`flow.variable<${variableType.typeArg}>`, options ? [JSON.stringify(label), obj(entries), options] : [JSON.stringify(label), obj(entries)]);
    return { code, access: { variables: { member: "value", ty: variableType.ty } }, variable: declaration.name };
  }
  const write = WRITES[type];
  if (!write || !ctx.lifting || ctx.blocked.has(name)) return undefined;
  if (!keysAre(inputs, ["name", "value"], ["name"]) || typeof inputs.name !== "string") return undefined;
  const variable = ctx.lifting.variables.get(inputs.name);
  if (!variable) return undefined;
  const hasValue = Object.hasOwn(inputs, "value");
  if (!hasValue && write.value !== "number") return undefined;
  let valueCode: Code | undefined;
  if (hasValue) {
    // Appending: the element type is Untyped (arrays are declared `Untyped[]`), so any value fits.
    valueCode = type === "AppendToArrayVariable" ? inputCode(inputs.value as Json, ctx) : typedValue(inputs.value as Json, write.value, ctx, variable.access.variables?.ty);
    if (valueCode === undefined) return undefined;
  }
  ctx.touch(variable);
  variable.id ??= ctx.allocate(variable.idHint ?? variable.name);
  ctx.typed++;
  return { code: statement(write.method, valueCode === undefined ? [variable.id] : [variable.id, valueCode]), access: {} };
}
