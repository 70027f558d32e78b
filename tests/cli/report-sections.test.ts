/** The report is a list of section functions; lines are wrapped to the report's width. */
import { describe, expect, it } from "vitest";
import { loadEnvironment } from "../../playbooks/env";
import { formatTable, REPORT_SECTIONS, reportContext, runReport, wrapLine, type ReportSection } from "../../report";
import { REPO } from "../support/paths";
import { tempDir } from "../support/cli";

describe("runReport", () => {
  const plan = loadEnvironment("dev", { root: REPO });

  it("prints each section under its title, in order, and a section that adds itself is printed too", async () => {
    const extra: ReportSection = { id: "extra", run: ({ env }) => ({ title: "Extra", lines: [`checked ${env}`], ok: true }) };
    const lines: string[] = [];
    const ok = await runReport(reportContext(plan, tempDir()), [...REPORT_SECTIONS, extra], (l) => lines.push(l));
    expect(ok).toBe(true);
    expect(REPORT_SECTIONS.map((s) => s.id)).toEqual(["build", "validate", "simulate", "view"]);
    const titles = lines.filter((l) => l.startsWith("## ")).map((l) => l.replace(/ \(.*$/, ""));
    expect(titles).toEqual(["## Build", "## Validate", "## Simulate", "## View", "## Extra"]);
    expect(lines.slice(-3)).toEqual(["checked dev", "", "Report: all playbooks built, validated and behaved as expected."]);
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
