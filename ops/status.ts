/**
 * `status`: compare each deployed workflow with what main builds for the environment. Both sides are normalised
 * (ops/normalize.ts) and diffed with JSON pointers: the definition, the parameter values the deployment sets
 * (secure values only for presence: the service never returns them), the `$connections` wiring (managed API and
 * managed-identity authentication per key) and the state. A workflow is in-sync, drifted or missing.
 */
import type { LogicManagementClient, Workflow } from "@azure/arm-logic";
import { SECRET_PLACEHOLDER } from "../playbooks/env";
import { managedApiName } from "../validators/detect";
import { isObject, setKey, type Obj } from "../wdl/walk";
import { usesManagedIdentity } from "../exporters/connections";
import { explainAzureError, isResourceNotFound } from "./errors";
import { diffJson, type Difference } from "./diff";
import { normalizeDefinition } from "./normalize";
import type { BuiltWorkflow } from "./targets";
import { textLines } from "../errors";

/** The result for one workflow. */
export interface WorkflowStatus {
  playbook: string;
  workflow: string;
  status: "in-sync" | "drifted" | "missing";
  differences: Difference[];
}

/** Shown instead of a value that is compared for presence only. */
export const SECRET_SHOWN = "(secure value)";

function declarations(definition: unknown): Obj {
  return isObject(definition) && isObject(definition.parameters) ? definition.parameters : {};
}

function isSecureType(decl: unknown): boolean {
  return isObject(decl) && typeof decl.type === "string" && /^secure/i.test(decl.type);
}

/** `$connections` as compared: key (lower-cased) → managed API and, where the kit uses it, the authentication type. */
function expectedConnections(built: BuiltWorkflow): Obj {
  const out: Obj = {};
  for (const api of built.connectors) {
    const entry: Obj = { api: api.toLowerCase() };
    if (usesManagedIdentity(api)) entry.authentication = "ManagedServiceIdentity";
    out[api.toLowerCase()] = entry;
  }
  return out;
}

