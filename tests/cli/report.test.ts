import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findCatalogEntry } from "../../playbooks/catalog";
import { checkScenario } from "../../scenarios/check";
import { SCENARIO_PARAMETERS, scenarios, type Scenario } from "../../playbooks/catalog/scenarios";
import { runCli, tempDir } from "../support/cli";

describe("bundled scenarios", () => {
  it.each(scenarios.map((s) => [`${s.playbook}/${s.name}`, s] as const))("%s behaves as expected", (_label, scenario) => {
    const playbook = findCatalogEntry(scenario.playbook)!.create(scenario.options);
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
  it("builds, validates and simulates the dev environment offline and says so", () => {
    const out = tempDir();
    const r = runCli(["report", "--env", "dev", "--out", out]);
    expect(r.code).toBe(0);
    // The same playbooks and runs as a page (tests/review covers the page itself).
    expect(r.stdout).toContain(`## View\nThe diagrams and the scenario runs above, as a page: ${path.join(out, "view", "index.html")}\n`);
    expect(fs.readFileSync(path.join(out, "view", "index.html"), "utf8")).toContain('data-playbook="isolate-on-high-severity"');
    expect(r.stdout).toContain("# playbook-kit report — environment dev");
    expect(r.stdout).toMatch(/isolate-on-high-severity\s+Enabled\s+audit/);
    expect(r.stdout).toMatch(/isolate-on-high-severity\.definition\.json\s+0\s+0\s+ok/);
    for (const s of scenarios) expect(r.stdout).toContain(`- [ok] ${s.playbook} / ${s.name}:`);
    expect(r.stdout).toContain('email: "MDE: Audit: would isolate fin-ws-042.contoso.com"');
    expect(r.stdout).toContain("Report: all playbooks built, validated and behaved as expected.");
  });

  it("an unknown environment is a readable error with exit 1", () => {
    const r = runCli(["report", "--env", "nosuch", "--out", tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Pulumi.nosuch.yaml");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
