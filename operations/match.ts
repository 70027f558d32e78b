/**
 * Find the connector operation declaration behind a Logic Apps `ApiConnection` call (managed API, method and path)
 * and read the values of its `{name}` path segments back out of the rendered path — what Power Automate needs to
 * address the operation by `operationId` with named parameters.
 */
import { printTemplate, tryParseTemplate, type Expr } from "../wdl";
import type { ApiOperationInfo, HttpOperationInfo, OperationInfo, WebhookTriggerInfo } from "./operation";
import { OPERATION_LIST, TRIGGER_LIST } from "./registry";

/** Every `kind: "api"` declaration of the catalogue. */
export const API_OPERATIONS: readonly ApiOperationInfo[] = OPERATION_LIST.filter((op): op is ApiOperationInfo => op.kind === "api");

/** Every `kind: "http"` declaration of the catalogue. */
export const HTTP_OPERATIONS: readonly HttpOperationInfo[] = OPERATION_LIST.filter((op): op is HttpOperationInfo => op.kind === "http");

/** A webhook trigger operation. */
export type WebhookOperation = WebhookTriggerInfo;

/** Webhook triggers the kit uses. */
export const WEBHOOK_OPERATIONS: readonly WebhookOperation[] = TRIGGER_LIST;

/** A token of a rendered path: literal text or one expression. */
type Token = { text: string } | { expr: Expr };

/** Tokens of a path string; undefined when it does not parse. */
function tokens(path: string): Token[] | undefined {
  const parsed = tryParseTemplate(path);
  if (!parsed.ok) return undefined;
  const t = parsed.template;
  if (t.kind === "literal") return [{ text: t.text }];
  if (t.kind === "expression") return [{ expr: t.expr }];
  return t.parts.map((p) => (typeof p === "string" ? { text: p } : { expr: p }));
}

/** Template chunks: literal text and `{name}` parameters, alternating. */
function chunks(template: string): ({ literal: string } | { param: string })[] {
  const out: ({ literal: string } | { param: string })[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
    out.push({ literal: template.slice(last, m.index) });
    out.push({ param: m[1]! });
    last = m.index! + m[0].length;
  }
  out.push({ literal: template.slice(last) });
  return out;
}

/** `encodeUriComponent(x)` → x: Power Automate encodes path parameters itself. */
function unwrapEncode(expr: Expr): Expr {
  if (expr.kind === "call" && /^encodeur[il]component$/i.test(expr.name) && expr.args.length === 1) return expr.args[0]!;
  return expr;
}

/** A path parameter value as a JSON string: `"@expr"` or literal text (escaped). */
function renderValue(value: Expr | string): string {
  return typeof value === "string" ? printTemplate({ kind: "literal", text: value }) : printTemplate({ kind: "expression", expr: value });
}

/**
 * Match a rendered path against a declaration's path template. Returns the path parameter values (as JSON
 * strings) or undefined when the path has another shape. Literal parts compare case-insensitively.
 */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const toks = tokens(path);
  if (!toks) return undefined;
  const parts = chunks(template);
  const values: Record<string, string> = {};
  let ti = 0;
  let offset = 0; // within a text token
  const atEnd = () => ti >= toks.length || (ti === toks.length - 1 && "text" in toks[ti]! && offset >= (toks[ti] as { text: string }).text.length);
  const advanceEmpty = () => {
    while (ti < toks.length && "text" in toks[ti]! && offset >= (toks[ti] as { text: string }).text.length) {
      ti++;
      offset = 0;
    }
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ("literal" in part) {
      let rest = part.literal;
      while (rest.length) {
        advanceEmpty();
        const tok = toks[ti];
        if (!tok || !("text" in tok)) return undefined;
        const available = tok.text.slice(offset);
        const n = Math.min(available.length, rest.length);
        if (available.slice(0, n).toLowerCase() !== rest.slice(0, n).toLowerCase()) return undefined;
        rest = rest.slice(n);
        offset += n;
      }
      continue;
    }
    advanceEmpty();
    const tok = toks[ti];
    if (!tok) return undefined;
    if ("expr" in tok) {
      values[part.param] = renderValue(unwrapEncode(tok.expr));
      ti++;
      offset = 0;
      continue;
    }
    // Literal segment: up to the next '/', '?' or the end of this token.
    const available = tok.text.slice(offset);
    const end = available.search(/[/?]/);
    const segment = end < 0 ? available : available.slice(0, end);
    if (!segment) return undefined;
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    values[part.param] = renderValue(decoded);
    offset += segment.length;
  }
  advanceEmpty();
  return atEnd() ? values : undefined;
}