function deployedConnections(value: unknown, expected: Obj): Obj {
  const out: Obj = {};
  if (!isObject(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    const k = key.toLowerCase();
    const e = isObject(entry) ? entry : {};
    const item: Obj = { api: managedApiName(e.id) ?? (typeof e.id === "string" ? e.id : null) };
    const want = expected[k];
    if (isObject(want) && "authentication" in want) {
      const auth = isObject(e.connectionProperties) && isObject(e.connectionProperties.authentication) ? e.connectionProperties.authentication.type : undefined;
      item.authentication = typeof auth === "string" ? auth : null;
    }
    setKey(out, k, item);
  }
  return out;
}

/** The two documents the diff compares (exported for tests). */
export function comparableDocuments(built: BuiltWorkflow, deployed: Workflow): { expected: Obj; deployed: Obj } {
  const decls = declarations(built.built.definition);
  const deployedParams: Obj = isObject(deployed.parameters) ? (deployed.parameters as Obj) : {};
  const valueOf = (name: string): { present: boolean; value: unknown } => {
    const p = deployedParams[name];
    return isObject(p) ? { present: true, value: p.value } : { present: false, value: undefined };
  };

  // Parameters compare by effective value: a value the deployment does not set is the definition default.
  const expectedParams: Obj = {};
  const actualParams: Obj = {};
  const names = new Set([...Object.keys(decls), ...Object.keys(deployedParams)]);
  for (const name of [...names].sort()) {
    if (name === "$connections") continue;
    const decl = decls[name];
    const fallback = isObject(decl) ? decl.defaultValue : undefined;
    const actual = valueOf(name);
    const set = Object.prototype.hasOwnProperty.call(built.parameters, name) || name === built.identityParameter;
    const presenceOnly = isSecureType(decl) || name === built.identityParameter || built.parameters[name] === SECRET_PLACEHOLDER;
    if (presenceOnly) {
      if (set) expectedParams[name] = SECRET_SHOWN;
      if (actual.present) actualParams[name] = SECRET_SHOWN;
      continue;
    }
    const expectedValue = set ? built.parameters[name] : fallback;
    const deployedValue = actual.present && actual.value !== undefined ? actual.value : decl === undefined ? (actual.present ? null : undefined) : fallback;
    if (expectedValue !== undefined) expectedParams[name] = expectedValue;
    if (deployedValue !== undefined) actualParams[name] = deployedValue;
  }
  const connections = expectedConnections(built);
  if (Object.keys(connections).length || deployedParams.$connections !== undefined) {
    expectedParams.$connections = connections;
    actualParams.$connections = deployedConnections(isObject(deployedParams.$connections) ? deployedParams.$connections.value : undefined, connections);
  }

  const expected: Obj = { definition: normalizeDefinition(built.built.definition), parameters: expectedParams, state: built.state };
  const actual: Obj = { definition: normalizeDefinition(deployed.definition), parameters: actualParams };
  if (deployed.state !== undefined) actual.state = deployed.state;
  else delete expected.state;
  return { expected, deployed: actual };
}

/** Differences between what main builds and a deployed workflow, after normalisation. */
export function compareWorkflow(built: BuiltWorkflow, deployed: Workflow): Difference[] {
  const docs = comparableDocuments(built, deployed);
  return diffJson(docs.expected, docs.deployed);
}

/** Fetch and compare every workflow. Throws `AzureOperationError` for anything but a missing workflow. */
export async function checkStatus(client: LogicManagementClient, resourceGroup: string, workflows: readonly BuiltWorkflow[], endpoint: string): Promise<WorkflowStatus[]> {
  const results: WorkflowStatus[] = [];
  for (const built of workflows) {
    let deployed: Workflow;
    try {
      deployed = await client.workflows.get(resourceGroup, built.workflowName);
    } catch (error) {
      if (isResourceNotFound(error)) {
        results.push({ playbook: built.playbook, workflow: built.workflowName, status: "missing", differences: [] });
        continue;
      }
      throw explainAzureError(error, `reading workflow ${built.workflowName} in resource group ${resourceGroup}`, endpoint);
    }
    const differences = compareWorkflow(built, deployed);
    results.push({ playbook: built.playbook, workflow: built.workflowName, status: differences.length ? "drifted" : "in-sync", differences });
  }
  return results;
}

const MAX_SHOWN = 25;

function show(value: unknown): string {
  const text = value === undefined ? "(none)" : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** Text report: one line per workflow, then its differences. */
export function formatStatusText(results: readonly WorkflowStatus[], context: { env: string; resourceGroup: string }): string {
  const lines: string[] = [`Environment ${context.env}, resource group ${context.resourceGroup}:`];
  const width = Math.max(...results.map((r) => r.workflow.length), 8);
  for (const r of results) {
    const summary =
      r.status === "in-sync"
        ? "in sync"
        : r.status === "missing"
          ? "MISSING (not deployed)"
          : `DRIFTED (${r.differences.length} difference${r.differences.length === 1 ? "" : "s"})`;
    lines.push(`  ${r.workflow.padEnd(width)}  ${summary}`);
    for (const d of r.differences.slice(0, MAX_SHOWN)) {
      if (d.kind === "changed") lines.push(`      changed  ${d.pointer}: main ${show(d.expected)}, deployed ${show(d.deployed)}`);
      else if (d.kind === "added") lines.push(`      added    ${d.pointer}: ${show(d.deployed)} (only in the deployed workflow)`);
      else lines.push(`      removed  ${d.pointer}: ${show(d.expected)} (missing from the deployed workflow)`);
    }
    if (r.differences.length > MAX_SHOWN) lines.push(`      … and ${r.differences.length - MAX_SHOWN} more (use --format json for all)`);
  }
  const drifted = results.filter((r) => r.status === "drifted").length;
  const missing = results.filter((r) => r.status === "missing").length;
  lines.push(`${results.length} workflow(s): ${results.length - drifted - missing} in sync, ${drifted} drifted, ${missing} missing.`);
  return textLines(lines);
}

/** The exit code for a status report: 1 when anything drifted or is missing. */
export function statusExitCode(results: readonly WorkflowStatus[]): number {
  return results.some((r) => r.status !== "in-sync") ? 1 : 0;
}
