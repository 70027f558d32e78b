/**
 * Fuzz: 10^4 random mutations of the corpus documents. `validate` never throws, never reports an internal error,
 * and every diagnostic's pointer resolves in the mutated document. (`npm run bench` runs 10^5.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMutations, checkContract, fuzzBases, mutationsArbitrary } from "../../validators/fuzz";
import { corpusFiles, readJson } from "../support/paths";

function corpusDocuments(): unknown[] {
  const docs: unknown[] = [];
  for (const file of corpusFiles()) {
    try {
      docs.push(readJson(file));
    } catch {
      // the invalid-JSON fixture has no document to mutate
    }
  }
  return docs;
}

describe("fuzz", () => {
  const bases = fuzzBases(corpusDocuments());

  it("10^4 mutated corpus documents: no throw, no internal error, every pointer resolves", () => {
    fc.assert(
      fc.property(mutationsArbitrary(bases), ({ base, mutations }) => {
        const doc = applyMutations(bases[base]!, mutations);
        expect(checkContract(doc)).toBeUndefined();
      }),
      { numRuns: 10_000, seed: 20261127 },
    );
  }, 300_000);

  it("the mutations really change what validate reports", () => {
    let changed = 0;
    fc.assert(
      fc.property(mutationsArbitrary(bases), ({ base, mutations }) => {
        const doc = applyMutations(bases[base]!, mutations);
        if (JSON.stringify(doc) !== JSON.stringify(bases[base]!.doc)) changed++;
      }),
      { numRuns: 200, seed: 5 },
    );
    expect(changed).toBeGreaterThan(150);
  });
});
