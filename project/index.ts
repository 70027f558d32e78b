/**
 * The author's repository as a project: `playbook-kit.json`, its discovery from the working folder upwards,
 * and type-checked loading of its playbooks. Every command that takes "a playbook" or "the playbooks" goes
 * through here:
 *
 *   const project = findProject();                      // nearest playbook-kit.json (or the implicit catalog project)
 *   const loaded = loadProject(project);                // type-check → load → build; ProjectError lists every problem
 *   loaded.playbooks / loaded.get("my-playbook")        // catalog entries it names, then author playbooks
 *   resolvePlaybook("my-playbook" | "playbooks/x.ts")  // one playbook, loading only what is needed
 *   loadProjectEnvironment("dev", loaded)               // Pulumi.dev.yaml planned over the project's playbooks
 */
export { PROJECT_FILE, readProjectFile, checkProjectConfig, defaults as projectDefaults, type ProjectConfig } from "./file";
export { findProject, findProjectFile, openProject, pulumiRoot, type Project } from "./find";
export { ProjectError, formatProblem, type ProjectProblem } from "./errors";
export { loadProject, loadPlaybookFile, projectPlaybookFiles, type LoadedProject, type LoadOptions, type ProjectPlaybook } from "./playbooks";
export { resolvePlaybook, isPlaybookFileArgument, type ResolveOptions } from "./resolve";
export { loadProjectEnvironment } from "./environment";
export { typeCheck, type TypeCheckOptions, type TypeCheckResult } from "./typecheck";
export { typeCheckCacheDir } from "./typecheck-cache";
export { kitVersion } from "./kit";
