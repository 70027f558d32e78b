import { notifiedAfter, targetText } from "./notified";
import type { Property } from "../run";

/** A destructive call succeeds and no notification call follows it in the run. */
export const destructiveNotReported: Property = {
  code: "destructive-not-reported",
  check(run) {
    const i = run.calls.findIndex((c, i) => c.operation?.destructive && c.succeeded && !notifiedAfter(run, i));
    if (i < 0) return undefined;
    const c = run.calls[i]!;
    return { action: c.action, message: `'${c.action}' (${c.operation!.name} on ${targetText(c.target)}) succeeded and nothing notifies afterwards.` };
  },
};
