/**
 * The simulation budget (issue 15.1): a legal definition that would run for minutes or exhaust memory ends in a
 * `SimulationBudget` error naming the loop, and large legal runs keep a bounded record. Inputs are small and
 * generated; the budgets are lowered instead of running millions of actions.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET, SimulationBudgetError, SimulationError, simulate, type SimulateOptions } from "../../simulator";
import { compose, def, thrown } from "./support";

/** The shape: an Until (count n) around a Foreach of m items. */
function untilAroundForeach(n: number, m: number): Record<string, unknown> {
  return def({
    Poll: {
      type: "Until",
      expression: "@equals(1, 2)",
      limit: { count: n, timeout: "P30D" },
      actions: { Each: { type: "Foreach", foreach: `@range(0, ${m})`, actions: { Work: compose("@item()") }, runAfter: {} } },
      runAfter: {},
    },
  });
}

function budgetError(target: unknown, options: SimulateOptions): SimulationBudgetError {
  return thrown(SimulationBudgetError, () => simulate(target, options));
}

describe("simulation budget", () => {
  it("has defaults far above real playbooks, and the repro's Until(5000) × Foreach(1000) is beyond them", () => {
    expect(DEFAULT_BUDGET).toEqual({ actions: 1_000_000, time: "P90D", records: 500_000, iterations: 100, characters: 400_000_000 });
    // 5,000 × (1 Foreach + 1,000 Compose) actions: five times the default action budget.
    expect(5000 * 1001).toBeGreaterThan(DEFAULT_BUDGET.actions);
  });

  it("actions: a SimulationBudget error naming the loops it was in, and how to raise it", () => {
    const e = budgetError(untilAroundForeach(5000, 1000), { budget: { actions: 20_000 } });
    expect(e).toBeInstanceOf(SimulationError);
    expect(e.code).toBe("SimulationBudget");
    expect(e.budget).toBe("actions");
    expect(e.limit).toBe(20_000);
    expect(e.loop).toBe("Poll");
    expect(e.loops).toEqual([
      { name: "Poll", type: "Until", iteration: 19 },
      { name: "Each", type: "Foreach", iteration: 979 },
    ]);
    expect(e.message).toBe(
      "The simulation budget of 20,000 actions ran out in iteration 20 of Until 'Poll' › iteration 980 of Foreach 'Each'. " +
        "Real runs rarely come near it; if this one should, raise it: simulate(target, {budget: {actions: N}}) or playbook-kit simulate --max-actions N.",
    );
  });

  it("time: simulated time past the horizon (default P90D, the service's run duration limit) names the action", () => {
    const waitDays = (days: number) => def({ Sleep: { type: "Wait", inputs: { interval: { count: days, unit: "Day" } }, runAfter: {} } });
    expect(simulate(waitDays(89)).status).toBe("Succeeded");
    const e = budgetError(waitDays(91), {});
    expect(e.budget).toBe("time");
    expect(e.loop).toBeUndefined();
    expect(e.message).toContain("Wait 'Sleep' would end 91 days after the run started");
    expect(e.message).toContain("--max-time");
    expect(simulate(waitDays(91), { budget: { time: "P100D" } }).status).toBe("Succeeded");
    // Inside a loop, the loop is named.
    const polling = def({
      Poll: { type: "Until", expression: "@equals(1, 2)", limit: { count: 5000, timeout: "P365D" }, actions: { Sleep: { type: "Wait", inputs: { interval: { count: 1, unit: "Day" } }, runAfter: {} } }, runAfter: {} },
    });
    const inLoop = budgetError(polling, {});
    expect([inLoop.budget, inLoop.loop]).toEqual(["time", "Poll"]);
    expect(inLoop.message).toContain("iteration 91 of Until 'Poll'");
  });

  it("records: calls kept in the record count against the record budget", () => {
    const d = def({ Each: { type: "Foreach", foreach: "@range(0, 500)", actions: { Call: { type: "Http", inputs: { method: "GET", uri: "https://x.contoso.com/@{item()}" }, runAfter: {} } }, runAfter: {} } });
    const mocks = [{ http: {}, response: { status: 200 } }];
    expect(simulate(d, { mocks }).calls).toHaveLength(500);
    const e = budgetError(d, { mocks, budget: { records: 300 } });
    expect([e.budget, e.loop, e.limit]).toEqual(["records", "Each", 300]);
  });

  it("characters: a string doubling in a loop stops at the record's character budget, before its JSON is unprintable", () => {
    const doubling = def({
      Init: { type: "InitializeVariable", inputs: { variables: [{ name: "v", type: "string", value: "ab" }] }, runAfter: {} },
      Loop: { type: "Until", expression: "@equals(1, 2)", limit: { count: 60, timeout: "PT1H" }, actions: { Grow: { type: "AppendToStringVariable", inputs: { name: "v", value: "@variables('v')" }, runAfter: {} } }, runAfter: { Init: ["Succeeded"] } },
    });
    const e = budgetError(doubling, {});
    expect([e.budget, e.loop, e.limit]).toEqual(["characters", "Loop", 400_000_000]);
    expect(e.message).toMatch(/400,000,000 characters of inputs, outputs and call bodies in iteration \d+ of Until 'Loop'.*--max-record-chars N/);
    // Before: 60 iterations each holding the value, the record's JSON failed with "Invalid string length".
    const small = budgetError(doubling, { budget: { characters: 1_000_000 } });
    expect(small.message).toContain("iteration 18 of Until 'Loop'");
  });

  it("characters: pruned iterations release what they held (only the kept ones are printed)", () => {
    const d = def({ Each: { type: "Foreach", foreach: "@range(0, 1000)", actions: { Pad: compose("x".repeat(1000)) }, runAfter: {} } });
    // 1,000 iterations × 2 × 1,002 characters is 2 MB; the 100 kept hold 200 KB.
    const run = simulate(d, { budget: { characters: 1_000_000 } });
    expect(run.action("Each").iterationCount).toBe(1000);
    expect(JSON.stringify(run).length).toBeLessThan(1_000_000);
    expect(budgetError(d, { budget: { characters: 100_000 } }).budget).toBe("characters");
  });

  it("options are checked", () => {
    for (const budget of [{ actions: 0 }, { actions: 1.5 }, { time: "soon" }, { records: -1 }, { iterations: 1 }, { characters: 0 }, { nope: 1 }]) {
      expect(() => simulate(def({ A: compose(1) }), { budget: budget as never })).toThrow(/budget/);
    }
  });
});

