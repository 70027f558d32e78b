/**
 * The Mermaid diagram of a changed playbook for the pull request comment: the head definition with the steps
 * the change removed put back where they were (so a reviewer sees what went), and added / changed / moved /
 * removed steps styled apart.
 */
import { isObject, walkActions, type Obj } from "../wdl";
import { toMermaid } from "../exporters/mermaid";
import type { PlaybookDiff } from "./diff";
import { kindOf } from "./operation-of";
import { ownFields, stepsOf } from "./steps";

/** Mermaid styles of the diff classes (colours readable on GitHub's light and dark themes). */
export const DIFF_CLASS_DEFS: Record<string, string> = {
  added: "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#0d3b1e",
  changed: "fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#3d2b00",
  moved: "fill:#ddf4ff,stroke:#0969da,stroke-width:2px,color:#0a2540",
  removed: "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 4,color:#5c0f14",
};

/** The child action map of `action` for `branch` (`actions`, `else`, `case:X`, `default`), created when missing. */
function branchMap(action: Obj, branch: string): Obj {
  const ensure = (holder: Obj, key: string): Obj => {
    if (!isObject(holder[key])) holder[key] = {};
    return holder[key] as Obj;
  };
  if (branch === "else") return ensure(ensure(action, "else"), "actions");
  if (branch === "default") return ensure(ensure(action, "default"), "actions");
  if (branch.startsWith("case:")) return ensure(ensure(ensure(action, "cases"), branch.slice(5)), "actions");
  return ensure(action, "actions");
}

/** The head definition with the removed steps of the base put back under their old parent (or at top level). */
export function mergedDefinition(base: unknown, head: unknown, removed: readonly string[]): Obj {
  const merged: Obj = isObject(head) ? structuredClone(head) : {};
  if (!isObject(merged.actions)) merged.actions = {};
  const byName = new Map<string, Obj>();
  walkActions(merged.actions, "/actions", (v) => byName.set(v.name, v.action));
  const baseSteps = stepsOf(base);
  for (const name of removed) {
    const step = baseSteps.get(name);
    if (!step) continue;
    const parent = step.parent === null ? undefined : byName.get(step.parent);
    const target = parent ? branchMap(parent, step.branch) : (merged.actions as Obj);
    const copy: Obj = { ...structuredClone(ownFields(step.action)), runAfter: step.action.runAfter ?? {} };
    target[name] = copy;
    byName.set(name, copy);
  }
  return merged;
}

/** The Mermaid flowchart of a playbook diff. */
export function diffDiagram(diff: PlaybookDiff, base: unknown, head: unknown): string {
  const classes: Record<string, string> = {};
  for (const m of diff.steps.moved) classes[m.name] = "moved";
  for (const c of diff.steps.changed) classes[c.name] = "changed";
  for (const name of diff.steps.added) classes[name] = "added";
  for (const name of diff.steps.removed) classes[name] = "removed";
  if (diff.trigger.fields.length && diff.trigger.name) classes[diff.trigger.name] = "changed";
  return toMermaid(mergedDefinition(base, head, diff.steps.removed), {
    classes,
    classDefs: DIFF_CLASS_DEFS,
    describe: (node) => `${kindOf(node).destructive ? "⚠ " : ""}${kindOf(node).label}`,
  });
}
