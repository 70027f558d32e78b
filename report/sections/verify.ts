/**
 * Verify section: each enabled playbook as the environment deploys it (its mode, its channel, its parameter values
 * as the defaults exploration starts from), explored and checked with the built-in and the author's properties. A
 * violation fails the report; a space the budget cut is said, not failed.
 */
import { verify } from "../../verifier";
import { mark, type ReportSection } from "../section";
import { formatTable } from "../text";

/** The verify section. */
export const verifySection: ReportSection = {
  id: "verify",
  run({ plan, width }) {
    let ok = true;
    const rows = [["playbook", "runs", "paths", "actions", "branches", "space", "result"]];
    const details: string[] = [];
    for (const planned of plan.playbooks) {
      const r = verify(planned.playbook, { parameters: planned.parameters, source: planned.name });
      ok &&= r.ok;
      const { actions, branches } = r.coverage;
      rows.push([planned.name, String(r.runs), String(r.paths), `${actions.reached}/${actions.total}`, `${branches.taken}/${branches.total}`, r.complete ? "exhaustive" : "budget cut", mark(r.ok)]);
      for (const v of r.violations) {
        details.push(`- ${planned.name}: ${v.property}: ${v.message}`);
        details.push(`    path: ${v.path.join(" → ")}`);
        details.push(`    scenario: ${JSON.stringify(v.scenario)}`);
      }
    }
    const lines = [...formatTable(rows, width).trimEnd().split("\n"), ...details];
    return { title: `Verify (every path of the ${plan.env} build, properties on every run)`, lines, ok };
  },
};
