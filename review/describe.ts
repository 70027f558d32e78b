/** Short phrases the text and Markdown formats share: permissions, places, parameter declarations. */
import type { PermissionEntry } from "./build-set";
import type { ParameterEntry, PlaybookDiff, StepPlace } from "./diff";
import { describeRunAfter } from "./normalize";
import { showValue } from "./readable";

/**
 * `WindowsDefenderATP Machine.Isolate` for an app role, `Azure RBAC Microsoft Sentinel Responder on
 * sentinelWorkspace (MicrosoftSentinel)` for an Azure role; other fields in parentheses.
 */
export function describePermission(p: PermissionEntry): string {
  const fields = p as PermissionEntry & Record<string, unknown>;
  if (fields.kind === "azureRole") {
    const scope = typeof fields.scope === "string" ? ` on ${fields.scope}` : "";
    return `Azure RBAC ${p.role}${scope} (${p.resource})`;
  }
  const extra = Object.entries(p)
    .filter(([k, v]) => k !== "resource" && k !== "role" && k !== "kind" && v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === "string" ? v : JSON.stringify(v)}`);
  return `${p.resource} ${p.role}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

/** "in Severity_is_High (else), after Get_machine". */
export function describePlace(p: StepPlace): string {
  const where = p.parent === null ? "at top level" : `in ${p.parent}${p.branch === "actions" ? "" : ` (${p.branch})`}`;
  return `${where}, after ${describeRunAfter(p.runAfter)}`;
}

/** "String, default \"Full\", allowed [\"Full\",\"Selective\"]". */
export function describeParameter(p: ParameterEntry): string {
  const parts = [typeof p.type === "string" ? p.type : "untyped"];
  if ("defaultValue" in p) parts.push(`default ${showValue(p.defaultValue)}`);
  if ("allowedValues" in p) parts.push(`allowed ${showValue(p.allowedValues)}`);
  return parts.join(", ");
}

/** Counts for the summary: "+2 −1 ~3 ↕1". */
export function stepCounts(d: PlaybookDiff): string {
  const s = d.steps;
  return `+${s.added.length} −${s.removed.length} ~${s.changed.length} ↕${s.moved.length}`;
}

/** The one-word change, with the old name of a renamed playbook. */
export function describeChange(d: PlaybookDiff): string {
  return d.renamedFrom !== undefined ? `renamed from ${d.renamedFrom}${hasOtherChanges(d) ? ", changed" : ""}` : d.change;
}

function hasOtherChanges(d: PlaybookDiff): boolean {
  const s = d.steps;
  return s.added.length + s.removed.length + s.changed.length + s.moved.length + d.permissions.added.length + d.permissions.removed.length + d.parameters.added.length + d.parameters.removed.length + d.parameters.changed.length + d.trigger.fields.length + d.definition.length > 0;
}
