/**
 * `stack_program_dev_s`: wall time of the dev stack program under Pulumi mocks in a fresh `node` process —
 * start Node, load @pulumi/pulumi and the azure-native submodules, validate Pulumi.dev.yaml, build and register
 * every resource, resolve the outputs (`node lib/stacks/testing.js dev`). Median of 3 runs after one warm-up
 * (the warm-up fills the OS file cache, as on a developer's machine).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { round, type Metric } from "./metric";

const REPO = path.resolve(__dirname, "../..");
const PROGRAM = path.join(REPO, "lib/stacks/testing.js");

function once(): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [PROGRAM, "dev"], { cwd: REPO, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`the dev program failed under mocks: ${child.stderr || child.stdout}`);
  const summary = JSON.parse(child.stdout.trim()) as { resources: number };
  if (summary.resources < 10) throw new Error(`the dev program registered only ${summary.resources} resources`);
  return seconds;
}

/** Run the stack benchmark. */
export async function run(): Promise<Metric[]> {
  once();
  const runs = [once(), once(), once()].sort((a, b) => a - b);
  return [{ metric: "stack_program_dev_s", value: round(runs[1]!, 2), unit: "s" }];
}
