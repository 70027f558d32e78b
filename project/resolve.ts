/**
 * `resolvePlaybook`: what a command means by a playbook argument — a `.ts` playbook file, or the name of a
 * playbook of the project (a catalog entry it names or an author playbook). Only what is needed is loaded: a
 * catalog name loads no author file, a name that matches a file name (`<name>.ts`) loads that file first.
 */
import * as path from "node:path";
import { findProject, type Project } from "./find";
import { catalogPlaybook, loadPlaybookFile, loadProject, projectPlaybookFiles, type LoadOptions, type ProjectPlaybook } from "./playbooks";

/** Options of `resolvePlaybook`. */
export interface ResolveOptions extends Pick<LoadOptions, "typecheck"> {
  /** Where the project is looked for; default `process.cwd()`. */
  cwd?: string;
  /** Use this project instead of looking for one. */
  project?: Project;
}

/** True when a command argument names a TypeScript playbook file rather than a playbook. */
export function isPlaybookFileArgument(target: string): boolean {
  return /\.c?ts$/.test(target) && !/\.d\.c?ts$/.test(target);
}

/**
 * The playbook `target` names: a `.ts` file (loaded on its own, inside or outside the project's folders) or a
 * playbook name of the project found from `cwd`. Throws `ProjectError`: exit 2 for an unknown name (listing
 * every name of the project), exit 1 when a file does not type-check, load or build.
 */
export function resolvePlaybook(target: string, options: ResolveOptions = {}): ProjectPlaybook {
  const project = options.project ?? findProject(options.cwd);
  const load = options.typecheck === undefined ? {} : { typecheck: options.typecheck };
  if (isPlaybookFileArgument(target)) return loadPlaybookFile(project, path.resolve(options.cwd ?? process.cwd(), target), load);
  if (project.config.catalog.includes(target)) return catalogPlaybook(target);
  const candidate = projectPlaybookFiles(project).find((f) => path.basename(f).replace(/\.c?ts$/, "") === target);
  if (candidate) {
    const found = loadPlaybookFile(project, candidate, load);
    if (found.name === target) return found;
  }
  return loadProject(project, load).get(target);
}
