/**
 * A report is a list of sections. Each section is one function of the environment being reported on that returns
 * its lines and whether it found a problem; `runReport` prints them in order under `## <title>` and wraps every
 * line to the report's width. Add a section by appending to the list `runReport` is given.
 */
import type { EnvironmentPlan } from "../playbooks/env";

/** What every section sees. */
export interface ReportContext {
  /** Environment (= Pulumi stack) name. */
  env: string;
  /** The environment's plan: the playbooks it enables, built as it deploys them, and their parameter values. */
  plan: EnvironmentPlan;
  /** Folder the report may write to (the build section writes the definitions there). */
  outDir: string;
  /** Lines are wrapped to this many columns. */
  width: number;
}

/** What a section found. */
export interface SectionResult {
  /** Heading, printed as `## <title>`. */
  title: string;
  /** Body lines (wrapped by `runReport`). */
  lines: string[];
  /** False when the section found a problem (the report then exits 1). */
  ok: boolean;
}

/** One report section. */
export interface ReportSection {
  /** Stable id, e.g. `build`, `validate`, `simulate`. */
  id: string;
  run(context: ReportContext): SectionResult | Promise<SectionResult>;
}

/** `ok` or `FAIL`, as sections mark lines. */
export const mark = (good: boolean): string => (good ? "ok" : "FAIL");
