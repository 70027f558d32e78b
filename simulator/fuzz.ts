/**
 * The simulator's fuzz contract, for the property test and `npm run bench`: random mutations of real definitions
 * (the validator's mutations), random trigger bodies and random catch-all mocks. `simulate()` returns a record
 * that prints as JSON and as text, or throws `SimulationError` (budget errors included); anything else is a crash.
 * Test and bench code only: it imports fast-check, a devDependency. `simulate` itself never loads it.
 */
import fc from "fast-check";
import { applyMutations, mutationsArbitrary, type FuzzBase, type Mutation } from "../validators/fuzz";
import { SimulationError } from "./errors";
import { simulate } from "./index";
import { formatRunText } from "./text";
import type { SimulationBudget } from "./budget";
import type { Mock, MockResponse } from "./types";

/** One fuzz case: a mutated base definition, a trigger and what every call answers. */
export interface SimulateCase {
  base: number;
  mutations: Mutation[];
  trigger: { headers?: Record<string, unknown>; body?: unknown };
  response: MockResponse;
}

/** Trigger bodies: plain JSON, or alert-shaped objects with random field values (so conditions take both ways). */
const triggerBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.constant("da1"), fc.integer()),
      machineId: fc.oneof(fc.string(), fc.constant("m1"), fc.constant(null)),
      severity: fc.constantFrom("High", "Medium", "Low", "Informational", "UnSpecified", "high", ""),
      value: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
      properties: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  ),
);

const response: fc.Arbitrary<MockResponse> = fc.record(
  {
    status: fc.constantFrom(200, 201, 202, 204, 400, 401, 404, 408, 429, 500, 503),
    body: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ value: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }) })),
    headers: fc.constantFrom(undefined, { "Retry-After": "1" }, { "Content-Type": "application/json" }),
    delay: fc.constantFrom(undefined, 0, "PT1S", "PT10M"),
  },
  { requiredKeys: ["status"] },
);

/** Random cases over the given bases. */
export function simulateCaseArbitrary(bases: FuzzBase[]): fc.Arbitrary<SimulateCase> {
  return fc
    .tuple(mutationsArbitrary(bases), fc.record({ headers: fc.constantFrom(undefined, {}, { "Content-Type": "application/json" }), body: triggerBody }, { requiredKeys: ["body"] }), response)
    .map(([{ base, mutations }, trigger, reply]) => ({ base, mutations, trigger, response: reply }));
}

/** Mocks that answer every kind of call with `response`. */
export function catchAllMocks(reply: MockResponse): Mock[] {
  return [{ connector: "*", response: reply }, { http: {}, response: reply }, { function: {}, response: reply }, { workflow: {}, response: reply }, { serviceProvider: {}, response: reply }];
}

/** Run one case and describe a contract breach (undefined when all is well). */
export function checkSimulateContract(bases: FuzzBase[], c: SimulateCase, budget?: SimulationBudget): string | undefined {
  const doc = applyMutations(bases[c.base]!, c.mutations);
  let run;
  try {
    run = simulate(doc, { trigger: c.trigger, mocks: catchAllMocks(c.response), ...(budget ? { budget } : {}) });
  } catch (error) {
    if (error instanceof SimulationError) return undefined;
    return `simulate threw ${error instanceof Error ? error.stack : String(error)}`;
  }
  try {
    JSON.stringify(run);
    formatRunText(run);
  } catch (error) {
    return `the record does not print: ${error instanceof Error ? error.stack : String(error)}`;
  }
  return undefined;
}
