/**
 * JSON text with positions: parse a file's text (a UTF-8 byte order mark is accepted), report syntax errors
 * with line and column, and map JSON pointers back to line and column for editors and SARIF.
 *
 * Parsing uses `JSON.parse` (fast, and the reference for what is valid); the position scanner below only runs
 * when positions are needed: to locate a syntax error, or to locate diagnostics.
 *
 * `//` and `/* *\/` comments are accepted, as ARM accepts them in templates: they are replaced by spaces (line
 * breaks kept), so every offset, line and column of the text with comments stays right. That pass only runs
 * when `JSON.parse` has refused the text.
 */
import { escapeToken } from "../wdl/pointer";

/** A JSON syntax error with its place in the text (BOM excluded); line and column are 1-based. */
export interface JsonSyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

/**
 * Result of `parseJsonText`. `text` is the input without its byte order mark and with its comments blanked
 * (same length, same line breaks): positions computed on it are positions in the file. `comment` is where the
 * first comment starts, when there is one.
 */
export type JsonParseResult =
  | { ok: true; value: unknown; text: string; bom: boolean; comment?: JsonPlace }
  | { ok: false; error: JsonSyntaxError; text: string; bom: boolean; comment?: JsonPlace };

/** A place in the text: UTF-16 offset and 1-based line and column. */
export interface JsonPlace {
  offset: number;
  line: number;
  column: number;
}

/**
 * The text with every `//` and `/* *\/` comment outside strings replaced by spaces (line breaks kept), the
 * offset of the first comment, and the offset of an unterminated block comment. `undefined` when there is none.
 */
export function blankComments(text: string): { text: string; first: number; unterminated?: number } | undefined {
  let out: string[] | undefined;
  let first = -1;
  let copied = 0;
  const blank = (from: number, to: number) => {
    out ??= [];
    out.push(text.slice(copied, from), text.slice(from, to).replace(/[^\r\n]/g, " "));
    copied = to;
    if (first < 0) first = from;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break; // an unterminated string ends at the line break for this pass
      }
    } else if (c === 0x2f /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        let end = i + 2;
        while (end < text.length && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
        blank(i, end);
        i = end - 1;
      } else if (next === 0x2a /* * */) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) {
          blank(i, text.length);
          return { text: out!.join(""), first, unterminated: i };
        }
        blank(i, close + 2);
        i = close + 1;
      }
    }
  }
  if (!out) return undefined;
  out.push(text.slice(copied));
  return { text: out.join(""), first };
}

/** The syntax error in a text JSON.parse refused, located by the scanner. */
function syntaxError(text: string, fallback: unknown): JsonSyntaxError {
  let message = fallback instanceof Error ? fallback.message : String(fallback);
  let offset = 0;
  try {
    scanJson(text, () => undefined);
  } catch (scanError) {
    if (scanError instanceof JsonScanError) {
      message = scanError.message;
      offset = scanError.offset;
    }
  }
  return { message, offset, ...lineColumnAt(lineStarts(text), offset) };
}

/** Parse JSON text, accepting a leading UTF-8 byte order mark and `//` or `/* *\/` comments. Never throws. */
export function parseJsonText(raw: string): JsonParseResult {
  const bom = raw.charCodeAt(0) === 0xfeff;
  const text = bom ? raw.slice(1) : raw;
  try {
    return { ok: true, value: JSON.parse(text), text, bom };
  } catch (error) {
    const blanked = blankComments(text);
    if (!blanked) return { ok: false, error: syntaxError(text, error), text, bom };
    const comment = { offset: blanked.first, ...lineColumnAt(lineStarts(text), blanked.first) };
    if (blanked.unterminated !== undefined) {
      const at = blanked.unterminated;
      const message = "Unterminated /* comment: add the closing '*/'";
      return { ok: false, error: { message, offset: at, ...lineColumnAt(lineStarts(text), at) }, text: blanked.text, bom, comment };
    }
    try {
      return { ok: true, value: JSON.parse(blanked.text), text: blanked.text, bom, comment };
    } catch (again) {
      return { ok: false, error: syntaxError(blanked.text, again), text: blanked.text, bom, comment };
    }
  }
}

/** A syntax error found by the scanner. */
export class JsonScanError extends Error {
  override readonly name = "JsonScanError";
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line and column of `offset`, given the offsets where lines start. */
export function lineColumnAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return "the end of the file";
  const ch = text[offset]!;
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${ch}'`;
}

/**
 * Strict RFC 8259 scanner. Calls `onValue(pointer, start)` for every value, parents before children.
 * Throws `JsonScanError` at the first syntax error.
 */
