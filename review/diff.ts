/**
 * The semantic diff of two builds: per playbook added / removed / changed / unchanged; steps added, removed,
 * moved (runAfter or parent changed) and changed (as JSON pointers into the step); the trigger, the parameters,
 * the permissions the identity is granted and the destructive operations. Cosmetic differences (key order,
 * `runAfter` status order and casing) are no change. A playbook whose name changed but whose steps mostly did
 * not is reported as renamed, not as one removed and one added.
 */
import { isObject, type Obj } from "../wdl";
import type { BuildSet, BuiltPlaybook, PermissionEntry } from "./build-set";
import { diffFields, type FieldChange } from "./fields";
import { canonicalText, sortKeys } from "./normalize";
import { kindOf } from "./operation-of";
import { stepsOf, type Step } from "./steps";

/** Where a step sits. */
export interface StepPlace {
  /** The enclosing container step, or null at top level. */
  parent: string | null;
  /** The parent's branch (`actions`, `else`, `case:X`, `default`), or `root`. */
  branch: string;
  /** Predecessors and the statuses it waits for, canonical. */
  runAfter: Record<string, string[]>;
}

/** A step whose place changed. */
export interface StepMove {
  name: string;
  before: StepPlace;
  after: StepPlace;
}

/** A step whose own fields changed; pointers are relative to the step. */
export interface StepChange {
  name: string;
  fields: FieldChange[];
}

/** A parameter declaration with its name. */
export interface ParameterEntry {
  name: string;
  [field: string]: unknown;
}

/** A destructive step: its name and the operation it calls. */
export interface DestructiveEntry {
  step: string;
  operation: string;
}

/** The diff of one playbook. */
export interface PlaybookDiff {
  name: string;
  change: "added" | "removed" | "changed" | "unchanged";
  /** The base name of a renamed playbook. */
  renamedFrom?: string;
  steps: { added: string[]; removed: string[]; changed: StepChange[]; moved: StepMove[] };
  permissions: { added: PermissionEntry[]; removed: PermissionEntry[] };
  parameters: { added: ParameterEntry[]; removed: ParameterEntry[]; changed: { name: string; fields: FieldChange[] }[] };
  /** The trigger (name in head, else base); pointers relative to it. */
  trigger: { name: string | null; previousName?: string; fields: FieldChange[] };
  destructive: { added: DestructiveEntry[]; removed: DestructiveEntry[] };
  /** Other top-level definition fields (outputs, staticResults, contentVersion, …); pointers into the definition. */
  definition: FieldChange[];
}

/** The diff of two builds (`playbook-kit diff --format json`). */
export interface DiffReport {
  base: string;
  head: string;
  playbooks: PlaybookDiff[];
}

const EMPTY_DEFINITION: Obj = { actions: {}, triggers: {}, parameters: {} };

function place(step: Step): StepPlace {
  return { parent: step.parent, branch: step.branch, runAfter: step.runAfter };
}

function diffSteps(base: Map<string, Step>, head: Map<string, Step>): PlaybookDiff["steps"] {
  const added = [...head.keys()].filter((n) => !base.has(n));
  const removed = [...base.keys()].filter((n) => !head.has(n));
  const changed: StepChange[] = [];
  const moved: StepMove[] = [];
  for (const [name, after] of head) {
    const before = base.get(name);
    if (!before) continue;
    const fields = diffFields(before.body, after.body);
    if (fields.length) changed.push({ name, fields });
    if (before.parent !== after.parent || before.branch !== after.branch || canonicalText(before.runAfter) !== canonicalText(after.runAfter)) {
      moved.push({ name, before: place(before), after: place(after) });
    }
  }
  return { added, removed, changed, moved };
}

function permissionKey(p: PermissionEntry): string {
  return canonicalText(p);
}

/** A permission without the default `kind` (an entry without `kind` is an app role, as older manifests write it). */
function normalizePermission(p: PermissionEntry): PermissionEntry {
  const { kind, ...rest } = p as PermissionEntry & { kind?: unknown };
  return (kind === undefined || kind === "appRole" ? rest : { ...rest, kind }) as PermissionEntry;
}

