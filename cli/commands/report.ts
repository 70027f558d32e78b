/**
 * `playbook-kit report [--env NAME] [--out DIR]` (what `npm start` runs): build the playbooks an environment
 * enables as it deploys them, validate them, simulate their bundled scenarios on that build and print one report
 * and write the HTML view of those builds and runs (`<out>/view/index.html`); `report/` has one function per
 * section. Offline; exit 1 when anything is wrong.
 */
import { REPORT_SECTIONS, reportContext, runReport } from "../../report";
import { projectEnvironment, type TypecheckOption } from "../project";
import { configExitCode } from "../config-exit";

/** Options of `report`. */
export interface ReportOptions extends TypecheckOption {
  env: string;
  out: string;
}

/** Run the command; resolves to the exit code. */
export async function run(options: ReportOptions): Promise<number> {
  let plan;
  try {
    plan = projectEnvironment(options.env, options);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") {
      process.stderr.write(`${error.message}\n`);
      return configExitCode(error);
    }
    throw error;
  }
  const ok = await runReport(reportContext(plan, options.out), REPORT_SECTIONS, (line) => process.stdout.write(`${line}\n`));
  return ok ? 0 : 1;
}
