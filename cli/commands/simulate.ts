/**
 * `playbook-kit simulate <catalog-name | file> [--trigger FILE] [--mocks FILE] [--params FILE] [--now ISO]
 * [--env NAME] [--allow-unmocked] [--reveal-secure-data] [--format text|json]`: run a playbook locally against
 * mocked connectors. Text output is an indented tree of the trigger and actions with status, duration, calls and
 * the branch each If/Switch took; JSON output is the run record (an array of records when a splitOn trigger
 * starts several runs). Exit 0 when every run Succeeded (or its trigger conditions did not let it start) and every
 * call was mocked, 1 when one Failed or was Cancelled or a call had no mock, 2 on a usage error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { escapeControl, UserError } from "../../errors";
import { readJsonFile } from "../read-json";
import { SimulationError, formatRunText, parseMockFile, simulateAll, triggerOf, type Mock, type RunRecord, type SimulationBudget } from "../../simulator";
import { parseDuration } from "../../simulator/duration";
import { JsonPositions } from "../../validators/json-text";
import { instantMs } from "../../simulator/expression/dotnet-datetime";

/** Options of the simulate command. */
export interface SimulateCliOptions {
  /** JSON file with the trigger outputs: {"headers"?: {...}, "body": ...}; optional for a Recurrence trigger. */
  trigger?: string;
  /** JSON file with a list of mocks. */
  mocks?: string;
  /** JSON file with definition parameter values by name. */
  params?: string;
  /** Start of the simulated clock. */
  now?: string;
  /** JSON file with ARM template parameter values: a deployment parameters file or an object of values by name. */
  armParams?: string;
  /** Budget: actions run or skipped. */
  maxActions?: string;
  /** Budget: simulated time (ISO 8601 duration). */
  maxTime?: string;
  /** Budget: entries in the run record. */
  maxRecords?: string;
  maxRecordChars?: string;
  /** Iterations each loop's record keeps. */
  keepIterations?: string;
  format?: "text" | "json";
  /** Exit 0 even when a call had no mock and a failure handler absorbed the `UnmockedCall`. */
  allowUnmocked?: boolean;
  /** Show what `secureData` hides (local runs only; run history never shows it). */
  revealSecureData?: boolean;
  /** Simulate the playbook as `Pulumi.<env>.yaml` builds it: its mode and its parameter values. */
  env?: string;
  /** False with `--no-typecheck`: load the project's playbook files without type-checking them. */
  typecheck?: boolean;
}

/** What is simulated: the definition, and values and a title when it comes from an environment. */
interface Subject {
  definition: unknown;
  parameters?: Record<string, unknown>;
  title?: string;
}

/** A positive integer flag. */
function integerFlag(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UserError(`${flag} must be an integer of at least ${min}, not '${value}'`);
  return n;
}

/** The budget the flags ask for (each flag optional). */
/**
 * The record as indented JSON. The characters budget bounds its compact form; indentation can still multiply a
 * deeply nested value past the longest string V8 can make, which is then a clear error, not a RangeError trace.
 */
function jsonOfRecord(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UserError("the run record is too large to print as indented JSON (longer than the longest string Node can make); lower --max-record-chars or --keep-iterations, or use --format text", 1);
  }
}

function budgetOf(options: SimulateCliOptions): SimulationBudget | undefined {
  const budget: SimulationBudget = {};
  const actions = integerFlag(options.maxActions, "--max-actions", 1);
  if (actions !== undefined) budget.actions = actions;
  if (options.maxTime !== undefined) {
    if (parseDuration(options.maxTime) === undefined) throw new UserError(`--max-time must be an ISO 8601 duration such as P180D, not '${options.maxTime}'`);
    budget.time = options.maxTime;
  }
  const records = integerFlag(options.maxRecords, "--max-records", 1);
  if (records !== undefined) budget.records = records;
  const characters = integerFlag(options.maxRecordChars, "--max-record-chars", 1);
  if (characters !== undefined) budget.characters = characters;
  const iterations = integerFlag(options.keepIterations, "--keep-iterations", 2);
  if (iterations !== undefined) budget.iterations = iterations;
  return Object.keys(budget).length ? budget : undefined;
}

/**
 * ARM parameter values from a file: a deployment parameters file (`{"parameters": {"x": {"value": …}}}`, as
 * `az deployment group create --parameters @file` takes) or a plain object of values by name.
 */
