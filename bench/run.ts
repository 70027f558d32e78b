/**
 * `npm run bench`: runs every `bench/*.bench.js` module in name order and prints one JSON line per
 * metric: {"metric","value","unit"}. Each module exports `run(): Promise<Metric[]>`.
 * `BENCH_ONLY=validate,simulate` limits the run to matching module names.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Metric } from "./metric";

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
  const modules = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.js"))
    .sort()
    .filter((f) => !only || only.some((o) => f.startsWith(o)));
  for (const file of modules) {
    const mod = require(path.join(__dirname, file)) as { run(): Promise<Metric[]> };
    for (const m of await mod.run()) process.stdout.write(`${JSON.stringify(m)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
