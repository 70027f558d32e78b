/** `playbook-kit build`: render the catalog (or an environment's playbooks) and authors' playbooks to files. */
import * as fs from "node:fs";
import { renderBuild, writeBuild, type ManifestEntry } from "../../playbooks/build";
import { catalog } from "../../playbooks/catalog";
import { BuildError, type Playbook } from "../../playbooks/kit";
import { UserError } from "../../errors";
import { formatTable } from "../table";

/** Options of `build`. */
export interface BuildOptions {
  out: string;
  playbooks?: string;
  env?: string;
}

interface Failure {
  source: string;
  code: string;
  message: string;
}

function describeFailure(source: string, error: unknown): Failure {
  if (error instanceof BuildError) return { source, code: error.code, message: error.message };
  throw error;
}

/** Catalog playbooks with default options, or the environment's enabled playbooks. */
function basePlaybooks(env: string | undefined, failures: Failure[]): Playbook[] {
  if (env !== undefined) {
    const { loadEnvironment } = require("../../playbooks/env") as typeof import("../../playbooks/env");
    return loadEnvironment(env).playbooks.map((p) => p.playbook);
  }
  const out: Playbook[] = [];
  for (const entry of catalog) {
    try {
      out.push(entry.create());
    } catch (error) {
      failures.push(describeFailure(`catalog:${entry.name}`, error));
    }
  }
  return out;
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

/** Run the command; resolves to the exit code. */
export async function run(options: BuildOptions): Promise<number> {
  if (options.playbooks !== undefined) checkPlaybooksFolder(options.playbooks);
  const failures: Failure[] = [];
  let playbooks: Playbook[];
  try {
    playbooks = basePlaybooks(options.env, failures);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (options.playbooks !== undefined) {
    const { loadPlaybooks } = require("../../playbooks/load") as typeof import("../../playbooks/load");
    let loaded: ReturnType<typeof loadPlaybooks>;
    try {
      loaded = loadPlaybooks(options.playbooks);
    } catch (error) {
      // Only listing the folder can throw here (each file's failure is collected): an unreadable folder.
      throw new UserError(`cannot read --playbooks ${options.playbooks}: ${(error as Error).message}`);
    }
    playbooks.push(...loaded.playbooks);
    failures.push(...loaded.failures.map((f) => ({ source: f.file, code: f.code, message: f.message })));
  }
  if (failures.length > 0) {
    for (const f of failures) process.stderr.write(`error ${f.code} in ${f.source}: ${f.message}\n`);
    process.stderr.write(`build failed: ${failures.length} playbook(s) did not build; nothing was written.\n`);
    return 1;
  }
  let output;
  try {
    const { toMermaid } = require("../../exporters/mermaid") as typeof import("../../exporters/mermaid");
    output = renderBuild(playbooks, toMermaid);
  } catch (error) {
    if (error instanceof Error && /playbook names must be unique/.test(error.message)) throw new UserError(error.message, 1);
    throw error;
  }
  try {
    writeBuild(options.out, output);
  } catch (error) {
    throw new UserError(`cannot write the build output to ${options.out}: ${(error as Error).message}`);
  }
  const rows = [["playbook", "actions", "connectors", "permissions"]];
  for (const [i, entry] of output.manifest.playbooks.entries()) {
    rows.push([entry.name, String(playbooks[i]!.actionCount), entry.connectors.join(", ") || "-", permissionsText(entry)]);
  }
  process.stdout.write(formatTable(rows));
  process.stdout.write(`Wrote ${output.manifest.playbooks.length} playbook(s) and manifest.json to ${options.out}${options.env ? ` for environment ${options.env}` : ""}.\n`);
  return 0;
}
