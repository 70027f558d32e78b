/**
 * Deterministic rendering: expressions become WDL strings, literal text is escaped, keys come out in a fixed
 * order, `undefined` disappears, and nothing but plain JSON gets through.
 */
import { printExpression, printTemplate, type Expr as AstExpr, type Json, type JsonObject } from "../../wdl";
import { BuildError } from "./errors";
import { EXPR, isExpr, type Expr } from "./expr";
import type { Input } from "./operation";

/** Flatten nested interpolations into text and AST parts. */
function flattenParts(value: Expr<unknown>, out: (string | AstExpr)[]): void {
  const state = value[EXPR];
  if (state.raw !== undefined && !state.node) {
    throw new BuildError("raw-in-expression", `raw(${JSON.stringify(state.raw).slice(0, 60)}) is not one "@expression" string, so it cannot be interpolated.`);
  }
  if (!state.parts) {
    out.push(state.node!);
    return;
  }
  for (const part of state.parts) {
    if (typeof part === "string") {
      const last = out[out.length - 1];
      if (typeof last === "string") out[out.length - 1] = last + part;
      else out.push(part);
    } else flattenParts(part, out);
  }
}

/** Render an expression at a JSON position: `"@expr"`, `"text @{expr}"` for interpolated text, or a `raw` value as given. */
export function renderExpr(value: Expr<unknown>): Json {
  const state = value[EXPR];
  if (state.raw !== undefined) return structuredClone(state.raw);
  if (state.node) return `@${printExpression(state.node)}`;
  const parts: (string | AstExpr)[] = [];
  flattenParts(value, parts);
  if (!parts.some((p) => typeof p !== "string")) return printTemplate({ kind: "literal", text: parts.join("") });
  return printTemplate({ kind: "interpolation", parts });
}

/** Render an input value to plain JSON. `where` names the position for error messages. */
export function renderInput(value: Input, where: string): Json {
  if (value === null || typeof value === "number" || typeof value === "boolean") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new BuildError("invalid-literal", `${where} is ${value}, which JSON cannot hold.`);
    return value;
  }
  if (typeof value === "string") return printTemplate({ kind: "literal", text: value });
  if (isExpr(value)) return renderExpr(value);
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (item === undefined) throw new BuildError("invalid-literal", `${where}[${i}] is undefined.`);
      return renderInput(item as Input, `${where}[${i}]`);
    });
  }
  if (typeof value === "object" && value !== undefined) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new BuildError("invalid-literal", `${where} is a ${proto?.constructor?.name ?? "non-plain"} object; only plain JSON values and expressions can be rendered.`);
    }
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value as Record<string, Input>)) {
      if (v === undefined) continue;
      out[key] = renderInput(v, `${where}.${key}`);
    }
    return out;
  }
  throw new BuildError("invalid-literal", `${where} is ${typeof value}; only plain JSON values and expressions can be rendered.`);
}


const ACTION_KEY_ORDER = [
  "type",
  "kind",
  "description",
  "inputs",
  "expression",
  "foreach",
  "limit",
  "actions",
  "else",
  "cases",
  "default",
  "runAfter",
  "runtimeConfiguration",
  "operationOptions",
  "trackedProperties",
  "metadata",
];
const TRIGGER_KEY_ORDER = ["type", "kind", "description", "inputs", "recurrence", "conditions", "splitOn", "runtimeConfiguration", "operationOptions", "metadata"];
const INPUT_KEY_ORDER = ["host", "method", "uri", "path", "function", "headers", "queries", "body", "authentication", "retryPolicy"];

/** Copy an object with the listed keys first (in that order) and the rest sorted. */
export function orderKeys<T extends Record<string, unknown>>(value: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value).sort()) if (!(key in out) && value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/** Put an action's keys (and its `inputs` keys when it has a request shape) in canonical order. */
export function orderAction(action: JsonObject): JsonObject {
  const ordered = orderKeys(action, ACTION_KEY_ORDER);
  const inputs = ordered.inputs;
  if (inputs && typeof inputs === "object" && !Array.isArray(inputs) && ("method" in inputs || "host" in inputs)) {
    ordered.inputs = orderKeys(inputs, INPUT_KEY_ORDER);
  }
  return ordered;
}

/** Put a trigger's keys in canonical order. */
export function orderTrigger(trigger: JsonObject): JsonObject {
  const ordered = orderKeys(trigger, TRIGGER_KEY_ORDER);
  const inputs = ordered.inputs;
  if (inputs && typeof inputs === "object" && !Array.isArray(inputs) && ("method" in inputs || "host" in inputs)) {
    ordered.inputs = orderKeys(inputs, INPUT_KEY_ORDER);
  }
  return ordered;
}

/** Canonical text of a definition: two-space JSON with a final newline. */
export function toCanonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
