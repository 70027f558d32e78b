/** Builder benchmarks: building 1,000 generated 30-action playbooks against serialising the same output. */
import { generatedPlaybook } from "./generated";
import { round, type Metric } from "./metric";

/** Run the builder benchmarks. */
export async function run(): Promise<Metric[]> {
  const n = 1000;
  const built = Array.from({ length: 50 }, (_, i) => generatedPlaybook(i)); // warm-up
  if (built.some((p) => p.actionCount !== 30)) throw new Error("generated playbooks must have 30 actions");
  const measure = (fn: () => void, repeat = 3): number => {
    let best = Infinity;
    for (let r = 0; r < repeat; r++) {
      const start = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best;
  };
  let outputs: unknown[] = [];
  const buildMs = measure(() => {
    outputs = [];
    for (let i = 0; i < n; i++) {
      const p = generatedPlaybook(i);
      p.render();
      outputs.push(p.definition);
    }
  });
  const serializeMs = measure(() => {
    for (const d of outputs) JSON.parse(JSON.stringify(d, null, 2));
  });
  return [
    { metric: "build_1000_ms", value: round(buildMs, 1), unit: "ms" },
    { metric: "serialize_1000_ms", value: round(serializeMs, 1), unit: "ms" },
    { metric: "build_vs_serialize_ratio", value: round(buildMs / serializeMs, 2), unit: "ratio" },
  ];
}