export function scanJson(text: string, onValue: (pointer: string, start: number) => void): void {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && WS.has(text.charCodeAt(pos))) pos++;
  };
  const fail = (message: string, at = pos): never => {
    throw new JsonScanError(message, at);
  };
  const string = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = "";
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) fail("Unterminated string: add the closing '\"'", start);
      const code = text.charCodeAt(pos);
      if (code === 0x22) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (code < 0x20) fail(`Unescaped ${describeChar(text, pos)} inside a string: escape it (e.g. \\n or \\t)`);
      if (code === 0x5c) {
        out += text.slice(chunk, pos);
        const e = text[pos + 1];
        if (e === "u") {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\u escape: it needs four hexadecimal digits", pos);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else {
          const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
          if (e === undefined || !Object.prototype.hasOwnProperty.call(map, e)) fail(`Invalid escape '\\${e ?? ""}' in a string`, pos);
          out += map[e!];
          pos += 2;
        }
        chunk = pos;
        continue;
      }
      pos++;
    }
  };
  const number = () => {
    const start = pos;
    if (text[pos] === "-") pos++;
    if (text[pos] === "0") pos++;
    else if (text[pos]! >= "1" && text[pos]! <= "9") while (text[pos]! >= "0" && text[pos]! <= "9") pos++;
    else fail(`Invalid number: expected a digit but found ${describeChar(text, pos)}`);
    if (text[pos] === ".") {
      pos++;
      if (!(text[pos]! >= "0" && text[pos]! <= "9")) fail("Invalid number: expected a digit after '.'");
      while (text[pos]! >= "0" && text[pos]! <= "9") pos++;
    }
    if (text[pos] === "e" || text[pos] === "E") {
      pos++;
      if (text[pos] === "+" || text[pos] === "-") pos++;
      if (!(text[pos]! >= "0" && text[pos]! <= "9")) fail("Invalid number: expected a digit in the exponent");
      while (text[pos]! >= "0" && text[pos]! <= "9") pos++;
    }
    return start;
  };
  const value = (pointer: string): void => {
    skip();
    const start = pos;
    const ch = text[pos];
    if (ch === undefined) fail("Unexpected end of the file: a value is missing");
    onValue(pointer, start);
    if (ch === "{") {
      pos++;
      skip();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') {
          if (text[pos] === "}") fail("Trailing comma before '}': remove it");
          fail(`Expected a property name in double quotes but found ${describeChar(text, pos)}`);
        }
        const key = string();
        skip();
        if (text[pos] !== ":") fail(`Expected ':' after the property name "${key}" but found ${describeChar(text, pos)}`);
        pos++;
        value(`${pointer}/${escapeToken(key)}`);
        skip();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return;
        }
        fail(`Expected ',' or '}' after the value of "${key}" but found ${describeChar(text, pos)}`);
      }
    }
    if (ch === "[") {
      pos++;
      skip();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        skip();
        if (text[pos] === "]") fail("Trailing comma before ']': remove it");
        value(`${pointer}/${i}`);
        skip();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return;
        }
        fail(`Expected ',' or ']' after array item ${i} but found ${describeChar(text, pos)}`);
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      number();
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return;
      }
    }
    fail(`Unexpected ${describeChar(text, pos)}: expected a value (object, array, string, number, true, false or null)`);
  };
  value("");
  skip();
  if (pos < text.length) fail(`Unexpected ${describeChar(text, pos)} after the end of the JSON value`);
}

/**
 * Where pointers sit in a JSON text. Each lookup walks the text from the start, skipping the values it does not
 * need, so nothing is indexed up front (most files need no lookup at all, or a few).
 */
export class JsonPositions {
  private starts: number[] | undefined;
  private readonly cache = new Map<string, { start: number; exact: boolean }>();

  constructor(readonly text: string) {}

  /**
   * Index many pointers in one pass over the text (descending only where a wanted pointer leads), so a file with
   * many findings is scanned once. `locate` then answers from the cache.
   */
  index(pointers: Iterable<string>): void {
    type Trie = Map<string, Trie>;
    const root: Trie = new Map();
    for (const pointer of pointers) {
      if (pointer === "" || !pointer.startsWith("/")) continue;
      let node = root;
      for (const raw of pointer.slice(1).split("/")) {
        const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        let next = node.get(token);
        if (!next) node.set(token, (next = new Map()));
        node = next;
      }
    }
    if (!root.size) return;
    const t = this.text;
    const esc = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1");
    const walk = (pos: number, node: Trie, pointer: string): number => {
      this.cache.set(pointer, { start: pos, exact: true });
      const c = t.charCodeAt(pos);
      if (c === 0x7b) {
        pos = this.skipWs(pos + 1);
        while (t.charCodeAt(pos) === 0x22) {
          const end = this.skipString(pos);
          let key = t.slice(pos + 1, end - 1);
          if (key.includes("\\")) {
            try {
              key = JSON.parse(t.slice(pos, end)) as string;
            } catch {
              // keep the raw text
            }
          }
          pos = this.skipWs(end);
          if (t[pos] !== ":") return pos;
          pos = this.skipWs(pos + 1);
          const child = node.get(key);
          pos = this.skipWs(child ? walk(pos, child, `${pointer}/${esc(key)}`) : this.skipValue(pos));
          if (t[pos] !== ",") return pos + 1;
          pos = this.skipWs(pos + 1);
        }
        return pos + 1;
      }
      if (c === 0x5b) {
        pos = this.skipWs(pos + 1);
        for (let i = 0; pos < t.length && t[pos] !== "]"; i++) {
          const child = node.get(String(i));
          pos = this.skipWs(child ? walk(pos, child, `${pointer}/${i}`) : this.skipValue(pos));
          if (t[pos] !== ",") return pos + 1;
          pos = this.skipWs(pos + 1);
        }
        return pos + 1;
      }
      return this.skipValue(pos);
    };
    try {
      walk(this.skipWs(0), root, "");
    } catch {
      // positions stay best-effort: `locate` falls back to walking each pointer
    }
  }

