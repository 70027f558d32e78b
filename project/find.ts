/**
 * Project discovery: the nearest `playbook-kit.json` from a folder upwards. Outside any project the commands
 * still work on the shipped catalog, as an implicit project rooted at the folder they run in.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../playbooks/catalog";
import { defaults, PROJECT_FILE, readProjectFile, type ProjectConfig } from "./file";

/** A project: where it is and what its project file says. */
export interface Project {
  /** Folder of `playbook-kit.json` (for the implicit project: the folder searched from). */
  root: string;
  /** Absolute path of `playbook-kit.json`; undefined for the implicit project. */
  file?: string;
  config: ProjectConfig;
}

/** The nearest `playbook-kit.json` in `dir` or a folder above it, or undefined. */
export function findProjectFile(dir: string): string | undefined {
  let here = path.resolve(dir);
  for (;;) {
    const candidate = path.join(here, PROJECT_FILE);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    const up = path.dirname(here);
    if (up === here) return undefined;
    here = up;
  }
}

/** The project of a given project file. Throws `ProjectError` when the file has problems. */
export function openProject(file: string): Project {
  const abs = path.resolve(file);
  return { root: path.dirname(abs), file: abs, config: readProjectFile(abs) };
}

/**
 * The project `cwd` belongs to: the nearest `playbook-kit.json` upwards, or, when there is none, an implicit
 * project rooted at `cwd` that deploys the whole catalog and has no author playbooks.
 * Throws `ProjectError` when the project file has problems.
 */
export function findProject(cwd: string = process.cwd()): Project {
  const file = findProjectFile(cwd);
  if (file) return openProject(file);
  return { root: path.resolve(cwd), config: { ...defaults(), catalog: catalog.map((e) => e.name) } };
}

/** Absolute folder of the project's `Pulumi.yaml` and `Pulumi.<env>.yaml` files. */
export function pulumiRoot(project: Project): string {
  return path.resolve(project.root, project.config.pulumi);
}
