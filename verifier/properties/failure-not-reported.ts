import { notifiedAfter, targetText } from "./notified";
import type { Property } from "../run";

/** A destructive call fails and the run neither notifies afterwards nor ends Failed. */
export const failureNotReported: Property = {
  code: "failure-not-reported",
  check(run) {
    if (run.record.status === "Failed") return undefined;
    const i = run.calls.findIndex((c, i) => c.operation?.destructive && !c.succeeded && !notifiedAfter(run, i));
    if (i < 0) return undefined;
    const c = run.calls[i]!;
    return { action: c.action, message: `'${c.action}' (${c.operation!.name} on ${targetText(c.target)}) failed, nothing notifies and the run ends ${run.record.status}.` };
  },
};
