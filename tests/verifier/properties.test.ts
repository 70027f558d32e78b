/**
 * One deliberately defective playbook per built-in property: verify finds it with the right code, its shrunk
 * counterexample replays (through `simulate` with the mocks read as a mock file) to the same violation, and the
 * plain simulate run gives the same record. Correct playbooks verify clean.
 */
import { describe, expect, it } from "vitest";
import { parseMockFile, simulate } from "../../simulator";
import { replay, verify, type Scenario } from "../../verifier";
import * as d from "./defects";
import { withMode, type Playbook } from "../../playbooks/kit";

/** simulate exactly as the CLI does with --trigger/--mocks/--params files holding the scenario. */
function simulateFiles(p: Playbook, s: Scenario) {
  const files = JSON.parse(JSON.stringify(s)) as Scenario;
  return simulate(p.definition, { ...(files.trigger ? { trigger: files.trigger } : {}), mocks: parseMockFile(files.mocks), parameters: files.params });
}

const cases: [string, () => Playbook, string][] = [
  ["unhandled-expression-error", d.unguardedLength, "Has_title"],
  ["destructive-not-reported", d.silentIsolation, "Isolate"],
  ["failure-not-reported", d.swallowedFailure, "Isolate"],
  ["duplicate-destructive", d.isolatePerAlert, "Isolate"],
  ["excluded-target", d.hardCodedGuard, "Isolate"],
  ["audit-destructive", d.hiddenIsolate, "Isolate"],
];

describe("verify finds each defect", () => {
  for (const [code, make, last] of cases) {
    it(`${code}: found, shrunk, replayed`, () => {
      const p = make();
      const result = verify(p);
      expect(result.codes).toEqual([code]);
      const v = result.violations[0]!;
      expect(v.path.at(-1)).toBe(last);
      expect(v.action).toBe(last);
      const again = replay(p, v.scenario);
      expect(again.codes).toEqual([code]);
      expect(JSON.stringify(simulateFiles(p, v.scenario))).toBe(JSON.stringify(again.record));
    });
  }

  it("excluded-target without any guard: the world's tagged device is stated as a Get machine mock", () => {
    const p = d.noGuard();
    const result = verify(p);
    expect(result.codes).toEqual(["excluded-target"]);
    const v = result.violations[0]!;
    expect(v.scenario.mocks).toContainEqual({ connector: "wdatp", method: "get", path: "/api/machines/machine-1", response: { status: 200, body: { id: "machine-1", machineTags: ["domain-controller"] } } });
    expect(replay(p, v.scenario).codes).toEqual(["excluded-target"]);
  });
});

describe("counterexamples are minimal", () => {
  it("the missing title is the only non-default choice", () => {
    const v = verify(d.unguardedLength()).violations[0]!;
    expect(v.scenario.mocks).toEqual([{ action: "Get_alert", response: { status: 200, body: {} } }]);
    expect(v.scenario.trigger).toEqual({ body: { id: "alert-1" } });
  });

  it("a swallowed failure needs only the isolation to fail", () => {
    const v = verify(d.swallowedFailure()).violations[0]!;
    const isolate = v.scenario.mocks.find((m) => (m as { action?: string }).action === "Isolate") as { response: { status: number } };
    expect(isolate.response.status).toBe(400);
    expect(v.scenario.params).toEqual({});
  });
});

describe("no false alarms", () => {
  it("a correct isolation playbook verifies clean, exhaustively", () => {
    const result = verify(d.correctIsolation());
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.complete).toBe(true);
    expect(result.coverage.actions.reached).toBe(result.coverage.actions.total);
    expect(result.coverage.branches.taken).toBe(result.coverage.branches.total);
  });

  it("the same correct playbook in audit mode verifies clean", () => {
    expect(verify(withMode(d.correctIsolation(), "audit")).codes).toEqual([]);
  });
});
