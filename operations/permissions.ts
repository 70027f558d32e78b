/**
 * `requiredPermissions(definition)`: the app roles a workflow's managed identity needs, inferred from what the
 * definition calls — `wdatp` connector paths, and Http calls with managed-identity authentication to the MDE
 * REST API or Microsoft Graph. Works on any definition (third-party ones included); the builder's manifest and
 * the stacks' grants both use it, so what is built is exactly what is granted.
 */
import { connectionKeyOfInputs, isObject, tryParseTemplate, walkActions, type Obj } from "../wdl";
import { defenderCatalogue } from "./defender";
import { MDE_HOSTS } from "./match";
import { mdeRestCatalogue } from "./mde-rest";
import { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
import type { OperationInfo, Permission } from "./operation";

const MDE: Permission["resource"] = "WindowsDefenderATP";
const GRAPH: Permission["resource"] = "MicrosoftGraph";

/** A method + path pattern and the role it needs. */
interface Route {
  method: string;
  pattern: RegExp;
  permissions: readonly Permission[];
}

function routeRegex(template: string): RegExp {
  const escaped = template
    .split(/\{[A-Za-z0-9_]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}/?$`, "i");
}

// The catalogue modules directly (not ./index, which re-exports this file).
const allOperations: OperationInfo[] = [defenderCatalogue, outlookCatalogue, graphMailCatalogue, teamsCatalogue, mdeRestCatalogue].flatMap(
  (c) => Object.values(c) as OperationInfo[],
);

/** wdatp connector routes (paths relative to the connection). */
const WDATP_ROUTES: Route[] = allOperations
  .filter((op) => op.kind === "api" && op.connector === "wdatp")
  .map((op) => ({ method: op.method, pattern: routeRegex((op as { path: string }).path), permissions: op.permissions }));

/** MDE REST routes the connector does not cover (Sentinel playbooks call them with Http). */
const MDE_REST_EXTRA: Route[] = [
  ["post", "/api/advancedhunting/run", "AdvancedQuery.Read.All"],
  ["post", "/api/advancedqueries/run", "AdvancedQuery.Read.All"],
  ["post", "/api/machines/{id}/offboard", "Machine.Offboard"],
  ["post", "/api/machines/{id}/StopAndQuarantineFile", "Machine.StopAndQuarantine"],
  ["post", "/api/machines/{id}/runliveresponse", "Machine.LiveResponse"],
  ["get", "/api/machines/{id}/logonusers", "User.Read.All"],
  ["post", "/api/indicators", "Ti.ReadWrite"],
].map(([method, path, role]) => ({ method: method!, pattern: routeRegex(path!), permissions: [{ resource: MDE, role: role! }] }));

/** Routes of Http operations, keyed by host. */
const HTTP_ROUTES = new Map<string, Route[]>();
function addHttpRoute(host: string, route: Route): void {
  const list = HTTP_ROUTES.get(host) ?? [];
  list.push(route);
  HTTP_ROUTES.set(host, list);
}
for (const op of allOperations) {
  if (op.kind !== "http") continue;
  const url = new URL(op.uri.replace(/\{([A-Za-z0-9_]+)\}/g, "PARAM_$1"));
  addHttpRoute(url.host, { method: op.method.toLowerCase(), pattern: routeRegex(decodeURIComponent(url.pathname).replace(/PARAM_([A-Za-z0-9_]+)/g, "{$1}")), permissions: op.permissions });
}
// Graph mail and hunting under /beta too.
addHttpRoute("graph.microsoft.com", { method: "post", pattern: /^\/(v1\.0|beta)\/users\/[^/]+\/sendMail\/?$/i, permissions: [{ resource: GRAPH, role: "Mail.Send" }] });
addHttpRoute("graph.microsoft.com", { method: "post", pattern: /^\/(v1\.0|beta)\/security\/runHuntingQuery\/?$/i, permissions: [{ resource: GRAPH, role: "ThreatHunting.Read.All" }] });

const PLACEHOLDER = "\u0001";

/** A string with every expression part replaced by a placeholder; undefined for ARM `[…]` values and non-strings. */
function skeleton(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]")) return undefined;
  const parsed = tryParseTemplate(value);
  if (!parsed.ok) return undefined;
  const t = parsed.template;
  if (t.kind === "literal") return t.text;
  if (t.kind === "expression") return PLACEHOLDER;
  return t.parts.map((p) => (typeof p === "string" ? p : PLACEHOLDER)).join("");
}

function matchRoutes(routes: readonly Route[], method: string, path: string): readonly Permission[] {
  const clean = path.split("?")[0]!.replace(new RegExp(PLACEHOLDER, "g"), "x");
  for (const r of routes) if (r.method === method && r.pattern.test(clean)) return r.permissions;
  return [];
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

/** Permissions one action or trigger needs. */
function permissionsOf(node: Obj, connectionApis?: Record<string, string>): readonly Permission[] {
  const type = typeof node.type === "string" ? node.type.toLowerCase() : "";
  const inputs = isObject(node.inputs) ? node.inputs : undefined;
  if (!inputs) return [];
  if (type === "apiconnection" || type === "apiconnectionwebhook") {
    const key = connectionKeyOfInputs(inputs);
    if (!key || apiOfConnectionKey(key, connectionApis) !== "wdatp") return [];
    const path = skeleton(inputs.path);
    const method = typeof inputs.method === "string" ? inputs.method.toLowerCase() : type === "apiconnectionwebhook" ? "post" : "";
    return path === undefined ? [] : matchRoutes(WDATP_ROUTES, method, path);
  }
  if (type === "http" && usesManagedIdentity(inputs)) {
    const uri = skeleton(inputs.uri);
    const method = typeof inputs.method === "string" ? inputs.method.toLowerCase() : "";
    if (!uri) return [];
    const m = /^https:\/\/([^/]+)(\/.*)?$/i.exec(uri);
    if (!m || m[1]!.includes(PLACEHOLDER)) return [];
    const host = m[1]!.toLowerCase();
    const path = m[2] ?? "/";
    if (MDE_HOSTS.includes(host)) return [...matchRoutes(WDATP_ROUTES, method, path), ...matchRoutes(MDE_REST_EXTRA, method, path)];
    return matchRoutes(HTTP_ROUTES.get(host) ?? [], method, path);
  }
  return [];
}

/** Options of `requiredPermissions`. */
export interface RequiredPermissionsOptions {
  /** `$connections` key → managed API name (from `$connections` values), when known. */
  connectionApis?: Record<string, string>;
}

/** The app roles a definition's managed identity needs, sorted by resource then role, without duplicates. */
export function requiredPermissions(definition: unknown, options: RequiredPermissionsOptions = {}): Permission[] {
  const found = new Map<string, Permission>();
  const add = (list: readonly Permission[]) => {
    for (const p of list) found.set(`${p.resource}/${p.role}`, { resource: p.resource, role: p.role });
  };
  if (!isObject(definition)) return [];
  if (isObject(definition.triggers)) {
    for (const trigger of Object.values(definition.triggers)) if (isObject(trigger)) add(permissionsOf(trigger, options.connectionApis));
  }
  walkActions(definition.actions, "/actions", (v) => add(permissionsOf(v.action, options.connectionApis)));
  return [...found.keys()].sort().map((k) => found.get(k)!);
}
