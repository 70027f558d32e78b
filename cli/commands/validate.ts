/**
 * `playbook-kit validate <files or directories…> [--format text|json|sarif] [--strict]`.
 * Directories are walked for `*.json` (skipping `node_modules` and dot-directories); a walked file that is valid
 * JSON but no workflow document (package.json, a build manifest, a payload sample) is skipped, while a file named
 * on the command line must be a workflow. Exit code: 0 without errors, 1 with errors (or warnings under
 * `--strict`), 2 on a usage error or an unreadable path.
 * `--remote` is delegated to ops/remote-validate (loaded only then: it uses the Azure SDK).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import { decodeText } from "../../validators/decode";
import { type FileResult, formatJson, formatSarif, formatText, summarize } from "../../validators/format";
import { validateText } from "../../validators/index";
import { parseJsonText } from "../../validators/json-text";

/** Options commander passes to `validate`. */
export interface ValidateCommandOptions {
  format?: string;
  strict?: boolean;
  remote?: boolean;
  subscription?: string;
  resourceGroup?: string;
  location?: string;
  env?: string;
}

const FORMATS = new Set(["text", "json", "sarif"]);

/** A file to validate; `walked` when it was found by walking a directory rather than named. */
export interface FoundFile {
  file: string;
  walked: boolean;
}

/** Expand the given paths to JSON files, in a stable order. Throws UserError for a path that cannot be read. */
export function collectFiles(paths: readonly string[]): FoundFile[] {
  const out: FoundFile[] = [];
  // Real paths of the directories and files walked so far: a symbolic link back up the tree (or two given paths
  // that overlap) must neither loop nor report a file twice.
  const seen = new Set<string>();
  const firstVisit = (p: string): boolean => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      real = path.resolve(p);
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const walk = (dir: string) => {
    if (!firstVisit(dir)) return;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (error) {
      throw new UserError(`cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    for (const name of names) {
      const p = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(p);
      } catch {
        continue; // a dangling link inside a walked directory is not something the user named
      }
      if (stat.isDirectory()) {
        if (name !== "node_modules" && !name.startsWith(".")) walk(p);
      } else if (stat.isFile() && name.toLowerCase().endsWith(".json") && firstVisit(p)) out.push({ file: p, walked: true });
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      throw new UserError(`cannot read ${given}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : String(error)}`);
    }
    if (stat.isDirectory()) walk(given);
    else {
      firstVisit(given); // a file you name is always checked; a walk that meets it again skips it
      out.push({ file: given, walked: false });
    }
  }
  return out;
}

/** Workflow name for a file that does not name its workflow: the file name, or the folder of a workflow.json. */
function fallbackName(file: string): string {
  const base = path.basename(file);
  if (base.toLowerCase() === "workflow.json") return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.json$/i, "");
}

/**
 * The parameter names of the Logic Apps Standard app around a `workflow.json` (`<app>/<workflow>/workflow.json`
 * beside `<app>/parameters.json`), or undefined when there is no such file or it is not a JSON object (the
 * workflow is then checked without it).
 */
function appParameters(file: string): string[] | undefined {
  if (path.basename(file).toLowerCase() !== "workflow.json") return undefined;
  const candidate = path.join(path.dirname(path.dirname(path.resolve(file))), "parameters.json");
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(candidate);
  } catch {
    return undefined;
  }
  const parsed = parseJsonText(decodeText(bytes).text);
  return parsed.ok && parsed.value !== null && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? Object.keys(parsed.value) : undefined;
}

/** True when the only finding is that the JSON is no workflow document. */
function isNotAWorkflow(workflows: FileResult["workflows"]): boolean {
  const all = workflows.flatMap((w) => w.diagnostics);
  return all.length === 1 && all[0]!.code === "unknown-document";
}

/** Validate files and print the report; resolves to the exit code. */
export async function run(paths: string[], options: ValidateCommandOptions = {}): Promise<number> {
  if (options.remote) {
    // Lazily: the remote path loads the Azure SDK, which plain validation must never load.
    const remote = require("../../ops/remote-validate") as typeof import("../../ops/remote-validate");
    const { projectTargets } = require("../project") as typeof import("../project");
    const { loaded, root } = projectTargets();
    return remote.run(options, { root, playbooks: loaded.playbooks });
  }
  const format = options.format ?? "text";
  if (!FORMATS.has(format)) throw new UserError(`unknown --format ${format}: use text, json or sarif`);
  if (!paths.length) throw new UserError("validate needs at least one file or directory, e.g. playbook-kit validate dist/");
  const results: FileResult[] = [];
  for (const { file, walked } of collectFiles(paths)) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const { text } = decodeText(bytes);
    const { report, positions } = validateText(text, { name: fallbackName(file), fileName: path.basename(file), appParameters: appParameters(file) });
    if (walked && isNotAWorkflow(report.workflows)) continue;
    results.push({ file, kind: report.kind, workflows: report.workflows, positions });
  }
  const output =
    format === "json" ? formatJson(results) : format === "sarif" ? formatSarif(results) : formatText(results, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
  process.stdout.write(output);
  const { errors, warnings } = summarize(results);
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
