/**
 * `validate --remote`: send each built definition to the Logic Apps validate API
 * (`POST …/locations/{location}/workflows/{name}/validate`), with its parameter values and a `$connections`
 * value naming connections in the resource group, and report what the service says. A 400 is the service
 * rejecting the definition: its code and message are printed and the exit code is 1.
 */
import type { LogicManagementClient, Workflow } from "@azure/arm-logic";
import { textLines, UserError } from "../errors";
import { SECRET_PLACEHOLDER } from "../playbooks/env";
import { emptyValueOfType } from "../wdl/definition";
import { isObject, type Obj } from "../wdl/walk";
import { usesManagedIdentity } from "../exporters/connections";
import { connectionFromEnvironment, createLogicClient, endpointOf, type AzureConnection } from "./client";
import { AzureOperationError, explainAzureError, isRestError } from "./errors";
import type { AvailablePlaybook } from "../playbooks/env";
import { builtWorkflows, type BuiltWorkflow } from "./targets";

/** Options of `validate --remote` (as the validate command passes them). */
export interface RemoteValidateOptions {
  subscription?: string;
  resourceGroup?: string;
  location?: string;
  env?: string;
  format?: string;
}

/** Injected in tests. */
export interface RemoteValidateDeps {
  connection?: AzureConnection;
  /** Folder of `Pulumi.<env>.yaml`. */
  root?: string;
  /** The playbooks an environment may enable (the CLI passes the project's); default the catalog. */
  playbooks?: readonly AvailablePlaybook[];
  stdout?: (text: string) => void;
}

/** The service's verdict on one definition. */
export interface RemoteValidation {
  playbook: string;
  workflow: string;
  valid: boolean;
  code?: string;
  message?: string;
}

/** A stand-in value of a parameter type, for parameters the validation needs a value for but main does not know. */
function placeholder(type: unknown): unknown {
  const value = emptyValueOfType(String(type));
  // An empty string may be refused where a value is required; any text serves for validation.
  return value === "" ? "placeholder" : value;
}

/** True when a configured value is, or contains, a Pulumi secret (`secure:`), which only Pulumi can decrypt. */
function holdsSecret(value: unknown): boolean {
  if (value === SECRET_PLACEHOLDER) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  return isObject(value) && Object.values(value).some(holdsSecret);
}

/** What to send for a value nobody here can read: a value the declaration accepts, so the service judges the definition. */
function standIn(decl: Obj): unknown {
  if (Array.isArray(decl.allowedValues) && decl.allowedValues.length) return decl.allowedValues[0];
  return decl.defaultValue !== undefined ? decl.defaultValue : placeholder(decl.type);
}

/** The workflow body sent to the validate API. */
export function validationRequest(built: BuiltWorkflow, ids: { subscription: string; resourceGroup: string; location: string }): Workflow {
  const definition = built.built.definition as unknown as Obj;
  const decls = isObject(definition.parameters) ? definition.parameters : {};
  const parameters: Record<string, { value: unknown }> = {};
  if (built.connectors.length) {
    const value: Obj = {};
    for (const api of built.connectors) {
      const entry: Obj = {
        connectionId: `/subscriptions/${ids.subscription}/resourceGroups/${ids.resourceGroup}/providers/Microsoft.Web/connections/${built.workflowName}-${api}`,
        connectionName: `${built.workflowName}-${api}`,
        id: `/subscriptions/${ids.subscription}/providers/Microsoft.Web/locations/${ids.location}/managedApis/${api}`,
      };
      if (usesManagedIdentity(api)) entry.connectionProperties = { authentication: { type: "ManagedServiceIdentity" } };
      value[api] = entry;
    }
    parameters.$connections = { value };
  }
  for (const [name, decl] of Object.entries(decls)) {
    if (name === "$connections" || !isObject(decl)) continue;
    if (Object.prototype.hasOwnProperty.call(built.parameters, name)) {
      const value = built.parameters[name];
      parameters[name] = { value: holdsSecret(value) ? standIn(decl) : value };
    }
    else if (decl.defaultValue === undefined) parameters[name] = { value: placeholder(decl.type) };
  }
  return { location: ids.location, definition, parameters, state: built.state };
}

/** Validate each definition with the service. Throws `AzureOperationError` for failures other than a rejected definition. */
export async function validateRemotely(
  client: LogicManagementClient,
  ids: { subscription: string; resourceGroup: string; location: string },
  workflows: readonly BuiltWorkflow[],
  endpoint: string,
): Promise<RemoteValidation[]> {
  const out: RemoteValidation[] = [];
  for (const built of workflows) {
    try {
      await client.workflows.validateByLocation(ids.resourceGroup, ids.location, built.workflowName, validationRequest(built, ids));
      out.push({ playbook: built.playbook, workflow: built.workflowName, valid: true });
    } catch (error) {
      if (isRestError(error) && error.statusCode === 400) {
        const result: RemoteValidation = { playbook: built.playbook, workflow: built.workflowName, valid: false, message: error.message };
        if (error.code) result.code = error.code;
        out.push(result);
        continue;
      }
      throw explainAzureError(error, `validating ${built.workflowName} in ${ids.location}`, endpoint);
    }
  }
  return out;
}

/** Text report. */
export function formatRemoteValidation(results: readonly RemoteValidation[], location: string): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.valid) lines.push(`ok       ${r.playbook} (validated as ${r.workflow} in ${location})`);
    else lines.push(`invalid  ${r.playbook}: ${r.code ?? "error"}: ${(r.message ?? "").replace(/\s+/g, " ").trim()}`);
  }
  const bad = results.filter((r) => !r.valid).length;
  lines.push(`${results.length} definition(s) validated by the service: ${results.length - bad} valid, ${bad} rejected.`);
  return textLines(lines);
}

/** Run `validate --remote`; resolves to the exit code (0 valid, 1 rejected). Usage and Azure errors throw `UserError`. */
export async function run(options: RemoteValidateOptions, deps: RemoteValidateDeps = {}): Promise<number> {
  const missing = (["subscription", "resourceGroup", "location"] as const).filter((k) => !options[k]);
  if (missing.length) {
    const flags = missing.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new UserError(`validate --remote needs ${flags.join(", ")}.`);
  }
  const ids = { subscription: options.subscription!, resourceGroup: options.resourceGroup!, location: options.location! };
  let workflows: BuiltWorkflow[];
  try {
    workflows = builtWorkflows(options.env, deps.root, deps.playbooks);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") throw new UserError(error.message, (error as { exitCode?: 1 | 2 }).exitCode ?? 1, true);
    throw error;
  }
  const connection = deps.connection ?? connectionFromEnvironment(ids.subscription);
  const endpoint = endpointOf(connection);
  let results: RemoteValidation[];
  try {
    results = await validateRemotely(createLogicClient(connection), ids, workflows, endpoint);
  } catch (error) {
    if (error instanceof AzureOperationError) throw new UserError(error.message, error.exitCode);
    throw error;
  }
  const write = deps.stdout ?? ((t: string) => process.stdout.write(t));
  if (options.format === "json") write(`${JSON.stringify({ location: ids.location, results }, null, 2)}\n`);
  else write(formatRemoteValidation(results, ids.location));
  return results.some((r) => !r.valid) ? 1 : 0;
}
