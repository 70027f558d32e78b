/**
 * Problems of a project: in its `playbook-kit.json`, or in a playbook file (type errors, load errors, build
 * errors). Each has a stable code and a place (`file:line:col`, and a JSON pointer for the project file), and
 * all of them are reported at once.
 */
import * as path from "node:path";
import { escapeControl, UserError } from "../errors";

/** One problem, located. */
export interface ProjectProblem {
  /** The file concerned (absolute). */
  file: string;
  /** 1-based line and column, when known. */
  line?: number;
  column?: number;
  /** JSON pointer into the project file, for its problems. */
  pointer?: string;
  /** Stable kebab-case code, e.g. `project-unknown-key`, `playbook-type`, `playbook-load`. */
  code: string;
  /** What is wrong and what to do. */
  message: string;
}

/** `file:line:col` with the file relative to the working directory when it lies below it. */
export function location(problem: Pick<ProjectProblem, "file" | "line" | "column">): string {
  const rel = path.relative(process.cwd(), problem.file);
  const file = rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : problem.file;
  if (problem.line === undefined) return file;
  return `${file}:${problem.line}${problem.column === undefined ? "" : `:${problem.column}`}`;
}

/** One line per problem: `file:line:col: error <code> [at <pointer>]: <message>`. */
export function formatProblem(problem: ProjectProblem): string {
  const at = problem.pointer ? ` at ${problem.pointer}` : "";
  return escapeControl(`${location(problem)}: error ${problem.code}${at}: ${problem.message}`);
}

/**
 * The project cannot be used as it is: a summary line, then every problem, one per line. A `UserError`, so the
 * CLI prints it without a stack trace; exit 2 for a broken project file, 1 for playbooks that do not
 * type-check, load or build.
 */
export class ProjectError extends UserError {
  override readonly name = "ProjectError";
  constructor(
    readonly problems: readonly ProjectProblem[],
    exitCode = 2,
    /** First line, e.g. "build failed (nothing was written):"; default "N problem(s):". */
    readonly summary = `${problems.length} problem(s):`,
  ) {
    super([escapeControl(summary), ...problems.map(formatProblem)].join("\n"), exitCode, true);
  }

  /** The same problems under another first line (the command's own, e.g. "build failed: …"). */
  withSummary(summary: string): ProjectError {
    return new ProjectError(this.problems, this.exitCode, summary);
  }
}
