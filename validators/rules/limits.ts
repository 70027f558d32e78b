/**
 * Values the schema's types accept but the service's limits do not: Until counts, Wait intervals, and secure
 * parameters with a default. Limits from the Logic Apps "limits and configuration" page (../shared/reference/wdl.md,
 * Limits): Until iterations at most 5,000; run duration at most 90 days.
 */
import { joinPointer } from "../../wdl/pointer";
import { isObject } from "../../wdl/walk";
import type { Rule } from "./rule";
import { isOpaque } from "./text";

/** The service's maximum of Until iterations. */
export const MAX_UNTIL_COUNT = 5000;
/** The longest a run may last (multi-tenant Logic Apps), in seconds. */
export const MAX_RUN_SECONDS = 90 * 24 * 3600;

/** Seconds per Wait unit. Month counts its shortest length (28 days), so no legal Wait is flagged. */
const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 7 * 86400, month: 28 * 86400 };

/** A literal number (or a numeric string) as written; undefined for expressions and other values. */
function literalNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*[-+]?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

export const untilCountTooHigh: Rule = {
  code: "until-count-too-high",
  severity: "error",
  summary: `An Until loop's \`limit.count\` is above the service maximum of ${MAX_UNTIL_COUNT.toLocaleString("en-US")} iterations.`,
  fix: `Set limit.count to at most ${MAX_UNTIL_COUNT}, or restructure the loop (a child workflow, a Recurrence).`,
  check(model, report) {
    for (const node of model.actions) {
      if (node.type !== "until" || !isObject(node.action.limit)) continue;
      const count = literalNumber(node.action.limit.count);
      if (count === undefined || count <= MAX_UNTIL_COUNT) continue;
      report(joinPointer(node.pointer, "limit", "count"), `Until '${node.name}' sets limit.count ${count}; the service allows at most ${MAX_UNTIL_COUNT} iterations. Lower it.`);
    }
  },
};

/** Each Wait with a literal interval count: the node, the count, the unit (lower-cased) and the count's pointer. */
function waitIntervals(model: Parameters<Rule["check"]>[0]): { name: string; count: number; unit: string; pointer: string }[] {
  const out = [];
  for (const node of model.actions) {
    if (node.type !== "wait" || !isObject(node.action.inputs) || !isObject(node.action.inputs.interval)) continue;
    const interval = node.action.inputs.interval;
    const count = literalNumber(interval.count);
    if (count === undefined) continue;
    out.push({ name: node.name, count, unit: typeof interval.unit === "string" ? interval.unit.toLowerCase() : "", pointer: joinPointer(node.pointer, "inputs", "interval", "count") });
  }
  return out;
}

export const waitCountNegative: Rule = {
  code: "wait-count-negative",
  severity: "error",
  summary: "A Wait's `interval.count` is negative (or not a finite number).",
  fix: "Give a count of 0 or more. UNCONFIRMED whether the service refuses it at save or fails the run; either way it cannot wait a negative time.",
  check(model, report) {
    for (const w of waitIntervals(model)) {
      if (Number.isFinite(w.count) && w.count >= 0) continue;
      report(w.pointer, `Wait '${w.name}' waits ${w.count} ${w.unit || "units"}; a Wait count must be 0 or more.`);
    }
  },
};

export const waitLongerThanRun: Rule = {
  code: "wait-longer-than-run",
  severity: "warning",
  summary: "A Wait's interval is longer than the longest run the service allows (90 days): the run times out before the Wait ends.",
  fix: "Wait at most 90 days; for longer delays schedule a Recurrence trigger or store the due date and poll.",
  check(model, report) {
    for (const w of waitIntervals(model)) {
      const perUnit = UNIT_SECONDS[w.unit];
      if (perUnit === undefined || !Number.isFinite(w.count) || w.count < 0 || w.count * perUnit <= MAX_RUN_SECONDS) continue;
      report(w.pointer, `Wait '${w.name}' waits ${w.count} ${w.unit}(s), longer than the 90-day maximum run duration: the run would time out first. Wait at most 90 days.`);
    }
  },
};

export const secureParameterDefault: Rule = {
  code: "secure-parameter-default",
  severity: "warning",
  summary: "A SecureString or SecureObject parameter has a `defaultValue`: the secret sits in plain text in the definition (and in every export and diff of it).",
  fix: "Remove the defaultValue and supply the value at deployment (a Key Vault reference or a Pulumi secret).",
  check(model, report) {
    for (const p of model.parameters.values()) {
      if (!isObject(p.decl) || !("defaultValue" in p.decl)) continue;
      const type = typeof p.decl.type === "string" ? p.decl.type.toLowerCase() : "";
      if (type !== "securestring" && type !== "secureobject") continue;
      // An empty default, or one filled at deployment (an ARM `[parameters(...)]`), holds no secret.
      const value = p.decl.defaultValue;
      if (value === "" || value === null || isOpaque(model, value) || (isObject(value) && Object.keys(value).length === 0)) continue;
      report(joinPointer(p.pointer, "defaultValue"), `Parameter '${p.name}' is ${String(p.decl.type)} but has a defaultValue: the secret is stored in plain text in the definition. Remove the default and supply the value at deployment.`);
    }
  },
};
