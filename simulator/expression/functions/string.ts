/** String functions. Searches are case-insensitive where the reference says so (indexOf, startsWith, …). */
import { invalidArgument } from "../errors";
import { formatNumber, parseFloatText } from "../dotnet-number";
import { toServiceString } from "../values";
import { int, num, optStr, str, typeError, type FunctionTable, type Site } from "./types";

/** `nth` occurrence (1-based; negative counts from the end) of `search` in `text`, case-insensitively. */
function nthIndex(text: string, search: string, n: number): number {
  const t = text.toLowerCase();
  const s = search.toLowerCase();
  if (n > 0) {
    let from = 0;
    for (let k = 1; ; k++) {
      const i = t.indexOf(s, from);
      if (i < 0) return -1;
      if (k === n) return i;
      from = i + Math.max(1, s.length);
    }
  }
  let from = t.length;
  for (let k = -1; ; k--) {
    const i = t.lastIndexOf(s, from);
    if (i < 0) return -1;
    if (k === n) return i;
    from = i - Math.max(1, s.length);
    if (from < 0) return -1;
  }
}

/** Format a GUID from the context in one of .NET's formats: N, D, B, P, X. */
function formatGuid(site: Site, guid: string, format: string): string {
  const hex = guid.replace(/[^0-9a-fA-F]/g, "").toLowerCase();
  const d = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  switch (format) {
    case "":
    case "D":
    case "d":
      return d;
    case "N":
    case "n":
      return hex;
    case "B":
    case "b":
      return `{${d}}`;
    case "P":
    case "p":
      return `(${d})`;
    case "X":
    case "x": {
      const bytes = hex.slice(16).match(/../g)!.map((b) => `0x${b}`);
      return `{0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)},{${bytes.join(",")}}}`;
    }
    default:
      throw invalidArgument(site.name, `expects its parameter to be one of the format specifiers 'N', 'D', 'B', 'P' or 'X'. The provided value is '${format}'.`);
  }
}

export const stringFunctions: FunctionTable = {
  concat: {
    eager: (args) => {
      let out = "";
      for (const a of args) out += toServiceString(a);
      return out;
    },
  },
  endsWith: { eager: (a, _c, s) => str(s, a, 0).toLowerCase().endsWith(str(s, a, 1).toLowerCase()) },
  startsWith: { eager: (a, _c, s) => str(s, a, 0).toLowerCase().startsWith(str(s, a, 1).toLowerCase()) },
  indexOf: { eager: (a, _c, s) => str(s, a, 0).toLowerCase().indexOf(str(s, a, 1).toLowerCase()) },
  lastIndexOf: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      const search = str(s, a, 1);
      // Documented edge cases: empty text → -1 (0 when both are empty); empty search → length - 1.
      if (text === "") return search === "" ? 0 : -1;
      if (search === "") return text.length - 1;
      return text.toLowerCase().lastIndexOf(search.toLowerCase());
    },
  },
  nthIndexOf: {
    eager: (a, _c, s) => {
      const n = int(s, a, 2);
      if (n === 0) throw invalidArgument(s.name, "expects its third parameter 'occurrence' to be a non-zero integer.");
      return nthIndex(str(s, a, 0), str(s, a, 1), n);
    },
  },
  replace: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      const oldText = str(s, a, 1);
      const newText = a[2] === null ? "" : str(s, a, 2);
      if (oldText === "") throw invalidArgument(s.name, "expects its second parameter 'oldText' to be a non-empty string.");
      return text.split(oldText).join(newText);
    },
  },
  split: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      const delimiter = str(s, a, 1);
      return delimiter === "" ? [text] : text.split(delimiter);
    },
  },
  substring: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      const start = int(s, a, 1);
      const length = a.length > 2 && a[2] !== null ? int(s, a, 2) : text.length - start;
      if (start < 0 || start > text.length) {
        throw invalidArgument(s.name, `parameter 'startIndex' has an invalid value '${start}': it must be between 0 and the length of the string (${text.length}).`);
      }
      if (length < 0 || start + length > text.length) {
        throw invalidArgument(
          s.name,
          `parameters are out of range: 'startIndex' (${start}) plus 'length' (${length}) must be at most the length of the string (${text.length}).`,
        );
      }
      return text.substr(start, length);
    },
  },
  slice: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      const len = text.length;
      let start = int(s, a, 1);
      let end = a.length > 2 && a[2] !== null ? int(s, a, 2) : len;
      if (start < 0) start = Math.max(0, len + start);
      if (end < 0) end = Math.max(0, len + end);
      if (start >= len || end <= start) return "";
      return text.slice(start, Math.min(end, len));
    },
  },
  toLower: { eager: (a, _c, s) => str(s, a, 0).toLowerCase() },
  toUpper: { eager: (a, _c, s) => str(s, a, 0).toUpperCase() },
  trim: { eager: (a, _c, s) => str(s, a, 0).trim() },
  guid: { eager: (a, ctx, s) => formatGuid(s, ctx.newGuid(), optStr(s, a, 0) ?? "D") },
  formatNumber: {
    eager: (a, _c, s) => formatNumber(s, num(s, a, 0), str(s, a, 1), optStr(s, a, 2)),
  },
  isInt: {
    eager: (a, _c, s) => {
      const text = str(s, a, 0);
      if (!/^\s*[+-]?\d+\s*$/.test(text)) return false;
      const value = BigInt(text.trim());
      return value >= -(2n ** 63n) && value < 2n ** 63n;
    },
  },
  isFloat: {
    eager: (a, _c, s) => parseFloatText(s, str(s, a, 0), optStr(s, a, 1)) !== undefined,
  },
  length: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      throw typeError(s, 0, "an array or a string", v);
    },
  },
  chunk: {
    eager: (a, _c, s) => {
      const v = a[0];
      const size = int(s, a, 1);
      if (size <= 0) throw invalidArgument(s.name, `expects its second parameter 'length' to be a positive integer. The provided value is '${size}'.`);
      if (typeof v !== "string" && !Array.isArray(v)) throw typeError(s, 0, "an array or a string", v);
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i += size) out.push(v.slice(i, i + size));
      return out;
    },
  },
};
