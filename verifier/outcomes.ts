/**
 * Outcome classes per call action: the six outcomes a call can have, folded into the classes the definition can
 * tell apart. A run sees a call through its body, its record (status, status code, retry history) and the
 * runAfter conditions on it; outcomes that agree on all three lead to the same run, so only one of them is tried:
 * - 400, 404 and 500 differ only in the status code and the error body: one class (400) unless the record or the
 *   whole body is read;
 * - a timeout differs from a failure only where a runAfter lists Failed without TimedOut (or the reverse) or the
 *   record is read (a scope rolls both up to Failed);
 * - 429 then success differs from success only in the record (the retry policy answers it), or when the action
 *   sets its own retry policy.
 */
import { isObject, walkActions } from "../wdl";
import type { ReadSet } from "./reads";

/** Outcome classes of a call, the default first. */
export const OUTCOMES = ["success", "400", "404", "429 then success", "500 after retries", "timeout"] as const;

/** Indices into OUTCOMES: the outcomes worth trying for each call action (absent: all six). */
export type OutcomeClasses = ReadonlyMap<string, readonly number[]>;

const ALL = [0, 1, 2, 3, 4, 5] as const;

/** True when a runAfter condition on `name` waits for exactly one of Failed and TimedOut. */
function splitsFailure(conditions: ReadonlyMap<string, string[][]>, name: string): boolean {
  return (conditions.get(name) ?? []).some((statuses) => statuses.includes("Failed") !== statuses.includes("TimedOut"));
}

/** Whether a body read could see an error answer's content: the whole body, or a path under `error`. */
function readsErrorBody(reads: ReadSet, name: string): boolean {
  const paths = reads.sources.get(name);
  if (!paths) return false;
  for (const key of paths.keys()) if (key === "" || key === "error" || key.startsWith("error/")) return true;
  return false;
}

/** The outcome classes of every action of `definition`, from what it reads and how its runAfter conditions wait. */
export function outcomeClassesOf(definition: Record<string, unknown>, reads: ReadSet): OutcomeClasses {
  const conditions = new Map<string, string[][]>();
  const retries = new Set<string>();
  const names: string[] = [];
  walkActions(definition.actions, "/actions", (v) => {
    names.push(v.name);
    if (isObject(v.action.inputs) && "retryPolicy" in v.action.inputs) retries.add(v.name);
    if (!isObject(v.action.runAfter)) return;
    for (const [pred, statuses] of Object.entries(v.action.runAfter)) {
      if (Array.isArray(statuses)) conditions.set(pred, [...(conditions.get(pred) ?? []), statuses.map(String)]);
    }
  });
  const out = new Map<string, readonly number[]>();
  for (const name of names) {
    if (reads.anyResult || reads.records.has(name)) {
      out.set(name, ALL);
      continue;
    }
    const classes = [0];
    if (retries.has(name)) classes.push(3);
    classes.push(1);
    if (readsErrorBody(reads, name)) classes.push(2, 4);
    if (splitsFailure(conditions, name)) classes.push(5);
    out.set(name, classes.sort((a, b) => a - b));
  }
  return out;
}
