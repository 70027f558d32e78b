import { isObject, walkActions } from "../../wdl";
import type { ExploredRun } from "../run";

/** True when an action that ran waits on `name` (or a scope around it) with Failed or TimedOut. */
export function handled(run: ExploredRun, name: string): boolean {
  const declared = run.record.declaredActions();
  const around = new Set<string>();
  for (let n: string | undefined = name; n; n = declared.get(n)?.parent) around.add(n);
  let found = false;
  walkActions(run.definition.actions, "/actions", (v) => {
    const ra = v.action.runAfter;
    if (!isObject(ra)) return;
    for (const [pred, statuses] of Object.entries(ra)) {
      if (!around.has(pred) || !Array.isArray(statuses) || !statuses.some((s) => s === "Failed" || s === "TimedOut")) continue;
      const r = run.record.actions[v.name];
      if (r && r.status !== "Skipped") found = true;
    }
  });
  return found;
}
