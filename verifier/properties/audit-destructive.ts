import type { Property } from "../run";

/** A build in audit mode makes a destructive call. */
export const auditDestructive: Property = {
  code: "audit-destructive",
  check(run) {
    if (!run.audit) return undefined;
    const c = run.calls.find((c) => c.operation?.destructive);
    return c && { action: c.action, message: `the audit build calls ${c.operation!.name} from '${c.action}': audit mode must not change anything.` };
  },
};
