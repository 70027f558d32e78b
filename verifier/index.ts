/**
 * `verify(playbook)`: explore every path a playbook can take — parameters, trigger payloads and each call's
 * outcome, generated from the catalogue's shapes and varied where the definition reads them — and check the
 * properties on every run. Each violation carries a shrunk counterexample `{trigger, mocks, params}` in the
 * formats `simulate --trigger/--mocks/--params` read.
 */
import type { Playbook } from "../playbooks/kit";
import { isObject } from "../wdl";
import { Chooser, nextPrefix } from "./choices";
import { exploreRun, subjectOf, type Subject } from "./explore";
import { BUILTIN_PROPERTIES } from "./properties";
import { authorProperties } from "./properties/author";
import { replayMocks, type ExploredRun, type Property } from "./run";
import { textLines } from "../errors";

export type { Property, ExploredRun, ExploredCall, Finding } from "./run";
export { BUILTIN_PROPERTIES } from "./properties";
export { authorProperty } from "./properties/author";
export { replay, type Scenario, type ReplayResult } from "./replay";
export { verifyMarkdown } from "./markdown";
import type { Scenario } from "./replay";

/** Default runs per playbook. */
export const DEFAULT_VERIFY_BUDGET = 20000;

/** Options of `verify`. */
export interface VerifyOptions {
  /** Most runs to make (default 20000); `complete` is false when it cut the space. */
  budget?: number;
  /** Extra properties, checked after the built-in ones and those the playbook declares (`definePlaybook({ properties })`). */
  properties?: readonly Property[];
  /** What a replay command names: the file or project playbook name the playbook was given as. */
  source?: string;
  /** Parameter values that replace the definition's defaults (an environment's); counterexamples state them. */
  parameters?: Readonly<Record<string, unknown>>;
  /** Non-default data choices per run (default 1). */
  maxDeviations?: number;
}

/** One violated property, with the shrunk run that shows it. */
export interface Violation {
  property: string;
  message: string;
  /** Actions that ran, in order, up to the offending one. */
  path: string[];
  /** The offending action (the call or expression at fault). */
  action?: string;
  scenario: Scenario;
}

/** What `verify` found for one playbook. */
export interface VerifyResult {
  name: string;
  runs: number;
  pruned: number;
  /** False when the budget cut the space. */
  complete: boolean;
  /** Distinct paths (sequences of actions run) among the runs. */
  paths: number;
  /** The build explored: `audit` for a playbook built with `withMode(p, "audit")`. */
  mode: "enforce" | "audit";
  /** The property codes checked, built-in first. */
  properties: string[];
  /** What to name in a replay command (a file or a project playbook name); the name when not set. */
  source?: string;
  coverage: { actions: { reached: number; total: number }; branches: { taken: number; total: number } };
  violations: Violation[];
  /** True when no property was violated (for `expect(result.ok).toBe(true)`). */
  readonly ok: boolean;
  /** The property codes violated. */
  readonly codes: string[];
}

/** The actions that ran, in order, up to and including `offending` when it is among them. */
function pathOf(run: ExploredRun, offending: string | undefined): string[] {
  const order = [...run.record.declaredActions().keys()];
  const ran = Object.entries(run.record.actions)
    .filter(([, r]) => r.status !== "Skipped")
    .sort((a, b) => a[1].startTime.localeCompare(b[1].startTime) || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([n]) => n);
  const at = offending === undefined ? -1 : ran.indexOf(offending);
  return at < 0 ? ran : ran.slice(0, at + 1);
}

function scenarioOf(run: ExploredRun): Scenario {
  return { ...(run.trigger ? { trigger: run.trigger } : {}), mocks: replayMocks(run), params: run.scenarioParams };
}

/** Greedy shrinking: drop each non-default choice while the same property still fails. */
function shrink(subject: Subject, run: ExploredRun, property: Property): ExploredRun {
  let best = run;
  let keyed = new Map(run.trail.filter((c) => c.value !== 0).map((c) => [c.key, c.value]));
  for (const key of [...keyed.keys()]) {
    const trial = new Map(keyed);
    trial.delete(key);
    const again = exploreRun(subject, new Chooser([], trial, Infinity));
    if (property.check(again)) {
      keyed = trial;
      best = again;
    }
  }
  return best;
}

