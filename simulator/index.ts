/**
 * The simulator: run a workflow definition (or a workflow resource, or an ARM template) locally against
 * mocked connectors, on a simulated clock, and get a run record.
 *
 * ```ts
 * const run = simulate(definition, {
 *   trigger: { body: { id: "da1", machineId: "m1" } },
 *   mocks: [{ connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: { severity: "High" } } }],
 * });
 * expect(run.action("Isolate_machine").status).toBe("Succeeded");
 * ```
 */
import { simulateAll } from "./engine";
import { SimulationError } from "./errors";
import type { RunRecord } from "./record";
import type { SimulateOptions } from "./types";

export { DEFAULT_NOW, simulateAll } from "./engine";
export { SimulationError } from "./errors";
export { DEFAULT_BUDGET, SimulationBudgetError, type BudgetKind, type BudgetLoop, type SimulationBudget } from "./budget";
export type { SimulationErrorCode } from "./errors";
export { RunRecord } from "./record";
export { SECURED } from "./actions/calls";
export { compilePattern, matchPattern } from "./mocks";
export { formatRunText } from "./text";
export { triggerOf } from "./trigger-of";
export { parseMockFile } from "./mock-file";
export { mocks, type TypedMocks, type TypedReply, type TypedResponse, type OperationMock, type DeepPartial, type ErrorBody } from "./typed-mocks";
export * from "./types";

/**
 * Run once and return the run record. With a `splitOn` trigger that yields other than one item, use
 * `simulateAll()` (one record per item); here that is a `SimulationError`.
 */
export function simulate(target: unknown, options: SimulateOptions = {}): RunRecord {
  const runs = simulateAll(target, options);
  if (runs.length !== 1) {
    throw new SimulationError("InvalidOptions", `The trigger's splitOn produced ${runs.length} runs; call simulateAll() to get one record per run.`);
  }
  return runs[0]!;
}
