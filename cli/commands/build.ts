/**
 * `playbook-kit build`: render the project's playbooks (the catalog entries it names and its authors' files,
 * type-checked first) — or an environment's enabled playbooks — to definition files and a manifest.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderBuild, writeBuild, type ManifestEntry } from "../../playbooks/build";
import type { Playbook } from "../../playbooks/kit";
import { findProject, loadProject, loadProjectEnvironment, ProjectError, type Project } from "../../project";
import { UserError } from "../../errors";
import { formatTable } from "../table";
import { configExitCode } from "../config-exit";
import { warnAboutConfig } from "../project";

/** Options of `build`. */
export interface BuildOptions {
  /** Output folder; default the project file's `out` (dist), under the project root. */
  out?: string;
  playbooks?: string;
  env?: string;
  /** False with `--no-typecheck`. */
  typecheck?: boolean;
}

function permissionsText(entry: ManifestEntry): string {
  const byResource = new Map<string, string[]>();
  for (const p of entry.permissions) byResource.set(p.resource, [...(byResource.get(p.resource) ?? []), p.role]);
  return [...byResource].map(([resource, roles]) => `${resource}: ${roles.join(", ")}`).join("; ") || "-";
}

/** `--playbooks` must name an existing folder. */
function checkPlaybooksFolder(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UserError(`--playbooks ${dir}: no such folder.`);
  }
  if (!stat.isDirectory()) throw new UserError(`--playbooks ${dir}: not a folder; give the folder that holds your playbook files.`);
}

/** The playbooks to build: every project playbook with default options, or what the environment enables. */
function playbooksToBuild(project: Project, options: BuildOptions): Playbook[] | number {
  const loaded = loadProject(project, { ...(options.typecheck === false ? { typecheck: false } : {}), extra: options.playbooks === undefined ? [] : [options.playbooks] });
  if (options.env === undefined) return loaded.playbooks.map((p) => p.playbook);
  try {
    return warnAboutConfig(loadProjectEnvironment(options.env, loaded)).playbooks.map((p) => p.playbook);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") {
      process.stderr.write(`${error.message}\n`);
      return configExitCode(error);
    }
    throw error;
  }
}

/** Run the command; resolves to the exit code. */
export async function run(options: BuildOptions): Promise<number> {
  if (options.playbooks !== undefined) checkPlaybooksFolder(options.playbooks);
  const project = findProject();
  const out = options.out ?? (path.relative(process.cwd(), path.join(project.root, project.config.out)) || ".");
  let playbooks: Playbook[] | number;
  try {
    playbooks = playbooksToBuild(project, options);
  } catch (error) {
    if (error instanceof ProjectError && error.exitCode === 1) throw error.withSummary(`build failed, nothing was written: ${error.problems.length} problem(s) in the project's playbooks:`);
    throw error;
  }
  if (typeof playbooks === "number") return playbooks;
  let output;
  try {
    const { toMermaid } = require("../../exporters/mermaid") as typeof import("../../exporters/mermaid");
    output = renderBuild(playbooks, toMermaid);
  } catch (error) {
    if (error instanceof Error && /playbook names must be unique/.test(error.message)) throw new UserError(error.message, 1);
    throw error;
  }
  try {
    writeBuild(out, output);
  } catch (error) {
    throw new UserError(`cannot write the build output to ${out}: ${(error as Error).message}`);
  }
  const rows = [["playbook", "actions", "connectors", "permissions"]];
  for (const [i, entry] of output.manifest.playbooks.entries()) {
    rows.push([entry.name, String(playbooks[i]!.actionCount), entry.connectors.join(", ") || "-", permissionsText(entry)]);
  }
  process.stdout.write(formatTable(rows));
  process.stdout.write(`Wrote ${output.manifest.playbooks.length} playbook(s) and manifest.json to ${out}${options.env ? ` for environment ${options.env}` : ""}.\n`);
  return 0;
}
