/** `playbook-kit diff --format text`: one block per changed playbook, one line per change. */
import type { DiffReport, PlaybookDiff } from "./diff";
import { describeChange, describeParameter, describePermission, describePlace } from "./describe";
import type { FieldChange } from "./fields";
import { showValue, textDiff, wantsTextDiff } from "./readable";
import type { DiffLine } from "./text-diff";
import { textLines } from "../errors";

/** Changed lines with one line of context either side; longer unchanged runs shown as "…". */
export function contextLines(lines: DiffLine[], context = 1): (DiffLine | "…")[] {
  const keep = lines.map((l, i) => l.op !== " " || lines.slice(Math.max(0, i - context), i + context + 1).some((x) => x.op !== " "));
  const out: (DiffLine | "…")[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) out.push(lines[i]!);
    else if (out[out.length - 1] !== "…") out.push("…");
  }
  return out;
}

/** One field change as text lines (a line diff for long strings). */
export function fieldLines(change: FieldChange, indent: string): string[] {
  const at = change.pointer || "(whole value)";
  if (wantsTextDiff(change.before, change.after)) {
    const lines = contextLines(textDiff(change.before as string, change.after as string));
    return [`${indent}${at}:`, ...lines.map((l) => (l === "…" ? `${indent}    …` : `${indent}  ${l.op} ${l.text}`))];
  }
  return [`${indent}${at}: ${showValue(change.before)} → ${showValue(change.after)}`];
}

function playbookLines(d: PlaybookDiff): string[] {
  const out = [`${d.name}: ${describeChange(d)}`];
  const s = d.steps;
  if (d.change === "added" || d.change === "removed") {
    const steps = d.change === "added" ? s.added : s.removed;
    out.push(`  ${steps.length} step(s): ${steps.join(", ") || "none"}`);
  } else {
    for (const name of s.added) out.push(`  step added: ${name}`);
    for (const name of s.removed) out.push(`  step removed: ${name}`);
    for (const m of s.moved) out.push(`  step moved: ${m.name}: ${describePlace(m.before)} → ${describePlace(m.after)}`);
    for (const c of s.changed) {
      out.push(`  step changed: ${c.name}`);
      for (const f of c.fields) out.push(...fieldLines(f, "    "));
    }
    if (d.trigger.previousName !== undefined) out.push(`  trigger renamed: ${d.trigger.previousName} → ${d.trigger.name}`);
    if (d.trigger.fields.length) {
      out.push(`  trigger changed: ${d.trigger.name}`);
      for (const f of d.trigger.fields) out.push(...fieldLines(f, "    "));
    }
    for (const p of d.parameters.added) out.push(`  parameter added: ${p.name} (${describeParameter(p)})`);
    for (const p of d.parameters.removed) out.push(`  parameter removed: ${p.name}`);
    for (const p of d.parameters.changed) {
      out.push(`  parameter changed: ${p.name}`);
      for (const f of p.fields) out.push(...fieldLines(f, "    "));
    }
    for (const f of d.definition) out.push(...fieldLines(f, "  definition "));
  }
  for (const p of d.permissions.added) out.push(`  permission added: ${describePermission(p)}`);
  for (const p of d.permissions.removed) out.push(`  permission removed: ${describePermission(p)}`);
  for (const x of d.destructive.added) out.push(`  destructive step added: ${x.step} (${x.operation})`);
  for (const x of d.destructive.removed) out.push(`  destructive step removed: ${x.step} (${x.operation})`);
  return out;
}

/** The text report, ending with a newline. */
export function formatDiffText(report: DiffReport): string {
  const lines = [`playbook-kit diff: ${report.base} → ${report.head}`];
  const changed = report.playbooks.filter((p) => p.change !== "unchanged");
  for (const d of changed) lines.push(...playbookLines(d));
  const unchanged = report.playbooks.length - changed.length;
  lines.push(changed.length ? `${changed.length} playbook(s) changed, ${unchanged} unchanged.` : `No changes (${unchanged} playbook(s) compared).`);
  return textLines(lines);
}
