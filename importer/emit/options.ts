/** The options object of a step statement: the exact name when the label cannot give it, and its run-after. */
import type { Json } from "../../wdl";
import { obj, type Code } from "../code";
import { stepLabel } from "../names";
import { literal } from "./value";

/** The label and the options entries for an action name and its `runAfter` member as written. */
export function stepOptions(name: string, runAfter: Json | undefined, extra: readonly [string, Code][] = []): { label: string; options: Code | undefined } {
  const { label, name: exact } = stepLabel(name);
  const entries: [string, Code][] = [];
  if (exact !== undefined) entries.push(["name", JSON.stringify(exact)]);
  entries.push(...extra);
  entries.push(["runAfter", runAfter === undefined ? "false" : literal(runAfter)]);
  return { label, options: entries.length ? obj(entries) : undefined };
}
