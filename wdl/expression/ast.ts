/**
 * AST of the workflow expression language.
 *
 * `Expr` is one expression (what follows `@` or sits inside `@{…}`); `Template` is a whole JSON string
 * value, which is a literal, a single typed expression (`"@…"`) or an interpolated string (`"…@{…}…"`).
 */

/** An expression node. */
export type Expr = StringLit | IntLit | FloatLit | BoolLit | NullLit | Call | Member | Index;

/** `'text'` (quotes doubled in source). */
export interface StringLit {
  kind: "string";
  value: string;
}
/** An integer token such as `42` or `-1`. */
export interface IntLit {
  kind: "int";
  value: number;
}
/** A float token such as `1.5` or `2e3`. */
export interface FloatLit {
  kind: "float";
  value: number;
}
/** `true` / `false`. */
export interface BoolLit {
  kind: "bool";
  value: boolean;
}
/** `null`. */
export interface NullLit {
  kind: "null";
}
/** `name(arg, …)`. */
export interface Call {
  kind: "call";
  name: string;
  args: Expr[];
}
/** `target.name` or `target?.name`. */
export interface Member {
  kind: "member";
  target: Expr;
  name: string;
  safe: boolean;
}
/** `target[index]` or `target?[index]`. */
export interface Index {
  kind: "index";
  target: Expr;
  index: Expr;
  safe: boolean;
}

/** A JSON string value, classified. */
export type Template = LiteralTemplate | ExpressionTemplate | InterpolationTemplate;

/** Plain text (escapes already removed). */
export interface LiteralTemplate {
  kind: "literal";
  text: string;
}
/** `"@expr"`: the value is the expression's typed result. */
export interface ExpressionTemplate {
  kind: "expression";
  expr: Expr;
}
/** `"text @{expr} text"`: always a string. Parts alternate freely; adjacent text parts are merged. */
export interface InterpolationTemplate {
  kind: "interpolation";
  parts: (string | Expr)[];
}

/** Builders for AST nodes, so callers do not spell object literals. */
export const ast = {
  str: (value: string): StringLit => ({ kind: "string", value }),
  int: (value: number): IntLit => ({ kind: "int", value }),
  float: (value: number): FloatLit => ({ kind: "float", value }),
  bool: (value: boolean): BoolLit => ({ kind: "bool", value }),
  null: (): NullLit => ({ kind: "null" }),
  call: (name: string, ...args: Expr[]): Call => ({ kind: "call", name, args }),
  member: (target: Expr, name: string, safe = false): Member => ({ kind: "member", target, name, safe }),
  index: (target: Expr, index: Expr, safe = false): Index => ({ kind: "index", target, index, safe }),
};

/**
 * True when a JSON string is an expression or template (starts with `@` but not `@@`, or contains `@{`). The
 * one-character string `"@"` is a literal: the service reads only strings of two or more characters that start
 * with `@` as expressions (published playbooks test `contains(…, "@")`).
 */
export function isExpressionString(value: string): boolean {
  if (value.length < 2) return false;
  if (value.charCodeAt(0) === 64 /* @ */) return value.charCodeAt(1) !== 64;
  return value.includes("@{");
}
