import { targetText } from "./notified";
import type { Property } from "../run";

/** The same destructive operation on the same target twice in one run (retries of one call are one call). */
export const duplicateDestructive: Property = {
  code: "duplicate-destructive",
  check(run) {
    const seen = new Set<string>();
    for (const c of run.calls) {
      if (!c.operation?.destructive) continue;
      const key = `${c.operation.name}\u0000${JSON.stringify(c.target)}`;
      if (seen.has(key)) return { action: c.action, message: `'${c.action}' calls ${c.operation.name} on ${targetText(c.target)} a second time in one run.` };
      seen.add(key);
    }
    return undefined;
  },
};
