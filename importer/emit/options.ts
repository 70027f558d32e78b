/** The options object of a step statement: the exact name when the label cannot give it, and its run-after. */
import { arr, obj, type Code } from "../code";
import { stepLabel } from "../names";
import type { RunAfterPlan } from "./run-after";
import { literal } from "./value";

/** `"Failed"` or `["Failed", "TimedOut"]`. */
function statusesCode(statuses: readonly string[]): Code {
  return statuses.length === 1 ? JSON.stringify(statuses[0]) : arr(statuses.map((s) => JSON.stringify(s)));
}

/** The label and the options of a step: its run-after plan written with the handles in `ids`. */
export function stepOptions(name: string, plan: RunAfterPlan, ids: ReadonlyMap<string, string>, extra: readonly [string, Code][] = []): { label: string; options: Code | undefined } {
  const { label, name: exact } = stepLabel(name);
  const entries: [string, Code][] = [];
  if (exact !== undefined) entries.push(["name", JSON.stringify(exact)]);
  entries.push(...extra);
  const onlySucceeded = plan.kind !== "raw" && plan.statuses.length === 1 && plan.statuses[0] === "Succeeded";
  if (plan.kind === "raw") entries.push(["runAfter", plan.value === undefined ? "false" : literal(plan.value)]);
  else if (plan.kind === "after") {
    const handles = plan.targets.map((t) => ids.get(t)!);
    entries.push(["after", handles.length === 1 ? handles[0]! : arr(handles)]);
  }
  if (plan.kind !== "raw" && !onlySucceeded) entries.push(["on", statusesCode(plan.statuses)]);
  return { label, options: entries.length ? obj(entries) : undefined };
}
