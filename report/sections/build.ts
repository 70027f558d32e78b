/** Build section: render what the environment enables to the output folder, with mode, size and permissions. */
import { toMermaid } from "../../exporters/mermaid";
import { renderBuild, writeBuild } from "../../playbooks/build";
import type { PlannedPlaybook } from "../../playbooks/env";
import type { ReportSection } from "../section";
import { formatTable } from "../text";

/** The mode column: `-` for a playbook with nothing destructive to audit. */
function modeOf(p: PlannedPlaybook): string {
  return p.playbook.destructiveSteps.length > 0 || p.playbook.auditedSteps.length > 0 ? p.playbook.mode : "-";
}

/** The build section. */
export const buildSection: ReportSection = {
  id: "build",
  run({ plan, outDir, width }) {
    writeBuild(outDir, renderBuild(plan.playbooks.map((p) => p.playbook), toMermaid));
    const rows = [["playbook", "state", "mode", "actions", "permissions"]];
    for (const p of plan.playbooks) rows.push([p.name, p.state, modeOf(p), String(p.playbook.actionCount), p.permissions.map((x) => x.role).join(", ") || "-"]);
    const lines = formatTable(rows, width).trimEnd().split("\n");
    for (const p of plan.playbooks) {
      if (p.playbook.auditedSteps.length) lines.push(`audit mode: ${p.name} records instead of running ${p.playbook.auditedSteps.join(", ")}; nothing destructive is deployed.`);
    }
    return { title: `Build (${outDir}/)`, lines, ok: true };
  },
};
