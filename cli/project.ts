/**
 * The project of the working folder, as commands use it: every playbook (type-checked and loaded), one
 * playbook argument, an environment's plan. Problems are `ProjectError`s (UserErrors): the CLI prints each with
 * its `file:line:col`. A thin wrapper: the logic is project/'s.
 */
import { formatWarnings, type EnvironmentPlan } from "../playbooks/env";
import { findProject, loadProject, loadProjectEnvironment, ProjectError, pulumiRoot, resolvePlaybook, type LoadedProject, type ProjectPlaybook } from "../project";

/** `typecheck: false` with `--no-typecheck`; undefined leaves it to playbook-kit.json. */
export interface TypecheckOption {
  typecheck?: boolean;
}

const loadOptions = (o: TypecheckOption) => (o.typecheck === false ? { typecheck: false } : {});

/** Every playbook of the project the working folder belongs to. */
export function projectPlaybooks(options: TypecheckOption = {}): LoadedProject {
  return loadProject(findProject(), loadOptions(options));
}

/** The project's playbooks and the folder of its `Pulumi.<env>.yaml` files, for the operations commands. */
export function projectTargets(options: TypecheckOption = {}): { loaded: LoadedProject; root: string } {
  const loaded = projectPlaybooks(options);
  return { loaded, root: pulumiRoot(loaded.project) };
}

/** The playbook a command argument names: a playbook of the project, or a `.ts` playbook file. */
export function playbookArgument(target: string, options: TypecheckOption = {}): ProjectPlaybook {
  try {
    return resolvePlaybook(target, loadOptions(options));
  } catch (error) {
    // Commands also take JSON files: say so when the name is unknown.
    if (error instanceof ProjectError && error.problems.length === 0) throw new ProjectError([], error.exitCode, error.summary.replace("is not a playbook of this project;", "is neither a playbook of this project nor an existing file;"));
    throw error;
  }
}

/** An environment of the project, planned over all its playbooks. Throws `ConfigError` for its config's problems. */
export function projectEnvironment(env: string, options: TypecheckOption = {}): EnvironmentPlan {
  return warnAboutConfig(loadProjectEnvironment(env, projectPlaybooks(options)));
}

/** Print the plan's config warnings (`config-literal-secret`) to stderr; returns the plan. */
export function warnAboutConfig(plan: EnvironmentPlan): EnvironmentPlan {
  if (plan.warnings?.length) process.stderr.write(`${formatWarnings(plan.warnings, `Pulumi.${plan.env}.yaml`)}\n`);
  return plan;
}
