/**
 * Scenario runs as the view shows them: the simulated run of a scenario (bundled or from a `--scenario` file),
 * flattened to one list of records per step (a step inside a loop has one per iteration), with each step's
 * status for colouring and the expectations it missed. Secure inputs and outputs stay hidden unless asked.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import type { Playbook } from "../../playbooks/kit";
import type { Scenario } from "../../playbooks/catalog/scenarios";
import { checkScenario } from "../../scenarios/check";
import type { ActionRecord } from "../../simulator";
import { isObject } from "../../wdl";

/** One record of a step: the run history's fields, and the loop iteration it belongs to. */
export interface StepRecord {
  status: string;
  code?: string;
  error?: { code: string; message: string };
  startTime: string;
  endTime: string;
  inputs?: unknown;
  outputs?: unknown;
  retries?: number;
  /** Index of the enclosing loop iteration(s), outermost first. */
  iteration?: number[];
}

/** A run drawn by the view. */
export interface ViewRun {
  playbook: string;
  name: string;
  title: string;
  status: string;
  error?: { code: string; message: string };
  /** Expectations of the scenario the run did not meet. */
  problems: string[];
  /** The definition that ran (a scenario may build the playbook with other options). */
  definition: unknown;
  /** Status per step name; a step that did not run is absent. */
  statuses: Record<string, string>;
  records: Record<string, StepRecord[]>;
  trigger: { inputs?: unknown; outputs?: unknown };
}

function collect(actions: Record<string, ActionRecord>, iteration: number[], out: Record<string, StepRecord[]>): void {
  for (const [name, r] of Object.entries(actions)) {
    const record: StepRecord = { status: r.status, startTime: r.startTime, endTime: r.endTime };
    if (r.code !== undefined) record.code = r.code;
    if (r.error) record.error = r.error;
    if (r.inputs !== undefined) record.inputs = r.inputs;
    if (r.outputs !== undefined) record.outputs = r.outputs;
    if (r.retryHistory?.length) record.retries = r.retryHistory.length;
    if (iteration.length) record.iteration = iteration;
    (out[name] ??= []).push(record);
    for (const it of r.iterations ?? []) collect(it.actions, [...iteration, it.index], out);
  }
}

/** One status for a step that ran several times (in a loop): the worst of them. */
function overall(records: StepRecord[]): string {
  for (const s of ["Failed", "TimedOut", "Cancelled", "Succeeded"]) if (records.some((r) => r.status === s)) return s;
  return records[0]?.status ?? "Skipped";
}

/**
 * Simulate a scenario against `playbook` (built with the scenario's options) for the view. Expectations are
 * checked on a revealed run (an email's subject may sit in a secured step); what the page shows is a second,
 * identical run (the simulator is deterministic) with secure values hidden unless `revealSecureData`.
 */
export function viewRun(scenario: Scenario, playbook: Playbook, parameters: Record<string, unknown>, revealSecureData: boolean): ViewRun {
  const outcome = checkScenario(scenario, playbook, parameters, { revealSecureData: true });
  const shown = revealSecureData ? outcome.run : checkScenario(scenario, playbook, parameters, { revealSecureData: false }).run;
  const records: Record<string, StepRecord[]> = {};
  collect(shown.actions, [], records);
  // The run's action map also holds a loop body step's last iteration (as run history does): keep the per-iteration ones.
  for (const [name, list] of Object.entries(records)) if (list.some((r) => r.iteration)) records[name] = list.filter((r) => r.iteration);
  const statuses: Record<string, string> = {};
  for (const [name, list] of Object.entries(records)) statuses[name] = overall(list);
  const run: ViewRun = {
    playbook: scenario.playbook,
    name: scenario.name,
    title: scenario.title,
    status: outcome.run.status,
    problems: outcome.problems,
    definition: playbook.definition,
    statuses,
    records,
    trigger: shown.trigger,
  };
  if (outcome.run.error) run.error = outcome.run.error;
  return run;
}

function fail(file: string, where: string, what: string): never {
  throw new UserError(`${file}: ${where} ${what}`);
}

/** One scenario of a `--scenario` file, checked field by field. */
function scenarioOf(value: unknown, file: string, where: string, fallbackName: string): Scenario {
  if (!isObject(value)) fail(file, where || "the file", "must be a scenario object {playbook, trigger, mocks, …} or a list of them.");
  const at = (key: string) => `${where}/${key}`;
  if (typeof value.playbook !== "string") fail(file, at("playbook"), "must name the playbook the scenario runs (a string).");
  if (value.name !== undefined && typeof value.name !== "string") fail(file, at("name"), "must be a string.");
  if (value.title !== undefined && typeof value.title !== "string") fail(file, at("title"), "must be a string.");
  if (!isObject(value.trigger)) fail(file, at("trigger"), 'must be the trigger outputs, e.g. {"body": {...}}.');
  if (value.mocks !== undefined && !Array.isArray(value.mocks)) fail(file, at("mocks"), "must be a list of mocks (the simulate --mocks form).");
  if (value.params !== undefined && !isObject(value.params)) fail(file, at("params"), "must be an object of parameter values.");
  if (value.options !== undefined && !isObject(value.options)) fail(file, at("options"), 'must be build options, e.g. {"mode": "audit"}.');
  if (value.expect !== undefined && !isObject(value.expect)) fail(file, at("expect"), "must be an object of expectations.");
  const name = (value.name as string | undefined) ?? fallbackName;
  return {
    playbook: value.playbook,
    name,
    title: (value.title as string | undefined) ?? name,
    options: (value.options as Scenario["options"]) ?? {},
    trigger: value.trigger as Scenario["trigger"],
    mocks: (value.mocks as Scenario["mocks"]) ?? [],
    ...(value.params ? { params: value.params as Record<string, unknown> } : {}),
    expect: (value.expect as Scenario["expect"]) ?? {},
  };
}

/** Read a `--scenario` file: one scenario object or a list of them (the bundled scenarios' shape). */
export function readScenarioFile(file: string): Scenario[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`cannot read the scenario file '${file}': ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : (error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`the scenario file '${file}' is not valid JSON: ${(error as Error).message}`);
  }
  const base = path.basename(file).replace(/\.json$/i, "");
  if (Array.isArray(doc)) return doc.map((s, i) => scenarioOf(s, file, `/${i}`, `${base}-${i + 1}`));
  return [scenarioOf(doc, file, "", base)];
}
