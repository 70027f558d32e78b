/**
 * The expression evaluator: templates (`"@expr"`, `"text @{expr}"`, literals), deep values, conditions.
 *
 * Expressions are compiled once into closures (cached by source string) and then run against an
 * `EvalContext`; everything non-deterministic (clock, GUIDs, random numbers) comes from the context.
 * Results are plain JSON (see `values.ts` for the tagged types that live only inside one expression).
 */
import type { Expr, Template } from "../../wdl/expression/ast";
import { ExpressionSyntaxError, parseTemplate } from "../../wdl/expression/parser";
import { printExpression } from "../../wdl/expression/printer";
import { describeArity, lookupFunction } from "../../wdl/functions";
import { setKey } from "../../wdl/walk";
import type { EvalContext } from "./context";
import { EvaluationError } from "./errors";
import { FUNCTION_TABLE } from "./functions";
import { MAX_VALUE_CHARS, valueLimitError } from "./limits";
import type { FunctionImpl, Site } from "./functions/types";
import { BinaryValue, FloatValue, findProperty, isPlainObject, makeFloat, toPlain, toServiceString, typeName } from "./values";

export { EvaluationError } from "./errors";
export { createStaticContext } from "./static-context";
export type { StaticContextInput } from "./static-context";

type Compiled = (ctx: EvalContext) => unknown;

/** Cache of compiled templates by source string; cleared wholesale when it grows past the bound. */
const MAX_CACHE = 50_000;
const stringCache = new Map<string, Compiled | EvaluationError>();
const templateCache = new WeakMap<Template, Compiled>();

/** Evaluate a parsed template: literal → its text, `@expr` → the typed value, interpolation → a string. */
export function evaluateTemplate(template: Template, ctx: EvalContext): unknown {
  let compiled = templateCache.get(template);
  if (!compiled) {
    compiled = compileTemplate(template);
    templateCache.set(template, compiled);
  }
  return run(compiled, ctx);
}

/** Parse (cached) and evaluate one JSON string value. Strings that are not expressions come back unchanged. */
export function evaluateString(value: string, ctx: EvalContext): unknown {
  // Fast path: most strings in a definition are plain text.
  if (value.charCodeAt(0) !== 64 /* @ */ && !value.includes("@{")) return value;
  let compiled = stringCache.get(value);
  if (compiled === undefined) {
    compiled = compileSource(value);
    if (stringCache.size >= MAX_CACHE) stringCache.clear();
    stringCache.set(value, compiled);
  }
  if (compiled instanceof EvaluationError) throw new EvaluationError(compiled.code, compiled.message);
  return run(compiled, ctx);
}

/** Evaluate every string in a JSON value (object keys are not evaluated). Returns new containers; never mutates. */
export function evaluateValue(value: unknown, ctx: EvalContext): unknown {
  if (typeof value === "string") return evaluateString(value, ctx);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = evaluateValue(value[i], ctx);
    return out;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setKey(out, key, evaluateValue((value as Record<string, unknown>)[key], ctx));
    return out;
  }
  return value;
}

/**
 * Evaluate an If/Until `expression`: an expression string, a boolean, or the designer's structured form
 * (`{and: [...]}`, `{or: [...]}`, `{not: {...}}`, `{equals: [a, b]}`, `{greater: [a, b]}`, `{contains: [c, v]}`,
 * `{startsWith: …}`, `{endsWith: …}` and any other catalogued predicate) whose operands may be expressions.
 */
export function evaluateCondition(condition: unknown, ctx: EvalContext): boolean {
  if (typeof condition === "boolean") return condition;
  if (typeof condition === "string") return asConditionResult(evaluateString(condition, ctx), condition);
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.length !== 1) {
      throw new EvaluationError("InvalidTemplate", `A condition object must have exactly one operator key (such as 'and', 'equals'); found ${keys.length === 0 ? "none" : `'${keys.join("', '")}'`}.`);
    }
    const op = keys[0]!;
    const operand = condition[op];
    const lower = op.toLowerCase();
    if (lower === "and" || lower === "or") {
      if (!Array.isArray(operand)) throw new EvaluationError("InvalidTemplate", `The condition operator '${op}' expects an array of conditions.`);
      if (lower === "and") return operand.every((c) => evaluateCondition(c, ctx));
      return operand.some((c) => evaluateCondition(c, ctx));
    }
    if (lower === "not") return !evaluateCondition(Array.isArray(operand) && operand.length === 1 ? operand[0] : operand, ctx);
    const info = lookupFunction(op);
    const impl = info ? FUNCTION_TABLE[info.name] : undefined;
    if (!info || !impl || info.workflow) throw new EvaluationError("UnknownFunction", `The condition operator '${op}' is not defined or not valid.`);
    const args = (Array.isArray(operand) ? operand : [operand]).map((a) => evaluateValue(a, ctx));
    const site: Site = { name: info.name, argc: args.length };
    checkArity(site);
    const result = "eager" in impl ? impl.eager(args, ctx, site) : impl.lazy(args.map((a) => () => a), ctx, site);
    return asConditionResult(toPlain(result), op);
  }
  throw new EvaluationError("InvalidTemplate", `A condition must be an expression string, a boolean or an operator object; found a value of type '${typeName(condition)}'.`);
}

