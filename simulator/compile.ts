/**
 * Values of a definition compiled once per definition: static JSON comes back as is, strings with
 * expressions are parsed once and evaluated per run through the evaluator.
 */
import type { Template } from "../wdl/expression/ast";
import { isExpressionString } from "../wdl/expression/ast";
import { ExpressionSyntaxError, parseTemplate } from "../wdl/expression/parser";
import { setKey } from "../wdl/walk";
import type { EvalContext } from "./expression/context";
import { EvaluationError, evaluateTemplate } from "./expression/evaluate";

/** A compiled JSON value: call it with a context to get the evaluated value. */
export type Compiled = ((ctx: EvalContext) => unknown) & { readonly constant?: boolean; readonly value?: unknown };

function constant(value: unknown): Compiled {
  const fn = (() => value) as unknown as Compiled & { constant: boolean; value: unknown };
  fn.constant = true;
  fn.value = value;
  return fn;
}

/** The parsed templates found while compiling (for static reference analysis). */
export type TemplateSink = (template: Template) => void;

/** Compile a JSON value. Syntax errors surface when the value is evaluated, as `InvalidTemplate`. */
export function compileValue(value: unknown, sink?: TemplateSink): Compiled {
  if (typeof value === "string") return compileString(value, sink);
  if (Array.isArray(value)) {
    const items = value.map((v) => compileValue(v, sink));
    // A constant array is rebuilt from its parts, so `@@` escapes inside it are unescaped too.
    if (items.every((c) => c.constant)) return constant(items.some((c, i) => c.value !== value[i]) ? items.map((c) => c.value) : value);
    return (ctx) => {
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = items[i]!(ctx);
      return out;
    };
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    const parts = keys.map((k) => compileValue((value as Record<string, unknown>)[k], sink));
    if (parts.every((c) => c.constant)) {
      const raw = value as Record<string, unknown>;
      if (parts.every((c, i) => c.value === raw[keys[i]!])) return constant(value);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = parts[i]!.value;
      return constant(out);
    }
    return (ctx) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) setKey(out, keys[i]!, parts[i]!(ctx));
      return out;
    };
  }
  return constant(value);
}

function compileString(value: string, sink?: TemplateSink): Compiled {
  if (!isExpressionString(value) && !value.startsWith("@@")) return constant(value);
  let template: Template;
  try {
    template = parseTemplate(value);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    const message = `The template language expression '${value}' is not valid: ${error.message}.`;
    return () => {
      throw new EvaluationError("InvalidTemplate", message);
    };
  }
  sink?.(template);
  if (template.kind === "literal") return constant(template.text);
  return (ctx) => evaluateTemplate(template, ctx);
}