function diffPermissions(baseGiven: readonly PermissionEntry[], headGiven: readonly PermissionEntry[]): PlaybookDiff["permissions"] {
  const base = baseGiven.map(normalizePermission);
  const head = headGiven.map(normalizePermission);
  const baseKeys = new Set(base.map(permissionKey));
  const headKeys = new Set(head.map(permissionKey));
  const sorted = (list: readonly PermissionEntry[]) => [...list].sort((a, b) => permissionKey(a).localeCompare(permissionKey(b)));
  return {
    added: sorted(head.filter((p) => !baseKeys.has(permissionKey(p)))).map((p) => sortKeys(p) as PermissionEntry),
    removed: sorted(base.filter((p) => !headKeys.has(permissionKey(p)))).map((p) => sortKeys(p) as PermissionEntry),
  };
}

function objectAt(definition: unknown, key: string): Obj {
  return isObject(definition) && isObject(definition[key]) ? definition[key] : {};
}

function diffParameters(base: Obj, head: Obj): PlaybookDiff["parameters"] {
  const entry = (name: string, declaration: unknown): ParameterEntry => ({ name, ...(isObject(declaration) ? (sortKeys(declaration) as Obj) : { value: declaration }) });
  const added = Object.keys(head).filter((n) => !(n in base)).map((n) => entry(n, head[n]));
  const removed = Object.keys(base).filter((n) => !(n in head)).map((n) => entry(n, base[n]));
  const changed: { name: string; fields: FieldChange[] }[] = [];
  for (const name of Object.keys(head)) {
    if (!(name in base)) continue;
    const fields = diffFields(base[name], head[name]);
    if (fields.length) changed.push({ name, fields });
  }
  return { added, removed, changed };
}

function diffTrigger(base: Obj, head: Obj): PlaybookDiff["trigger"] {
  const baseNames = Object.keys(base);
  const headNames = Object.keys(head);
  if (baseNames.length <= 1 && headNames.length <= 1) {
    const before = baseNames[0];
    const after = headNames[0];
    const fields = diffFields(before === undefined ? null : base[before], after === undefined ? null : head[after]);
    const out: PlaybookDiff["trigger"] = { name: after ?? before ?? null, fields };
    if (before !== undefined && after !== undefined && before !== after) out.previousName = before;
    return out;
  }
  return { name: headNames.join(", ") || null, fields: diffFields(base, head) };
}

function destructiveSteps(steps: Map<string, Step>): DestructiveEntry[] {
  const out: DestructiveEntry[] = [];
  for (const step of steps.values()) {
    const kind = kindOf(step.action);
    if (kind.destructive) out.push({ step: step.name, operation: kind.label });
  }
  return out;
}

function diffDestructive(base: DestructiveEntry[], head: DestructiveEntry[]): PlaybookDiff["destructive"] {
  const key = (d: DestructiveEntry) => `${d.step}\u0000${d.operation}`;
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  return { added: head.filter((d) => !baseKeys.has(key(d))), removed: base.filter((d) => !headKeys.has(key(d))) };
}

function otherFields(base: unknown, head: unknown): FieldChange[] {
  const rest = (d: unknown): Obj => {
    if (!isObject(d)) return {};
    const { actions: _a, triggers: _t, parameters: _p, ...others } = d;
    return others;
  };
  return diffFields(rest(base), rest(head));
}

