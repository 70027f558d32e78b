import type { ExploredRun } from "../run";

/** True when the run makes a notification call after call number `index`. */
export function notifiedAfter(run: ExploredRun, index: number): boolean {
  return run.calls.slice(index + 1).some((c) => c.operation?.notification === true);
}

/** The target of a call, for messages: `machine 4bd2…`. */
export function targetText(target: Record<string, string>): string {
  const values = Object.values(target);
  return values.length ? values.join(", ") : "(no target)";
}