function armParameters(file: string): Record<string, unknown> {
  const value = readJsonFile(file, "ARM parameters");
  if (!isObject(value)) throw new UserError(`the ARM parameters file '${file}' must hold a JSON object: a deployment parameters file or values by name`);
  if (!isObject(value.parameters) || !(typeof value.$schema === "string" || typeof value.contentVersion === "string")) return value;
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value.parameters)) {
    if (!isObject(entry) || !("value" in entry)) throw new UserError(`the ARM parameters file '${file}': parameter '${name}' needs a "value" (Key Vault references cannot be resolved locally)`);
    out[name] = entry.value;
  }
  return out;
}


function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Loaded lazily: only playbook targets need the project (and a type check). */
function cliProject(): typeof import("../project") {
  return require("../project") as typeof import("../project");
}

/** A JSON workflow file, a `.ts` playbook file, or a playbook of the project by name. */
function loadTarget(target: string, options: SimulateCliOptions): unknown {
  const typecheck = options.typecheck === false ? { typecheck: false } : {};
  if (/\.c?ts$/.test(target)) {
    if (!fs.existsSync(target)) throw new UserError(`cannot read the playbook file '${target}': the file does not exist`);
    return cliProject().playbookArgument(target, typecheck).playbook.definition;
  }
  if (fs.existsSync(target)) return readJsonFile(target, "workflow");
  const looksLikeFile = /[\\/]/.test(target) || path.extname(target) !== "";
  if (looksLikeFile) throw new UserError(`cannot read the workflow file '${target}': the file does not exist`);
  return cliProject().playbookArgument(target, typecheck).playbook.definition;
}

/** The save-time problems of a refused definition, one `file:line:col error code message` line each (as `validate` prints). */
function refusal(target: string, error: SimulationError): string {
  const isFile = fs.existsSync(target);
  let positions: JsonPositions | undefined;
  if (isFile) {
    positions = new JsonPositions(fs.readFileSync(target, "utf8").replace(/^\uFEFF/, ""));
    positions.index(error.diagnostics.map((d) => d.pointer));
  }
  const lines = error.diagnostics.map((d) => {
    const at = positions ? (({ line, column }) => `${target}:${line}:${column}`)(positions.locate(d.pointer, d.offset)) : `${target} ${d.pointer || "/"}`;
    return `  ${escapeControl(at)} ${d.severity} ${escapeControl(d.code)} ${escapeControl(d.message)}`;
  });
  const n = error.diagnostics.length;
  return `'${escapeControl(target)}' was not simulated: the service would refuse to save it (${n} problem${n > 1 ? "s" : ""}):\n${lines.join("\n")}`;
}

/** The playbook as an environment builds it (mode, channel) with the parameter values its stack sets. */
function environmentSubject(target: string, env: string, options: SimulateCliOptions): Subject {
  if (fs.existsSync(target)) throw new UserError(`--env takes a playbook name, not a file ('${target}'): it simulates the playbook as Pulumi.${env}.yaml builds it`);
  let plan;
  try {
    plan = cliProject().projectEnvironment(env, options.typecheck === false ? { typecheck: false } : {});
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") throw new UserError(error.message, 2, true);
    throw error;
  }
  const planned = plan.playbooks.find((p) => p.name === target);
  if (!planned) {
    const enabled = plan.playbooks.map((p) => p.name);
    throw new UserError(`'${target}' is not a playbook Pulumi.${env}.yaml enables; it enables: ${enabled.join(", ") || "none"}`);
  }
  return { definition: planned.playbook.definition, parameters: planned.parameters, title: `${target} as environment ${env} builds it (${planned.playbook.mode} mode)` };
}

/** The trigger outputs: the file's, or none for a Recurrence trigger (which has no outputs to give). */
function triggerOutputs(file: string | undefined, definition: unknown): Record<string, unknown> | undefined {
  let trigger: { name: string; type: string } | undefined;
  try {
    trigger = triggerOf(definition);
  } catch (error) {
    if (error instanceof SimulationError) throw new UserError(error.message);
    throw error;
  }
  const recurrence = trigger === undefined || trigger.type.toLowerCase() === "recurrence";
  if (file === undefined) {
    if (recurrence) return undefined;
    throw new UserError(`--trigger FILE is required: the trigger '${trigger!.name}' (${trigger!.type}) starts the run with its outputs, e.g. {"body": {...}}; only a Recurrence trigger runs without one`);
  }
  const value = readJsonFile(file, "trigger");
  if (!isObject(value)) throw new UserError(`the trigger file '${file}' must hold a JSON object such as {"headers": {}, "body": {...}}`);
  if (!("body" in value) && !recurrence) {
    const others = Object.keys(value).filter((k) => k !== "headers");
    const hint = others.length ? `; if ${others.map((k) => `'${k}'`).join(", ")} ${others.length > 1 ? "are" : "is"} the payload, wrap it: {"body": {${others.map((k) => `${JSON.stringify(k)}: …`).join(", ")}}}` : "";
    throw new UserError(`the trigger file '${file}' has no "body": it holds the trigger's outputs, {"headers"?: {...}, "body": ...} (write "body": null for none)${hint}`);
  }
  return value;
}

