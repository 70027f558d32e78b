/**
 * The simulator's fuzz figures (beside the validator's fuzz_cases / fuzz_crashes):
 * - fuzz_simulate_cases / fuzz_simulate_crashes: random mutations of the corpus and catalog definitions, random
 *   trigger bodies and random answers to every call, under the default budget; a crash is a throw that is not a
 *   SimulationError, or a record that does not print (simulator/fuzz.ts).
 * - fuzz_simulate_slowest_ms: the slowest of those cases, so the default budget's cost on this machine is known.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { catalog } from "../playbooks/catalog";
import { checkSimulateContract, simulateCaseArbitrary } from "../simulator/fuzz";
import { decodeText } from "../validators/decode";
import { fuzzBases } from "../validators/fuzz";
import { round, type Metric } from "./metric";

const CORPUS = path.resolve(__dirname, "../..", "../shared/corpus");

function corpusDocuments(): unknown[] {
  const docs: unknown[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".json") && name !== "INDEX.json") {
        try {
          docs.push(JSON.parse(decodeText(fs.readFileSync(p)).text));
        } catch {
          // the invalid-JSON fixture has no document to mutate
        }
      }
    }
  };
  walk(CORPUS);
  return docs;
}

/** Run the simulator fuzz. */
export async function run(): Promise<Metric[]> {
  const bases = fuzzBases([...catalog.map((entry) => JSON.parse(entry.create().render()) as unknown), ...corpusDocuments()]);
  const cases = 10_000;
  let crashes = 0;
  let slowest = 0;
  for (const c of fc.sample(simulateCaseArbitrary(bases), { numRuns: cases, seed: 20261202 })) {
    const start = process.hrtime.bigint();
    if (checkSimulateContract(bases, c) !== undefined) crashes++;
    slowest = Math.max(slowest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return [
    { metric: "fuzz_simulate_cases", value: cases, unit: "cases" },
    { metric: "fuzz_simulate_crashes", value: crashes, unit: "cases" },
    { metric: "fuzz_simulate_slowest_ms", value: round(slowest, 1), unit: "ms" },
  ];
}
