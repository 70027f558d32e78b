/**
 * `playbook-kit simulate <catalog-name | file> --trigger FILE [--mocks FILE] [--params FILE] [--now ISO]
 * [--format text|json]`: run a playbook locally against mocked connectors. Text output is an indented tree of
 * the trigger and actions with status, duration and calls; JSON output is the run record (an array of records
 * when a splitOn trigger starts several runs). Exit 0 when every run Succeeded (or its trigger conditions did
 * not let it start), 1 when one Failed or was Cancelled, 2 on a usage error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import { readJsonFile } from "../read-json";
import { SimulationError, formatRunText, parseMockFile, simulateAll, type Mock, type RunRecord } from "../../simulator";
import { JsonPositions } from "../../validators/json-text";
import { instantMs } from "../../simulator/expression/dotnet-datetime";

/** Options of the simulate command. */
export interface SimulateCliOptions {
  /** JSON file with the trigger outputs: {"headers"?: {...}, "body": ...}. */
  trigger: string;
  /** JSON file with a list of mocks. */
  mocks?: string;
  /** JSON file with definition parameter values by name. */
  params?: string;
  /** Start of the simulated clock. */
  now?: string;
  format?: "text" | "json";
}


function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A catalog playbook's definition, or undefined when the catalog has no such name. */
function catalogDefinition(name: string): { definition: unknown } | { names: string[] } {
  // Loaded lazily: only catalog targets need the builder.
  const { catalog, findCatalogEntry } = require("../../playbooks/catalog") as typeof import("../../playbooks/catalog");
  const entry = findCatalogEntry(name);
  if (!entry) return { names: catalog.map((e) => e.name) };
  try {
    return { definition: entry.create().definition };
  } catch (error) {
    throw new UserError(`the catalog playbook '${name}' could not be built: ${(error as Error).message}`);
  }
}

function loadTarget(target: string): unknown {
  if (fs.existsSync(target)) return readJsonFile(target, "workflow");
  const looksLikeFile = /[\\/]/.test(target) || path.extname(target) !== "";
  if (looksLikeFile) throw new UserError(`cannot read the workflow file '${target}': the file does not exist`);
  const found = catalogDefinition(target);
  if ("definition" in found) return found.definition;
  throw new UserError(`'${target}' is neither a file nor a catalog playbook; catalog playbooks: ${found.names.join(", ")}`);
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
    return `  ${at} ${d.severity} ${d.code} ${d.message}`;
  });
  const n = error.diagnostics.length;
  return `'${target}' was not simulated: the service would refuse to save it (${n} problem${n > 1 ? "s" : ""}):\n${lines.join("\n")}`;
}

/** Run the command; resolves to the exit code. */
export async function run(target: string, options: SimulateCliOptions): Promise<number> {
  const format = options.format ?? "text";
  if (format !== "text" && format !== "json") throw new UserError(`--format must be text or json, not '${String(format)}'`);
  const trigger = readJsonFile(options.trigger, "trigger");
  if (!isObject(trigger)) throw new UserError(`the trigger file '${options.trigger}' must hold a JSON object such as {"headers": {}, "body": {...}}`);
  let mocks: Mock[] | undefined;
  let parameters: Record<string, unknown> | undefined;
  try {
    if (options.mocks !== undefined) mocks = parseMockFile(readJsonFile(options.mocks, "mocks"));
  } catch (error) {
    if (error instanceof SimulationError) throw new UserError(`the mocks file '${options.mocks}': ${error.message}`);
    throw error;
  }
  if (options.params !== undefined) {
    const value = readJsonFile(options.params, "params");
    if (!isObject(value)) throw new UserError(`the params file '${options.params}' must hold a JSON object of parameter values by name`);
    parameters = value;
  }
  if (options.now !== undefined && instantMs(options.now) === undefined) throw new UserError(`--now must be an ISO 8601 timestamp such as 2024-01-01T00:00:00Z, not '${options.now}'`);
  const definition = loadTarget(target);

  let runs: RunRecord[];
  try {
    runs = simulateAll(definition, { trigger, mocks, parameters, now: options.now });
  } catch (error) {
    if (error instanceof SimulationError && error.diagnostics.length) throw new UserError(refusal(target, error));
    if (error instanceof SimulationError) throw new UserError(error.message);
    throw error;
  }

  if (format === "json") {
    const value = runs.length === 1 ? runs[0] : runs;
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  } else if (runs.length === 0) {
    process.stdout.write("no run: the trigger's splitOn produced no items\n");
  } else {
    const text = runs.map((r, i) => (runs.length > 1 ? `# run ${i + 1} of ${runs.length}\n` : "") + formatRunText(r)).join("\n");
    process.stdout.write(text);
  }
  return runs.some((r) => r.status === "Failed" || r.status === "Cancelled") ? 1 : 0;
}
