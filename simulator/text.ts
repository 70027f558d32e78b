/** The text form of a run record (`playbook-kit simulate --format text`): an indented tree with calls. */
import { describeAuditRequest, isAuditRecord } from "../operations/audit";
import { SECURED } from "./actions/calls";
import { formatDuration } from "./duration";
import type { RunRecord } from "./record";
import type { ActionRecord, CallRecord } from "./types";
import { textLines } from "../errors";

function durationOf(start: string, end: string): string {
  return formatDuration(Date.parse(end) - Date.parse(start));
}

function describe(call: CallRecord): string {
  if (call.connector !== undefined) return `${call.connector} ${call.method}${call.path !== undefined ? ` ${call.path}` : ""}`;
  if (call.serviceProvider !== undefined) return `${call.serviceProvider} ${call.method}`;
  return `${call.method} ${call.uri ?? ""}`;
}

/** Which branch an If or Switch took, from its record's inputs (`expressionResult`, or `case` and `expressionValue`). */
function branchTaken(type: string | undefined, record: ActionRecord): string | undefined {
  if ((type !== "if" && type !== "switch") || record.status === "Skipped" || record.inputs === undefined) return undefined;
  if (record.inputs === SECURED) return "a branch hidden by secureData";
  const inputs = record.inputs as { expressionResult?: unknown; expressionValue?: unknown; case?: unknown };
  if (type === "if" && typeof inputs.expressionResult === "boolean") return inputs.expressionResult ? "the true branch (condition true)" : "the else branch (condition false)";
  if (type === "switch" && typeof inputs.case === "string") {
    const value = ` (value ${JSON.stringify(inputs.expressionValue)})`;
    return inputs.case === "default" ? `the default branch${value}` : `case ${inputs.case}${value}`;
  }
  return undefined;
}

/** Render a run as text: status line, trigger, then every action with status, duration, calls and errors. */
export function formatRunText(run: RunRecord): string {
  const lines: string[] = [];
  lines.push(`run ${run.status} in ${durationOf(run.startTime, run.endTime)} (${run.startTime} → ${run.endTime})`);
  if (run.error) lines.push(`  error ${run.error.code}: ${run.error.message}`);
  lines.push(`trigger ${run.triggerName ?? "(none)"}`);
  const declared = run.declaredActions();
  const children = new Map<string | undefined, string[]>();
  for (const [name, info] of declared) {
    const list = children.get(info.parent) ?? [];
    list.push(name);
    children.set(info.parent, list);
  }
  const callsByAction = new Map<string, CallRecord[]>();
  for (const call of run.calls) {
    const list = callsByAction.get(call.action) ?? [];
    list.push(call);
    callsByAction.set(call.action, list);
  }
  const width = Math.min(60, Math.max(10, ...[...declared.keys()].map((n) => n.length + 2 * depthOf(n))));
  function depthOf(name: string): number {
    let d = 1;
    for (let p = declared.get(name)?.parent; p !== undefined; p = declared.get(p)?.parent) d++;
    return d;
  }
  const visit = (parent: string | undefined, depth: number) => {
    for (const name of children.get(parent) ?? []) {
      const record: ActionRecord | undefined = run.actions[name];
      const indent = "  ".repeat(depth);
      if (!record) {
        lines.push(`${indent}${name.padEnd(width - 2 * depth)}  (not reached)`);
        continue;
      }
      let line = `${indent}${name.padEnd(width - 2 * depth)}  ${record.status.padEnd(9)}  ${durationOf(record.startTime, record.endTime)}`;
      if (record.iterations) {
        const n = record.iterationCount ?? record.iterations.length;
        line += `  ${n} iteration${n === 1 ? "" : "s"}${record.iterationCount !== undefined ? ` (${record.iterations.length} kept in the record)` : ""}`;
      }
      const branch = branchTaken(declared.get(name)?.type, record);
      if (branch) line += `  took ${branch}`;
      lines.push(line);
      for (const call of callsByAction.get(name) ?? []) lines.push(`${indent}  → ${describe(call)}`);
      if (isAuditRecord(record.inputs)) lines.push(`${indent}  ◦ audit: would call ${record.inputs.wouldCall}: ${describeAuditRequest(record.inputs.request)}`);
      if (record.error && record.status !== "Skipped") lines.push(`${indent}  ! ${record.error.code}: ${record.error.message}`);
      visit(name, depth + 1);
    }
  };
  visit(undefined, 1);
  return textLines(lines);
}
