/**
 * The Markdown report of `verify` (`--format markdown`), written for a pull request comment: a summary line, one
 * table row per playbook (runs, paths, coverage, exhaustive or cut) and, per violation, the path taken, the
 * offending action and the counterexample as the three files `simulate` replays it from.
 */
import type { VerifyResult } from "./index";

/** A table cell: one line, pipes escaped. */
const cell = (s: string) => s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

/** A fenced block that no backtick run inside `body` can close. */
function fence(lang: string, body: string): string[] {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return [`${ticks}${lang}`, body, ticks];
}

/** The Markdown report of several results. */
export function verifyMarkdown(results: readonly VerifyResult[]): string {
  const count = results.reduce((n, r) => n + r.violations.length, 0);
  const lines = [`### playbook-kit verify: ${count ? `FAILED (${count} violation${count > 1 ? "s" : ""})` : "passed"}`, ""];
  lines.push("| playbook | runs | paths | actions reached | branches taken | space | result |", "|---|---:|---:|---:|---:|---|---|");
  for (const r of results) {
    const { actions, branches } = r.coverage;
    lines.push(`| ${cell(r.name)} | ${r.runs} | ${r.paths} | ${actions.reached}/${actions.total} | ${branches.taken}/${branches.total} | ${r.complete ? "exhaustive" : "budget cut"} | ${r.violations.length ? `✗ ${r.violations.map((v) => `\`${v.property}\``).join(", ")}` : "clean"} |`);
  }
  for (const r of results) {
    for (const v of r.violations) {
      lines.push("", `#### ✗ \`${v.property}\` in ${cell(r.name)}`, "", cell(v.message), "");
      lines.push(`- path: ${v.path.map((a) => `\`${a}\``).join(" → ")}`);
      if (v.action) lines.push(`- offending: \`${v.action}\``);
      lines.push("", "<details><summary>counterexample (replay with simulate)</summary>", "");
      if (v.scenario.trigger) lines.push("trigger.json", "", ...fence("json", JSON.stringify(v.scenario.trigger, null, 2)), "");
      lines.push("mocks.json", "", ...fence("json", JSON.stringify(v.scenario.mocks, null, 2)), "");
      lines.push("params.json", "", ...fence("json", JSON.stringify(v.scenario.params, null, 2)), "");
      const files = [...(v.scenario.trigger ? ["--trigger trigger.json"] : []), "--mocks mocks.json", "--params params.json"].join(" ");
      lines.push(
        ...(r.mode === "audit"
          ? ["The audit build: replay with `replay(withMode(playbook, \"audit\"), scenario)` (simulate runs the enforce build)."]
          : fence("sh", `npx playbook-kit simulate ${r.source ?? r.name} ${files}`)),
        "",
        "</details>",
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
