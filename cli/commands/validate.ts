/**
 * `playbook-kit validate <files or directories…> [--format text|json|sarif] [--strict]`.
 * Directories are walked for `*.json` (skipping `node_modules` and dot-directories); a walked file that is valid
 * JSON but no workflow document (package.json, a build manifest, a payload sample) is skipped, while a file named
 * on the command line must be a workflow. Exit code: 0 without errors, 1 with errors (or warnings under
 * `--strict`), 2 on a usage error or an unreadable path.
 * `--remote` is delegated to ops/remote-validate (loaded only then: it uses the Azure SDK).
 */
import * as path from "node:path";
import { UserError } from "../../errors";
import { readFileBytes } from "../read-json";
import { appParameters, collectFiles, fallbackName } from "../../validators/files";
import { type FileResult, formatJson, formatSarif, formatText, summarize } from "../../validators/format";
import { validateBytes } from "../../validators/index";

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
    const bytes = readFileBytes(file, "the file");
    const { report, positions } = validateBytes(bytes, { name: fallbackName(file), fileName: path.basename(file), appParameters: appParameters(file) });
    if (walked && isNotAWorkflow(report.workflows)) continue;
    results.push({ file, kind: report.kind, workflows: report.workflows, positions });
  }
  const output =
    format === "json" ? formatJson(results) : format === "sarif" ? formatSarif(results) : formatText(results, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
  process.stdout.write(output);
  const { errors, warnings } = summarize(results);
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
