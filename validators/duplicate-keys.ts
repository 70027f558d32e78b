/**
 * `json-duplicate-key`: JSON.parse (and the service's parsers, as far as anyone documents) keep the last of two
 * equal keys in one object, so the first value disappears without a word. A cheap count first (members in the
 * text against keys in the parsed value); only when they differ does the scanner look for the repeats, with the
 * pointer and place of each. Linear: one Map of the pointers seen.
 */
import type { Diagnostic } from "./diagnostic";
import { lineColumnAt, scanJson } from "./json-text";
import { unescapeToken } from "../wdl/pointer";

/** The parent of a pointer (`/a/b` → `/a`). */
function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** Object members written in valid JSON text: each is the one `:` outside strings. */
function membersInText(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */) count++;
    else if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    }
  }
  return count;
}

/** Own keys of every object in a parsed JSON value (iterative: the value may nest deeper than the stack). */
function keysInValue(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      count += keys.length;
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return count;
}

/**
 * One warning per repeated key (the keys inside a repeated value are not reported again). `text` must be JSON
 * that JSON.parse accepted (comments blanked) and `value` what it gave. Never throws: a document too deep for
 * the scanner is skipped (`json-too-deep` reports it).
 */
export function duplicateKeyDiagnostics(text: string, value: unknown): Diagnostic[] {
  if (membersInText(text) === keysInValue(value)) return [];
  const first = new Map<string, number>();
  const repeated = new Set<string>();
  const found: { pointer: string; at: number; first: number }[] = [];
  try {
    scanJson(text, (pointer, start) => {
      const before = first.get(pointer);
      if (before === undefined) {
        first.set(pointer, start);
        return;
      }
      if (!repeated.has(parentOf(pointer))) found.push({ pointer, at: start, first: before });
      repeated.add(pointer);
    });
  } catch {
    return []; // nesting deeper than the call stack (RangeError), or text JSON.parse did not accept
  }
  if (!found.length) return [];
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return found.map(({ pointer, at, first: was }) => {
    const key = unescapeToken(pointer.slice(pointer.lastIndexOf("/") + 1));
    const here = lineColumnAt(starts, at);
    const there = lineColumnAt(starts, was);
    return {
      code: "json-duplicate-key",
      severity: "warning",
      pointer,
      line: here.line,
      column: here.column,
      message: `The key '${key}' appears again at line ${here.line}, column ${here.column} (first at line ${there.line}, column ${there.column}): JSON parsers keep only the last one, so the first value is silently lost. Remove or rename one of them.`,
    };
  });
}
