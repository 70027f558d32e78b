/**
 * `playbook-kit diff [base] [head] [--format text|markdown|json] [--env NAME]`: what a change does to the
 * playbooks. base and head are git refs, build folders (with manifest.json) or project folders; base defaults to
 * origin/main, head to the working tree. Exit 0 without changes, 1 with changes, 2 on a usage error.
 */
import { defaultBase, diffBuilds, formatDiffMarkdown, formatDiffText, hasDifferences, resolveBuild } from "../../review";

/** Options of `diff`. */
export interface DiffOptions {
  format: "text" | "markdown" | "json";
  env?: string;
}

/** Run the command; resolves to the exit code. */
export async function run(base: string | undefined, head: string | undefined, options: DiffOptions): Promise<number> {
  const resolve = { env: options.env, kitCli: process.argv[1] };
  const baseBuild = resolveBuild(base ?? defaultBase(), resolve);
  const headBuild = resolveBuild(head, resolve);
  const report = diffBuilds(baseBuild, headBuild);
  if (options.format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.format === "markdown") process.stdout.write(formatDiffMarkdown(report, { base: baseBuild, head: headBuild }));
  else process.stdout.write(formatDiffText(report));
  return hasDifferences(report) ? 1 : 0;
}
