/**
 * `--lift`: hard-coded environment values in a definition's triggers and actions become definition parameters
 * (no default: the environment's `Pulumi.<env>.yaml` restores each). Lifted: connection ids
 * (`/subscriptions/…/providers/Microsoft.Web/connections/<name>`, one parameter each), e-mail addresses,
 * subscription ids, resource group and workspace names in resource paths, tenant ids, and tenant URLs (SharePoint,
 * Dynamics, ServiceNow, Atlassian, Azure DevOps). Only literal text is rewritten (plain strings, the text parts
 * of interpolations); values inside expression string literals and ARM template expressions are left alone.
 * The `$connections` values a document carries (the definition's default value, a workflow resource's parameter
 * value) are lifted out whole: the stack creates and wires each environment's connections itself.
 */
import type { ConnectionValues } from "../validators/detect";
import { ast, printTemplate, tryParseTemplate, type Expr, type Json } from "../wdl";
import { joinPointer } from "../wdl/pointer";
import { isObject, type Obj } from "../wdl/walk";

/** One lifted value: the parameter that now holds it and where it was. */
export interface LiftedValue {
  parameter: string;
  value: string;
  pointers: string[];
}

const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** `office365_1` → `office3651ConnectionId`: a parameter name for the connection named `name`. */
function connectionStem(value: string): string {
  const name = value.slice(value.lastIndexOf("/") + 1).replace(/[^A-Za-z0-9]/g, "");
  return `${name ? name[0]!.toLowerCase() + name.slice(1) : "connection"}ConnectionId`;
}

