/**
 * Property (issue 15): random definitions (mutated corpus and catalog definitions) with random trigger bodies and
 * random answers to every call never make simulate() throw anything but SimulationError, and the record always
 * prints. A small budget keeps it fast and drives runs into the budget errors too; `npm run bench` runs 10^4 cases
 * with the default budget (fuzz_simulate_cases, fuzz_simulate_crashes, fuzz_simulate_slowest_ms).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalog } from "../../playbooks/catalog";
import { checkSimulateContract, simulateCaseArbitrary } from "../../simulator/fuzz";
import { fuzzBases } from "../../validators/fuzz";
import { corpusFiles, readJson } from "../support/paths";

function documents(): unknown[] {
  const docs: unknown[] = catalog.map((entry) => JSON.parse(entry.create().render()));
  for (const file of corpusFiles()) {
    try {
      docs.push(readJson(file));
    } catch {
      // the invalid-JSON fixture has no document to mutate
    }
  }
  return docs;
}

describe("simulate fuzz", () => {
  const bases = fuzzBases(documents());

  it("random definitions, trigger bodies and call answers: a record or a SimulationError, nothing else", () => {
    fc.assert(
      fc.property(simulateCaseArbitrary(bases), (c) => {
        expect(checkSimulateContract(bases, c, { actions: 5_000, records: 5_000 })).toBeUndefined();
      }),
      { numRuns: 400, seed: 20261202 },
    );
  }, 120_000);
});
