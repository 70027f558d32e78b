/**
 * Fold an Http action's `queries` into its URI, for targets that take one URL (the Power Automate HTTP with
 * Microsoft Entra ID connector). Each value is URI-encoded: literal text here, expressions at run time with
 * `encodeUriComponent(string(…))`. Keys keep a leading `$` (OData system query options).
 */
import { parseTemplate, printExpression, type Expr } from "../wdl";

/** A query value the fold cannot write into a URL (an object or array). */
export class QueryValueError extends Error {}

const encodeKey = (key: string): string => encodeURIComponent(key).replace(/%24/g, "$");
const encodeExpr = (expr: Expr): string => `@{encodeUriComponent(string(${printExpression(expr)}))}`;

/** The URL text of one query value: literal parts encoded now, expression parts at run time. */
function encodeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return encodeURIComponent(String(value));
  if (typeof value !== "string") throw new QueryValueError(`a query value must be text, a number or a boolean, not ${JSON.stringify(value)}`);
  const template = parseTemplate(value);
  if (template.kind === "literal") return encodeURIComponent(template.text);
  if (template.kind === "expression") return encodeExpr(template.expr);
  return template.parts.map((part) => (typeof part === "string" ? encodeURIComponent(part) : encodeExpr(part))).join("");
}

/** The URI as interpolated text (`@expr` becomes `@{expr}`, so text can follow it). */
function uriText(uri: string): string {
  const template = parseTemplate(uri);
  if (template.kind === "expression") return `@{${printExpression(template.expr)}}`;
  return uri;
}

/** `uri?k1=v1&k2=v2` in the definition language (undefined values left out). */
export function urlWithQueries(uri: string, queries: Record<string, unknown>): string {
  const pairs = Object.entries(queries)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeKey(k)}=${encodeValue(v)}`);
  if (pairs.length === 0) return uri;
  const base = uriText(uri);
  return `${base}${base.includes("?") ? "&" : "?"}${pairs.join("&")}`;
}