function asConditionResult(value: unknown, source: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  throw new EvaluationError(
    "InvalidTemplate",
    `The condition '${source}' must evaluate to a boolean, but it evaluated to a value of type '${typeName(value)}'.`,
  );
}

// ---- compilation --------------------------------------------------------------------------------

function run(compiled: Compiled, ctx: EvalContext): unknown {
  try {
    return compiled(ctx);
  } catch (error) {
    if (error instanceof EvaluationError) throw error;
    if (error instanceof RangeError && /Invalid (string|array) length/.test(error.message)) throw valueLimitError("The expression's result");
    if (error instanceof RangeError && /call stack/.test(error.message)) throw valueLimitError("A value in the expression", "depth");
    // A library failure on odd input (e.g. a date library range error): report it, don't crash the run.
    throw new EvaluationError("InvalidTemplate", `The expression could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function compileSource(value: string): Compiled | EvaluationError {
  let template: Template;
  try {
    template = parseTemplate(value);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      return new EvaluationError("InvalidTemplate", `The template language expression '${value}' is not valid: ${error.message}.`);
    }
    throw error;
  }
  return compileTemplate(template);
}

function compileTemplate(template: Template): Compiled {
  switch (template.kind) {
    case "literal": {
      const text = template.text;
      return () => text;
    }
    case "expression": {
      const body = compileExpr(template.expr, template.expr);
      return (ctx) => toPlain(body(ctx));
    }
    case "interpolation": {
      const parts = template.parts.map((part) => (typeof part === "string" ? part : compileExpr(part, part)));
      return (ctx) => {
        let out = "";
        for (const part of parts) {
          out += typeof part === "string" ? part : toServiceString(part(ctx));
          if (out.length > MAX_VALUE_CHARS) throw valueLimitError("The interpolated string");
        }
        return out;
      };
    }
  }
}

function checkArity(site: Site): void {
  const info = lookupFunction(site.name)!;
  if (site.argc < info.minArgs || site.argc > info.maxArgs) {
    const expected = describeArity(info);
    throw new EvaluationError(
      "InvalidArity",
      `The template language function '${info.name}' expects ${expected} parameter${/(^| )1$/.test(expected) ? "" : "s"}, but ${site.argc} ${site.argc === 1 ? "was" : "were"} provided.`,
    );
  }
}

function compileExpr(expr: Expr, root: Expr): Compiled {
  switch (expr.kind) {
    case "string":
    case "int":
    case "bool": {
      const value = expr.value;
      return () => value;
    }
    case "float": {
      const value = makeFloat(expr.value);
      return () => value;
    }
    case "null":
      return () => null;
    case "call":
      return compileCall(expr.name, expr.args, root);
    case "member": {
      const target = compileExpr(expr.target, root);
      const name = expr.name;
      const safe = expr.safe;
      return (ctx) => selectProperty(target(ctx), name, safe, root);
    }
    case "index": {
      const target = compileExpr(expr.target, root);
      const index = compileExpr(expr.index, root);
      const safe = expr.safe;
      return (ctx) => selectIndex(target(ctx), index(ctx), safe, root);
    }
  }
}

function compileCall(name: string, argExprs: Expr[], root: Expr): Compiled {
  const info = lookupFunction(name);
  const impl: FunctionImpl | undefined = info ? FUNCTION_TABLE[info.name] : undefined;
  if (!info || !impl) {
    return () => {
      throw new EvaluationError("UnknownFunction", `The template language function '${name}' is not defined or not valid.`);
    };
  }
  const site: Site = { name: info.name, argc: argExprs.length };
  try {
    checkArity(site);
  } catch (error) {
    return () => {
      throw error;
    };
  }
  const args = argExprs.map((a) => compileExpr(a, root));
  if ("lazy" in impl) {
    const lazy = impl.lazy;
    return (ctx) => bounded(lazy(args.map((a) => () => a(ctx)), ctx, site), site);
  }
  const eager = impl.eager;
  switch (args.length) {
    case 0:
      return (ctx) => bounded(eager([], ctx, site), site);
    case 1: {
      const [a] = args as [Compiled];
      return (ctx) => bounded(eager([a(ctx)], ctx, site), site);
    }
    case 2: {
      const [a, b] = args as [Compiled, Compiled];
      return (ctx) => {
        const x = a(ctx);
        return bounded(eager([x, b(ctx)], ctx, site), site);
      };
    }
    default:
      return (ctx) => {
        const values = new Array<unknown>(args.length);
        for (let i = 0; i < args.length; i++) values[i] = args[i]!(ctx);
        return bounded(eager(values, ctx, site), site);
      };
  }
}

/** A function's result, unless it is a string past the value bound (containers are bounded per action). */
function bounded(value: unknown, site: Site): unknown {
  if (typeof value === "string" && value.length > MAX_VALUE_CHARS) throw valueLimitError(`The result of the template language function '${site.name}'`);
  return value;
}

// ---- accessors ----------------------------------------------------------------------------------

function cannotEvaluate(root: Expr, reason: string, code: string): EvaluationError {
  return new EvaluationError(code, `The template language expression '${printExpression(root)}' cannot be evaluated because ${reason}`);
}

/** `.name` / `['name']` on an object: case-insensitive; `?` turns a missing property or a null target into null. */
function selectProperty(target: unknown, name: string, safe: boolean, root: Expr): unknown {
  if (isPlainObject(target)) {
    const hit = findProperty(target, name);
    if (hit.found) return hit.value;
    const nested = name.includes("/") ? findSlashPath(target, name) : undefined;
    if (nested?.found) return nested.value;
    if (safe) return null;
    const available = Object.keys(target);
    throw cannotEvaluate(
      root,
      `property '${name}' doesn't exist, available properties are '${available.join(", ")}'. Please see https://aka.ms/logicexpressions for usage details.`,
      "PropertyNotFound",
    );
  }
  if (target === null || target === undefined) {
    if (safe) return null;
    throw cannotEvaluate(root, `property '${name}' cannot be selected. Property selection is not supported on values of type 'Null'.`, "PropertySelectionNotSupported");
  }
  if (target instanceof BinaryValue) return selectProperty(target.envelope(), name, safe, root);
  throw cannotEvaluate(
    root,
    `property '${name}' cannot be selected. Property selection is not supported on values of type '${typeName(target)}'.`,
    "PropertySelectionNotSupported",
  );
}