/** The stderr report of calls no mock answered, or undefined when there were none. */
function unmockedReport(runs: readonly RunRecord[]): string | undefined {
  const unmocked = runs.flatMap((r) => r.unmockedCalls());
  if (unmocked.length === 0) return undefined;
  const absorbed = runs.every((r) => r.status !== "Failed" && r.status !== "Cancelled");
  const lines = unmocked.map((u) => escapeControl(`  ${u.action}: ${u.message}`));
  const head = `${unmocked.length} call${unmocked.length > 1 ? "s" : ""} had no mock (UnmockedCall)${absorbed ? ", though the run's status does not show it: a failure handler absorbed the failure" : ""}:`;
  return `playbook-kit: ${head}\n${lines.join("\n")}\nAdd mocks for ${unmocked.length > 1 ? "them" : "it"}, or pass --allow-unmocked to accept unmocked calls.\n`;
}

/** `--params FILE: ` when a simulator error is about a value that file gave, so the user knows where to look. */
function paramsSource(message: string, file: string | undefined, fromFile: Record<string, unknown> | undefined): string {
  const name = /^The value given for parameter '([^']+)'/.exec(message)?.[1];
  return file !== undefined && fromFile !== undefined && name !== undefined && Object.keys(fromFile).some((k) => k.toLowerCase() === name.toLowerCase()) ? `--params ${file}: ` : "";
}

/** Run the command; resolves to the exit code. */
export async function run(target: string, options: SimulateCliOptions): Promise<number> {
  const format = options.format ?? "text";
  if (format !== "text" && format !== "json") throw new UserError(`--format must be text or json, not '${String(format)}'`);
  let mocks: Mock[] | undefined;
  let parameters: Record<string, unknown> | undefined;
  let fromFile: Record<string, unknown> | undefined;
  try {
    if (options.mocks !== undefined) mocks = parseMockFile(readJsonFile(options.mocks, "mocks"));
  } catch (error) {
    if (error instanceof SimulationError) throw new UserError(`the mocks file '${options.mocks}': ${error.message}`);
    throw error;
  }
  if (options.params !== undefined) {
    const value = readJsonFile(options.params, "params");
    if (!isObject(value)) throw new UserError(`the params file '${options.params}' must hold a JSON object of parameter values by name`);
    parameters = fromFile = value;
  }
  if (options.now !== undefined && instantMs(options.now) === undefined) throw new UserError(`--now must be an ISO 8601 timestamp such as 2024-01-01T00:00:00Z, not '${options.now}'`);
  const budget = budgetOf(options);
  const armParams = options.armParams !== undefined ? armParameters(options.armParams) : undefined;
  const subject: Subject = options.env !== undefined ? environmentSubject(target, options.env, options) : { definition: loadTarget(target, options) };
  const definition = subject.definition;
  const trigger = triggerOutputs(options.trigger, definition);
  if (subject.parameters) parameters = { ...subject.parameters, ...parameters };

  let runs: RunRecord[];
  try {
    runs = simulateAll(definition, { trigger, mocks, parameters, now: options.now, revealSecureData: options.revealSecureData === true, budget, armParameters: armParams });
  } catch (error) {
    if (error instanceof SimulationError && error.diagnostics.length) throw new UserError(refusal(target, error), 2, true);
    if (error instanceof SimulationError) throw new UserError(`${paramsSource(error.message, options.params, fromFile)}${error.message}`);
    throw error;
  }

  if (options.revealSecureData) process.stderr.write("playbook-kit: --reveal-secure-data shows what secureData hides from run history; keep this output local.\n");
  if (format === "json") {
    const value = runs.length === 1 ? runs[0] : runs;
    process.stdout.write(`${jsonOfRecord(value)}\n`);
  } else if (runs.length === 0) {
    process.stdout.write("no run: the trigger's splitOn produced no items\n");
  } else {
    const text = runs.map((r, i) => (runs.length > 1 ? `# run ${i + 1} of ${runs.length}\n` : "") + formatRunText(r)).join("\n");
    process.stdout.write(`${subject.title ? `# ${escapeControl(subject.title)}\n` : ""}${text}`);
  }
  const unmocked = unmockedReport(runs);
  if (unmocked && !options.allowUnmocked) process.stderr.write(unmocked);
  const failed = runs.some((r) => r.status === "Failed" || r.status === "Cancelled");
  return failed || (unmocked !== undefined && !options.allowUnmocked) ? 1 : 0;
}