describe("bounded records", () => {
  it("a loop's record keeps the first and last iterations (default 100 in all) and says how many ran", () => {
    const d = def({ Each: { type: "Foreach", foreach: "@range(0, 1000)", actions: { Work: compose("@item()") }, runAfter: {} } });
    const run = simulate(d);
    const its = run.iterations("Each");
    expect(its).toHaveLength(100);
    expect(its.slice(0, 2).map((i) => i.index)).toEqual([0, 1]);
    expect(its.slice(48, 52).map((i) => i.index)).toEqual([48, 49, 950, 951]);
    expect(its[99]!.index).toBe(999);
    expect(run.action("Each").iterationCount).toBe(1000);
    // The flat record is still the last iteration; result() still sees every iteration.
    expect(run.action("Work").outputs).toBe(999);
    const withResult = def({
      Each: { type: "Foreach", foreach: "@range(0, 300)", actions: { Work: compose("@item()") }, runAfter: {} },
      Count: compose("@length(first(result('Each'))['outputs'])", { Each: ["Succeeded"] }),
    });
    expect(simulate(withResult).action("Count").outputs).toBe(300);
    // A loop that fits keeps everything and has no iterationCount.
    const small = simulate(def({ Each: { type: "Foreach", foreach: "@range(0, 100)", actions: { Work: compose(1) }, runAfter: {} } }));
    expect(small.iterations("Each")).toHaveLength(100);
    expect(small.action("Each").iterationCount).toBeUndefined();
  });

  it("nested loops are bounded at every level, so --format json of a large legal run stays small", () => {
    const run = simulate(untilAroundForeach(300, 300), { budget: { iterations: 10 } });
    const outer = run.iterations("Poll");
    expect(outer.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 295, 296, 297, 298, 299]);
    expect(outer[0]!.actions.Each!.iterations).toHaveLength(10);
    expect(outer[0]!.actions.Each!.iterationCount).toBe(300);
    expect(JSON.stringify(run).length).toBeLessThan(200_000);
  });

  it("the budget option iterations sets how many are kept", () => {
    const run = simulate(def({ Each: { type: "Foreach", foreach: "@range(0, 30)", actions: { Work: compose(1) }, runAfter: {} } }), { budget: { iterations: 4 } });
    expect(run.iterations("Each").map((i) => i.index)).toEqual([0, 1, 28, 29]);
  });
});
