/**
 * What main builds for an environment, as the operations commands compare and validate it: each enabled
 * playbook's workflow name, definition, parameter values, connections and state (from `loadEnvironment`), or
 * without an environment every available playbook with default options under its own name. The available
 * playbooks are the project's (the CLI loads them) or, by default, the catalog.
 */
import { CATALOG_PLAYBOOKS, loadEnvironment, type AvailablePlaybook } from "../playbooks/env";
import type { Playbook } from "../playbooks/kit";

/** One workflow main builds. */
export interface BuiltWorkflow {
  /** Playbook name (a catalog entry's or an author playbook's). */
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

/**
 * The workflows of an environment (`loadEnvironment` over `playbooks`), or of every playbook in `playbooks` when
 * `env` is undefined. `playbooks` defaults to the catalog. Throws `ConfigError`.
 */
export function builtWorkflows(env: string | undefined, root?: string, playbooks: readonly AvailablePlaybook[] = CATALOG_PLAYBOOKS): BuiltWorkflow[] {
  if (env === undefined) {
    return playbooks.map((entry) => {
      const built = entry.create();
      return { playbook: entry.name, workflowName: entry.name, built, parameters: {}, connectors: built.connectors, state: "Enabled" };
    });
  }
  const plan = loadEnvironment(env, { ...(root === undefined ? {} : { root }), playbooks });
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
