/**
 * Equivalence classes and pruning: outcome classes a definition cannot tell apart are tried once, loop iterations
 * are explored as independent, and the incident playbook that used to exceed the budget is covered exhaustively.
 * A destructive call failing in one iteration of a Foreach (the other succeeding) is found and replayed.
 */
import { describe, expect, it } from "vitest";
import { isolateIncidentHosts } from "../../playbooks/catalog";
import { parseMockFile, simulate } from "../../simulator";
import { replay, verify, DEFAULT_VERIFY_BUDGET } from "../../verifier";
import { outcomeClassesOf } from "../../verifier/outcomes";
import { readsOf } from "../../verifier/reads";
import * as d from "./defects";

const call = (extra: Record<string, unknown> = {}) => ({ type: "ApiConnection", inputs: { host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } }, method: "get", path: "/api/alerts/a" }, ...extra });

function classes(actions: Record<string, unknown>): Record<string, readonly number[]> {
  const definition = { actions };
  return Object.fromEntries(outcomeClassesOf(definition, readsOf(definition)));
}

describe("outcome classes", () => {
  it("a call nothing reads: success and one failure", () => {
    expect(classes({ Get: call() }).Get).toEqual([0, 1]);
  });

  it("a call whose status is read: all six", () => {
    const out = classes({ Get: call(), Show: { type: "Compose", inputs: "@actions('Get')?['status']", runAfter: { Get: ["Succeeded", "Failed"] } } });
    expect(out.Get).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("a runAfter on Failed without TimedOut keeps the timeout; a read error body keeps 404 and 500", () => {
    const out = classes({ Get: call(), Note: { type: "Compose", inputs: "@body('Get')?['error']?['code']", runAfter: { Get: ["Failed"] } } });
    expect(out.Get).toEqual([0, 1, 2, 4, 5]);
  });

  it("an own retry policy keeps 429 then success", () => {
    const out = classes({ Get: { ...call(), inputs: { ...call().inputs, retryPolicy: { type: "none" } } } });
    expect(out.Get).toEqual([0, 1, 3]);
  });
});

describe("isolate-incident-hosts", () => {
  for (const mode of ["enforce", "audit"] as const) {
    it(`${mode}: clean and exhaustive within the default budget`, () => {
      const r = verify(isolateIncidentHosts({ mode }));
      expect(r.codes).toEqual([]);
      expect(r.complete).toBe(true);
      expect(r.runs).toBeLessThan(DEFAULT_VERIFY_BUDGET / 5);
      // Not reached: the host-name lookup, which needs three host fields absent at once (one data deviation per run).
      expect(r.coverage.actions.reached).toBeGreaterThanOrEqual(r.coverage.actions.total - 2);
      expect(r.coverage.branches.taken).toBeGreaterThanOrEqual(r.coverage.branches.total - 2);
    });
  }
});

describe("a failure in one loop iteration", () => {
  it("is explored: the second isolation fails after the first succeeded, and the report replays", () => {
    const p = d.swallowedIterationFailure();
    const r = verify(p);
    expect(r.codes).toEqual(["failure-not-reported"]);
    const v = r.violations[0]!;
    expect(v.action).toBe("Isolate");
    expect(v.message).toContain("machine-b");
    const isolate = v.scenario.mocks.find((m) => (m as { action?: string }).action === "Isolate") as { responses: { status: number }[] };
    expect(isolate.responses.map((x) => x.status)).toEqual([201, 400]);
    expect(replay(p, v.scenario).codes).toEqual(["failure-not-reported"]);
    const files = JSON.parse(JSON.stringify(v.scenario)) as typeof v.scenario;
    const record = simulate(p.definition, { mocks: parseMockFile(files.mocks), parameters: files.params });
    expect(record.action("Note_failure").status).toBe("Succeeded");
    expect(record.status).toBe("Succeeded");
  });
});
