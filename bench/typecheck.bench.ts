/**
 * The type check `build` runs on an author's playbooks, against plain `tsc --noEmit` on the same files:
 * - build_typecheck_10_playbooks_ms: a fresh `node` process running the build's type-check step
 *   (`typeCheck` of project/typecheck: one Program, the project's tsconfig, in-memory CommonJS emit) on ten
 *   playbook files of a project made like `init` makes one (`playbook-kit` installed in node_modules);
 * - tsc_noemit_10_playbooks_ms: `tsc --noEmit -p tsconfig.json` in the same project (its tsconfig includes
 *   exactly the ten files);
 * - build_typecheck_vs_tsc_ratio: the first over the second (goal ≤ 1.2);
 * - build_typecheck_warm_10_playbooks_ms: the same step in a fresh process when its result cache
 *   (project/typecheck-cache.ts) holds a clean check of the unchanged files — TypeScript is not loaded. The
 *   three figures above are cold: they run without a cache.
 * Both are medians of 5 alternated runs after one warm-up of each (Node start and TypeScript load included in both).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { round, type Metric } from "./metric";

const REPO = path.resolve(__dirname, "../..");
const TSC = path.join(REPO, "node_modules", "typescript", "lib", "tsc.js");
const TYPECHECK = path.join(REPO, "lib", "project", "typecheck.js");
const TEMPLATE = path.join(REPO, "project", "init", "template");

/** Ten variants of the init sample playbook (names, labels and tags differ, so nothing is shared by accident). */
function playbookSource(i: number): string {
  const sample = fs.readFileSync(path.join(TEMPLATE, "playbooks", "triage-alert.ts"), "utf8");
  return sample.replace(/triage-alert/g, `triage-alert-${i}`).replace(/"needs-review"/g, `"needs-review-${i}"`).replace(/"Get alert"/g, `"Get alert ${i}"`);
}

/** A project with ten playbooks, the init tsconfig (its `include` narrowed to them) and the kit linked as installed. */
function makeProject(): { root: string; files: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pk-bench-typecheck-"));
  fs.mkdirSync(path.join(root, "playbooks"));
  fs.mkdirSync(path.join(root, "node_modules"));
  fs.symlinkSync(REPO, path.join(root, "node_modules", "playbook-kit"), "dir");
  const files: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const file = path.join(root, "playbooks", `triage-alert-${i}.ts`);
    fs.writeFileSync(file, playbookSource(i));
    files.push(file);
  }
  const tsconfig = JSON.parse(fs.readFileSync(path.join(TEMPLATE, "tsconfig.json"), "utf8")) as { include: string[] };
  tsconfig.include = ["playbooks"];
  fs.writeFileSync(path.join(root, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  fs.writeFileSync(path.join(root, "playbook-kit.json"), `${JSON.stringify({ playbooks: ["playbooks"] })}\n`);
  return { root, files };
}

/** Wall time of one process in ms; throws when it fails (a bench of a failing check measures nothing). */
function timed(args: string[], cwd: string, what: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${what} failed (exit ${String(r.status)}): ${r.stderr || r.stdout}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Run the type-check benchmark. */
export async function run(): Promise<Metric[]> {
  const { root, files } = makeProject();
  try {
    const cacheDir = path.join(root, "node_modules", ".cache", "playbook-kit");
    /** The step as a script: with the cache folder or without, and whether its result must come from the cache. */
    const script = (cache: boolean, fromCache: boolean) => `const r = require(${JSON.stringify(TYPECHECK)}).typeCheck(${JSON.stringify(files)}, { root: ${JSON.stringify(root)}${cache ? `, cacheDir: ${JSON.stringify(cacheDir)}` : ""} });
if (r.problems.length || r.compiled.size !== ${files.length} || r.cached !== ${String(fromCache)}) { console.error(JSON.stringify(r.problems), r.cached); process.exit(1); }`;
    const check = () => timed(["-e", script(false, false)], root, "the build's type check");
    const tsc = () => timed([TSC, "--noEmit", "-p", "tsconfig.json"], root, "tsc --noEmit");
    check();
    tsc();
    const checks: number[] = [];
    const tscs: number[] = [];
    for (let i = 0; i < 5; i++) {
      checks.push(check());
      tscs.push(tsc());
    }
    const a = median(checks);
    const b = median(tscs);
    timed(["-e", script(true, false)], root, "priming the cache");
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(timed(["-e", script(true, true)], root, "the build's type check (warm cache)"));
    return [
      { metric: "build_typecheck_10_playbooks_ms", value: Math.round(a), unit: "ms" },
      { metric: "tsc_noemit_10_playbooks_ms", value: Math.round(b), unit: "ms" },
      { metric: "build_typecheck_vs_tsc_ratio", value: round(a / b, 2), unit: "ratio" },
      { metric: "build_typecheck_warm_10_playbooks_ms", value: Math.round(median(warm)), unit: "ms" },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