/** The declaration (and path parameter values) behind a call to `api` with `method` and `path`. */
export function findApiOperation(api: string, method: string, path: string): { operation: ApiOperationInfo; pathParameters: Record<string, string> } | undefined {
  for (const operation of API_OPERATIONS) {
    if (operation.connector.toLowerCase() !== api.toLowerCase() || operation.method !== method.toLowerCase()) continue;
    const pathParameters = matchPath(operation.path, path);
    if (pathParameters) return { operation, pathParameters };
  }
  return undefined;
}

/** The webhook operation behind a trigger subscription to `api` at `path`. */
export function findWebhookOperation(api: string, path: string): WebhookOperation | undefined {
  return WEBHOOK_OPERATIONS.find((w) => w.connector === api.toLowerCase() && matchPath(w.path, path) !== undefined);
}

/** A call as it was made at run time: managed API + method + path, or Http method + absolute URI. */
export interface MadeCall {
  connector?: string;
  method: string;
  path?: string;
  uri?: string;
}

/** A compiled `{name}` template: case-insensitive, one segment per parameter. */
interface CompiledTemplate {
  regex: RegExp;
  names: string[];
}

const templateCache = new Map<string, CompiledTemplate>();

function compileTemplate(template: string): CompiledTemplate {
  let hit = templateCache.get(template);
  if (hit) return hit;
  const names: string[] = [];
  const source = template
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => {
      const m = /^\{([A-Za-z0-9_]+)\}$/.exec(part);
      if (m) {
        names.push(m[1]!);
        return "([^/]*)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  hit = { regex: new RegExp(`^${source}/?$`, "i"), names };
  templateCache.set(template, hit);
  return hit;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Match a concrete path or URI (query string ignored) against a template; the decoded `{name}` values. */
export function matchConcrete(template: string, subject: string): Record<string, string> | undefined {
  const compiled = compileTemplate(template);
  const m = compiled.regex.exec(subject.split("?")[0]!);
  if (!m) return undefined;
  const values: Record<string, string> = {};
  compiled.names.forEach((name, i) => (values[name] = decode(m[i + 1]!)));
  return values;
}

/** Hosts of the MDE REST API: the wdatp connector's paths mean the same operations there. */
export const MDE_HOSTS = [
  "api.securitycenter.microsoft.com",
  "api.security.microsoft.com",
  "api.securitycenter.windows.com",
  "api-eu.securitycenter.microsoft.com",
  "api-us.securitycenter.microsoft.com",
  "api-uk.securitycenter.microsoft.com",
];

/**
 * The declaration behind a call made at run time (a simulator call record), with its decoded path parameters:
 * connector calls by API, method and path; Http calls by method and URI, and MDE REST URIs by the connector
 * operation with the same path.
 */
export function findCalledOperation(call: MadeCall): { operation: OperationInfo; pathParameters: Record<string, string> } | undefined {
  const method = call.method.toLowerCase();
  if (call.connector !== undefined) {
    if (call.path === undefined) return undefined;
    const api = call.connector.toLowerCase();
    for (const operation of API_OPERATIONS) {
      if (operation.connector !== api || operation.method !== method) continue;
      const pathParameters = matchConcrete(operation.path, call.path);
      if (pathParameters) return { operation, pathParameters };
    }
    return undefined;
  }
  if (call.uri === undefined) return undefined;
  for (const operation of HTTP_OPERATIONS) {
    if (operation.method.toLowerCase() !== method) continue;
    const pathParameters = matchConcrete(operation.uri, call.uri);
    if (pathParameters) return { operation, pathParameters };
  }
  const m = /^https:\/\/([^/]+)(\/[^?]*)?/i.exec(call.uri);
  if (m && MDE_HOSTS.includes(m[1]!.toLowerCase())) return findCalledOperation({ connector: "wdatp", method, path: m[2] ?? "/" });
  return undefined;
}
