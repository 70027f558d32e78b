/**
 * The playbooks of a project: the catalog entries its `playbook-kit.json` names, then its authors' playbook
 * files (type-checked, loaded, built). Each is an `AvailablePlaybook`, so environments plan them all alike.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog, type CatalogBuildOptions } from "../playbooks/catalog";
import type { AvailablePlaybook } from "../playbooks/env/available";
import * as kit from "../playbooks/kit";
import { BuildError, type Playbook } from "../playbooks/kit";
import { kitModuleFor } from "./kit";
import { location, ProjectError, type ProjectProblem } from "./errors";
import type { Project } from "./find";
import { loadModules, loadProblem, playbookFiles, withRawStacks, type LoadedModule } from "./load";
import { typeCheck } from "./typecheck";
import { typeCheckCacheDir } from "./typecheck-cache";

/** One playbook of a project. */
export interface ProjectPlaybook extends AvailablePlaybook {
  /** `catalog`: a shipped playbook the project names; `author`: a playbook file of the project. */
  readonly origin: "catalog" | "author";
  /** The playbook file (absolute), for author playbooks. */
  readonly file?: string;
  /** Built with default options (enforce mode, the file's own channel). */
  readonly playbook: Playbook;
}

/** Options of `loadProject` and `loadPlaybookFile`. */
export interface LoadOptions {
  /** Type-check author files first; default the project file's `typecheck` (true). */
  typecheck?: boolean;
  /** Extra folders or `.ts` files to load besides the project's (`build --playbooks DIR`). */
  extra?: readonly string[];
}

/** A loaded project. */
export interface LoadedProject {
  readonly project: Project;
  /** Catalog entries in catalog order, then author playbooks by file path. */
  readonly playbooks: readonly ProjectPlaybook[];
  /** The playbook of that name, or undefined. */
  find(name: string): ProjectPlaybook | undefined;
  /** The playbook of that name; a `UserError` listing every name otherwise. */
  get(name: string): ProjectPlaybook;
  /** Every name, in order. */
  names(): string[];
}

function isPlaybook(value: unknown): value is Playbook {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Playbook).name === "string" &&
    typeof (value as Playbook).render === "function" &&
    typeof (value as Playbook).definition === "object"
  );
}

/**
 * `withMode(playbook, "audit")` of the kit that built the playbook — the copy the author's files resolve
 * `playbook-kit` to (the same module as ours, except when the kit runs from its sources under a test runner).
 */
function audited(playbook: Playbook): Playbook {
  const target = kitModuleFor("playbook-kit")!;
  const loaded = [".js", ".ts"].map((ext) => require.cache[`${target}${ext}`]).find((m) => m !== undefined);
  const authorsKit = (loaded?.exports ?? kit) as Pick<typeof kit, "withMode">;
  return authorsKit.withMode(playbook, "audit");
}

/** A catalog entry as a project playbook (the name must be a catalog name); built once, on first use. */
export function catalogPlaybook(name: string): ProjectPlaybook {
  const entry = catalog.find((e) => e.name === name)!;
  let built: Playbook | undefined;
  return {
    name: entry.name,
    description: entry.description,
    hasModes: entry.hasModes,
    origin: "catalog",
    get playbook() {
      return (built ??= entry.create());
    },
    create: (options) => entry.create(options),
  };
}

/** The catalog entries a project names, each built now so a build error is a problem, not a crash. */
function catalogPlaybooks(names: readonly string[]): { playbooks: ProjectPlaybook[]; problems: ProjectProblem[] } {
  const playbooks: ProjectPlaybook[] = [];
  const problems: ProjectProblem[] = [];
  for (const name of names) {
    const p = catalogPlaybook(name);
    try {
      void p.playbook;
      playbooks.push(p);
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      const file = require.resolve(path.join(__dirname, "..", "playbooks", "catalog", name));
      problems.push({ file, code: error.code, message: `the catalog playbook '${name}' does not build: ${error.message.replace(`[${error.code}] `, "")}` });
    }
  }
  return { playbooks, problems };
}

/**
 * An author file's default export as a project playbook: a built playbook, or a function of the environment's
 * build options (`{mode, channel}`) that returns one. `mode: audit` is applied with `withMode` either way.
 */
function authorPlaybook(module: LoadedModule): ProjectPlaybook | ProjectProblem {
  const { file, exported } = module;
  const factory = typeof exported === "function" ? (exported as (options: CatalogBuildOptions) => unknown) : undefined;
  const build = (options: CatalogBuildOptions): Playbook => {
    const value = factory ? factory(options) : exported;
    if (!isPlaybook(value)) throw new BuildError("playbook-export", "The file must `export default` a playbook (definePlaybook({...})) or a function that returns one.");
    return options.mode === "audit" && value.destructiveSteps.length > 0 ? audited(value) : value;
  };
  let playbook: Playbook;
  try {
    playbook = build({});
  } catch (error) {
    if (error instanceof Error && error.name === "BuildError" && (error as BuildError).code === "playbook-export") {
      return { file, code: "playbook-export", message: error.message.replace(/^\[playbook-export\] /, "") };
    }
    return loadProblem(file, error, [file]);
  }
  return {
    name: playbook.name,
    description: playbook.description,
    hasModes: playbook.destructiveSteps.length > 0,
    origin: "author",
    file,
    playbook,
    create: (options = {}) => (factory ? build(options) : build({ mode: options.mode })),
  };
}