/** What is lifted: a pattern whose first group is the value, and the parameter name stem (or how to make it). */
const KINDS: readonly { stem: string | ((value: string) => string); pattern: RegExp }[] = [
  // First, so a whole connection id wins over the subscription id and resource group inside it.
  { stem: connectionStem, pattern: new RegExp(`(/subscriptions/${GUID}/resourceGroups/[A-Za-z0-9._()-]+/providers/Microsoft\\.Web/connections/[A-Za-z0-9._-]+)`, "gi") },
  { stem: "notifyEmail", pattern: /\b([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b/g },
  { stem: "subscriptionId", pattern: new RegExp(`/subscriptions/(${GUID})`, "gi") },
  { stem: "resourceGroup", pattern: /\/resourceGroups\/([A-Za-z0-9._()-]+)/gi },
  { stem: "workspaceName", pattern: /\/workspaces\/([A-Za-z0-9._-]+)/gi },
  { stem: "tenantId", pattern: new RegExp(`(?:login\\.microsoftonline\\.com|/tenants)/(${GUID})`, "gi") },
  { stem: "tenantUrl", pattern: /(https:\/\/[A-Za-z0-9-]+\.(?:sharepoint\.com|crm\d*\.dynamics\.com|service-now\.com|atlassian\.net|visualstudio\.com))/gi },
];

/** A text part with each lifted value replaced by `parameters('name')`. */
function liftText(text: string, pointer: string, found: Map<string, LiftedValue>, taken: Set<string>, beforeExpression: boolean): (string | Expr)[] {
  // Matches of every kind, earliest first; overlapping later ones are skipped.
  const hits: { start: number; end: number; value: string; stem: string }[] = [];
  for (const { stem, pattern } of KINDS) {
    for (const m of text.matchAll(pattern)) {
      const value = m[1]!;
      const start = m.index! + m[0].indexOf(value);
      hits.push({ start, end: start + value.length, value, stem: typeof stem === "string" ? stem : stem(value) });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (string | Expr)[] = [];
  let last = 0;
  for (const hit of hits) {
    if (hit.start < last) continue;
    // A value cut short by an expression (`/resourceGroups/rg-@{…}`) is only part of the value: leave it.
    if (beforeExpression && hit.end === text.length) continue;
    let entry = found.get(hit.value);
    if (!entry) {
      let name = hit.stem;
      for (let i = 2; taken.has(name); i++) name = `${hit.stem}${i}`;
      taken.add(name);
      entry = { parameter: name, value: hit.value, pointers: [] };
      found.set(hit.value, entry);
    }
    if (!entry.pointers.includes(pointer)) entry.pointers.push(pointer);
    out.push(text.slice(last, hit.start), ast.call("parameters", ast.str(entry.parameter)));
    last = hit.end;
  }
  if (!out.length) return [text];
  out.push(text.slice(last));
  return out.filter((p) => p !== "");
}

/** A string with its literal text lifted (unchanged when nothing is found). */
function liftString(value: string, pointer: string, arm: boolean, found: Map<string, LiftedValue>, taken: Set<string>): string {
  if (arm && value.startsWith("[") && !value.startsWith("[[")) return value;
  const parsed = tryParseTemplate(value);
  if (!parsed.ok || parsed.template.kind === "expression") return value;
  const parts = parsed.template.kind === "literal" ? [parsed.template.text] : parsed.template.parts;
  const lifted = parts.flatMap((p, i) => (typeof p === "string" ? liftText(p, pointer, found, taken, i + 1 < parts.length) : [p]));
  if (lifted.length === parts.length && lifted.every((p, i) => p === parts[i])) return value;
  return printTemplate({ kind: "interpolation", parts: lifted });
}

/** A connection whose environment values were lifted out of a `$connections` value. */
export interface LiftedConnection {
  /** The `$connections` key. */
  key: string;
  /** Its literal members: `connectionId`, `connectionName`, `id` (the managed API's id in that subscription). */
  values: Record<string, string>;
  /** Where the value was (a pointer into the definition, or into the source document). */
  pointer: string;
}

const CONNECTION_MEMBERS = ["connectionId", "connectionName", "id"] as const;

/** True for a string that is an environment value as written (not an ARM or workflow expression). */
function literalValue(value: unknown, arm: boolean): value is string {
  if (typeof value !== "string" || value === "") return false;
  if (arm && value.startsWith("[") && !value.startsWith("[[")) return false;
  return !(value.startsWith("@") && !value.startsWith("@@"));
}

/** The connections of a `$connections`-shaped object whose members hold literal environment values. */
function connectionsOf(values: Obj, pointer: string, arm: boolean): LiftedConnection[] {
  const out: LiftedConnection[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!isObject(value)) continue;
    const found: Record<string, string> = {};
    for (const member of CONNECTION_MEMBERS) if (literalValue(value[member], arm)) found[member] = value[member] as string;
    if (Object.keys(found).length) out.push({ key, values: found, pointer: joinPointer(pointer, key) });
  }
  return out;
}

/**
 * The connections a document's own `$connections` value lifts out (a workflow resource's
 * `parameters.$connections.value`; the definition's default value is `liftDefinition`'s). Power Automate
 * connection references name logical references, not environment values: none.
 */
export function liftConnections(connections: ConnectionValues | undefined, arm: boolean): LiftedConnection[] {
  if (!connections || connections.source !== "$connections") return [];
  const values: Obj = {};
  for (const entry of connections.entries.values()) values[entry.key] = entry.value as Json;
  return connectionsOf(values, connections.pointer, arm);
}

/** The `$connections` declaration with its default value emptied when that holds environment values. */
function liftConnectionDefaults(parameters: Obj, arm: boolean): { parameters: Obj; connections: LiftedConnection[] } {
  const decl = parameters.$connections;
  if (!isObject(decl) || !isObject(decl.defaultValue)) return { parameters, connections: [] };
  const connections = connectionsOf(decl.defaultValue, "/parameters/$connections/defaultValue", arm);
  if (!connections.length) return { parameters, connections };
  return { parameters: { ...parameters, $connections: { ...decl, defaultValue: {} } }, connections };
}

/** The definition with environment values lifted into new String parameters, and what was lifted. */
export function liftDefinition(definition: Obj, arm: boolean): { definition: Obj; lifted: LiftedValue[]; connections: LiftedConnection[] } {
  const found = new Map<string, LiftedValue>();
  const taken = new Set(Object.keys(isObject(definition.parameters) ? definition.parameters : {}));
  const walk = (value: Json, pointer: string): Json => {
    if (typeof value === "string") return liftString(value, pointer, arm, found, taken);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, joinPointer(pointer, String(i))));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v as Json, joinPointer(pointer, k))]));
    return value;
  };
  const out: Obj = { ...definition };
  for (const member of ["triggers", "actions"] as const) if (Object.hasOwn(definition, member)) out[member] = walk(definition[member] as Json, `/${member}`);
  const lifted = [...found.values()];
  const defaults = isObject(definition.parameters) ? liftConnectionDefaults(definition.parameters, arm) : { parameters: undefined, connections: [] };
  if (defaults.connections.length) out.parameters = defaults.parameters;
  if (lifted.length) {
    const parameters: Obj = { ...(isObject(out.parameters) ? out.parameters : {}) };
    for (const l of lifted) parameters[l.parameter] = { type: "String", metadata: { description: `Lifted by playbook-kit import from ${l.pointers[0]}.` } };
    out.parameters = parameters;
  }
  return { definition: out, lifted, connections: defaults.connections };
}

/** One connection as snippet comment lines: its key, then one literal member a line. */
function connectionLines(c: LiftedConnection): string[] {
  return [`      #   ${c.key}:`, ...Object.entries(c.values).map(([k, v]) => `      #     ${k}: ${JSON.stringify(v)}`)];
}

/**
 * The `Pulumi.<env>.yaml` lines that give a playbook its lifted values. Lifted connections are listed as comments:
 * the stack creates and wires each environment's connections itself (`$connections` is not a playbook parameter).
 */
export function pulumiSnippet(playbook: string, lifted: readonly LiftedValue[], connections: readonly LiftedConnection[] = []): string {
  const lines = ["config:", "  playbook-kit:playbooks:", `    ${playbook}:`, "      enabled: true", lifted.length ? "      parameters:" : "      parameters: {}"];
  for (const l of lifted) lines.push(`        ${l.parameter}: ${JSON.stringify(l.value)}`);
  if (connections.length) {
    lines.push("      # $connections: the stack creates and wires this environment's connections; the source used:");
    for (const c of connections) lines.push(...connectionLines(c));
  }
  return `${lines.join("\n")}\n`;
}
