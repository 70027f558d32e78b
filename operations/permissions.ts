/**
 * `requiredPermissions(definition)`: what a workflow's managed identity needs, inferred from what the definition
 * calls — managed connector paths (`wdatp` app roles, `azuresentinel` Azure RBAC roles on the Sentinel
 * workspace), and Http calls with managed-identity authentication to the MDE REST API or Microsoft Graph. Works on
 * any definition (third-party ones included); the builder's manifest, the stacks' grants and the ARM export all
 * use it, so what is built is exactly what is granted. `destructiveCall(action)` reads the same routes to tell
 * whether one action changes a device, an alert or an indicator.
 */
import { isObject, walkActions, type Obj } from "../wdl";
import { withoutImpliedRoles } from "./azure-roles";
import { callOf, matchablePath, routeRegex } from "./calls";
import { canonicalPermission, permissionKey, type Permission } from "./operation";
import { MDE_HOSTS } from "./match";
import { OPERATION_LIST, TRIGGER_LIST } from "./registry";

const MDE: Permission["resource"] = "WindowsDefenderATP";

/** A method + path pattern, what it needs and what calling it means. */
interface Route {
  method: string;
  pattern: RegExp;
  permissions: readonly Permission[];
  /** The operation's title (designer name, or what the route does). */
  title: string;
  destructive: boolean;
}

function push<K>(map: Map<K, Route[]>, key: K, route: Route): void {
  const list = map.get(key) ?? [];
  list.push(route);
  map.set(key, list);
}

/** Managed-connector action routes, by managed API (paths relative to the connection). */
const API_ROUTES = new Map<string, Route[]>();
/** Webhook subscription routes (triggers), by managed API. */
const WEBHOOK_ROUTES = new Map<string, Route[]>();
/** Routes of Http operations, keyed by host. */
const HTTP_ROUTES = new Map<string, Route[]>();

for (const op of OPERATION_LIST) {
  if (op.kind === "api") {
    push(API_ROUTES, op.connector, { method: op.method, pattern: routeRegex(op.path), permissions: op.permissions, title: op.title, destructive: op.destructive });
    continue;
  }
  const url = new URL(op.uri.replace(/\{([A-Za-z0-9_]+)\}/g, "PARAM_$1"));
  const path = decodeURIComponent(url.pathname).replace(/PARAM_([A-Za-z0-9_]+)/g, "{$1}");
  const route = { method: op.method.toLowerCase(), permissions: op.permissions, title: op.title, destructive: op.destructive };
  push(HTTP_ROUTES, url.host, { ...route, pattern: routeRegex(path) });
  // Graph serves the same resources under /beta.
  if (url.host === "graph.microsoft.com" && path.startsWith("/v1.0/")) push(HTTP_ROUTES, url.host, { ...route, pattern: routeRegex(`/beta/${path.slice(6)}`) });
}
for (const trigger of TRIGGER_LIST) {
  push(WEBHOOK_ROUTES, trigger.connector, { method: trigger.method, pattern: routeRegex(trigger.path), permissions: trigger.permissions ?? [], title: trigger.title, destructive: false });
}

/** MDE REST routes the catalogue does not declare (Sentinel playbooks call them with Http). */
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

/** The legacy Graph security alerts API (retired; see deprecations.ts), so definitions that still call it are granted right. */
for (const version of ["v1.0", "beta"]) {
  const graph = (method: string, path: string, role: string): Route => ({
    method,
    pattern: routeRegex(`/${version}/security/${path}`),
    permissions: [{ resource: "MicrosoftGraph", role }],
    title: "Legacy Graph security alerts",
    destructive: false,
  });
  for (const route of [
    graph("get", "alerts", "SecurityEvents.Read.All"),
    graph("get", "alerts/{id}", "SecurityEvents.Read.All"),
    graph("patch", "alerts/{id}", "SecurityEvents.ReadWrite.All"),
    graph("post", "alerts/updateAlerts", "SecurityEvents.ReadWrite.All"),
  ])
    push(HTTP_ROUTES, "graph.microsoft.com", route);
}

/** True for a host of the MDE REST API (the wdatp connector's paths apply there too). */
function isMdeHost(host: string): boolean {
  return MDE_HOSTS.includes(host.toLowerCase());
}

function matchRoute(routes: readonly Route[] | undefined, method: string, path: string): Route | undefined {
  const clean = matchablePath(path);
  return (routes ?? []).find((r) => r.method === method && r.pattern.test(clean));
}

/** The catalogue routes one action or trigger calls, and whether it authenticates with the managed identity. */
function routesOf(node: Obj, connectionApis?: Record<string, string>): { routes: Route[]; managedIdentity: boolean } | undefined {
  const call = callOf(node, connectionApis);
  if (!call) return undefined;
  const found = (...routes: (Route | undefined)[]) => routes.filter((r): r is Route => r !== undefined);
  // A managed connector authenticates through its connection: its roles are the identity's when the stack wires it.
  if (call.kind === "api") return { routes: found(matchRoute((call.webhook ? WEBHOOK_ROUTES : API_ROUTES).get(call.api), call.method, call.path)), managedIdentity: true };
  if (isMdeHost(call.host)) return { routes: found(matchRoute(API_ROUTES.get("wdatp"), call.method, call.path), matchRoute(MDE_REST_EXTRA, call.method, call.path)), managedIdentity: call.managedIdentity };
  return { routes: found(matchRoute(HTTP_ROUTES.get(call.host), call.method, call.path)), managedIdentity: call.managedIdentity };
}

/** Permissions one action or trigger needs: those of the routes it calls, when it calls them with the managed identity. */
function permissionsOf(node: Obj, connectionApis?: Record<string, string>): readonly Permission[] {
  const found = routesOf(node, connectionApis);
  return found?.managedIdentity ? found.routes.flatMap((r) => r.permissions) : [];
}

/**
 * The catalogue operation a rendered action calls when that operation is destructive (isolate, restrict, scan,
 * offboard, indicators, …), whatever authentication it uses; undefined for anything else.
 */
export function destructiveCall(action: unknown, options: RequiredPermissionsOptions = {}): { title: string } | undefined {
  if (!isObject(action)) return undefined;
  const route = routesOf(action, options.connectionApis)?.routes.find((r) => r.destructive);
  return route ? { title: route.title } : undefined;
}

/** Options of `requiredPermissions`. */
export interface RequiredPermissionsOptions {
  /** `$connections` key → managed API name (from `$connections` values), when known. */
  connectionApis?: Record<string, string>;
}

/**
 * What a definition's managed identity needs — app roles and Azure RBAC roles — sorted by resource then role,
 * without duplicates, and without a Sentinel role that a stronger one in the list already covers.
 */
export function requiredPermissions(definition: unknown, options: RequiredPermissionsOptions = {}): Permission[] {
  const found = new Map<string, Permission>();
  const add = (list: readonly Permission[]) => {
    for (const p of list) found.set(permissionKey(p), canonicalPermission(p));
  };
  if (!isObject(definition)) return [];
  if (isObject(definition.triggers)) {
    for (const trigger of Object.values(definition.triggers)) if (isObject(trigger)) add(permissionsOf(trigger, options.connectionApis));
  }
  walkActions(definition.actions, "/actions", (v) => add(permissionsOf(v.action, options.connectionApis)));
  return withoutImpliedRoles([...found.keys()].sort().map((k) => found.get(k)!));
}
