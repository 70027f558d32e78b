/**
 * `--lift`: hard-coded environment values in a definition's triggers and actions become definition parameters
 * (no default: the environment's `Pulumi.<env>.yaml` restores each). Lifted: e-mail addresses, subscription
 * ids, resource group and workspace names in resource paths, tenant ids, and tenant URLs (SharePoint,
 * Dynamics, ServiceNow, Atlassian, Azure DevOps). Only literal text is rewritten (plain strings, the text parts
 * of interpolations); values inside expression string literals and ARM template expressions are left alone.
 */
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

/** What is lifted: a pattern whose first group is the value, and the parameter name stem. */
const KINDS: readonly { stem: string; pattern: RegExp }[] = [
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
      hits.push({ start, end: start + value.length, value, stem });
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

/** The definition with environment values lifted into new String parameters, and what was lifted. */
export function liftDefinition(definition: Obj, arm: boolean): { definition: Obj; lifted: LiftedValue[] } {
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
  if (lifted.length) {
    const parameters: Obj = { ...(isObject(definition.parameters) ? definition.parameters : {}) };
    for (const l of lifted) parameters[l.parameter] = { type: "String", metadata: { description: `Lifted by playbook-kit import from ${l.pointers[0]}.` } };
    out.parameters = parameters;
  }
  return { definition: out, lifted };
}

/** The `Pulumi.<env>.yaml` lines that give a playbook its lifted values. */
export function pulumiSnippet(playbook: string, lifted: readonly LiftedValue[]): string {
  const lines = ["config:", "  playbook-kit:playbooks:", `    ${playbook}:`, "      enabled: true", "      parameters:"];
  for (const l of lifted) lines.push(`        ${l.parameter}: ${JSON.stringify(l.value)}`);
  return `${lines.join("\n")}\n`;
}
