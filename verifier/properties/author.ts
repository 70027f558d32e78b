/**
 * The author's properties (`definePlaybook({ properties })`, playbooks/kit/properties.ts) as verifier properties:
 * `never(op, …)` finds a call of `op` made while every condition holds; `always(op, …)` finds a run in which every
 * condition holds and no call of `op` follows the point where the last of them came true.
 */
import { matchConcrete } from "../../operations";
import type { OperationMatch, PlaybookProperty, PropertyCondition } from "../../playbooks/kit";
import { isObject } from "../../wdl";
import type { ExploredCall, ExploredRun, Property } from "../run";

/** True when `call` is a call of the operation `op` names. */
export function callMatches(call: ExploredCall, op: OperationMatch): boolean {
  const r = call.request;
  if (r.method.toLowerCase() !== op.method) return false;
  if (op.kind === "api") return r.connector?.toLowerCase() === op.connector.toLowerCase() && r.path !== undefined && matchConcrete(op.path, r.path) !== undefined;
  return r.uri !== undefined && matchConcrete(op.uri, r.uri) !== undefined;
}

function valueAt(run: ExploredRun, c: Extract<PropertyCondition, { kind: "when" }>): unknown {
  let v: unknown = c.source === "param" ? run.params : run.trigger?.body;
  for (const key of c.path) v = isObject(v) ? v[key] : undefined;
  return v ?? null;
}

/** The index of the call after which `c` holds (-1: from the start), or undefined when it never holds. */
function holdsFrom(run: ExploredRun, c: PropertyCondition): number | undefined {
  if (c.kind === "when") return (JSON.stringify(valueAt(run, c)) === JSON.stringify(c.value)) !== c.negate ? -1 : undefined;
  const i = run.calls.findIndex((call) => callMatches(call, c.operation) && (c.kind === "called" || !call.succeeded));
  return i < 0 ? undefined : i;
}

function describe(run: ExploredRun, p: PlaybookProperty, from: number): string {
  const at = from >= 0 ? ` after '${run.calls[from]!.action}'` : "";
  return `${p.text}: the run makes no call of ${p.operation.name}${at}.`;
}

/** One author property as a verifier property. */
export function authorProperty(p: PlaybookProperty): Property {
  return {
    code: p.code,
    check(run) {
      const from = p.conditions.map((c) => holdsFrom(run, c));
      if (from.some((i) => i === undefined)) return undefined;
      const start = Math.max(-1, ...(from as number[]));
      if (p.kind === "never") {
        const i = run.calls.findIndex((call, i) => i > start && callMatches(call, p.operation));
        if (i < 0) return undefined;
        const call = run.calls[i]!;
        return { action: call.action, message: `${p.text}: '${call.action}' calls ${p.operation.name}.` };
      }
      if (run.calls.some((call, i) => i > start && callMatches(call, p.operation))) return undefined;
      return { ...(start >= 0 ? { action: run.calls[start]!.action } : {}), message: describe(run, p, start) };
    },
  };
}

/** The author properties a playbook declares (none for a bare definition). */
export function authorProperties(target: unknown): Property[] {
  const declared = isObject(target) && Array.isArray((target as { properties?: unknown }).properties) ? ((target as { properties: PlaybookProperty[] }).properties) : [];
  return declared.map(authorProperty);
}
