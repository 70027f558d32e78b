/**
 * `playbook-kit init <dir>`: write an author's repository — package.json depending on the kit, a strict
 * tsconfig, playbook-kit.json, a sample playbook with its vitest scenario test and simulate files, the Pulumi
 * project and stacks whose program deploys the repository's playbooks, the GitOps workflow and a README.
 *
 * The files are `project/init/template/` as they are (shipped in the package), except package.json, which is
 * written here (the kit's dependency spec and the tool versions come from the running kit). Same arguments,
 * same bytes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import { kitPackageDir, kitVersion } from "../kit";

/** Options of `initProject`. */
export interface InitOptions {
  /** Dependency spec of `playbook-kit` in the new package.json; default `defaultKitSpec()`. */
  kit?: string;
  /** Write into a folder that is not empty (template files are overwritten, other files are left alone). */
  force?: boolean;
}

/** What `initProject` wrote. */
export interface InitResult {
  /** The repository folder (absolute). */
  root: string;
  /** The files written, relative to `root`, sorted. */
  files: string[];
  /** The `playbook-kit` dependency spec written into package.json. */
  kit: string;
}

/** Placeholder in template files for the project name (package, Pulumi project and stack names). */
const NAME = "__PROJECT_NAME__";

/** Template names that npm would drop or rename in a tarball, and the names they get in the new repository. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: ".gitignore", github: ".github" };

/** Folder of the template files: `project/init/template` of the kit's package (source and installed alike). */
export function templateDir(): string {
  return path.join(kitPackageDir(), "project", "init", "template");
}

/**
 * The dependency spec `init` writes without `--kit`: a kit run from a checkout (not inside node_modules) is
 * referenced by its folder (`file:/path/to/checkout`, which installs offline, before any release); an installed
 * kit by its version range (`^0.1.0`), as a registry would serve it.
 */
export function defaultKitSpec(): string {
  const dir = kitPackageDir();
  return dir.split(path.sep).includes("node_modules") ? `^${kitVersion()}` : `file:${dir}`;
}

/** The package name for a folder: its base name lower-cased, characters npm and Pulumi refuse replaced by `-`. */
export function projectName(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|[._-]+$/g, "");
  return name || "mde-playbooks";
}

/** A `--kit` value npm can read as a dependency spec: not empty, one line, no spaces. */
function checkKitSpec(spec: string): void {
  if (spec.trim() === "" || /\s/.test(spec)) {
    throw new UserError(
      `--kit '${spec}' is not a dependency spec: give one without spaces, e.g. --kit file:/path/to/playbook-kit-${kitVersion()}.tgz (npm pack of the kit) or --kit ^${kitVersion()}.`,
    );
  }
}

/** The template's files, relative and sorted (`/`-separated), with the names they get in the new repository. */
function templateFiles(): { from: string; to: string }[] {
  const root = templateDir();
  if (!fs.existsSync(root)) throw new UserError(`the kit's init template is missing (${root}); reinstall playbook-kit.`, 1);
  const out: { from: string; to: string }[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const from = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(from);
      else out.push({ from, to: from.split("/").map((part, i) => (i === 0 ? (RENAMED[part] ?? part) : part)).join("/") });
    }
  };
  walk("");
  return out;
}

/** The kit's own pinned version of a tool it depends on (so the new repository installs what the kit was tested with). */
function kitDependencyVersion(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(kitPackageDir(), "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
  const version = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
  if (!version) throw new Error(`playbook-kit's package.json does not pin ${name}`);
  return version;
}

/** package.json of the new repository. */
export function packageJson(name: string, kit: string): string {
  const pkg = {
    name,
    version: "0.1.0",
    private: true,
    description: "Microsoft Defender for Endpoint playbooks as code (playbook-kit).",
    scripts: {
      build: "playbook-kit build",
      test: "tsc --noEmit && vitest run",
      start: "playbook-kit report --env dev",
      "stack:mock": "playbook-kit stack-mock",
    },
    dependencies: {
      "@pulumi/pulumi": kitDependencyVersion("@pulumi/pulumi"),
      "playbook-kit": kit,
    },
    devDependencies: {
      typescript: kitDependencyVersion("typescript"),
      vitest: kitDependencyVersion("vitest"),
    },
    engines: { node: ">=20.19" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Why `dir` cannot take a new repository, or undefined. */
function targetProblem(root: string, force: boolean): string | undefined {
  if (!fs.existsSync(root)) return undefined;
  if (!fs.statSync(root).isDirectory()) return `${root} exists and is not a folder; give a new or empty folder.`;
  const entries = fs.readdirSync(root).sort();
  if (entries.length === 0 || force) return undefined;
  const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, … (${entries.length} entries)` : "");
  return `${root} is not empty (${shown}); give a new or empty folder, or pass --force to write the template's files over what is there (other files are left alone).`;
}

/** Write a new author repository into `dir` (created when missing). Throws `UserError` (exit 2) for a folder it may not use or a bad `--kit`. */
export function initProject(dir: string, options: InitOptions = {}): InitResult {
  if (dir.trim() === "") throw new UserError("init needs a folder: playbook-kit init <dir>, e.g. playbook-kit init my-playbooks.");
  const root = path.resolve(dir);
  const kit = options.kit ?? defaultKitSpec();
  checkKitSpec(kit);
  const problem = targetProblem(root, options.force === true);
  if (problem) throw new UserError(problem);
  const name = projectName(root);
  const templates = templateFiles();
  const contents = new Map<string, string>([["package.json", packageJson(name, kit)]]);
  for (const { from, to } of templates) contents.set(to, fs.readFileSync(path.join(templateDir(), from), "utf8").split(NAME).join(name));
  // Refuse before writing anything: a template file whose place is taken by a folder.
  for (const rel of contents.keys()) {
    const target = path.join(root, rel);
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UserError(`${target} is a folder where init writes a file; move it away first.`);
  }
  for (const [rel, text] of contents) {
    const target = path.join(root, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return { root, files: [...contents.keys()].sort(), kit };
}
