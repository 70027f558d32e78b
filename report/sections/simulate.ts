/**
 * Simulate section: the bundled scenarios of each enabled playbook, run against the environment's own build (its
 * mode, its channel, its parameter values). Scenarios written for another mode are counted, not run: dev's audit
 * build is never reported as isolating a device.
 */
import { scenarioModes } from "../../playbooks/catalog/scenarios";
import { checkScenario } from "../../scenarios/check";
import { describeAuditRequest, isAuditRecord } from "../../operations/audit";
import type { RunRecord } from "../../simulator";
import { scenariosFor } from "../scenarios";
import { mark, type ReportSection } from "../section";

/** What the run did, one line per call, audit record and email. */
function runLines(run: RunRecord, emails: readonly string[]): string[] {
  const lines = [`    run ${run.status}${run.error ? ` (${run.error.code})` : ""}${run.calls.length ? "" : "; no calls"}`];
  for (const c of run.calls) lines.push(`    call: ${c.connector ?? "http"} ${c.method} ${c.path ?? c.uri}`);
  for (const record of Object.values(run.actions)) {
    if (isAuditRecord(record.inputs)) lines.push(`    audit: would call ${record.inputs.wouldCall}: ${describeAuditRequest(record.inputs.request)}`);
  }
  for (const subject of emails) lines.push(`    email: "${subject}"`);
  return lines;
}

/** The simulate section. */
export const simulateSection: ReportSection = {
  id: "simulate",
  run({ plan }) {
    let ok = true;
    const lines: string[] = [];
    for (const planned of plan.playbooks) {
      const { applicable, other, parameters } = scenariosFor(planned);
      const mode = planned.playbook.mode;
      if (applicable.length + other.length === 0) lines.push(`- ${planned.name}: no bundled scenarios`);
      for (const scenario of applicable) {
        const outcome = checkScenario(scenario, planned.playbook, parameters);
        ok &&= outcome.problems.length === 0;
        lines.push(`- [${mark(outcome.problems.length === 0)}] ${scenario.playbook} / ${scenario.name}: ${scenario.title}`);
        lines.push(...runLines(outcome.run, outcome.emails));
        for (const problem of outcome.problems) lines.push(`    unexpected: ${problem}`);
      }
      if (other.length) {
        const modes = [...new Set(other.flatMap((s) => scenarioModes(s)))].join("/");
        lines.push(`- ${planned.name}: not run here (${modes}-mode scenarios; ${plan.env} builds it in ${mode} mode): ${other.map((s) => s.name).join(", ")}`);
      }
    }
    return { title: `Simulate (bundled scenarios on the ${plan.env} build, simulated clock, mocked connectors)`, lines, ok };
  },
};
