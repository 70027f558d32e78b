/** What the validators report: one finding at one place in the document as given. */

/** How bad a finding is. `error` fails `validate`; `warning` fails it only with `--strict`. */
export type Severity = "error" | "warning";

/**
 * One finding. `pointer` is a JSON pointer into the document exactly as it was given (for an ARM template it
 * goes through `/resources/N/properties/definition/...`). The optional fields are for locating the finding;
 * the CLI's `json` output keeps only `code`, `severity`, `pointer`, `message` (plus `line`/`column` for
 * `json-syntax`).
 */
export interface Diagnostic {
  /** Stable kebab-case rule code (see `RULES`). */
  code: string;
  severity: Severity;
  /** JSON pointer into the document as given. */
  pointer: string;
  /** A sentence that says what is wrong and what to do. */
  message: string;
  /** For expression findings: UTF-16 offset inside the string value the pointer names. */
  offset?: number;
  /** For `json-syntax`: 1-based line of the error. */
  line?: number;
  /** For `json-syntax`: 1-based column of the error. */
  column?: number;
}

/** Count errors and warnings. */
export function countSeverities(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}
