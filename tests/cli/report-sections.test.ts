/** The report is a list of section functions; lines are wrapped to the report's width. */
import { describe, expect, it } from "vitest";
import { loadEnvironment } from "../../playbooks/env";
import { formatTable, REPORT_SECTIONS, reportContext, runReport, verifySection, wrapLine, type ReportSection } from "../../report";
import { swallowedFailure } from "../verifier/defects";
import { REPO } from "../support/paths";
import { tempDir } from "../support/cli";

describe("runReport", () => {
  const plan = loadEnvironment("dev", { root: REPO });

  it("prints each section under its title, in order, and a section that adds itself is printed too", async () => {
    const extra: ReportSection = { id: "extra", run: ({ env }) => ({ title: "Extra", lines: [`checked ${env}`], ok: true }) };
    const lines: string[] = [];
    const ok = await runReport(reportContext(plan, tempDir()), [...REPORT_SECTIONS, extra], (l) => lines.push(l));
    expect(ok).toBe(true);
    expect(REPORT_SECTIONS.map((s) => s.id)).toEqual(["build", "validate", "simulate", "verify", "view"]);
    const titles = lines.filter((l) => l.startsWith("## ")).map((l) => l.replace(/ \(.*$/, ""));
    expect(titles).toEqual(["## Build", "## Validate", "## Simulate", "## Verify", "## View", "## Extra"]);
    expect(lines.slice(-3)).toEqual(["checked dev", "", "Report: all playbooks built, validated, behaved as expected and verified clean."]);
  });

  it("a section that finds a problem fails the report; async sections are awaited; long lines wrap", async () => {
    const failing: ReportSection = { id: "late", run: async () => ({ title: "Late", lines: [`x ${"word ".repeat(40)}`], ok: false }) };
    const lines: string[] = [];
    const ok = await runReport({ ...reportContext(plan, tempDir()), width: 60 }, [failing], (l) => lines.push(l));
    expect(ok).toBe(false);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(lines.at(-1)).toBe("Report: something is wrong (see FAIL above).");
  });
});

describe("verify section", () => {
  const plan = loadEnvironment("prod", { root: REPO });

  it("one row per enabled playbook as the environment builds it, exhaustive and clean", async () => {
    const lines: string[] = [];
    const ok = await runReport(reportContext(plan, tempDir()), [verifySection], (l) => lines.push(l));
    expect(ok).toBe(true);
    expect(lines[2]).toBe("## Verify (every path of the prod build, properties on every run)");
    expect(lines[3]).toMatch(/^playbook\s+runs\s+paths\s+actions\s+branches\s+space\s+result$/);
    for (const p of plan.playbooks) expect(lines.some((l) => new RegExp(`^${p.name}\\s+\\d+\\s+\\d+\\s+\\d+/\\d+\\s+\\d+/\\d+\\s+exhaustive\\s+ok$`).test(l))).toBe(true);
  });

  it("a violation fails the report and prints the path and the counterexample; the environment's values are the defaults", async () => {
    const silent = swallowedFailure();
    const bad = { ...plan, playbooks: [{ ...plan.playbooks[0]!, name: "swallowed-failure", playbook: silent, parameters: { notifyTo: "secops@contoso.com" } }] };
    const lines: string[] = [];
    const ok = await runReport(reportContext(bad, tempDir()), [verifySection], (l) => lines.push(l));
    expect(ok).toBe(false);
    const text = lines.join("\n");
    expect(text).toMatch(/swallowed-failure\s+\d+\s+\d+\s+\S+\s+\S+\s+exhaustive\s+FAIL/);
    expect(text).toContain("- swallowed-failure: failure-not-reported: 'Isolate' (isolateMachine on ");
    expect(text).toContain('"params":{"notifyTo":"secops@contoso.com"}');
  });
});

describe("text layout", () => {
  it("wrapLine breaks at spaces, indents continuations, and splits what has no space", () => {
    expect(wrapLine("short", 10)).toEqual(["short"]);
    expect(wrapLine("  one two three four", 12)).toEqual(["  one two", "    three", "    four"]);
    expect(wrapLine(`  call: ${"x".repeat(30)}`, 20)).toEqual(["  call:", `    ${"x".repeat(16)}`, `    ${"x".repeat(14)}`]);
  });

  it("formatTable aligns columns and wraps the last one under itself", () => {
    expect(formatTable([["a", "bb"], ["ccc", "d"]])).toBe("a    bb\nccc  d\n");
    expect(formatTable([["name", "message"], ["rule", "one two three four five six"]], 30)).toBe("name  message\nrule  one two three four five\n      six\n");
  });
});
