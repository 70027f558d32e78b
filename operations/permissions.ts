/**
 * `requiredPermissions(definition)`: the app roles a workflow's managed identity needs, inferred from what the
 * definition calls — `wdatp` connector paths, and Http calls with managed-identity authentication to the MDE
 * REST API or Microsoft Graph. Works on any definition (third-party ones included); the builder's manifest and
 * the stacks' grants both use it, so what is built is exactly what is granted. `destructiveCall(action)` reads
 * the same routes to tell whether one action changes a device, an alert or an indicator.
 */
import { connectionKeyOfInputs, isObject, tryParseTemplate, walkActions, type Obj } from "../wdl";
import { defenderCatalogue } from "./defender";
import { MDE_HOSTS } from "./match";
import { mdeRestCatalogue } from "./mde-rest";
import { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
import type { OperationInfo, Permission } from "./operation";

const MDE: Permission["resource"] = "WindowsDefenderATP";
const GRAPH: Permission["resource"] = "MicrosoftGraph";

/** A method + path pattern, the role it needs and what calling it means. */
interface Route {
  method: string;
  pattern: RegExp;
  permissions: readonly Permission[];
  /** The operation's title (designer name, or what the route does). */
  title: string;
  destructive: boolean;
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
  .map((op) => ({ method: op.method, pattern: routeRegex((op as { path: string }).path), permissions: op.permissions, title: op.title, destructive: op.destructive }));

/** MDE REST routes the connector does not cover (Sentinel playbooks call them with Http). */
const MDE_REST_EXTRA: Route[] = (
  [
    ["post", "/api/advancedhunting/run", "AdvancedQuery.Read.All", "Advanced hunting (MDE API)", false],
    ["post", "/api/advancedqueries/run", "AdvancedQuery.Read.All", "Advanced hunting (MDE API)", false],
    ["post", "/api/machines/{id}/offboard", "Machine.Offboard", "Offboard machine (MDE API)", true],
    ["post", "/api/machines/{id}/StopAndQuarantineFile", "Machine.StopAndQuarantine", "Stop and quarantine file (MDE API)", true],
    ["post", "/api/machines/{id}/runliveresponse", "Machine.LiveResponse", "Run live response (MDE API)", true],
    ["get", "/api/machines/{id}/logonusers", "User.Read.All", "Get machine logon users (MDE API)", false],
    ["post", "/api/indicators", "Ti.ReadWrite", "Submit or update indicator (MDE API)", true],
  ] as const
).map(([method, path, role, title, destructive]) => ({ method, pattern: routeRegex(path), permissions: [{ resource: MDE, role }], title, destructive }));

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
  const pattern = routeRegex(decodeURIComponent(url.pathname).replace(/PARAM_([A-Za-z0-9_]+)/g, "{$1}"));
  addHttpRoute(url.host, { method: op.method.toLowerCase(), pattern, permissions: op.permissions, title: op.title, destructive: op.destructive });
}
// Graph mail and hunting under /beta too.
addHttpRoute("graph.microsoft.com", {
  method: "post",
  pattern: /^\/(v1\.0|beta)\/users\/[^/]+\/sendMail\/?$/i,
  permissions: [{ resource: GRAPH, role: "Mail.Send" }],
  title: graphMailCatalogue.sendMail.title,
  destructive: false,
});
addHttpRoute("graph.microsoft.com", {
  method: "post",
  pattern: /^\/(v1\.0|beta)\/security\/runHuntingQuery\/?$/i,
  permissions: [{ resource: GRAPH, role: "ThreatHunting.Read.All" }],
  title: "Run hunting query",
  destructive: false,
});

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

function matchRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  const clean = path.split("?")[0]!.replace(new RegExp(PLACEHOLDER, "g"), "x");
  return routes.find((r) => r.method === method && r.pattern.test(clean));
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

/** The catalogue routes one action or trigger calls, and whether it authenticates with the managed identity. */
function callOf(node: Obj, connectionApis?: Record<string, string>): { routes: Route[]; managedIdentity: boolean } | undefined {
  const type = typeof node.type === "string" ? node.type.toLowerCase() : "";
  const inputs = isObject(node.inputs) ? node.inputs : undefined;
  if (!inputs) return undefined;
  const found = (...routes: (Route | undefined)[]) => routes.filter((r): r is Route => r !== undefined);
  if (type === "apiconnection" || type === "apiconnectionwebhook") {
    const key = connectionKeyOfInputs(inputs);
    if (!key || apiOfConnectionKey(key, connectionApis) !== "wdatp") return undefined;
    const path = skeleton(inputs.path);
    const method = typeof inputs.method === "string" ? inputs.method.toLowerCase() : type === "apiconnectionwebhook" ? "post" : "";
    return path === undefined ? undefined : { routes: found(matchRoute(WDATP_ROUTES, method, path)), managedIdentity: true };
  }
  if (type === "http") {
    const uri = skeleton(inputs.uri);
    const method = typeof inputs.method === "string" ? inputs.method.toLowerCase() : "";
    if (!uri) return undefined;
    const m = /^https:\/\/([^/]+)(\/.*)?$/i.exec(uri);
    if (!m || m[1]!.includes(PLACEHOLDER)) return undefined;
    const host = m[1]!.toLowerCase();
    const path = m[2] ?? "/";
    const managedIdentity = usesManagedIdentity(inputs);
    if (MDE_HOSTS.includes(host)) return { routes: found(matchRoute(WDATP_ROUTES, method, path), matchRoute(MDE_REST_EXTRA, method, path)), managedIdentity };
    return { routes: found(matchRoute(HTTP_ROUTES.get(host) ?? [], method, path)), managedIdentity };
  }
  return undefined;
}

/** Permissions one action or trigger needs: those of the routes it calls, when it calls them with the managed identity. */
function permissionsOf(node: Obj, connectionApis?: Record<string, string>): readonly Permission[] {
  const call = callOf(node, connectionApis);
  return call?.managedIdentity ? call.routes.flatMap((r) => r.permissions) : [];
}

/**
 * The catalogue operation a rendered action calls when that operation is destructive (isolate, restrict, scan,
 * offboard, indicators, …), whatever authentication it uses; undefined for anything else.
 */
export function destructiveCall(action: unknown, options: RequiredPermissionsOptions = {}): { title: string } | undefined {
  if (!isObject(action)) return undefined;
  const route = callOf(action, options.connectionApis)?.routes.find((r) => r.destructive);
  return route ? { title: route.title } : undefined;
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
