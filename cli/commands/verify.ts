/**
 * `playbook-kit verify [names or .ts files…] [--playbooks DIR] [--budget N] [--catalog] [--format text|json|markdown]`: explore every
 * path of the project's playbooks (all of them by default) and check the verifier's properties. Exit 0 clean,
 * 1 violations, 2 usage error.
 */
import * as path from "node:path";
import { UserError } from "../../errors";
import type { ProjectPlaybook } from "../../project";

/** Options of the verify command. */
export interface VerifyCliOptions {
  playbooks?: string;
  budget?: string;
  format?: "text" | "json" | "markdown";
  typecheck?: boolean;
  /** Only the catalog playbooks the project names (its own files left out). */
  catalog?: boolean;
}

/** Run verify; returns the exit code. */
export function run(targets: string[], options: VerifyCliOptions): number {
  let budget: number | undefined;
  if (options.budget !== undefined) {
    budget = /^\d+$/.test(options.budget) ? Number(options.budget) : Number.NaN;
    if (!Number.isSafeInteger(budget) || budget < 1) throw new UserError(`--budget must be a positive integer, not '${options.budget}'`);
  }
  if (options.catalog && (targets.length || options.playbooks)) throw new UserError("--catalog verifies the catalog playbooks the project names; give it no playbook names and no --playbooks");
  const project = require("../../project") as typeof import("../../project");
  const { verify, verifyJson, verifyMarkdown, verifyText } = require("../../verifier") as typeof import("../../verifier");
  const load = options.typecheck === false ? { typecheck: false } : {};
  let chosen: ProjectPlaybook[];
  if (targets.length) chosen = targets.map((t) => project.resolvePlaybook(t, load));
  else chosen = [...project.loadProject(project.findProject(), { ...load, ...(options.playbooks ? { extra: [options.playbooks] } : {}) }).playbooks];
  if (options.catalog) chosen = chosen.filter((p) => p.origin === "catalog");
  const results = chosen.flatMap((p, i) => {
    // A file always replays; a catalog playbook by its name.
    const source = targets[i] ?? (p.file ? path.relative(process.cwd(), p.file) : p.name);
    const enforce = verify(p.playbook, { ...(budget === undefined ? {} : { budget }), source });
    if (!p.hasModes) return [enforce];
    const audit = verify(p.create({ mode: "audit" }), { ...(budget === undefined ? {} : { budget }), source });
    audit.name = `${audit.name} (audit)`;
    return [enforce, audit];
  });
  process.stdout.write(options.format === "json" ? verifyJson(results) : options.format === "markdown" ? verifyMarkdown(results) : verifyText(results));
  return results.some((r) => r.violations.length) ? 1 : 0;
}
