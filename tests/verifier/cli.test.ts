/**
 * `playbook-kit verify` through the built CLI: it finds real violations in shipped and example playbooks, each
 * counterexample replays through `simulate --mocks/--params/--trigger` to the same failure, and usage errors exit 2.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli";

interface Violation {
  property: string;
  path: string[];
  scenario: { trigger?: unknown; mocks: unknown[]; params: Record<string, unknown> };
}

function verifyJson(target: string): { code: number; playbooks: { name: string; runs: number; violations: Violation[] }[] } {
  const r = runCli(["verify", target, "--format", "json"]);
  return { code: r.code, playbooks: JSON.parse(r.stdout).playbooks };
}

/** Replay a counterexample with simulate, from files in exactly the formats it reads. */
function replay(target: string, scenario: Violation["scenario"]) {
  const dir = tempDir("pk-verify-");
  const args = ["simulate", target, "--format", "json"];
  for (const [flag, value] of [["--trigger", scenario.trigger], ["--mocks", scenario.mocks], ["--params", scenario.params]] as const) {
    if (value === undefined) continue;
    const file = path.join(dir, `${flag.slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(value));
    args.push(flag, file);
  }
  return runCli(args);
}

describe("verify CLI", () => {
  it("finds an unguarded length(results) and the replay fails the same way", () => {
    const file = "tests/fixtures/verify/unguarded-length.ts";
    const v = verifyJson(file);
    expect(v.code).toBe(1);
    const found = v.playbooks[0]!.violations.find((x) => x.property === "unhandled-expression-error")!;
    expect(found.path.at(-1)).toBe("Has_results");
    const r = replay(file, found.scenario);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Has_results");
    expect(r.stdout).toContain("InvalidTemplate");
  });

  it("the shipped catalog verifies clean, every action reached, each exhaustively", () => {
    const r = runCli(["verify", "isolate-on-high-severity", "scheduled-advanced-hunting", "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { playbooks: { name: string; complete: boolean; violations: unknown[]; coverage: { actions: { reached: number; total: number } } }[] };
    expect(report.playbooks.map((p) => p.name)).toEqual(["isolate-on-high-severity", "isolate-on-high-severity (audit)", "scheduled-advanced-hunting"]);
    for (const p of report.playbooks) {
      expect(p.violations).toEqual([]);
      expect(p.complete).toBe(true);
      expect(p.coverage.actions.reached).toBe(p.coverage.actions.total);
    }
  });

  it("a destructive step with no notification after it is found; its counterexample replays with the scan succeeding", () => {
    const file = "examples/playbooks/scan-and-tag-on-alert.ts";
    const v = verifyJson(file);
    expect(v.code).toBe(1);
    const enforce = v.playbooks.find((p) => !p.name.endsWith("(audit)"))!;
    const codes = enforce.violations.map((x) => x.property);
    expect(codes).toContain("destructive-not-reported");
    expect(codes).toContain("failure-not-reported");
    const found = enforce.violations.find((x) => x.property === "destructive-not-reported")!;
    expect(found.path.at(-1)).toBe("Quick_scan");
    const r = replay(file, found.scenario);
    const record = JSON.parse(r.stdout) as { actions: Record<string, { status: string }> };
    expect(record.actions.Quick_scan?.status).toBe("Succeeded");
  });

  it("--catalog verifies only the catalog playbooks the project names; with names it is a usage error", () => {
    const r = runCli(["verify", "--catalog", "--format", "json"]);
    expect(r.code).toBe(0);
    const names = (JSON.parse(r.stdout) as { playbooks: { name: string }[] }).playbooks.map((p) => p.name);
    expect(names).toContain("isolate-incident-hosts (audit)");
    expect(names.filter((n) => n.startsWith("scan-and-tag-on-alert"))).toEqual([]);
    const bad = runCli(["verify", "--catalog", "isolate-on-high-severity"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--catalog verifies the catalog playbooks the project names");
  });

  it("is deterministic and rejects a bad --budget with exit 2", () => {
    const a = runCli(["verify", "scheduled-advanced-hunting", "--format", "json"]);
    const b = runCli(["verify", "scheduled-advanced-hunting", "--format", "json"]);
    expect(a.stdout).toBe(b.stdout);
    const bad = runCli(["verify", "scheduled-advanced-hunting", "--budget", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--budget");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
