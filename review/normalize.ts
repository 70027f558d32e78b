/**
 * The canonical form two builds are compared in: what the Logic Apps service treats as the same definition
 * compares equal. Object key order never matters; `runAfter` statuses are compared lower-cased, without repeats and
 * in canonical order; a missing `runAfter` is the same as an empty one.
 */
import { isObject, type Obj } from "../wdl";

const STATUS_ORDER = ["succeeded", "failed", "skipped", "timedout"];
const STATUS_NAMES: Record<string, string> = { succeeded: "Succeeded", failed: "Failed", skipped: "Skipped", timedout: "TimedOut" };

/** A JSON value with every object's keys sorted (arrays keep their order: it is meaningful). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** Canonical JSON text of a value (keys sorted): equal texts mean equal values. */
export function canonicalText(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

/** A `runAfter` map in canonical form: predecessors sorted, statuses in canonical order and casing. */
export function normalizeRunAfter(runAfter: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isObject(runAfter)) return out;
  for (const name of Object.keys(runAfter).sort()) {
    const raw = runAfter[name];
    const given = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === "string").map((s) => s.toLowerCase()) : [];
    const known = STATUS_ORDER.filter((s) => given.includes(s)).map((s) => STATUS_NAMES[s]!);
    const unknown = [...new Set(given.filter((s) => !STATUS_ORDER.includes(s)))].sort();
    out[name] = [...known, ...unknown];
  }
  return out;
}

/** `A` for `{A: [Succeeded]}`, `A (Failed, TimedOut)` otherwise; entries joined with ", ". */
export function describeRunAfter(runAfter: Record<string, string[]>): string {
  const parts = Object.entries(runAfter).map(([name, statuses]) => (statuses.length === 1 && statuses[0] === "Succeeded" ? name : `${name} (${statuses.join(", ") || "no status"})`));
  return parts.length ? parts.join(", ") : "start of its scope";
}
