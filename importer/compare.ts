/**
 * Round-trip comparison of a source definition and the definition its imported playbook builds. Equal means
 * equal up to the differences `import` allows: key order; `runAfter` status order and casing; whitespace
 * outside string literals in expressions; the names of `$connections` keys. Everything else is a difference,
 * reported as the JSON pointers (into the source definition) where the two part.
 */
import { joinPointer } from "../wdl/pointer";
import { isExpressionString } from "../wdl";

/** One place where the two definitions differ. */
export interface Difference {
  pointer: string;
  source: string;
  built: string;
}

/** Whitespace outside single-quoted string literals removed from expression text. */
function squeeze(code: string): string {
  let out = "";
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === "'") quoted = !quoted;
    if (!quoted && /\s/.test(c)) continue;
    out += c;
  }
  return out;
}

/** `parameters('$connections')['key']` with the key name blanked (the names of `$connections` keys may differ). */
function blankConnectionKeys(code: string): string {
  return code.replace(/parameters\('\$connections'\)(\??)\['(?:[^']|'')*'\]/gi, "parameters('$connections')$1['*']");
}

/** A string value in its compared form: expression regions squeezed and `$connections` keys blanked. */
export function normalString(value: string): string {
  if (!isExpressionString(value)) return value;
  if (value.charCodeAt(0) === 64 && value.charCodeAt(1) !== 123) return blankConnectionKeys(`@${squeeze(value.slice(1))}`);
  // Interpolation: squeeze each @{…} region (quotes respected), leave the text between them.
  let out = "";
  let i = 0;
  while (i < value.length) {
    const at = value.indexOf("@{", i);
    if (at < 0) {
      out += value.slice(i);
      break;
    }
    if (at > 0 && value[at - 1] === "@") {
      out += value.slice(i, at + 2);
      i = at + 2;
      continue;
    }
    let j = at + 2;
    let quoted = false;
    let depth = 1;
    for (; j < value.length; j++) {
      const c = value[j];
      if (c === "'") quoted = !quoted;
      else if (!quoted && c === "{") depth++;
      else if (!quoted && c === "}" && --depth === 0) break;
    }
    out += `${value.slice(i, at)}@{${squeeze(value.slice(at + 2, j))}}`;
    i = j + 1;
  }
  return blankConnectionKeys(out);
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Statuses of a runAfter entry compared as a set, case-insensitively. */
function statusSet(value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every((s) => typeof s === "string")) return undefined;
  return JSON.stringify([...new Set((value as string[]).map((s) => s.toLowerCase()))].sort());
}

function show(value: unknown): string {
  const text = value === undefined ? "(missing)" : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The differences between a source definition and a built one (empty when the round trip is exact). */
export function compareDefinitions(source: unknown, built: unknown, limit = 20): Difference[] {
  const out: Difference[] = [];
  const visit = (a: unknown, b: unknown, pointer: string, key: string | undefined, parentKey: string | undefined): void => {
    if (out.length >= limit) return;
    if (parentKey === "runAfter") {
      const sa = statusSet(a);
      if (sa !== undefined && sa === statusSet(b)) return;
    }
    if (key === "$connections" && parentKey === "parameters") {
      // The names of $connections keys may differ: compare the declaration without its default value's key names.
      const strip = (d: unknown) => (isObj(d) ? { ...d, defaultValue: isObj(d.defaultValue) ? Object.values(d.defaultValue) : d.defaultValue } : d);
      a = strip(a);
      b = strip(b);
    }
    if (typeof a === "string" && typeof b === "string") {
      if (a !== b && normalString(a) !== normalString(b)) out.push({ pointer, source: show(a), built: show(b) });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        out.push({ pointer, source: show(a), built: show(b) });
        return;
      }
      a.forEach((item, i) => visit(item, b[i], joinPointer(pointer, String(i)), String(i), key));
      return;
    }
    if (isObj(a) && isObj(b)) {
      for (const k of Object.keys(a)) visit(a[k], Object.hasOwn(b, k) ? b[k] : undefined, joinPointer(pointer, k), k, key);
      for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) visit(undefined, b[k], joinPointer(pointer, k), k, key);
      return;
    }
    if (!Object.is(a, b) && JSON.stringify(a) !== JSON.stringify(b)) out.push({ pointer, source: show(a), built: show(b) });
  };
  visit(source, built, "", undefined, undefined);
  return out;
}