/** Diff one playbook: `base` or `head` is undefined for an added or removed playbook. */
export function diffPlaybook(base: BuiltPlaybook | undefined, head: BuiltPlaybook | undefined): PlaybookDiff {
  const before = base?.definition ?? EMPTY_DEFINITION;
  const after = head?.definition ?? EMPTY_DEFINITION;
  const baseSteps = stepsOf(before);
  const headSteps = stepsOf(after);
  const diff: PlaybookDiff = {
    name: (head ?? base)!.name,
    change: "unchanged",
    steps: diffSteps(baseSteps, headSteps),
    permissions: diffPermissions(base?.permissions ?? [], head?.permissions ?? []),
    parameters: diffParameters(objectAt(before, "parameters"), objectAt(after, "parameters")),
    trigger: diffTrigger(objectAt(before, "triggers"), objectAt(after, "triggers")),
    destructive: diffDestructive(destructiveSteps(baseSteps), destructiveSteps(headSteps)),
    definition: otherFields(before, after),
  };
  if (base && head && base.name !== head.name) diff.renamedFrom = base.name;
  if (!base) diff.change = "added";
  else if (!head) diff.change = "removed";
  else if (diff.renamedFrom !== undefined || hasChanges(diff)) diff.change = "changed";
  return diff;
}

function hasChanges(d: PlaybookDiff): boolean {
  const s = d.steps;
  const p = d.parameters;
  return (
    s.added.length + s.removed.length + s.changed.length + s.moved.length + d.permissions.added.length + d.permissions.removed.length + p.added.length + p.removed.length + p.changed.length + d.trigger.fields.length + d.definition.length > 0 ||
    d.trigger.previousName !== undefined
  );
}

/** How alike two playbooks are (0…1): shared step names over all step names; 1 for equal definitions. */
function similarity(a: BuiltPlaybook, b: BuiltPlaybook): number {
  if (canonicalText(a.definition) === canonicalText(b.definition)) return 1;
  const sa = new Set(stepsOf(a.definition).keys());
  const sb = new Set(stepsOf(b.definition).keys());
  const union = new Set([...sa, ...sb]).size;
  if (union === 0) return 0;
  return [...sa].filter((n) => sb.has(n)).length / union;
}

/** Pairs (removed, added) that are the same playbook under a new name: at least half of their steps shared. */
function renames(removed: BuiltPlaybook[], added: BuiltPlaybook[]): [BuiltPlaybook, BuiltPlaybook][] {
  const candidates: { score: number; r: BuiltPlaybook; a: BuiltPlaybook }[] = [];
  for (const r of removed) for (const a of added) candidates.push({ score: similarity(r, a), r, a });
  candidates.sort((x, y) => y.score - x.score || x.a.name.localeCompare(y.a.name) || x.r.name.localeCompare(y.r.name));
  const used = new Set<BuiltPlaybook>();
  const out: [BuiltPlaybook, BuiltPlaybook][] = [];
  for (const c of candidates) {
    if (c.score < 0.5 || used.has(c.r) || used.has(c.a)) continue;
    used.add(c.r);
    used.add(c.a);
    out.push([c.r, c.a]);
  }
  return out;
}

/** Diff two builds. Playbooks are listed by (head) name. */
export function diffBuilds(base: BuildSet, head: BuildSet): DiffReport {
  const baseByName = new Map(base.playbooks.map((p) => [p.name, p]));
  const headByName = new Map(head.playbooks.map((p) => [p.name, p]));
  const pairs: [BuiltPlaybook | undefined, BuiltPlaybook | undefined][] = [];
  for (const p of head.playbooks) if (baseByName.has(p.name)) pairs.push([baseByName.get(p.name), p]);
  const removed = base.playbooks.filter((p) => !headByName.has(p.name));
  const added = head.playbooks.filter((p) => !baseByName.has(p.name));
  const renamed = renames(removed, added);
  pairs.push(...renamed);
  const paired = new Set(renamed.flat());
  for (const p of removed) if (!paired.has(p)) pairs.push([p, undefined]);
  for (const p of added) if (!paired.has(p)) pairs.push([undefined, p]);
  const playbooks = pairs.map(([b, h]) => diffPlaybook(b, h)).sort((x, y) => x.name.localeCompare(y.name));
  return { base: base.label, head: head.label, playbooks };
}

/** True when any playbook changed. */
export function hasDifferences(report: DiffReport): boolean {
  return report.playbooks.some((p) => p.change !== "unchanged");
}