/** Power Automate's `['body/value']`: a `/`-separated path of properties (used when no key has the literal name). */
function findSlashPath(target: Record<string, unknown>, path: string): { found: boolean; value?: unknown } {
  let current: unknown = target;
  for (const segment of path.split("/")) {
    if (!isPlainObject(current)) return { found: false };
    const hit = findProperty(current, segment);
    if (!hit.found) return { found: false };
    current = hit.value;
  }
  return { found: true, value: current };
}

/** `[index]`: an integer on arrays, a property name on objects. */
function selectIndex(target: unknown, index: unknown, safe: boolean, root: Expr): unknown {
  if (Array.isArray(target)) {
    let i: number | undefined;
    if (typeof index === "number" && Number.isInteger(index)) i = index;
    else if (index instanceof FloatValue) i = index.value;
    else if (typeof index === "bigint") i = Number(index);
    if (i === undefined) {
      throw cannotEvaluate(
        root,
        `the array index '${toServiceString(index)}' of type '${typeName(index)}' is not an integer. Arrays are indexed by integers.`,
        "InvalidArgument",
      );
    }
    if (i >= 0 && i < target.length) return target[i];
    if (safe) return null;
    throw cannotEvaluate(root, `array index '${i}' is outside bounds (0, ${target.length - 1}) of array.`, "IndexOutOfRange");
  }
  if (typeof index === "string") return selectProperty(target, index, safe, root);
  if (target === null || target === undefined) {
    if (safe) return null;
    throw cannotEvaluate(root, `property '${toServiceString(index)}' cannot be selected. Property selection is not supported on values of type 'Null'.`, "PropertySelectionNotSupported");
  }
  if (isPlainObject(target) && (typeof index === "number" || typeof index === "bigint")) return selectProperty(target, String(index), safe, root);
  throw cannotEvaluate(
    root,
    `the index of type '${typeName(index)}' cannot be applied to a value of type '${typeName(target)}'.`,
    "PropertySelectionNotSupported",
  );
}
