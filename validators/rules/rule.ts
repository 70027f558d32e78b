/** The shape of a rule: a stable code, a severity, what it means and how to fix it, and one check function. */
import type { Severity } from "../diagnostic";
import type { Model } from "../model";

/** What a rule is, for the catalogue, SARIF and the README. */
export interface RuleInfo {
  /** Stable kebab-case code. */
  code: string;
  severity: Severity;
  /** What the finding means. */
  summary: string;
  /** How to fix it. */
  fix: string;
}

/** Report one finding of the running rule; `offset` is the UTF-16 offset inside a string value. */
export type Report = (pointer: string, message: string, offset?: number) => void;

/** A semantic rule: one function over the model of one workflow. */
export interface Rule extends RuleInfo {
  check(model: Model, report: Report): void;
}

/** Closest candidate by edit distance (case-insensitive), for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(w, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return prev[b.length]!;
}

/** ` Did you mean 'x'?` or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c !== undefined && c !== word ? ` Did you mean '${c}'?` : "";
}

/** Quote a name for a message. */
export function q(name: string): string {
  return `'${name}'`;
}
