/**
 * `runAfter` as the builder says it: nothing for "after the previous step" (or for the first step of a scope),
 * `on` for another status of the previous step, `after: [a, b]` (+ `on`) for joins and error handlers. What
 * those cannot say exactly (mixed statuses per predecessor, a predecessor placed later or in another scope,
 * unknown names or statuses, an empty `runAfter` on a step that is not first, no `runAfter` at all) keeps the
 * `runAfter` member as written.
 */
import { RUN_AFTER_STATUSES, type Json, type RunAfterStatus } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";

/** How one step's run-after is written. */
export type RunAfterPlan =
  | { kind: "sequential"; statuses: RunAfterStatus[] }
  | { kind: "after"; targets: string[]; statuses: RunAfterStatus[] }
  | { kind: "raw"; value: Json | undefined };

/** Statuses in canonical casing and order, or undefined when one is not a status. */
function canonical(list: unknown): RunAfterStatus[] | undefined {
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === "string")) return undefined;
  const lower = new Set((list as string[]).map((s) => s.toLowerCase()));
  const out = RUN_AFTER_STATUSES.filter((s) => lower.has(s.toLowerCase()));
  return out.length === lower.size ? out : undefined;
}

/** The plan of every action of one scope, in the order the actions are placed. */
export function planRunAfter(actions: Obj): Map<string, RunAfterPlan> {
  const plans = new Map<string, RunAfterPlan>();
  const placed: string[] = [];
  for (const [name, action] of Object.entries(actions)) {
    const runAfter = isObject(action) ? (action.runAfter as Json | undefined) : undefined;
    plans.set(name, plan(runAfter, placed, actions));
    placed.push(name);
  }
  return plans;
}

function plan(runAfter: Json | undefined, placed: readonly string[], actions: Obj): RunAfterPlan {
  const raw: RunAfterPlan = { kind: "raw", value: runAfter };
  if (!isObject(runAfter)) return raw;
  const entries = Object.entries(runAfter);
  if (entries.length === 0) return placed.length === 0 ? { kind: "sequential", statuses: ["Succeeded"] } : raw;
  const lists = entries.map(([, s]) => canonical(s));
  const first = lists[0];
  if (!first || lists.some((l) => !l || l.join() !== first.join())) return raw;
  // Targets in placement order, so the code does not depend on the source's key order.
  const targets = entries.map(([t]) => t);
  if (!targets.every((t) => placed.includes(t))) return raw;
  targets.sort((a, b) => placed.indexOf(a) - placed.indexOf(b));
  const last = placed[placed.length - 1];
  const lastIsTerminate = last !== undefined && isObject(actions[last]) && (actions[last] as Obj).type === "Terminate";
  if (targets.length === 1 && targets[0] === last && !lastIsTerminate) return { kind: "sequential", statuses: first };
  return { kind: "after", targets, statuses: first };
}

/**
 * The actions of one scope in run order: each placed after the steps its `runAfter` names (stable: among the
 * steps ready to place, the one listed first). Key order is free in a definition, and a playbook reads best in the
 * order it runs; on a list already in run order this is the identity, so a second import keeps it.
 */
export function runOrder(actions: Obj): Obj {
  const names = Object.keys(actions);
  const preds = new Map(names.map((n) => {
    const runAfter = isObject(actions[n]) ? (actions[n] as Obj).runAfter : undefined;
    return [n, isObject(runAfter) ? Object.keys(runAfter).filter((t) => t !== n && Object.hasOwn(actions, t)) : []] as const;
  }));
  const placed = new Set<string>();
  const out: Obj = {};
  while (placed.size < names.length) {
    const next = names.find((n) => !placed.has(n) && preds.get(n)!.every((p) => placed.has(p))) ?? names.find((n) => !placed.has(n))!;
    placed.add(next);
    out[next] = actions[next];
  }
  return out;
}
