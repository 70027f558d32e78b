/** Verifier benchmarks: the whole shipped catalog verified (each playbook with modes also as its audit build). */
import { catalog } from "../playbooks/catalog";
import { verify } from "../verifier";
import { round, type Metric } from "./metric";

/** Run the verifier benchmarks. */
export async function run(): Promise<Metric[]> {
  const playbooks = catalog.flatMap((e) => (e.hasModes ? [e.create(), e.create({ mode: "audit" })] : [e.create()]));
  let best = Infinity;
  let runs = 0;
  let cut = 0;
  for (let r = 0; r < 2; r++) {
    const start = process.hrtime.bigint();
    runs = 0;
    cut = 0;
    for (const p of playbooks) {
      const result = verify(p);
      runs += result.runs;
      if (!result.complete) cut++;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return [
    { metric: "verify_catalog_ms", value: round(best, 0), unit: "ms" },
    { metric: "verify_runs_per_s", value: round((runs / best) * 1000, 0), unit: "runs/s" },
    // What the time covers: the builds verified, and how many the budget cut (0 when every space was exhausted).
    { metric: "verify_catalog_builds", value: playbooks.length, unit: "builds" },
    { metric: "verify_catalog_cut", value: cut, unit: "builds" },
  ];
}
