/**
 * The environment report (`playbook-kit report`, `npm start`): sections that build, validate, simulate and verify
 * what an environment deploys, printed as one text report whose lines fit 120 columns. Offline.
 */
import { buildSection } from "./sections/build";
import { simulateSection } from "./sections/simulate";
import { validateSection } from "./sections/validate";
import { verifySection } from "./sections/verify";
import { viewSection } from "./sections/view";
import type { ReportContext, ReportSection } from "./section";
import { REPORT_WIDTH, wrapLine } from "./text";
import { escapeControl } from "../errors";

export { buildSection, simulateSection, validateSection, verifySection, viewSection };
export { scenariosFor } from "./scenarios";
export { mark, type ReportContext, type ReportSection, type SectionResult } from "./section";
export { REPORT_WIDTH, formatTable, wrapLine } from "./text";

/** The sections `playbook-kit report` prints, in order. */
export const REPORT_SECTIONS: readonly ReportSection[] = [buildSection, validateSection, simulateSection, verifySection, viewSection];

/** Run the sections and write the report through `write` (one call per line); resolves to true when every section was ok. */
export async function runReport(context: ReportContext, sections: readonly ReportSection[], write: (line: string) => void): Promise<boolean> {
  const out = (line: string) => wrapLine(escapeControl(line), context.width).forEach(write);
  out(`# playbook-kit report — environment ${context.env}`);
  let ok = true;
  for (const section of sections) {
    const result = await section.run(context);
    ok &&= result.ok;
    out("");
    out(`## ${result.title}`);
    result.lines.forEach(out);
  }
  out("");
  out(ok ? "Report: all playbooks built, validated, behaved as expected and verified clean." : "Report: something is wrong (see FAIL above).");
  return ok;
}

/** A context for `env` with the default width. */
export function reportContext(plan: ReportContext["plan"], outDir: string): ReportContext {
  return { env: plan.env, plan, outDir, width: REPORT_WIDTH };
}
