/**
 * Find the connector operation declaration behind a Logic Apps `ApiConnection` call (managed API, method and path)
 * and read the values of its `{name}` path segments back out of the rendered path — what Power Automate needs to
 * address the operation by `operationId` with named parameters.
 */
import { printTemplate, tryParseTemplate, type Expr } from "../wdl";
import { defenderCatalogue } from "./defender";
import { mdeRestCatalogue } from "./mde-rest";
import { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
import type { ApiOperationInfo, OperationInfo } from "./operation";

/** Every `kind: "api"` declaration of the catalogue. */
export const API_OPERATIONS: readonly ApiOperationInfo[] = [defenderCatalogue, outlookCatalogue, graphMailCatalogue, teamsCatalogue, mdeRestCatalogue]
  .flatMap((c) => Object.values(c) as OperationInfo[])
  .filter((op): op is ApiOperationInfo => op.kind === "api");

/** A webhook trigger operation (the trigger declarations carry no operationId of their own). */
export interface WebhookOperation {
  connector: string;
  title: string;
  method: "post";
  path: string;
  operationId: string;
  operationIdConfirmed: boolean;
  /** Where the operationId comes from. */
  source: string;
}

/** Webhook triggers the kit uses. */
export const WEBHOOK_OPERATIONS: readonly WebhookOperation[] = [
  {
    connector: "wdatp",
    title: "Triggers - Trigger when new WDATP alert occurs",
    method: "post",
    path: "/subscriptions",
    operationId: "WebHooks_CreateWebHook",
    operationIdConfirmed: true,
    source: "Azure/connectors-python-sdk src/azure/connectors/wdatp.py (TRIGGER_OPERATIONS)",
  },
];

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
