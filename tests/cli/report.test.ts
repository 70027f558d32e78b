import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findCatalogEntry } from "../../playbooks/catalog";
import { checkScenario } from "../../scenarios/check";
import { SCENARIO_PARAMETERS, scenarioModes, scenarios, type Scenario } from "../../playbooks/catalog/scenarios";
import { runCli, tempDir } from "../support/cli";

describe("bundled scenarios", () => {
  it.each(scenarios.flatMap((s) => scenarioModes(s).map((mode) => [`${s.playbook}/${s.name} (${mode})`, s, mode] as const)))("%s behaves as expected", (_label, scenario, mode) => {
    const playbook = findCatalogEntry(scenario.playbook)!.create({ ...scenario.options, ...(findCatalogEntry(scenario.playbook)!.hasModes ? { mode } : {}) });
    expect(playbook.mode).toBe(mode);
    expect(checkScenario(scenario, playbook, SCENARIO_PARAMETERS).problems).toEqual([]);
  });

  it("reports a playbook that misbehaves", () => {
    const high = scenarios.find((s) => s.name === "high")!;
    // The audit build never isolates, so the High scenario's expectations fail on it.
    const outcome = checkScenario(high, findCatalogEntry("isolate-on-high-severity")!.create({ mode: "audit" }), SCENARIO_PARAMETERS);
    expect(outcome.problems).toEqual([
      "Notify_isolated not in the playbook, expected Succeeded",
      "no call wdatp post /api/machines/*/isolate",
      'no email whose subject says "Isolated"',
    ]);
    const flipped: Scenario = { ...high, expect: { status: "Failed" } };
    expect(checkScenario(flipped, findCatalogEntry("isolate-on-high-severity")!.create(), SCENARIO_PARAMETERS).problems).toEqual(["run Succeeded, expected Failed"]);
  });
});

describe("playbook-kit report (npm start)", () => {
  it("builds, validates and simulates the dev environment's own build offline and says so", () => {
    const out = tempDir();
    const r = runCli(["report", "--env", "dev", "--out", out]);
    expect(r.code).toBe(0);
    // The same playbooks and runs as a page (tests/review covers the page itself).
    expect(r.stdout).toContain(`## View\nThe diagrams and the scenario runs above, as a page: ${path.join(out, "view", "index.html")}\n`);
    const page = fs.readFileSync(path.join(out, "view", "index.html"), "utf8");
    expect(page).toContain('data-playbook="isolate-on-high-severity"');
    // The page shows dev's own build and the runs the report made on it.
    expect(page).toContain("playbook-kit view — environment dev");
    expect(page).toContain("would isolate");
    expect(page).not.toContain("the device is isolated");
    expect(r.stdout).toContain("# playbook-kit report — environment dev");
    expect(r.stdout).toMatch(/isolate-on-high-severity\s+Enabled\s+audit/);
    expect(r.stdout).toContain("audit mode: isolate-on-high-severity records instead of running Isolate_machine; nothing destructive is deployed.");
    expect(r.stdout).toMatch(/isolate-on-high-severity\.definition\.json\s+0\s+0\s+ok/);
    const dev = scenarios.filter((s) => s.playbook === "scheduled-advanced-hunting" || scenarioModes(s).includes("audit"));
    for (const s of dev) expect(r.stdout).toContain(`- [ok] ${s.playbook} / ${s.name}:`);
    expect(r.stdout).toContain('email: "MDE: Audit: would isolate fin-ws-042.contoso.com"');
    expect(r.stdout).toContain("audit: would call Actions - Isolate machine: wdatp post");
    // dev's audit build never isolates, so the report never says it does.
    expect(r.stdout).not.toMatch(/device is isolated|"MDE: Isolated|call: wdatp post \/api\/machines\/[^/]+\/isolate/);
    expect(r.stdout).toContain("- isolate-on-high-severity: not run here (enforce-mode scenarios; dev builds it in audit mode): high, isolation-fails");
    expect(r.stdout).toContain("Report: all playbooks built, validated, behaved as expected and verified clean.");
  });

  it("prod reports its enforce build: the isolation scenarios run, the audit one does not", () => {
    const r = runCli(["report", "--env", "prod", "--out", tempDir()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("- [ok] isolate-on-high-severity / high: High alert: the device is isolated and the SOC is emailed");
    expect(r.stdout).toContain("call: wdatp post /api/machines/4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31/isolate");
    expect(r.stdout).toContain("- isolate-on-high-severity: not run here (audit-mode scenarios; prod builds it in enforce mode): audit");
    expect(r.stdout).not.toContain("would isolate");
  });

  it("every line fits 120 columns", () => {
    for (const env of ["dev", "prod"]) {
      const lines = runCli(["report", "--env", env, "--out", tempDir()]).stdout.split("\n");
      expect(lines.length).toBeGreaterThan(20);
      expect(lines.filter((l) => l.length > 120)).toEqual([]);
    }
  });

  it("an unknown environment is a readable error with exit 2 (usage, issue 15)", () => {
    const r = runCli(["report", "--env", "nosuch", "--out", tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Pulumi.nosuch.yaml");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
