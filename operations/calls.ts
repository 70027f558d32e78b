/**
 * What an action or trigger calls, read from any definition: a managed connector (API, method, path) or an Http
 * endpoint (host, method, path) with managed-identity authentication or not. Expression parts of paths and URIs
 * become a placeholder segment, so literal route patterns can be matched against them. Permission inference and
 * the deprecation rules both read calls this way.
 */
import { connectionKeyOfInputs, isObject, tryParseTemplate, type Obj } from "../wdl";

/** Stands for an expression part of a path or URI. */
export const PLACEHOLDER = "\u0001";

/** A managed-connector call. */
export interface ApiCall {
  kind: "api";
  /** Managed API name, lower case. */
  api: string;
  /** Lower-case method (`post` for a webhook subscription without one). */
  method: string;
  /** Path with expression parts as `PLACEHOLDER`, query string removed. */
  path: string;
  /** True for an `ApiConnectionWebhook` (a trigger subscription or webhook action). */
  webhook: boolean;
}

/** An Http call. */
export interface HttpCall {
  kind: "http";
  /** Lower-case host. */
  host: string;
  method: string;
  /** Path with expression parts as `PLACEHOLDER`, query string removed; `/` when the URI has none. */
  path: string;
  /** True when it authenticates with the workflow's managed identity. */
  managedIdentity: boolean;
}

/** A string with every expression part replaced by a placeholder; undefined for ARM `[…]` values and non-strings. */
export function skeleton(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]")) return undefined;
  const parsed = tryParseTemplate(value);
  if (!parsed.ok) return undefined;
  const t = parsed.template;
  if (t.kind === "literal") return t.text;
  if (t.kind === "expression") return PLACEHOLDER;
  return t.parts.map((p) => (typeof p === "string" ? p : PLACEHOLDER)).join("");
}

/** The managed API a `$connections` key refers to: from `connectionApis` when given, else the key's own name. */
export function apiOfConnectionKey(key: string, connectionApis?: Record<string, string>): string {
  const mapped = connectionApis?.[key];
  if (mapped) return mapped.toLowerCase();
  return key.toLowerCase().replace(/_\d+$/, "");
}

function usesManagedIdentity(inputs: Obj): boolean {
  const auth = inputs.authentication;
  return isObject(auth) && typeof auth.type === "string" && auth.type.toLowerCase() === "managedserviceidentity";
}

const withoutQuery = (path: string) => path.split("?")[0]!;

/** What one action or trigger calls, or undefined when it calls nothing the kit can read. */
export function callOf(node: Obj, connectionApis?: Record<string, string>): ApiCall | HttpCall | undefined {
  const type = typeof node.type === "string" ? node.type.toLowerCase() : "";
  const inputs = isObject(node.inputs) ? node.inputs : undefined;
  if (!inputs) return undefined;
  if (type === "apiconnection" || type === "apiconnectionwebhook") {
    const key = connectionKeyOfInputs(inputs);
    const path = skeleton(inputs.path);
    if (!key || path === undefined) return undefined;
    const webhook = type === "apiconnectionwebhook";
    const method = typeof inputs.method === "string" ? inputs.method.toLowerCase() : webhook ? "post" : "";
    return { kind: "api", api: apiOfConnectionKey(key, connectionApis), method, path: withoutQuery(path), webhook };
  }
  if (type === "http") {
    const uri = skeleton(inputs.uri);
    const method = typeof inputs.method === "string" ? inputs.method.toLowerCase() : "";
    const m = uri === undefined ? null : /^https:\/\/([^/?]+)([^?]*)/i.exec(uri);
    if (!m || m[1]!.includes(PLACEHOLDER)) return undefined;
    return { kind: "http", host: m[1]!.toLowerCase(), method, path: m[2] || "/", managedIdentity: usesManagedIdentity(inputs) };
  }
  return undefined;
}

/** A case-insensitive regex for a route template: `{name}` is one segment, a placeholder matches within it. */
export function routeRegex(template: string): RegExp {
  const escaped = template
    .split(/\{[A-Za-z0-9_]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}/?$`, "i");
}

/** A path with placeholders made into ordinary segment text, for `routeRegex` matching. */
export function matchablePath(path: string): string {
  return path.replace(new RegExp(PLACEHOLDER, "g"), "x");
}
