import type { Property } from "../run";

/** With an `excludedTags` parameter, a destructive call targets a machine whose tags intersect it. */
export const excludedTarget: Property = {
  code: "excluded-target",
  check(run) {
    const excluded = run.excludedTags;
    if (!excluded || excluded.length === 0) return undefined;
    for (const c of run.calls) {
      if (!c.operation?.destructive) continue;
      for (const id of Object.values(c.target)) {
        const tags = run.machineTags.get(id);
        const hit = Array.isArray(tags) ? tags.filter((t) => excluded.includes(t)) : [];
        if (hit.length) return { action: c.action, message: `'${c.action}' calls ${c.operation.name} on machine ${id}, tagged ${JSON.stringify(hit)}, which excludedTags exempts.` };
      }
    }
    return undefined;
  },
};
