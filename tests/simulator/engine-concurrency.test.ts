/**
 * Parallel branches run concurrently on the simulated clock (issue 14.3). Docs (logic-apps-control-flow-branches):
 * "To organize actions into separate branches and run those branches at the same time, create parallel branches";
 * docs (logic-apps-workflow-actions-triggers, "Terminate action"): Terminate "stops the run for a logic app
 * workflow instance, cancels any actions in progress, skips any remaining actions, and returns the specified status".
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { compose, def } from "./support";

const wait = (seconds: number, runAfter: Record<string, string[]> = {}) => ({ type: "Wait", inputs: { interval: { count: seconds, unit: "Second" } }, runAfter });
const stop = (runAfter: Record<string, string[]> = {}) => ({ type: "Terminate", inputs: { runStatus: "Failed", runError: { code: "Stop", message: "stopped" } }, runAfter });

describe("Terminate on one branch, work in progress on another", () => {
  it("cancels a Wait in progress on another branch; nothing after it runs", () => {
    const run = simulate(
      def({
        Long_wait: wait(3600),
        After_wait: compose("late", { Long_wait: ["Succeeded"] }),
        Short_wait: wait(5),
        Stop: stop({ Short_wait: ["Succeeded"] }),
      }),
    );
    expect(run.status).toBe("Failed");
    expect(run.error).toEqual({ code: "Stop", message: "stopped" });
    expect(run.action("Long_wait").status).toBe("Cancelled");
    expect(run.action("Long_wait").endTime).toBe("2024-01-01T00:00:05.000Z");
    expect(run.action("After_wait").status).toBe("Skipped");
    expect(run.action("After_wait").code).toBe("RunTerminated");
    expect(run.endTime).toBe("2024-01-01T00:00:05.000Z");
  });

  it("the result does not depend on which branch is declared first", () => {
    const a = simulate(def({ Stop_first: { ...stop({ Short: ["Succeeded"] }) }, Short: wait(5), Long: wait(60), Then: compose(1, { Long: ["Succeeded"] }) }));
    const b = simulate(def({ Long: wait(60), Then: compose(1, { Long: ["Succeeded"] }), Short: wait(5), Stop_first: stop({ Short: ["Succeeded"] }) }));
    for (const run of [a, b]) {
      expect(run.action("Long").status).toBe("Cancelled");
      expect(run.action("Then").status).toBe("Skipped");
    }
  });

  it("a call in progress is cancelled; its retries after the Terminate are never made", () => {
    const run = simulate(
      def({
        Slow: { type: "Http", inputs: { method: "GET", uri: "https://slow.contoso.com/x" }, runAfter: {} },
        Quick: wait(10),
        Stop: stop({ Quick: ["Succeeded"] }),
      }),
      // 500 → default retry policy: the first attempt ends at 3 s, the retry waits until 10.5 s at least.
      { mocks: [{ http: {}, response: { status: 500, delay: "PT3S" } }] },
    );
    expect(run.action("Slow").status).toBe("Cancelled");
    expect(run.action("Slow").endTime).toBe("2024-01-01T00:00:10.000Z");
    expect(run.callsFrom("Slow")).toHaveLength(1);
  });

  it("a container in progress on another branch is Cancelled; the containers around the Terminate roll up", () => {
    const run = simulate(
      def({
        Work: { type: "Scope", actions: { Step: wait(60), Next: compose(1, { Step: ["Succeeded"] }) }, runAfter: {} },
        Check: { type: "If", expression: "@true", actions: { Pause: wait(1), Halt: stop({ Pause: ["Succeeded"] }) }, runAfter: {} },
      }),
    );
    expect(run.action("Step").status).toBe("Cancelled");
    expect(run.action("Next").status).toBe("Skipped");
    expect(run.action("Work").status).toBe("Cancelled");
    expect(run.action("Check").status).toBe("Succeeded");
    expect(run.status).toBe("Failed");
  });

  it("a Foreach in progress is Cancelled: its running iteration's actions are cancelled, later iterations never start", () => {
    const run = simulate(
      def({
        Each: { type: "Foreach", foreach: "@range(0, 5)", operationOptions: "Sequential", actions: { Nap: wait(10) }, runAfter: {} },
        Soon: wait(25),
        Stop: stop({ Soon: ["Succeeded"] }),
      }),
    );
    const its = run.iterations("Each");
    expect(its.map((i) => i.status)).toEqual(["Succeeded", "Succeeded", "Cancelled"]);
    expect(its[2]!.actions.Nap!.status).toBe("Cancelled");
    expect(run.action("Each").status).toBe("Cancelled");
  });

  it("work that ended before the Terminate keeps its status", () => {
    const run = simulate(def({ Early: wait(1), Late: wait(20), Stop: stop({ Early: ["Succeeded"] }), Quick: compose(1) }));
    expect(run.action("Early").status).toBe("Succeeded");
    expect(run.action("Quick").status).toBe("Succeeded");
    expect(run.action("Late").status).toBe("Cancelled");
  });
});

describe("concurrent branches on the simulated clock", () => {
  it("a variable set on one branch is seen by the other only after it was set in simulated time", () => {
    const run = simulate(
      def({
        Init: { type: "InitializeVariable", inputs: { variables: [{ name: "state", type: "string", value: "start" }] }, runAfter: {} },
        Slow_set: wait(10, { Init: ["Succeeded"] }),
        Set: { type: "SetVariable", inputs: { name: "state", value: "set" }, runAfter: { Slow_set: ["Succeeded"] } },
        Read_early: { ...wait(5, { Init: ["Succeeded"] }) },
        Early: compose("@variables('state')", { Read_early: ["Succeeded"] }),
        Read_late: { ...wait(15, { Init: ["Succeeded"] }) },
        Late: compose("@variables('state')", { Read_late: ["Succeeded"] }),
      }),
    );
    expect(run.action("Early").outputs).toBe("start");
    expect(run.action("Late").outputs).toBe("set");
  });

  it("calls are recorded in simulated-time order across branches and iterations", () => {
    const call = (uri: string, runAfter: Record<string, string[]> = {}) => ({ type: "Http", inputs: { method: "GET", uri }, runAfter });
    const run = simulate(
      def({
        A1: call("https://a.contoso.com/1"),
        A2: call("https://a.contoso.com/2", { A1: ["Succeeded"] }),
        B1: call("https://b.contoso.com/1"),
        B2: call("https://b.contoso.com/2", { B1: ["Succeeded"] }),
      }),
      { mocks: [{ http: { uri: "https://a.contoso.com/*" }, response: { status: 200, delay: "PT10S" } }, { http: {}, response: { status: 200, delay: "PT3S" } }] },
    );
    expect(run.calls.map((c) => c.uri)).toEqual(["https://a.contoso.com/1", "https://b.contoso.com/1", "https://b.contoso.com/2", "https://a.contoso.com/2"]);
    expect(run.action("B2").endTime).toBe("2024-01-01T00:00:06.000Z");
    expect(run.action("A2").endTime).toBe("2024-01-01T00:00:20.000Z");
  });

  it("a retry made later in simulated time is recorded after another branch's earlier call", () => {
    const run = simulate(
      def({
        Flaky: { type: "Http", inputs: { method: "GET", uri: "https://flaky.contoso.com/x", retryPolicy: { type: "fixed", count: 1, interval: "PT10S" } }, runAfter: {} },
        Later: wait(5),
        Other: { type: "Http", inputs: { method: "GET", uri: "https://other.contoso.com/y" }, runAfter: { Later: ["Succeeded"] } },
      }),
      { mocks: [{ http: { uri: "https://flaky.contoso.com/*" }, responses: [{ status: 500 }, { status: 200 }] }, { http: {}, response: { status: 200 } }] },
    );
    // Flaky: attempt at 0 s, retry at 10 s; Other at 5 s.
    expect(run.calls.map((c) => c.uri)).toEqual(["https://flaky.contoso.com/x", "https://other.contoso.com/y", "https://flaky.contoso.com/x"]);
  });

  it("is deterministic: same input, same record", () => {
    const d = def({ A: wait(3), B: wait(3), C: compose("@utcNow()", { A: ["Succeeded"], B: ["Succeeded"] }) });
    expect(JSON.stringify(simulate(d))).toBe(JSON.stringify(simulate(d)));
    expect(simulate(d).action("C").outputs).toBe("2024-01-01T00:00:03.0000000Z");
  });
});
