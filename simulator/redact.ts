/**
 * Secure values inside the text of a run record: call URIs and paths, error messages (an UnmockedCall names the
 * call, an expression error quotes its argument, a retry names the URI). Whole inputs and outputs are hidden by
 * secureData (`SECURED`); a secure value inside a longer text is replaced by `MASK` there, so the text keeps its
 * shape (`https://graph.microsoft.com/v1.0/users/***\/sendMail`). Secure values are the values of
 * SecureString/SecureObject parameters and the string values inside every output or trigger value the record
 * hides. `revealSecureData` turns this off.
 */
import { isObject } from "../wdl/walk";
import type { Plan } from "./plan";
import type { ActionRun, RunState } from "./state";

/** What a secure value inside a text becomes. */
export const MASK = "***";

/** Shorter strings are not masked: they would blank ordinary text ("1", "no") wherever it occurs. */
const MIN_SECRET_LENGTH = 3;

function addStrings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value.length >= MIN_SECRET_LENGTH) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) addStrings(v, out);
  } else if (isObject(value)) {
    for (const v of Object.values(value)) addStrings(v, out);
  }
}

function addHiddenOutputs(r: ActionRun, out: Set<string>): void {
  if (r.hasOutputs && (r.plan.hideOutputs || r.plan.secureOutputs)) addStrings(r.outputs, out);
  for (const it of r.iterations ?? []) for (const inner of it.records.values()) addHiddenOutputs(inner, out);
}

/** The secure strings of a run: secure parameter values, and the strings inside the values the record hides. */
export function secureStrings(plan: Plan, state: RunState, records: Map<string, ActionRun>): Set<string> {
  const out = new Set<string>();
  for (const [name, decl] of Object.entries(plan.parameters)) {
    if (!isObject(decl) || typeof decl.type !== "string" || !decl.type.toLowerCase().startsWith("secure")) continue;
    for (const [key, value] of state.parameters) if (key.toLowerCase() === name.toLowerCase()) addStrings(value, out);
  }
  if (plan.secureTriggerOutputs) addStrings(state.triggerOp.outputs, out);
  if (plan.secureTriggerInputs) addStrings(state.triggerOp.inputs, out);
  for (const r of records.values()) addHiddenOutputs(r, out);
  return out;
}

/** A function that replaces every secure string (as written, or URL-encoded as a URI carries it) in a text. */
export function masker(secrets: Set<string>): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    forms.add(s);
    const encoded = encodeURIComponent(s);
    if (encoded !== s) forms.add(encoded);
  }
  if (!forms.size) return (text) => text;
  // Longest first, so a secret that contains another is masked whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(alternatives.join("|"), "g");
  return (text) => text.replace(pattern, MASK);
}
