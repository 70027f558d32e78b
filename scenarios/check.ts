/** Run a bundled scenario in the simulator and compare the run with what the scenario expects. */
import { parseMockFile, simulate, type RunRecord } from "../simulator";
import type { Playbook } from "../playbooks/kit";
import type { CallPattern, Scenario } from "../playbooks/catalog/scenarios";

/** The outcome of one scenario. */
export interface ScenarioOutcome {
  scenario: Scenario;
  run: RunRecord;
  /** Expectations the run did not meet (empty when it behaved as expected). */
  problems: string[];
  /** Subjects of the emails the run sent (Graph sendMail or Outlook). */
  emails: string[];
}

/** The subject of a mail call, if the call sent mail. */
function mailSubject(body: unknown): string | undefined {
  const b = body as { message?: { subject?: unknown }; Subject?: unknown } | undefined;
  const subject = b?.message?.subject ?? b?.Subject;
  return typeof subject === "string" ? subject : undefined;
}

const describeCall = ([connector, method, path]: CallPattern) => `${connector} ${method} ${path}`;

/** Options of `checkScenario`. */
export interface CheckScenarioOptions {
  /** Keep inputs and outputs that `secureData` hides (default true: the report shows what the emails said). */
  revealSecureData?: boolean;
}

/** Simulate `playbook` with the scenario's trigger, mocks and parameters and check the expectations. */
export function checkScenario(scenario: Scenario, playbook: Playbook, parameters: Record<string, unknown> = {}, options: CheckScenarioOptions = {}): ScenarioOutcome {
  const run = simulate(playbook.definition, {
    trigger: scenario.trigger,
    mocks: parseMockFile(structuredClone(scenario.mocks)),
    parameters: { ...parameters, ...scenario.params },
    now: "2026-11-27T08:15:00Z",
    // The report shows what the emails said; scenario runs are local, so secured inputs may be revealed.
    revealSecureData: options.revealSecureData ?? true,
  });
  const problems: string[] = [];
  const e = scenario.expect;
  if (e.status !== undefined && run.status !== e.status) problems.push(`run ${run.status}, expected ${e.status}${run.error ? ` (${run.error.code}: ${run.error.message})` : ""}`);
  const declared = run.declaredActions();
  const statusOf = (name: string) => (!declared.has(name) ? "not in the playbook" : run.has(name) ? run.action(name).status : "not run");
  for (const name of e.succeeded ?? []) {
    const status = statusOf(name);
    if (status !== "Succeeded") problems.push(`${name} ${status}, expected Succeeded`);
  }
  for (const name of e.notRun ?? []) {
    const status = statusOf(name);
    if (status !== "Skipped" && status !== "not run" && status !== "not in the playbook") problems.push(`${name} ${status}, expected it not to run`);
  }
  // A failure handler can absorb an unmocked call and leave the run as expected: it is still not what was meant.
  for (const u of run.unmockedCalls()) problems.push(`no mock answered the call of ${u.action}`);
  for (const call of e.calls ?? []) if (run.callsTo(...call).length === 0) problems.push(`no call ${describeCall(call)}`);
  for (const call of e.noCalls ?? []) if (run.callsTo(...call).length > 0) problems.push(`unexpected call ${describeCall(call)}`);
  for (const { call, texts } of e.bodies ?? []) {
    const bodies = run.callsTo(...call).map((c) => JSON.stringify(c.body ?? null));
    for (const text of texts) if (!bodies.some((b) => b.includes(JSON.stringify(text).slice(1, -1)))) problems.push(`no call ${describeCall(call)} whose body says "${text}"`);
  }
  const emails = run.calls.map((c) => mailSubject(c.body)).filter((m): m is string => m !== undefined);
  for (const text of e.emailSubjects ?? []) if (!emails.some((subject) => subject.includes(text))) problems.push(`no email whose subject says "${text}"`);
  return { scenario, run, problems, emails };
}
