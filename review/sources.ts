/**
 * Turn a `diff` argument into a build: a folder `playbook-kit build` wrote (`manifest.json`), a project folder
 * (built in place), or a git ref (checked out into a temporary `git worktree` and built there). The build is what
 * `playbook-kit build` does in that tree: the kit's own checkout builds with its own sources at that commit (run
 * with tsx, no compile step), an author's project (`playbook-kit.json`) with the kit the caller runs. Nothing is
 * installed per ref: the caller's `node_modules` is linked into the worktree. A ref from before the kit was
 * adopted (no project at all) is an empty build, so everything shows as added.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { escapeControl, UserError } from "../errors";
import { readBuildFolder, type BuildSet } from "./build-set";

/** Options of `resolveBuild`. */
export interface ResolveOptions {
  /** The project the command runs in (the working tree); default the current directory. */
  cwd?: string;
  /** Build what `Pulumi.<env>.yaml` enables (passed to each build as `--env`). */
  env?: string;
  /** The CLI entry (`lib/cli/main.js`) that builds author projects; default the running script. */
  kitCli?: string;
}

/** What a folder holds. */
type FolderKind = "build" | "kit" | "project" | "none";

function readPackageName(dir: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown };
    return typeof pkg.name === "string" ? pkg.name : undefined;
  } catch {
    return undefined;
  }
}

/** Classify a folder: a build output, the kit's own checkout, an author's project, or none of these. */
export function folderKind(dir: string): FolderKind {
  if (fs.existsSync(path.join(dir, "manifest.json"))) return "build";
  if (readPackageName(dir) === "playbook-kit" && fs.existsSync(path.join(dir, "cli", "main.ts"))) return "kit";
  if (fs.existsSync(path.join(dir, "playbook-kit.json"))) return "project";
  return "none";
}

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.error) throw new UserError(`cannot run git: ${r.error.message}`);
  return { ok: r.status === 0, out: r.stdout.trim(), err: r.stderr.trim() };
}

/** Build the project in `dir` into `out` with the build command that fits it. */
function buildInto(dir: string, out: string, label: string, options: ResolveOptions): void {
  const kind = folderKind(dir);
  const extra = options.env ? ["--env", options.env] : [];
  let args: string[];
  if (kind === "kit") args = ["--import", "tsx", path.join(dir, "cli", "main.ts"), "build", "--out", out, ...extra];
  else if (kind === "project") args = [options.kitCli ?? process.argv[1]!, "build", "--out", out, ...extra];
  else {
    // No project here (a ref from before the kit was adopted): an empty build.
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "manifest.json"), '{"playbooks": []}\n');
    return;
  }
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw new UserError(`cannot build ${label}: ${r.error.message}`);
  if (r.status !== 0) {
    const said = `${r.stderr}${r.stdout}`.trim().split("\n").slice(-8).map(escapeControl).join("\n");
    throw new UserError(`${escapeControl(`building ${label} failed (exit ${r.status}); playbook-kit build said:`)}\n${said}`, 2, true);
  }
}

/** Link the caller's node_modules into a checkout that has none (no install per ref). */
function linkNodeModules(from: string, into: string): void {
  const source = path.join(from, "node_modules");
  const target = path.join(into, "node_modules");
  if (fs.existsSync(source) && !fs.existsSync(target)) fs.symlinkSync(source, target, "dir");
}

/** Build a git ref of the repository that holds `cwd`, in a temporary worktree that is removed afterwards. */
function buildRef(ref: string, cwd: string, options: ResolveOptions): BuildSet {
  const top = git(cwd, ["rev-parse", "--show-toplevel"]);
  if (!top.ok) throw new UserError(`'${ref}' is not a folder, and ${cwd} is not in a git repository, so it cannot be a git ref.`);
  const sha = git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (!sha.ok) throw new UserError(`'${ref}' is neither a folder nor a git ref of ${top.out} (git rev-parse found no such commit).`);
  const sub = path.relative(fs.realpathSync(top.out), fs.realpathSync(cwd));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "playbook-kit-diff-"));
  const tree = path.join(tmp, "tree");
  try {
    const added = git(top.out, ["worktree", "add", "--detach", "--quiet", tree, sha.out]);
    if (!added.ok) throw new UserError(`cannot check out ${ref} into a temporary worktree: ${added.err}`);
    const project = path.join(tree, sub);
    if (fs.existsSync(project)) linkNodeModules(cwd, project);
    const out = path.join(tmp, "build");
    buildInto(fs.existsSync(project) ? project : tmp, out, ref, options);
    return readBuildFolder(out, ref);
  } finally {
    git(top.out, ["worktree", "remove", "--force", tree]);
    fs.rmSync(tmp, { recursive: true, force: true });
    git(top.out, ["worktree", "prune"]);
  }
}

/** Build a project folder in place (into a temporary output folder). */
function buildFolder(dir: string, label: string, options: ResolveOptions): BuildSet {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "playbook-kit-diff-"));
  try {
    buildInto(dir, path.join(tmp, "build"), label, options);
    return readBuildFolder(path.join(tmp, "build"), label);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The build a `diff` argument names. `undefined` is the working tree (the project in `cwd`); a folder is read
 * (build output) or built (project); anything else is a git ref.
 */
export function resolveBuild(spec: string | undefined, options: ResolveOptions = {}): BuildSet {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (spec === undefined) {
    if (folderKind(cwd) === "none") throw new UserError(`${cwd} is not a playbook-kit project (no playbook-kit.json) nor the kit's checkout: run diff from your project, or give two folders or refs.`);
    return buildFolder(cwd, "working tree", options);
  }
  const dir = path.resolve(cwd, spec);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) {
    const kind = folderKind(dir);
    if (kind === "build") {
      if (options.env) throw new UserError(`--env applies to builds diff makes itself; ${spec} is already built (it has a manifest.json).`);
      return readBuildFolder(dir, spec);
    }
    if (kind === "none") throw new UserError(`${spec} has no manifest.json and is no project: give a folder playbook-kit build wrote, a project folder, or a git ref.`);
    return buildFolder(dir, spec, options);
  }
  return buildRef(spec, cwd, options);
}

/** The default base: `origin/main`, or a usage error saying what to pass when the repository has none. */
export function defaultBase(cwd = process.cwd()): string {
  const r = spawnSync("git", ["rev-parse", "--verify", "--quiet", "origin/main^{commit}"], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new UserError("no origin/main to compare with: give the base explicitly, e.g. playbook-kit diff main, playbook-kit diff HEAD~1, or playbook-kit diff dist-old dist-new.");
  return "origin/main";
}
