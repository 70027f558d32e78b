/**
 * What main builds for an environment, as the operations commands compare and validate it: each enabled
 * playbook's workflow name, definition, parameter values, connections and state (from `loadEnvironment`), or
 * without an environment every catalog playbook with default options under its own name.
 */
import { catalog } from "../playbooks/catalog";
import { loadEnvironment } from "../playbooks/env";
import type { Playbook } from "../playbooks/kit";

/** One workflow main builds. */
export interface BuiltWorkflow {
  /** Catalog playbook name. */
  playbook: string;
  /** Logic App name in Azure. */
  workflowName: string;
  built: Playbook;
  /** Definition parameter values the deployment sets (`$connections` excluded). */
  parameters: Record<string, unknown>;
  /** Parameter set to the user-assigned identity's resource id at deploy time (value unknown here). */
  identityParameter?: string;
  /** Managed APIs wired through `$connections`. */
  connectors: readonly string[];
  state: "Enabled" | "Disabled";
}

/** The workflows of an environment (`loadEnvironment`), or of the catalog when `env` is undefined. Throws `ConfigError`. */
export function builtWorkflows(env: string | undefined, root?: string): BuiltWorkflow[] {
  if (env === undefined) {
    return catalog.map((entry) => {
      const built = entry.create();
      return { playbook: entry.name, workflowName: entry.name, built, parameters: {}, connectors: built.connectors, state: "Enabled" };
    });
  }
  const plan = loadEnvironment(env, root === undefined ? {} : { root });
  return plan.playbooks.map((p) => ({
    playbook: p.name,
    workflowName: p.workflowName,
    built: p.playbook,
    parameters: p.parameters,
    ...(p.identityParameter ? { identityParameter: p.identityParameter } : {}),
    connectors: p.connectors,
    state: p.state,
  }));
}
