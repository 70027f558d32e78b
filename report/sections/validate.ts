/** Validate section: every diagnostic of every built definition; errors fail the report. */
import { countSeverities, validate } from "../../validators";
import { mark, type ReportSection } from "../section";
import { formatTable } from "../text";

/** The validate section. */
export const validateSection: ReportSection = {
  id: "validate",
  run({ plan, width }) {
    let ok = true;
    const rows = [["definition", "errors", "warnings", "result"]];
    for (const p of plan.playbooks) {
      const diagnostics = validate(p.playbook.definition);
      const counts = countSeverities(diagnostics);
      ok &&= counts.errors === 0;
      rows.push([`${p.name}.definition.json`, String(counts.errors), String(counts.warnings), mark(counts.errors === 0)]);
      for (const d of diagnostics) rows.push([`  ${d.severity} ${d.code}`, d.pointer, "", d.message]);
    }
    return { title: "Validate", lines: formatTable(rows, width).trimEnd().split("\n"), ok };
  },
};
