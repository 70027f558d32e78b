/**
 * Values as a reviewer reads them: an expression as the expression (`@equals(body('Get_alert')?['severity'],
 * 'High')`, not a JSON-escaped string), plain text in quotes, small objects as compact JSON, and long or HTML
 * strings as a line diff of the old and the new text.
 */
import { canonicalText } from "./normalize";
import { diffLines, splitForDiff, type DiffLine } from "./text-diff";

/** Strings longer than this (or holding HTML tags) are shown as a line diff. */
const LONG = 100;

/** True when a string is a Logic Apps expression or holds `@{…}` interpolations. */
function isExpressionLike(text: string): boolean {
  return (text.startsWith("@") && !text.startsWith("@@")) || text.includes("@{");
}

/** One value on one line: expressions raw, other strings JSON-quoted, the rest compact JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return isExpressionLike(value) ? value : JSON.stringify(value);
  return canonicalText(value);
}

/** True when a change is best shown as a line diff (both sides strings, one long or HTML). */
export function wantsTextDiff(before: unknown, after: unknown): boolean {
  if (typeof before !== "string" || typeof after !== "string") return false;
  return [before, after].some((s) => s.length > LONG || /<[a-z][^>]*>/i.test(s));
}

/** The line diff of two long strings. */
export function textDiff(before: string, after: string): DiffLine[] {
  return diffLines(splitForDiff(before), splitForDiff(after));
}
