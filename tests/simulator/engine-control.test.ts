import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { api, compose, def } from "./support";

describe("If", () => {
  const cond = (expression: unknown) =>
    def({
      Check: { type: "If", expression, actions: { Yes: compose("yes") }, else: { actions: { No: compose("no") } }, runAfter: {} },
      After: compose("@outputs('Check')", { Check: ["Succeeded"] }),
    });

  it("runs the true branch and skips the other", () => {
    const run = simulate(cond("@equals(triggerBody()?['severity'], 'High')"), { trigger: { body: { severity: "High" } } });
    expect(run.action("Yes").status).toBe("Succeeded");
    expect(run.action("No").status).toBe("Skipped");
    expect(run.action("No").code).toBe("ActionBranchingConditionNotSatisfied");
    expect(run.action("Check").status).toBe("Succeeded");
    expect(run.action("Check").inputs).toEqual({ expressionResult: true });
  });

  it("runs the else branch when false, and the If still Succeeded", () => {
    const run = simulate(cond("@equals(triggerBody()?['severity'], 'High')"), { trigger: { body: { severity: "Medium" } } });
    expect(run.action("Yes").status).toBe("Skipped");
    expect(run.action("No").status).toBe("Succeeded");
    expect(run.action("Check").status).toBe("Succeeded");
  });

  it("accepts the designer's structured condition form", () => {
    const structured = { and: [{ equals: ["@triggerBody()?['severity']", "High"] }, { not: { equals: ["@triggerBody()?['tag']", "@null"] } }] };
    expect(simulate(cond(structured), { trigger: { body: { severity: "High", tag: "x" } } }).action("Yes").status).toBe("Succeeded");
    expect(simulate(cond(structured), { trigger: { body: { severity: "High" } } }).action("No").status).toBe("Succeeded");
  });

  it("fails when a branch fails, and skips successors of the If", () => {
    const d = def({
      Check: { type: "If", expression: "@true", actions: { Call: api("wdatp", "get", "/x") }, runAfter: {} },
      After: compose(1, { Check: ["Succeeded"] }),
    });
    const run = simulate(d, { mocks: [{ connector: "wdatp", response: { status: 500 } }] });
    expect(run.action("Check").status).toBe("Failed");
    expect(run.action("Check").code).toBe("ActionFailed");
    expect(run.action("After").status).toBe("Skipped");
    expect(run.status).toBe("Failed");
  });

  it("a non-boolean condition fails the If", () => {
    const run = simulate(cond("@triggerBody()?['severity']"), { trigger: { body: { severity: "High" } } });
    expect(run.action("Check").status).toBe("Failed");
    expect(run.action("Check").code).toBe("InvalidTemplate");
  });
});

describe("Switch", () => {
  const sw = def({
    Route: {
      type: "Switch",
      expression: "@triggerBody()?['severity']",
      cases: {
        High: { case: "High", actions: { H: compose("h") } },
        Medium: { case: "Medium", actions: { M: compose("m") } },
        Three: { case: 3, actions: { T: compose("t") } },
      },
      default: { actions: { D: compose("d") } },
      runAfter: {},
    },
  });

  it("runs exactly the matching case and skips the others and the default", () => {
    const run = simulate(sw, { trigger: { body: { severity: "Medium" } } });
    expect(run.action("M").status).toBe("Succeeded");
    expect(run.action("H").status).toBe("Skipped");
    expect(run.action("T").status).toBe("Skipped");
    expect(run.action("D").status).toBe("Skipped");
    expect(run.action("Route").inputs).toEqual({ expressionValue: "Medium", case: "Medium" });
  });

  it("runs the default when no case matches; string cases are case-sensitive", () => {
    const run = simulate(sw, { trigger: { body: { severity: "medium" } } });
    expect(run.action("D").status).toBe("Succeeded");
    expect(run.action("M").status).toBe("Skipped");
  });

  it("matches numeric cases", () => {
    expect(simulate(sw, { trigger: { body: { severity: 3 } } }).action("T").status).toBe("Succeeded");
  });
});

describe("Scope", () => {
  it("rolls up: Succeeded when every branch succeeds; Failed when the final action fails; a catch scope handles it", () => {
    const d = def({
      Try: { type: "Scope", actions: { Call: api("wdatp", "get", "/x"), Use: compose("@body('Call')", { Call: ["Succeeded"] }) }, runAfter: {} },
      Catch: { type: "Scope", actions: { Report: compose("@result('Try')") }, runAfter: { Try: ["Failed", "TimedOut"] } },
    });
    const good = simulate(d, { mocks: [{ connector: "wdatp", response: { status: 200, body: { ok: true } } }] });
    expect(good.action("Try").status).toBe("Succeeded");
    expect(good.action("Catch").status).toBe("Skipped");
    expect(good.action("Report").status).toBe("Skipped");
    expect(good.status).toBe("Succeeded");

    const bad = simulate(d, { mocks: [{ connector: "wdatp", response: { status: 404, body: { error: { code: "NotFound" } } } }] });
    expect(bad.action("Try").status).toBe("Failed");
    expect(bad.action("Catch").status).toBe("Succeeded");
    const report = bad.action("Report").outputs as { name: string; status: string; code?: string }[];
    expect(report.map((r) => [r.name, r.status])).toEqual([
      ["Call", "Failed"],
      ["Use", "Skipped"],
    ]);
    expect(report[0]!.code).toBe("NotFound");
    expect(bad.status).toBe("Succeeded");
  });

  it("an empty scope succeeds", () => {
    expect(simulate(def({ S: { type: "Scope", actions: {}, runAfter: {} } })).action("S").status).toBe("Succeeded");
  });
});

describe("Terminate", () => {
  const term = (runStatus: string, runError?: unknown) =>
    def({
      First: compose(1),
      Stop: { type: "Terminate", inputs: { runStatus, ...(runError ? { runError } : {}) }, runAfter: { First: ["Succeeded"] } },
      Later: compose(2, { Stop: ["Succeeded"] }),
      Parallel: compose(3, { First: ["Succeeded"] }),
    });

  it("Failed with code and message fails the run and skips what had not run", () => {
    const run = simulate(term("Failed", { code: "IsolationFailed", message: "no luck" }));
    expect(run.status).toBe("Failed");
    expect(run.error).toEqual({ code: "IsolationFailed", message: "no luck" });
    expect(run.action("Stop").status).toBe("Succeeded");
    expect(run.action("Later").status).toBe("Skipped");
    expect(run.action("Later").code).toBe("RunTerminated");
    expect(run.action("Parallel").status).toBe("Skipped");
  });

  it("Cancelled and Succeeded set the run status (any casing)", () => {
    expect(simulate(term("Cancelled")).status).toBe("Cancelled");
    const ok = simulate(term("SUCCEEDED"));
    expect(ok.status).toBe("Succeeded");
    expect(ok.error).toBeUndefined();
  });

  // Terminate in a loop is refused before the run (tests/simulator/engine-refuse.test.ts).
});
