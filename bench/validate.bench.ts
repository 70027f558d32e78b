/**
 * `validate` benchmarks:
 * - validate_corpus_files_per_s: every ../shared/corpus file, read once, validated from text (best of runs);
 * - validate_definitions_per_s: generated 30-action definitions with nested containers (goal ≥ 1,000);
 * - validate_cli_vs_node_ratio: wall time of `node lib/cli/main.js validate <corpus>` over `node -e 0`,
 *   alternated side by side in the same run, median of several repetitions (goal ≤ 4);
 *   validate_cli_ms and node_baseline_ms are the two medians;
 * - fuzz_cases / fuzz_crashes: 10^5 mutated corpus documents; a crash is a throw, an internal error, or a
 *   pointer that does not resolve (goal 0).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { validate, validateText } from "../validators";
import { applyMutations, checkContract, fuzzBases, mutationsArbitrary } from "../validators/fuzz";
import { WORKFLOW_SCHEMA } from "../wdl/definition";
import { type Metric, round } from "./metric";

const REPO = path.resolve(__dirname, "../..");
const CORPUS = path.resolve(REPO, "../shared/corpus");
const CLI = path.join(REPO, "lib/cli/main.js");

/** Corpus data files (INDEX.json excluded), sorted. */
function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".json") && name !== "INDEX.json") out.push(p);
    }
  };
  walk(CORPUS);
  return out;
}

