/**
 * `playbook-kit diff --format markdown`, the pull request comment: a summary table, "This change grants" when
 * permissions or destructive steps are added (the security reviewer's first question), then per changed
 * playbook a Mermaid diagram with added / changed / moved / removed steps styled apart and the changes in detail.
 */
import type { BuildSet } from "./build-set";
import type { DiffReport, PlaybookDiff } from "./diff";
import { diffDiagram } from "./diff-diagram";
import { describeChange, describeParameter, describePermission, describePlace, stepCounts } from "./describe";
import type { FieldChange } from "./fields";
import { showValue, textDiff, wantsTextDiff } from "./readable";
import { contextLines } from "./format-text";
import { escapeControl } from "../errors";

/** Inline code that survives backticks in the value. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text.replace(/\n/g, " ")}${fence.length > 1 ? " " : ""}${fence}`;
}

/** A table cell: pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function fieldMarkdown(f: FieldChange): string[] {
  const at = code(f.pointer || "/");
  if (wantsTextDiff(f.before, f.after)) {
    const lines = contextLines(textDiff(f.before as string, f.after as string)).map((l) => (l === "…" ? "  …" : `${l.op} ${l.text}`));
    return [`  - ${at}:`, "", "    ```diff", ...lines.map((l) => `    ${l.replace(/```/g, "`\u200b``")}`), "    ```", ""];
  }
  return [`  - ${at}: ${code(showValue(f.before))} → ${code(showValue(f.after))}`];
}

function grants(report: DiffReport): string[] {
  const out: string[] = [];
  for (const d of report.playbooks) {
    for (const p of d.permissions.added) out.push(`- **${d.name}**: ${code(describePermission(p))}`);
    for (const x of d.destructive.added) out.push(`- **${d.name}**: destructive step ${code(x.step)} — ${x.operation}`);
  }
  if (!out.length) return [];
  return ["### ⚠️ This change grants", "", "The workflow identity gets these permissions, or the playbook gets these destructive steps, that the base did not have:", "", ...out, ""];
}

function details(d: PlaybookDiff): string[] {
  const out: string[] = [];
  const s = d.steps;
  if (s.added.length) out.push(`- Steps added: ${s.added.map(code).join(", ")}`);
  if (s.removed.length) out.push(`- Steps removed: ${s.removed.map(code).join(", ")}`);
  for (const m of s.moved) out.push(`- Step moved: ${code(m.name)}: ${describePlace(m.before)} → ${describePlace(m.after)}`);
  for (const c of s.changed) out.push(`- Step changed: ${code(c.name)}`, ...c.fields.flatMap(fieldMarkdown));
  if (d.trigger.previousName !== undefined) out.push(`- Trigger renamed: ${code(d.trigger.previousName)} → ${code(d.trigger.name ?? "")}`);
  if (d.trigger.fields.length) out.push(`- Trigger changed: ${code(d.trigger.name ?? "")}`, ...d.trigger.fields.flatMap(fieldMarkdown));
  for (const p of d.parameters.added) out.push(`- Parameter added: ${code(p.name)} (${describeParameter(p)})`);
  for (const p of d.parameters.removed) out.push(`- Parameter removed: ${code(p.name)}`);
  for (const p of d.parameters.changed) out.push(`- Parameter changed: ${code(p.name)}`, ...p.fields.flatMap(fieldMarkdown));
  for (const f of d.definition) out.push("- Definition:", ...fieldMarkdown(f));
  for (const p of d.permissions.removed) out.push(`- Permission no longer granted: ${code(describePermission(p))}`);
  for (const x of d.destructive.removed) out.push(`- Destructive step removed: ${code(x.step)} — ${x.operation}`);
  return out;
}

/** The Markdown report. `base` and `head` give the definitions for the diagrams; without them none is drawn. */
export function formatDiffMarkdown(report: DiffReport, builds?: { base: BuildSet; head: BuildSet }): string {
  const lines = [`## Playbook changes: ${code(report.base)} → ${code(report.head)}`, ""];
  const changed = report.playbooks.filter((p) => p.change !== "unchanged");
  if (!changed.length) {
    lines.push(`No playbook changed (${report.playbooks.length} compared).`);
    return `${lines.map(escapeControl).join("\n")}\n`;
  }
  lines.push("| playbook | change | steps (+ − ~ ↕) | permissions | destructive steps |", "|---|---|---|---|---|");
  for (const d of report.playbooks) {
    const perms = `${d.permissions.added.length ? `+${d.permissions.added.length}` : ""} ${d.permissions.removed.length ? `−${d.permissions.removed.length}` : ""}`.trim() || "–";
    const destructive = `${d.destructive.added.length ? `+${d.destructive.added.length}` : ""} ${d.destructive.removed.length ? `−${d.destructive.removed.length}` : ""}`.trim() || "–";
    lines.push(`| ${cell(d.name)} | ${cell(describeChange(d))} | ${d.change === "unchanged" ? "–" : stepCounts(d)} | ${perms} | ${destructive} |`);
  }
  lines.push("", ...grants(report));
  const baseByName = new Map(builds?.base.playbooks.map((p) => [p.name, p.definition]));
  const headByName = new Map(builds?.head.playbooks.map((p) => [p.name, p.definition]));
  for (const d of changed) {
    lines.push(`### ${d.name} (${describeChange(d)})`, "");
    if (builds) {
      const before = baseByName.get(d.renamedFrom ?? d.name);
      const after = headByName.get(d.name);
      lines.push("```mermaid", ...diffDiagram(d, before, after).trimEnd().split("\n"), "```", "");
      lines.push("Legend: green added, yellow changed, blue moved, red dashed removed.", "");
    }
    lines.push(...details(d), "");
  }
  // Each entry is one line (the diagram is split into its lines): escaping each keeps a field on its line.
  return `${lines.map(escapeControl).join("\n").replace(/\n{3,}/g, "\n\n")}`.replace(/\n*$/, "\n");
}