/** Files named by folder-or-file entries, relative to `root`, without repeats. */
function filesOf(root: string, entries: readonly string[]): string[] {
  const out = new Set<string>();
  for (const entry of entries) {
    const abs = path.resolve(root, entry);
    if (fs.statSync(abs).isDirectory()) for (const f of playbookFiles(abs)) out.add(f);
    else out.add(abs);
  }
  return [...out];
}

/** The author playbook files of a project (plus `extra` folders or files), absolute, in load order. */
export function projectPlaybookFiles(project: Project, extra: readonly string[] = []): string[] {
  return filesOf(project.root, project.config.playbooks).concat(filesOf(process.cwd(), extra)).filter((f, i, all) => all.indexOf(f) === i);
}

/** Type-check (unless told not to), load and build files; every problem is collected. */
function loadFiles(project: Project, files: readonly string[], typecheck: boolean): { playbooks: ProjectPlaybook[]; problems: ProjectProblem[] } {
  const problems: ProjectProblem[] = [];
  let compiled: Map<string, string> = new Map();
  if (typecheck && files.length) {
    const cacheDir = typeCheckCacheDir(project.root);
    const checked = typeCheck(files, { root: project.root, ...(project.config.tsconfig ? { tsconfig: project.config.tsconfig } : {}), ...(cacheDir ? { cacheDir } : {}) });
    // Files with type errors are not loaded: what they would build is not what the author meant.
    if (checked.problems.length) return { playbooks: [], problems: checked.problems };
    compiled = checked.compiled;
  }
  return withRawStacks(() => {
    const loaded = loadModules(files, compiled);
    problems.push(...loaded.problems);
    const playbooks: ProjectPlaybook[] = [];
    for (const module of loaded.modules) {
      const result = authorPlaybook(module);
      if ("code" in result) problems.push(result);
      else playbooks.push(result);
    }
    return { playbooks, problems };
  });
}

/** Two playbooks with one name: a problem at the later one, naming the first. */
function duplicateProblems(playbooks: readonly ProjectPlaybook[]): ProjectProblem[] {
  const first = new Map<string, ProjectPlaybook>();
  const problems: ProjectProblem[] = [];
  for (const p of playbooks) {
    const earlier = first.get(p.name);
    if (!earlier) {
      first.set(p.name, p);
      continue;
    }
    const where = earlier.file ? location({ file: earlier.file }) : `the catalog (playbook-kit.json "catalog")`;
    problems.push({ file: p.file!, code: "duplicate-playbook-name", message: `defines playbook '${p.name}', as ${where} does; playbook names must be unique in a project — rename one.` });
  }
  return problems;
}

function loadedProject(project: Project, playbooks: ProjectPlaybook[]): LoadedProject {
  const names = () => playbooks.map((p) => p.name);
  const find = (name: string) => playbooks.find((p) => p.name === name);
  return {
    project,
    playbooks,
    find,
    names,
    get(name) {
      const found = find(name);
      if (found) return found;
      throw new ProjectError([], 2, `'${name}' is not a playbook of this project; its playbooks: ${names().join(", ") || "none"}.`);
    },
  };
}

/**
 * Every playbook of a project: the catalog entries it names, then its author playbooks, type-checked (unless
 * `typecheck: false`), loaded and built. Throws `ProjectError` (exit 1) listing every problem — type errors
 * with `file:line:col` and the compiler's message, load and build errors at the line that threw.
 */
export function loadProject(project: Project, options: LoadOptions = {}): LoadedProject {
  const typecheck = options.typecheck ?? project.config.typecheck;
  const files = projectPlaybookFiles(project, options.extra);
  const fromCatalog = catalogPlaybooks(project.config.catalog);
  const { playbooks, problems } = loadFiles(project, files, typecheck);
  problems.unshift(...fromCatalog.problems);
  const all = [...fromCatalog.playbooks, ...playbooks];
  problems.push(...duplicateProblems(all));
  if (problems.length) throw new ProjectError(problems, 1, `${problems.length} problem(s) in the project's playbooks:`);
  return loadedProject(project, all);
}

/** One playbook file (a `.ts` path), type-checked unless told not to, loaded and built. Throws `ProjectError` (exit 1). */
export function loadPlaybookFile(project: Project, file: string, options: Pick<LoadOptions, "typecheck"> = {}): ProjectPlaybook {
  const abs = path.resolve(file);
  const { playbooks, problems } = loadFiles(project, [abs], options.typecheck ?? project.config.typecheck);
  if (problems.length) throw new ProjectError(problems, 1, `${path.relative(process.cwd(), abs) || abs} did not build:`);
  return playbooks[0]!;
}
