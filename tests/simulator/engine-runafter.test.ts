import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { api, compose, def } from "./support";

const fail400 = [{ connector: "wdatp", response: { status: 400, body: { error: { message: "bad" } } } }];
const ok200 = [{ connector: "wdatp", response: { status: 200, body: { id: "1" } } }];

describe("runAfter and Skipped propagation", () => {
  it("runs a chain in runAfter order, not declaration order", () => {
    const run = simulate(
      def({
        C: compose("@concat(outputs('B'), 'c')", { B: ["Succeeded"] }),
        B: compose("@concat(outputs('A'), 'b')", { A: ["Succeeded"] }),
        A: compose("a"),
      }),
    );
    expect(run.status).toBe("Succeeded");
    expect(run.action("C").outputs).toBe("abc");
    // Records list actions in execution order.
    expect(Object.keys(run.actions)).toEqual(["A", "B", "C"]);
  });

  it("skips a successor whose predecessor failed and fails the run (unhandled failure)", () => {
    const run = simulate(def({ Call: api("wdatp", "get", "/api/alerts/1"), After: compose("x", { Call: ["Succeeded"] }) }), { mocks: fail400 });
    expect(run.action("Call").status).toBe("Failed");
    expect(run.action("Call").code).toBe("BadRequest");
    expect(run.action("After").status).toBe("Skipped");
    expect(run.action("After").code).toBe("ActionConditionFailed");
    expect(run.action("After").error?.message).toContain("Expected status values 'Succeeded' and actual value 'Failed'");
    expect(run.status).toBe("Failed");
    expect(run.error).toEqual({ code: "ActionFailed", message: "An action failed. No dependent actions succeeded." });
  });

  it("a handler with runAfter Failed handles the failure: the run succeeds", () => {
    const run = simulate(def({ Call: api("wdatp", "get", "/api/alerts/1"), Handle: compose("handled", { Call: ["Failed"] }) }), { mocks: fail400 });
    expect(run.action("Handle").status).toBe("Succeeded");
    expect(run.status).toBe("Succeeded");
    expect(run.error).toBeUndefined();
  });

  it("a skipped handler after a success does not fail the run", () => {
    const run = simulate(def({ Call: api("wdatp", "get", "/api/alerts/1"), Handle: compose("handled", { Call: ["Failed", "TimedOut"] }) }), { mocks: ok200 });
    expect(run.action("Handle").status).toBe("Skipped");
    expect(run.status).toBe("Succeeded");
  });

  it("a parallel branch that ends Skipped after a failure fails the run even when another branch handles it", () => {
    const run = simulate(
      def({
        Call: api("wdatp", "get", "/api/alerts/1"),
        Main: compose("main", { Call: ["Succeeded"] }),
        Handle: compose("handled", { Call: ["Failed"] }),
      }),
      { mocks: fail400 },
    );
    expect(run.action("Main").status).toBe("Skipped");
    expect(run.action("Handle").status).toBe("Succeeded");
    expect(run.status).toBe("Failed");
  });

  it("Skipped propagates through chains, and a join after Skipped can still run", () => {
    const run = simulate(
      def({
        Call: api("wdatp", "get", "/api/alerts/1"),
        S1: compose(1, { Call: ["Succeeded"] }),
        S2: compose(2, { S1: ["Succeeded"] }),
        Always: compose("always", { S2: ["Succeeded", "Skipped", "Failed", "TimedOut"] }),
      }),
      { mocks: fail400 },
    );
    expect(run.action("S1").status).toBe("Skipped");
    expect(run.action("S2").status).toBe("Skipped");
    expect(run.action("Always").status).toBe("Succeeded");
    expect(run.status).toBe("Succeeded");
  });

  it("compares runAfter statuses case-insensitively (Standard designer writes upper case)", () => {
    const run = simulate(def({ Call: api("wdatp", "get", "/api/alerts/1"), Handle: compose("h", { Call: ["FAILED"] }), Next: compose("n", { Handle: ["SUCCEEDED"] }) }), {
      mocks: fail400,
    });
    expect(run.action("Handle").status).toBe("Succeeded");
    expect(run.action("Next").status).toBe("Succeeded");
  });

  it("waits for every predecessor of a join; all must match", () => {
    const run = simulate(
      def({
        A: compose("a"),
        Call: api("wdatp", "get", "/api/alerts/1"),
        Join: compose("@concat(outputs('A'), '+')", { A: ["Succeeded"], Call: ["Succeeded"] }),
      }),
      { mocks: fail400 },
    );
    expect(run.action("Join").status).toBe("Skipped");
    expect(run.action("Join").error?.message).toContain("'Call'");
  });

  it("an action with no runAfter key starts its scope", () => {
    const run = simulate(def({ A: { type: "Compose", inputs: 1 } }));
    expect(run.action("A").status).toBe("Succeeded");
  });

  it("an expression error fails the action with InvalidTemplate", () => {
    const run = simulate(def({ A: compose("@body('Nope')") }));
    expect(run.action("A").status).toBe("Failed");
    expect(run.action("A").code).toBe("InvalidTemplate");
    expect(run.action("A").error?.message).toContain("Nope");
    expect(run.status).toBe("Failed");
  });

  it("reading outputs of a skipped action fails the reader", () => {
    const run = simulate(
      def({ Call: api("wdatp", "get", "/api/alerts/1"), Skipped: compose(1, { Call: ["Failed"] }), Reader: compose("@outputs('Skipped')", { Skipped: ["Skipped"] }) }),
      { mocks: ok200 },
    );
    expect(run.action("Skipped").status).toBe("Skipped");
    expect(run.action("Reader").status).toBe("Failed");
    expect(run.action("Reader").error?.message).toContain("ActionSkipped");
  });

  it("rejects definitions that cannot run: unknown predecessor, cycle, duplicate names", () => {
    expect(() => simulate(def({ A: compose(1, { Missing: ["Succeeded"] }) }))).toThrow(/runs after 'Missing'/);
    expect(() => simulate(def({ A: compose(1, { B: ["Succeeded"] }), B: compose(2, { A: ["Succeeded"] }) }))).toThrow(/cycle/);
    expect(() =>
      simulate(def({ S: { type: "Scope", actions: { X: compose(1) }, runAfter: {} }, X: compose(2) })),
    ).toThrow(SimulationError);
    expect(() => simulate({ nothing: true })).toThrow(/not a workflow definition/);
  });

  it("records every action with ISO start and end times", () => {
    const run = simulate(def({ A: compose(1) }), { now: "2025-03-04T05:06:07Z" });
    expect(run.startTime).toBe("2025-03-04T05:06:07.000Z");
    expect(run.action("A").startTime).toBe("2025-03-04T05:06:07.000Z");
    expect(run.endTime).toBe("2025-03-04T05:06:07.000Z");
  });

  it("throws a helpful error for undeclared names in helpers", () => {
    const run = simulate(def({ A: compose(1) }));
    expect(() => run.action("Nope")).toThrow(/no action 'Nope'.*A/);
    expect(run.action("a").status).toBe("Succeeded");
    expect(run.has("A")).toBe(true);
  });
});