/** Explore a playbook (or a definition) and check every property on every run. */
export function verify(target: Playbook | Record<string, unknown>, options: VerifyOptions = {}): VerifyResult {
  const { name, subject: plain } = subjectOf(target);
  const subject: Subject = options.parameters ? { ...plain, parameterValues: options.parameters } : plain;
  const budget = options.budget ?? DEFAULT_VERIFY_BUDGET;
  const properties = [...BUILTIN_PROPERTIES, ...authorProperties(target), ...(options.properties ?? [])];
  const maxDeviations = options.maxDeviations ?? 1;
  const found = new Map<string, ExploredRun>();
  const reached = new Set<string>();
  const branches = new Set<string>();
  const paths = new Set<string>();
  let prefix: number[] | undefined = [];
  let runs = 0;
  let pruned = 0;
  while (prefix && runs < budget) {
    const chooser = new Chooser(prefix, undefined, maxDeviations);
    const run = exploreRun(subject, chooser);
    runs++;
    pruned += chooser.pruned;
    let path = "";
    for (const [n, r] of Object.entries(run.record.actions)) {
      if (r.status === "Skipped") continue;
      path += `${n}\u0000`;
      reached.add(n);
      const result = isObject(r.inputs) ? r.inputs.expressionResult : undefined;
      if (typeof result === "boolean") branches.add(`${n}:${result}`);
    }
    paths.add(path);
    for (const p of properties) if (!found.has(p.code) && p.check(run)) found.set(p.code, run);
    prefix = nextPrefix(chooser.trail);
  }
  const declared = exploreDeclared(subject);
  const violations: Violation[] = [];
  for (const p of properties) {
    const run = found.get(p.code);
    if (!run) continue;
    const small = shrink(subject, run, p);
    const finding = p.check(small)!;
    violations.push({ property: p.code, message: finding.message, path: pathOf(small, finding.action), ...(finding.action ? { action: finding.action } : {}), scenario: scenarioOf(small) });
  }
  const result = {
    name,
    runs,
    paths: paths.size,
    pruned,
    mode: subject.audit ? ("audit" as const) : ("enforce" as const),
    properties: properties.map((p) => p.code),
    ...(options.source ? { source: options.source } : {}),
    complete: prefix === undefined,
    coverage: { actions: { reached: reached.size, total: declared.actions }, branches: { taken: branches.size, total: declared.branches } },
    violations,
  };
  return Object.defineProperties(result, {
    ok: { get: () => violations.length === 0, enumerable: false },
    codes: { get: () => violations.map((v) => v.property), enumerable: false },
  }) as VerifyResult;
}

function exploreDeclared(subject: Subject): { actions: number; branches: number } {
  let actions = 0;
  let branches = 0;
  const visit = (map: unknown) => {
    if (!isObject(map)) return;
    for (const a of Object.values(map)) {
      if (!isObject(a)) continue;
      actions++;
      if (typeof a.type === "string" && a.type.toLowerCase() === "if") branches += 2;
      visit(a.actions);
      if (isObject(a.else)) visit(a.else.actions);
      if (isObject(a.default)) visit(a.default.actions);
      if (isObject(a.cases)) for (const c of Object.values(a.cases)) if (isObject(c)) visit(c.actions);
    }
  };
  visit(subject.definition.actions);
  return { actions, branches };
}

/** The JSON report of several results (`--format json`). */
export function verifyJson(results: readonly VerifyResult[]): string {
  return `${JSON.stringify({ playbooks: results.map((r) => ({ name: r.name, runs: r.runs, paths: r.paths, pruned: r.pruned, complete: r.complete, coverage: r.coverage, violations: r.violations })) }, null, 2)}\n`;
}

/** The text report: one block per playbook with coverage, the properties checked and each violation. */
export function verifyText(results: readonly VerifyResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.name}: ${r.violations.length ? `${r.violations.length} violation(s)` : "clean"}`);
    lines.push(`  runs ${r.runs}${r.complete ? " (space exhausted)" : " (budget cut the space: raise --budget)"}, paths ${r.paths}, pruned ${r.pruned}`);
    lines.push(`  actions reached ${r.coverage.actions.reached}/${r.coverage.actions.total}, branches taken ${r.coverage.branches.taken}/${r.coverage.branches.total}`);
    lines.push(`  properties: ${r.properties.join(", ")}`);
    for (const v of r.violations) {
      lines.push(`  ✗ ${v.property}: ${v.message}`);
      lines.push(`    path: ${v.path.join(" → ")}`);
      if (v.action) lines.push(`    offending: ${v.action}`);
      lines.push(`    scenario: ${JSON.stringify(v.scenario)}`);
      lines.push(`    replay: ${replayCommand(r, v)}`);
    }
  }
  return textLines(lines);
}

/** How to replay a violation: the simulate command over the scenario's parts saved as files. */
function replayCommand(r: VerifyResult, v: Violation): string {
  const files = [...(v.scenario.trigger ? ["--trigger trigger.json"] : []), "--mocks mocks.json", "--params params.json"];
  const save = `save the scenario's ${v.scenario.trigger ? "trigger, mocks and params" : "mocks and params"} as ${v.scenario.trigger ? "trigger.json, " : ""}mocks.json and params.json`;
  if (r.mode === "audit") return `${save}, then replay(withMode(playbook, "audit"), scenario) from playbook-kit (simulate runs the enforce build)`;
  return `${save}, then playbook-kit simulate ${r.source ?? r.name} ${files.join(" ")}`;
}
