/** Helpers for the stack tests: stack configs (from the committed stack files, optionally changed), mocked runs. */
import { CONFIG_NAMESPACE, readEnvironmentConfig } from "../../playbooks/env";
import { deployEnvironment } from "../../stacks/program";
import { runWithMocks, type MockRun, type Registration } from "../../stacks/testing";
import { REPO } from "../support/paths";

/** Registered types the tests look for. */
export const T = {
  environment: "playbook-kit:index:Environment",
  resourceGroupComponent: "playbook-kit:index:ResourceGroup",
  identityComponent: "playbook-kit:index:Identity",
  connectionsComponent: "playbook-kit:index:Connections",
  playbookComponent: "playbook-kit:index:Playbook",
  grantsComponent: "playbook-kit:index:Grants",
  diagnosticsComponent: "playbook-kit:index:Diagnostics",
  resourceGroup: "azure-native:resources:ResourceGroup",
  userAssignedIdentity: "azure-native:managedidentity:UserAssignedIdentity",
  genericResource: "azure-native:resources:Resource",
  webConnection: "azure-native:web:Connection",
  workflow: "azure-native:logic:Workflow",
  diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
  appRoleAssignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
  roleAssignment: "azure-native:authorization:RoleAssignment",
} as const;

/** The raw `playbook-kit:` config of a committed stack file (deep copy, safe to change). */
export function stackRaw(env: string): Record<string, any> {
  return structuredClone(readEnvironmentConfig(env, { root: REPO })) as Record<string, any>;
}

/** Raw config → the engine config map the Pulumi CLI hands the program. */
export function engineConfig(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Run the real program under mocks for a stack, with its committed config changed by `change`. */
export function runStack(env: string, change?: (raw: Record<string, any>) => void, secretKeys?: string[]): Promise<MockRun> {
  const raw = stackRaw(env);
  change?.(raw);
  return runWithMocks({ env, config: engineConfig(raw), ...(secretKeys ? { secretKeys } : {}), program: deployEnvironment });
}

/** Registrations of one type, sorted by logical name. */
export function ofType(run: MockRun, type: string): Registration[] {
  return run.registrations.filter((r) => r.type === type).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The one registration of a type and name. */
export function one(run: MockRun, type: string, name: string): Registration {
  const found = run.registrations.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${run.registrations.map((r) => `${r.type}/${r.name}`).join(", ")}`);
  return found[0]!;
}

/** Fail with the run's error or unhandled rejections, if any. */
export function expectClean(run: MockRun): MockRun {
  if (run.error) throw run.error;
  if (run.unhandledRejections.length) throw new Error(`unhandled rejections: ${run.unhandledRejections.map(String).join("; ")}`);
  return run;
}