/** Deterministic pseudo-random numbers (no Math.random in outputs or fixtures). */
function lcg(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Obj = Record<string, unknown>;

/**
 * A realistic definition with exactly `size` actions: a top-level chain of blocks (Compose, Http, SetVariable,
 * If, Foreach, Scope with a catch, Switch, Until), nested up to three levels, with expressions that reference
 * earlier actions, loop items, variables and parameters. Valid: `validate` reports nothing for it.
 */
export function generatedDefinition(seed: number, size = 30): Obj {
  const rnd = lcg(seed);
  let count = 0;
  const name = (label: string) => `${label}_${++count}`;
  const compose = (runAfter: Obj, ref?: string): [string, Obj] => [
    name("Compose"),
    { type: "Compose", inputs: { alert: ref ? `@body('${ref}')?['id']` : "@triggerBody()?['id']", count: "@variables('count')" }, runAfter },
  ];
  const http = (runAfter: Obj, ref?: string): [string, Obj] => [
    name("Call_api"),
    {
      type: "Http",
      inputs: {
        method: "POST",
        uri: "https://api.securitycenter.microsoft.com/api/machines/@{encodeURIComponent(triggerBody()?['machineId'])}/isolate",
        headers: { "Content-Type": "application/json" },
        body: { Comment: `@{parameters('comment')} ${ref ? `@{outputs('${ref}')}` : ""}`, IsolationType: "Full" },
        authentication: { type: "ManagedServiceIdentity", audience: "https://api.securitycenter.microsoft.com" },
      },
      runAfter,
    },
  ];
  const setVariable = (runAfter: Obj): [string, Obj] => [name("Count"), { type: "IncrementVariable", inputs: { name: "count", value: 1 }, runAfter }];
  const leaf = (runAfter: Obj, ref?: string): [string, Obj] => {
    const r = rnd();
    return r < 0.4 ? compose(runAfter, ref) : r < 0.7 ? http(runAfter, ref) : setVariable(runAfter);
  };
  /** A sequential chain of `n` leaves, the first starting its scope. */
  const chain = (n: number, ref?: string, itemOf?: string): Obj => {
    const out: Obj = {};
    let previous: string | undefined;
    for (let i = 0; i < n; i++) {
      const [k, v] = leaf(previous ? { [previous]: ["Succeeded"] } : {}, previous ?? ref);
      if (itemOf && v.type === "Compose") (v.inputs as Obj).item = `@items('${itemOf}')?['id']`;
      out[k] = v;
      previous = k;
    }
    return out;
  };

  const actions: Obj = {};
  const init = name("Initialize_count");
  actions[init] = { type: "InitializeVariable", inputs: { variables: [{ name: "count", type: "integer", value: 0 }] }, runAfter: {} };
  let last = init;
  const add = (k: string, v: Obj) => {
    actions[k] = v;
    last = k;
  };
  while (count < size) {
    const left = size - count;
    const after = { [last]: ["Succeeded"] };
    const pick = rnd();
    if (left >= 6 && pick < 0.2) {
      const loop = name("For_each_machine");
      const inner = chain(2, undefined, loop);
      const cond = name("If_high");
      inner[cond] = {
        type: "If",
        expression: { and: [{ equals: [`@items('${loop}')?['severity']`, "High"] }] },
        actions: chain(1),
        else: { actions: chain(1) },
        runAfter: { [Object.keys(inner)[1]!]: ["Succeeded"] },
      };
      add(loop, { type: "Foreach", foreach: "@triggerBody()?['machines']", actions: inner, runtimeConfiguration: { concurrency: { repetitions: 5 } }, runAfter: after });
    } else if (left >= 5 && pick < 0.4) {
      const scope = name("Try");
      add(scope, { type: "Scope", actions: chain(3, last), runAfter: after });
      const [k, v] = compose({ [scope]: ["Failed", "TimedOut"] });
      add(k, v);
    } else if (left >= 5 && pick < 0.55) {
      const sw = name("Switch_severity");
      add(sw, {
        type: "Switch",
        expression: "@triggerBody()?['severity']",
        cases: { High: { case: "High", actions: chain(2) }, Medium: { case: "Medium", actions: chain(1) } },
        default: { actions: chain(1) },
        runAfter: after,
      });
    } else if (left >= 4 && pick < 0.7) {
      const until = name("Until_done");
      const inner = chain(2);
      const first = Object.keys(inner)[0]!;
      add(until, {
        type: "Until",
        expression: `@or(equals(variables('count'), 10), equals(outputs('${first}'), null))`,
        limit: { count: 10, timeout: "PT10M" },
        actions: { ...inner, [name("Wait")]: { type: "Wait", inputs: { interval: { count: 5, unit: "Second" } }, runAfter: { [Object.keys(inner)[1]!]: ["Succeeded"] } } },
        runAfter: after,
      });
    } else if (left >= 4 && pick < 0.85) {
      const cond = name("Condition");
      add(cond, {
        type: "If",
        expression: `@greater(length(string(body('${last}'))), 0)`,
        actions: chain(2, last),
        else: { actions: chain(1) },
        runAfter: after,
      });
    } else {
      const [k, v] = leaf(after, last);
      add(k, v);
    }
  }
  return {
    $schema: WORKFLOW_SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: { comment: { type: "String", defaultValue: "Isolated by playbook-kit" } },
    triggers: { manual: { type: "Request", kind: "Http", inputs: { schema: { type: "object" } } } },
    actions,
    outputs: {},
  };
}

/** Count the actions of a definition, nested ones included. */
export function countActions(actions: unknown): number {
  if (actions === null || typeof actions !== "object") return 0;
  let n = 0;
  for (const a of Object.values(actions as Obj)) {
    const action = a as Obj;
    n += 1 + countActions(action.actions);
    if (action.else) n += countActions((action.else as Obj).actions);
    if (action.default) n += countActions((action.default as Obj).actions);
    if (action.cases) for (const c of Object.values(action.cases as Obj)) n += countActions((c as Obj).actions);
  }
  return n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Operations per second of `fn` over `items`: best of `runs` passes after a warm-up pass. */
function perSecond<T>(items: T[], fn: (item: T) => unknown, runs = 5): number {
  for (const item of items) fn(item);
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (const item of items) fn(item);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return items.length / best;
}

/** Wall time of one process, in milliseconds. */
function wallMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run(): Promise<Metric[]> {
  const texts = corpusFiles().map((f) => fs.readFileSync(f, "utf8"));
  const filesPerS = perSecond(texts, (t) => validateText(t).report);

  const definitions = Array.from({ length: 200 }, (_, i) => generatedDefinition(i + 1));
  for (const d of definitions.slice(0, 5)) {
    if (countActions(d.actions) !== 30 || validate(d).length) throw new Error("generated definitions must have 30 actions and validate cleanly");
  }
  const definitionsPerS = perSecond(definitions, (d) => validate(d));

  // Side by side: alternate the two commands so both see the same machine load.
  wallMs(["-e", "0"]);
  wallMs([CLI, "validate", CORPUS, "--format", "json"]);
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < 9; i++) {
    node.push(wallMs(["-e", "0"]));
    cli.push(wallMs([CLI, "validate", CORPUS]));
  }

  const docs: unknown[] = [];
  for (const text of texts) {
    try {
      docs.push(JSON.parse(text.replace(/^\uFEFF/, "")));
    } catch {
      // the invalid-JSON fixture has no document to mutate
    }
  }
  const bases = fuzzBases(docs);
  const cases = 100_000;
  let crashes = 0;
  fc.check(
    fc.property(mutationsArbitrary(bases), ({ base, mutations }) => {
      if (checkContract(applyMutations(bases[base]!, mutations)) !== undefined) crashes++;
      return true;
    }),
    { numRuns: cases, seed: 20261127 },
  );

  return [
    { metric: "validate_corpus_files_per_s", value: round(filesPerS, 1), unit: "files/s" },
    { metric: "validate_definitions_per_s", value: round(definitionsPerS, 1), unit: "definitions/s" },
    { metric: "validate_cli_vs_node_ratio", value: round(median(cli) / median(node), 2), unit: "ratio" },
    { metric: "validate_cli_ms", value: round(median(cli), 1), unit: "ms" },
    { metric: "node_baseline_ms", value: round(median(node), 1), unit: "ms" },
    { metric: "fuzz_cases", value: cases, unit: "cases" },
    { metric: "fuzz_crashes", value: crashes, unit: "cases" },
  ];
}
