/** A project's environments: `Pulumi.<env>.yaml` of its `pulumi` folder, planned over every project playbook. */
import { loadEnvironment, type EnvironmentPlan } from "../playbooks/env";
import { pulumiRoot } from "./find";
import type { LoadedProject } from "./playbooks";

/**
 * Read, check and plan an environment of a loaded project: its `playbooks:` keys may name any playbook of the
 * project (an unknown name lists them all). Throws `ConfigError` listing every problem.
 */
export function loadProjectEnvironment(env: string, loaded: LoadedProject): EnvironmentPlan {
  return loadEnvironment(env, { root: pulumiRoot(loaded.project), playbooks: loaded.playbooks });
}
