/** The readable summary `import` prints: one row per imported playbook. */
import type { ImportDetail, ImportedPlaybook, ImportReport } from "./index";

/** A fixed-width table of the report (name, round trip, typed/raw, lifted, notes, source). */
export function formatReportTable(report: ImportReport): string {
  const rows = [["playbook", "round trip", "typed", "raw", "lifted", "notes", "source"]];
  for (const p of report.playbooks) {
    rows.push([p.file, p.roundTrip, String(p.typed), String(p.raw), String(p.lifted.length), String(p.notes.length), `${p.source}${p.pointer ? `#${p.pointer}` : ""}`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd());
  const exact = report.playbooks.filter((p) => p.roundTrip === "exact").length;
  lines.push("", `${report.playbooks.length} playbook(s) imported, ${exact} round trip(s) exact.`);
  return `${lines.join("\n")}\n`;
}

/** What `--lift` took out of one playbook, and the `Pulumi.<env>.yaml` lines that restore it; "" when nothing. */
export function formatLifted(playbook: ImportedPlaybook, detail: ImportDetail): string {
  if (!detail.pulumiSnippet) return "";
  const connections = detail.liftedConnections.map((c) => c.key);
  const what = [...playbook.lifted, ...(connections.length ? [`$connections (${connections.join(", ")})`] : [])].join(", ");
  return `\n${playbook.file}: lifted ${what}; put the values in Pulumi.<env>.yaml:\n${detail.pulumiSnippet}`;
}
