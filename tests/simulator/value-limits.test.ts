/**
 * Runaway values stop at a size bound (100 MB, the service's message size limit) with a LimitExceeded error on
 * the action that made them, instead of crashing the process ("Invalid string length") or producing a record no
 * one can print: a string variable appended to itself, concat(s, s) and createArray(a, a) doubling in a loop.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { createStaticContext, EvaluationError, evaluateString } from "../../simulator/expression/evaluate";
import { MAX_VALUE_CHARS } from "../../simulator/expression/limits";
import { def } from "./support";

/** Initialize `v`, then an Until (60 iterations) running `step` on it. */
function doubling(type: string, value: unknown, step: Record<string, unknown>) {
  return def({
    Init: { type: "InitializeVariable", inputs: { variables: [{ name: "v", type, value }] }, runAfter: {} },
    Loop: { type: "Until", expression: "@equals(1, 2)", limit: { count: 60, timeout: "PT1H" }, actions: { Grow: { ...step, runAfter: {} } }, runAfter: { Init: ["Succeeded"] } },
  });
}

/**
 * Every iteration's record holds its value, so a doubling loop's record passes the default characters budget
 * (400,000,000) before one value passes 100 MB (tests/simulator/engine-budget.test.ts): raised here to reach it.
 */
const LARGE = { budget: { characters: 4_000_000_000 } };

function firstFailure(run: ReturnType<typeof simulate>) {
  const failed = run.iterations("Loop").find((it) => it.actions.Grow!.status === "Failed");
  expect(failed).toBeDefined();
  return { index: failed!.index, error: failed!.actions.Grow!.error! };
}

describe("value size limits", () => {
  it("AppendToStringVariable of itself fails once the value would pass 100 MB; the run ends and prints", () => {
    const run = simulate(doubling("string", "ab", { type: "AppendToStringVariable", inputs: { name: "v", value: "@variables('v')" } }), LARGE);
    const { index, error } = firstFailure(run);
    // "ab" doubles each iteration: after iteration i it would hold 2^(i+2) characters.
    expect(index).toBe(Math.ceil(Math.log2(MAX_VALUE_CHARS)) - 2);
    expect(error.code).toBe("LimitExceeded");
    expect(error.message).toMatch(/variable 'v'.*104,857,600 characters/);
    expect(run.status).toBe("Failed");
  });

  it("SetVariable with concat(v, v) fails on the concat result", () => {
    const run = simulate(doubling("string", "ab", { type: "SetVariable", inputs: { name: "v", value: "@concat(variables('v'), variables('v'))" } }), LARGE);
    const { error } = firstFailure(run);
    expect(error.message).toMatch(/concat.*104,857,600 characters/);
  });

  it("createArray(a, a) doubling is measured through the shared parts and stops before the record becomes unprintable", () => {
    const run = simulate(doubling("array", ["x"], { type: "SetVariable", inputs: { name: "v", value: "@createArray(variables('v'), variables('v'))" } }), LARGE);
    const { error } = firstFailure(run);
    expect(error.code).toBe("LimitExceeded");
    expect(error.message).toMatch(/variable 'v'/);
  });

  it("an action whose outputs pass the bound fails with LimitExceeded (a Compose doubling through its own outputs)", () => {
    const run = simulate(
      def({
        Init: { type: "InitializeVariable", inputs: { variables: [{ name: "v", type: "array", value: [1] }] }, runAfter: {} },
        Loop: {
          type: "Until",
          expression: "@equals(1, 2)",
          limit: { count: 60, timeout: "PT1H" },
          actions: {
            Grow: { type: "Compose", inputs: ["@variables('v')", "@variables('v')"], runAfter: {} },
            Keep: { type: "SetVariable", inputs: { name: "v", value: "@outputs('Grow')" }, runAfter: { Grow: ["Succeeded"] } },
          },
          runAfter: { Init: ["Succeeded"] },
        },
      }),
      LARGE,
    );
    const { error } = firstFailure(run);
    expect(error.message).toMatch(/outputs of action 'Grow'.*100 MB/);
  });

  it("an expression result past the bound is an EvaluationError, not a crash", () => {
    const ctx = createStaticContext({ parameters: { s: "a".repeat(20_000) } });
    let caught: unknown;
    try {
      evaluateString("@replace(parameters('s'), 'a', parameters('s'))", ctx);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EvaluationError);
    expect((caught as EvaluationError).code).toBe("LimitExceeded");
    expect(() => evaluateString("@formatNumber(1, 'D999999999')", ctx)).toThrow(EvaluationError);
  });
});