  /** 1-based line and column of an offset. */
  lineColumn(offset: number): { line: number; column: number } {
    this.starts ??= lineStarts(this.text);
    return lineColumnAt(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  /**
   * Line and column of the value a pointer names. With `stringOffset`, the place of that UTF-16 offset
   * inside the string value (escapes accounted for). A pointer that is not in the text falls back to its
   * nearest ancestor that is.
   */
  locate(pointer: string, stringOffset?: number): { line: number; column: number } {
    const found = this.find(pointer);
    let start = found.start;
    if (stringOffset !== undefined && found.exact && this.text[start] === '"') start = this.rawStringOffset(start, stringOffset);
    return this.lineColumn(start);
  }

  private skipWs(pos: number): number {
    const t = this.text;
    while (pos < t.length && WS.has(t.charCodeAt(pos))) pos++;
    return pos;
  }

  /** End (exclusive) of the string token starting at `pos`. */
  private skipString(pos: number): number {
    const t = this.text;
    for (let q = t.indexOf('"', pos + 1); q >= 0; q = t.indexOf('"', q + 1)) {
      let backslashes = 0;
      for (let b = q - 1; t.charCodeAt(b) === 0x5c; b--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
    }
    return t.length;
  }

  /** End (exclusive) of the value starting at `pos`. */
  private skipValue(pos: number): number {
    const t = this.text;
    const c = t.charCodeAt(pos);
    if (c === 0x22) return this.skipString(pos);
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      while (pos < t.length) {
        const ch = t.charCodeAt(pos);
        if (ch === 0x22) {
          pos = this.skipString(pos);
          continue;
        }
        if (ch === 0x7b || ch === 0x5b) depth++;
        else if (ch === 0x7d || ch === 0x5d) {
          depth--;
          if (depth === 0) return pos + 1;
        }
        pos++;
      }
      return pos;
    }
    for (;;) {
      const ch = t.charCodeAt(pos);
      if (Number.isNaN(ch) || ch === 0x2c || ch === 0x7d || ch === 0x5d || WS.has(ch)) return pos;
      pos++;
    }
  }

  /** Offset of the value a pointer names (or of its nearest existing ancestor); parents are cached. */
  private find(pointer: string): { start: number; exact: boolean } {
    const known = this.cache.get(pointer);
    if (known) return known;
    let result: { start: number; exact: boolean };
    if (pointer === "") result = { start: this.skipWs(0), exact: true };
    else if (!pointer.startsWith("/")) result = { start: this.skipWs(0), exact: false };
    else {
      const cut = pointer.lastIndexOf("/");
      const parent = this.find(pointer.slice(0, cut));
      const token = pointer.slice(cut + 1).replace(/~1/g, "/").replace(/~0/g, "~");
      const next = parent.exact ? this.step(parent.start, token) : -1;
      result = next < 0 ? { start: parent.start, exact: false } : { start: next, exact: true };
    }
    this.cache.set(pointer, result);
    return result;
  }

  /** Offset of member `token` of the container at `pos`, or -1. */
  private step(pos: number, token: string): number {
    const t = this.text;
    const c = t[pos];
    let next = -1;
    if (c === "{") {
      pos = this.skipWs(pos + 1);
      while (t[pos] === '"') {
        const end = this.skipString(pos);
        const raw = t.slice(pos + 1, end - 1);
        let key = raw;
        if (raw.includes("\\")) {
          try {
            key = JSON.parse(t.slice(pos, end)) as string;
          } catch {
            key = raw;
          }
        }
        pos = this.skipWs(end);
        if (t[pos] !== ":") break;
        const valueStart = this.skipWs(pos + 1);
        if (key === token) next = valueStart; // the last duplicate wins, as in JSON.parse
        pos = this.skipWs(this.skipValue(valueStart));
        if (t[pos] !== ",") break;
        pos = this.skipWs(pos + 1);
      }
    } else if (c === "[" && /^(0|[1-9][0-9]*)$/.test(token)) {
      const wanted = Number(token);
      pos = this.skipWs(pos + 1);
      for (let i = 0; pos < t.length && t[pos] !== "]"; i++) {
        if (i === wanted) return pos;
        pos = this.skipWs(this.skipValue(pos));
        if (t[pos] !== ",") break;
        pos = this.skipWs(pos + 1);
      }
    }
    return next;
  }

  /** Raw text offset of decoded offset `k` inside the string token starting at `quote`. */
  private rawStringOffset(quote: number, k: number): number {
    let pos = quote + 1;
    let decoded = 0;
    while (decoded < k && pos < this.text.length && this.text[pos] !== '"') {
      if (this.text[pos] === "\\") pos += this.text[pos + 1] === "u" ? 6 : 2;
      else pos++;
      decoded++;
    }
    return pos;
  }
}
