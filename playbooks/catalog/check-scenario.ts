/** Run a bundled scenario in the simulator and compare the run with what the scenario expects. */
import { parseMockFile, simulate, type RunRecord } from "../../simulator";
import type { Playbook } from "../kit";
import type { CallPattern, Scenario } from "./scenarios";

/** The outcome of one scenario. */
export interface ScenarioOutcome {
  scenario: Scenario;
  run: RunRecord;
  /** Expectations the run did not meet (empty when it behaved as expected). */
  problems: string[];
}

const describeCall = ([connector, method, path]: CallPattern) => `${connector} ${method} ${path}`;

/** Simulate `playbook` with the scenario's trigger, mocks and parameters and check the expectations. */
export function checkScenario(scenario: Scenario, playbook: Playbook, parameters: Record<string, unknown> = {}): ScenarioOutcome {
  const run = simulate(playbook.definition, {
    trigger: scenario.trigger,
    mocks: parseMockFile(structuredClone(scenario.mocks)),
    parameters: { ...parameters, ...scenario.params },
    now: "2026-11-27T08:15:00Z",
  });
  const problems: string[] = [];
  const e = scenario.expect;
  if (run.status !== e.status) problems.push(`run ${run.status}, expected ${e.status}${run.error ? ` (${run.error.code}: ${run.error.message})` : ""}`);
  for (const name of e.succeeded ?? []) {
    const status = run.has(name) ? run.action(name).status : "not run";
    if (status !== "Succeeded") problems.push(`${name} ${status}, expected Succeeded`);
  }
  for (const name of e.notRun ?? []) {
    if (run.has(name) && run.action(name).status !== "Skipped") problems.push(`${name} ${run.action(name).status}, expected it not to run`);
  }
  for (const call of e.calls ?? []) if (run.callsTo(...call).length === 0) problems.push(`no call ${describeCall(call)}`);
  for (const call of e.noCalls ?? []) if (run.callsTo(...call).length > 0) problems.push(`unexpected call ${describeCall(call)}`);
  return { scenario, run, problems };
}
