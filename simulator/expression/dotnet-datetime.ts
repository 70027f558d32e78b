/**
 * .NET-style timestamps: parsing (ISO 8601, culture short/long dates, RFC 1123, exact custom formats) and
 * formatting (standard specifiers d D f F g G M o r s t T u U Y and custom patterns), in 100 ns ticks.
 *
 * A `Timestamp` is a wall-clock time plus a kind, as .NET's DateTime: `Utc` (the input said Z/GMT or
 * carried an offset, which is converted to UTC) or `Unspecified` (no zone, e.g. '03/15/2018', or the result
 * of convertFromUtc). The round-trip format 'o' writes 'Z' for Utc and nothing for Unspecified, which is
 * what the reference's examples show ('2018-03-15T00:00:00.0000000' for formatDateTime('03/15/2018')).
 */
import { dateCulture, INVARIANT_DATES, resolveLocale, type DateCulture } from "./culture";
import { EvaluationError } from "./errors";

/** A wall-clock time: milliseconds since 1970 as if UTC, extra 100 ns ticks, and the DateTime kind. */
export interface Timestamp {
  ms: number;
  /** 0–9999 ticks below the millisecond. */
  sub: number;
  kind: "Utc" | "Unspecified";
}

/** .NET ticks at 1970-01-01 (ticks count from 0001-01-01). */
const EPOCH_TICKS = 621355968000000000n;
const MS_YEAR_1 = -62135596800000;
const MS_YEAR_10000 = 253402300800000;

/** Ticks since 0001-01-01 (`DateTime.Ticks`). */
export function toTicks(ts: Timestamp): bigint {
  return BigInt(ts.ms) * 10000n + BigInt(ts.sub) + EPOCH_TICKS;
}

/** A timestamp from ticks. */
export function fromTicks(ticks: bigint, kind: Timestamp["kind"]): Timestamp {
  const rel = ticks - EPOCH_TICKS;
  let ms = rel / 10000n;
  let sub = rel % 10000n;
  if (sub < 0n) {
    sub += 10000n;
    ms -= 1n;
  }
  return checkRange({ ms: Number(ms), sub: Number(sub), kind });
}

/** Fail when a timestamp leaves .NET's range (years 1–9999). */
export function checkRange(ts: Timestamp): Timestamp {
  if (!(ts.ms >= MS_YEAR_1 && ts.ms < MS_YEAR_10000)) {
    throw new EvaluationError("InvalidArgument", "The resulting timestamp is outside the supported range (years 0001 to 9999).");
  }
  return ts;
}

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** Calendar fields of a timestamp's wall clock. */
export function fields(ts: Timestamp): { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; dayOfWeek: number } {
  const d = new Date(ts.ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    dayOfWeek: d.getUTCDay(),
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** Build a timestamp from fields, validating them. Undefined when a field is out of range. */
export function makeTimestamp(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction7: number,
  kind: Timestamp["kind"],
): Timestamp | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const ms = Math.floor(fraction7 / 10000);
  return { ms: utcMs(year, month, day, hour, minute, second, ms), sub: fraction7 % 10000, kind };
}

// ---- parsing ------------------------------------------------------------------------------------

/** "1234" (any length) as 7 fraction digits. */
function fraction7(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.slice(0, 7).padEnd(7, "0"));
}

/** Apply a parsed zone: Z → Utc; an offset → converted to UTC (Utc); none → Unspecified. */
function applyZone(ts: Timestamp | undefined, zone: string | undefined): Timestamp | undefined {
  if (!ts || zone === undefined || zone === "") return ts;
  const z = zone.trim().toUpperCase();
  if (z === "Z" || z === "GMT" || z === "UTC" || z === "UT") return { ...ts, kind: "Utc" };
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return undefined;
  const offset = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * (m[1] === "-" ? -1 : 1);
  if (Math.abs(offset) > 14 * 60) return undefined;
  return { ms: ts.ms - offset * 60000, sub: ts.sub, kind: "Utc" };
}

const ISO =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/** ISO 8601 (the service's preferred input). */
function parseIso(text: string): Timestamp | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const ts = makeTimestamp(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), fraction7(m[7]), "Unspecified");
  return applyZone(ts, m[8]);
}

function matchName(word: string, names: string[]): number {
  const lower = word.toLowerCase().replace(/\.$/, "");
  return names.findIndex((n) => n.toLowerCase().replace(/\.$/, "") === lower);
}

function monthOf(word: string, culture: DateCulture): number {
  for (const list of [culture.monthNames, culture.monthGenitive, culture.monthAbbr, INVARIANT_DATES.monthNames, INVARIANT_DATES.monthAbbr]) {
    const i = matchName(word, list);
    if (i >= 0) return i + 1;
  }
  return 0;
}

function isDayName(word: string, culture: DateCulture): boolean {
  for (const list of [culture.dayNames, culture.dayAbbr, INVARIANT_DATES.dayNames, INVARIANT_DATES.dayAbbr]) if (matchName(word, list) >= 0) return true;
  return false;
}

const dayNamePatterns = new WeakMap<DateCulture, RegExp[]>();

/**
 * Remove day names ('Monday', 'lundi', '木曜日'): they carry no information the date does not. Names in
 * scripts with letter case must stand alone ('mar.' is Tuesday in French, 'mars' is March).
 */
function stripDayNames(text: string, culture: DateCulture): string {
  let patterns = dayNamePatterns.get(culture);
  if (!patterns) {
    const names = [...new Set([...culture.dayNames, ...culture.dayAbbr, ...INVARIANT_DATES.dayNames, ...INVARIANT_DATES.dayAbbr])]
      .filter((n) => n.trim() !== "")
      .sort((a, b) => b.length - a.length);
    patterns = names.map((name) => {
      const escaped = name.replace(/\.$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\.?";
      return /[\p{Lu}\p{Ll}]/u.test(name) ? new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, "giu") : new RegExp(escaped, "gu");
    });
    dayNamePatterns.set(culture, patterns);
  }
  for (const re of patterns) text = text.replace(re, " ");
  return text;
}

function twoDigitYear(y: number): number {
  return y < 50 ? 2000 + y : 1900 + y; // .NET's TwoDigitYearMax 2049
}

/**
 * A lenient parse of the common forms .NET's DateTime.Parse accepts: ISO 8601, culture short dates
 * ('03/15/2018', '20/10/2014' for fr-FR), long dates with month and day names ('Monday, January 1, 2018',
 * '20 octobre 2010'), RFC 1123 ('Mon, 09 Apr 2018 18:47:12 GMT'), optional time with AM/PM and a zone.
 */
export function parseTimestampText(text: string, culture: DateCulture): Timestamp | undefined {
  const iso = parseIso(text);
  if (iso) return iso;
  let rest = ` ${text.trim()} `;
  // Zone suffix.
  let zone: string | undefined;
  const zoneMatch = /\s(Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i.exec(rest) ?? /(?<=\d)(Z|[+-]\d{2}:\d{2})\s*$/i.exec(rest);
  if (zoneMatch) {
    zone = zoneMatch[1];
    rest = rest.slice(0, zoneMatch.index) + " ";
  }
  // Time of day.
  let hour = 0;
  let minute = 0;
  let second = 0;
  let frac = 0;
  const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const designators = [culture.am, culture.pm, "AM", "PM", "A.M.", "P.M."].filter(Boolean).map(escapeRe).join("|");
  const timeRe = new RegExp(`(?:^|[\\sT])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?(?:\\s*(${designators}))?(?=\\s|$)`, "i");
  const time = timeRe.exec(rest);
  if (time) {
    hour = +time[1]!;
    minute = +time[2]!;
    second = +(time[3] ?? 0);
    frac = fraction7(time[4]);
    const designator = time[5]?.toLowerCase();
    if (designator) {
      if (hour < 1 || hour > 12) return undefined;
      const pm = designator === culture.pm.toLowerCase() || designator.startsWith("p");
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    rest = rest.slice(0, time.index) + " " + rest.slice(time.index + time[0].length);
  }
  // Date tokens (CJK year/month/day markers are separators).
  const tokens = stripDayNames(rest, culture).split(/[\s,/.\-年月日년월일]+/).filter((t) => t !== "" && t.toLowerCase() !== "de" && t.toLowerCase() !== "of");
  const numbers: string[] = [];
  let month = 0;
  for (const t of tokens) {
    if (/^\d+$/.test(t)) numbers.push(t);
    else if (/^\d+(st|nd|rd|th|er|e)$/i.test(t)) numbers.push(t.replace(/\D+$/, ""));
    else if (isDayName(t, culture)) continue;
    else {
      const m = monthOf(t, culture);
      if (m === 0 || month !== 0) return undefined;
      month = m;
    }
  }
  let year: number;
  let day: number;
  if (month !== 0) {
    if (numbers.length !== 2) return undefined;
    const yearIndex = numbers.findIndex((n) => n.length >= 3 || +n > 31);
    const yi = yearIndex >= 0 ? yearIndex : 1;
    year = numbers[yi]!.length <= 2 ? twoDigitYear(+numbers[yi]!) : +numbers[yi]!;
    day = +numbers[1 - yi]!;
  } else {
    if (numbers.length !== 3) return undefined;
    let [a, b, c] = numbers as [string, string, string];
    let order = culture.order;
    if (a.length >= 3) order = "YMD";
    const pick = (): [string, string, string] => (order === "YMD" ? [a, b, c] : order === "DMY" ? [c, b, a] : [c, a, b]);
    [a, b, c] = pick(); // now a = year, b = month, c = day
    year = a.length <= 2 ? twoDigitYear(+a) : +a;
    month = +b;
    day = +c;
  }
  return applyZone(makeTimestamp(year, month, day, hour, minute, second, frac, "Unspecified"), zone);
}

/** Parse a timestamp argument, failing with the service's message. */
export function parseTimestamp(fn: string, text: string, locale?: string): Timestamp {
  const ts = parseIso(text) ?? parseTimestampText(text, dateCulture(resolveLocale(fn, locale)));
  if (!ts) {
    throw new EvaluationError(
      "InvalidArgument",
      `In function '${fn}', the value provided for date time string '${text}' was not valid. The datetime string must match ISO 8601 format.`,
    );
  }
  return ts;
}

/**
 * Milliseconds since 1970 of a timestamp given to the simulator (`now`, a Wait's `until.timestamp`). A time
 * without an offset is UTC, as the service reads it, never the host's local time (unlike `Date.parse`), so
 * results do not depend on the machine's time zone. `lenient` also accepts the forms `parseTimestamp` does;
 * otherwise only ISO 8601. Undefined when the text is no such timestamp.
 */
export function instantMs(text: string, lenient = false): number | undefined {
  const ts = parseIso(text) ?? (lenient ? parseTimestampText(text, INVARIANT_DATES) : undefined);
  return ts?.ms;
}

/** The 100 ns ticks below the millisecond of an ISO 8601 timestamp (`.1234567` → 4567), 0 when it has none. */
export function subMillisecondTicks(text: string): number {
  return parseIso(text)?.sub ?? 0;
}

// ---- custom format patterns -------------------------------------------------------------------------

/** One element of a .NET custom date/time pattern. */
type PatternToken = { kind: "field"; letter: string; count: number } | { kind: "literal"; text: string };

const FIELD_LETTERS = new Set(["d", "f", "F", "g", "h", "H", "K", "m", "M", "s", "t", "y", "z"]);

function badFormat(format: string, why: string): EvaluationError {
  return new EvaluationError("InvalidArgument", `The provided date time format '${format}' is not valid: ${why}.`);
}

const patternCache = new Map<string, PatternToken[]>();

/** Tokenize a custom pattern (quotes, `\` escapes, `%` single specifiers). */
export function tokenizePattern(format: string): PatternToken[] {
  const cached = patternCache.get(format);
  if (cached) return cached;
  const tokens: PatternToken[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (FIELD_LETTERS.has(c)) {
      let n = 1;
      while (format[i + n] === c) n++;
      if ((c === "f" || c === "F") && n > 7) throw badFormat(format, `'${c}' may repeat at most 7 times`);
      tokens.push({ kind: "field", letter: c, count: n });
      i += n - 1;
    } else if (c === "'" || c === '"') {
      let text = "";
      let j = i + 1;
      for (; j < format.length && format[j] !== c; j++) {
        if (format[j] === "\\" && j + 1 < format.length) j++;
        text += format[j];
      }
      if (j >= format.length) throw badFormat(format, `the quoted text starting at position ${i} is not closed`);
      literal(text);
      i = j;
    } else if (c === "%") {
      const next = format[i + 1];
      if (next === undefined || next === "%") throw badFormat(format, "'%' must be followed by a format specifier");
    } else if (c === "\\") {
      if (i + 1 >= format.length) throw badFormat(format, "'\\' at the end escapes nothing");
      literal(format[++i]!);
    } else if (c === ":" || c === "/") {
      tokens.push({ kind: "field", letter: c, count: 1 });
    } else literal(c);
  }
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(format, tokens);
  return tokens;
}

// ---- formatting -------------------------------------------------------------------------------------

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Expand a standard format letter to its pattern and culture (round-trip and RFC letters are invariant). */
function expandStandard(letter: string, culture: DateCulture): { pattern: string; culture: DateCulture } | undefined {
  const p = culture.patterns;
  switch (letter) {
    case "d":
      return { pattern: p.d, culture };
    case "D":
      return { pattern: p.D, culture };
    case "f":
      return { pattern: `${p.D} ${p.t}`, culture };
    case "F":
    case "U":
      return { pattern: `${p.D} ${p.T}`, culture };
    case "g":
      return { pattern: `${p.d} ${p.t}`, culture };
    case "G":
      return { pattern: `${p.d} ${p.T}`, culture };
    case "m":
    case "M":
      return { pattern: p.M, culture };
    case "y":
    case "Y":
      return { pattern: p.Y, culture };
    case "t":
      return { pattern: p.t, culture };
    case "T":
      return { pattern: p.T, culture };
    case "o":
    case "O":
      return { pattern: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK", culture: INVARIANT_DATES };
    case "r":
    case "R":
      return { pattern: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", culture: INVARIANT_DATES };
    case "s":
      return { pattern: "yyyy'-'MM'-'dd'T'HH':'mm':'ss", culture: INVARIANT_DATES };
    case "u":
      return { pattern: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'", culture: INVARIANT_DATES };
  }
  return undefined;
}

/** Format with a custom pattern. */
function formatPattern(ts: Timestamp, tokens: PatternToken[], culture: DateCulture): string {
  const f = fields(ts);
  const frac7 = pad(f.ms * 10000 + ts.sub, 7);
  const usesDay = tokens.some((t) => t.kind === "field" && t.letter === "d" && t.count <= 2);
  let out = "";
  for (const t of tokens) {
    if (t.kind === "literal") {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "d":
        out += n === 1 ? String(f.day) : n === 2 ? pad(f.day, 2) : n === 3 ? culture.dayAbbr[f.dayOfWeek] : culture.dayNames[f.dayOfWeek];
        break;
      case "f":
        out += frac7.slice(0, n);
        break;
      case "F": {
        const digits = frac7.slice(0, n).replace(/0+$/, "");
        if (digits === "" && out.endsWith(".")) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case "g":
        out += "A.D.";
        break;
      case "h": {
        const h = f.hour % 12 === 0 ? 12 : f.hour % 12;
        out += n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case "H":
        out += n === 1 ? String(f.hour) : pad(f.hour, 2);
        break;
      case "K":
        out += ts.kind === "Utc" ? "Z" : "";
        break;
      case "m":
        out += n === 1 ? String(f.minute) : pad(f.minute, 2);
        break;
      case "M":
        out +=
          n === 1
            ? String(f.month)
            : n === 2
              ? pad(f.month, 2)
              : n === 3
                ? culture.monthAbbr[f.month - 1]
                : (usesDay ? culture.monthGenitive : culture.monthNames)[f.month - 1];
        break;
      case "s":
        out += n === 1 ? String(f.second) : pad(f.second, 2);
        break;
      case "t": {
        const designator = f.hour < 12 ? culture.am : culture.pm;
        out += n === 1 ? designator.slice(0, 1) : designator;
        break;
      }
      case "y":
        out += n === 1 ? String(f.year % 100) : n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case "z":
        // The service runs in UTC: Unspecified and Utc times both have offset +00:00.
        out += n === 1 ? "+0" : n === 2 ? "+00" : "+00:00";
        break;
      case ":":
        out += ":";
        break;
      case "/":
        out += culture.dateSeparator;
        break;
    }
  }
  return out;
}

/** Format a timestamp with a .NET format string (default 'o') in a locale (default en-US). */
export function formatTimestamp(fn: string, ts: Timestamp, format: string | undefined, locale?: string): string {
  const culture = dateCulture(resolveLocale(fn, locale));
  if (format === undefined || format === "") format = "o";
  if (format === "o" || format === "O") {
    // Hot path: the default output format.
    const f = fields(ts);
    return `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}.${pad(f.ms * 10000 + ts.sub, 7)}${ts.kind === "Utc" ? "Z" : ""}`;
  }
  if (format.length === 1) {
    const standard = expandStandard(format, culture);
    if (!standard) {
      throw new EvaluationError(
        "InvalidArgument",
        `The provided date time format '${format}' is not valid: a one-character format must be a standard format specifier (d, D, f, F, g, G, M, o, r, s, t, T, u, U, Y).`,
      );
    }
    return formatPattern(ts, tokenizePattern(standard.pattern), standard.culture);
  }
  return formatPattern(ts, tokenizePattern(format), culture);
}

// ---- exact parsing ---------------------------------------------------------------------------------

/** Parse with an exact format (parseDateTime's third argument), as DateTime.ParseExact does. */
export function parseExact(fn: string, text: string, format: string, locale?: string): Timestamp {
  const culture0 = dateCulture(resolveLocale(fn, locale));
  let pattern = format;
  let culture = culture0;
  if (format.length === 1) {
    const standard = expandStandard(format, culture0);
    if (!standard) throw badFormat(format, "a one-character format must be a standard format specifier");
    pattern = standard.pattern;
    culture = standard.culture;
  }
  const tokens = tokenizePattern(pattern);
  let pos = 0;
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let frac = 0;
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let zone: string | undefined;
  const fail = (): never => {
    throw new EvaluationError(
      "InvalidArgument",
      `In function '${fn}', the value '${text}' does not match the date time format '${format}'.`,
    );
  };
  const digits = (min: number, max: number): number => {
    let n = 0;
    while (n < max && pos + n < text.length && /\d/.test(text[pos + n]!)) n++;
    if (n < min) fail();
    const value = Number(text.slice(pos, pos + n));
    pos += n;
    return value;
  };
  const name = (lists: string[][]): number => {
    let best = -1;
    let bestLen = 0;
    const rest = text.slice(pos).toLowerCase();
    for (const list of lists) {
      list.forEach((n, i) => {
        const candidate = n.toLowerCase();
        if (candidate && rest.startsWith(candidate) && candidate.length > bestLen) {
          best = i;
          bestLen = candidate.length;
        }
      });
    }
    if (best < 0) fail();
    pos += bestLen;
    return best;
  };
  for (const t of tokens) {
    if (t.kind === "literal") {
      if (text.slice(pos, pos + t.text.length).toLowerCase() !== t.text.toLowerCase()) {
        if (t.text.trim() === "" && /\s/.test(text[pos] ?? "")) {
          while (/\s/.test(text[pos] ?? "")) pos++;
          continue;
        }
        fail();
      }
      pos += t.text.length;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "d":
        if (n <= 2) day = digits(n, 2);
        else name(n === 3 ? [culture.dayAbbr] : [culture.dayNames]);
        break;
      case "M":
        if (n <= 2) month = digits(n, 2);
        else month = name(n === 3 ? [culture.monthAbbr] : [culture.monthGenitive, culture.monthNames]) + 1;
        break;
      case "y":
        if (n <= 2) year = twoDigitYear(digits(n, 2));
        else year = digits(n, Math.max(n, 4));
        break;
      case "H":
        hour = digits(n, 2);
        break;
      case "h":
        hour12 = digits(n, 2);
        break;
      case "m":
        minute = digits(n, 2);
        break;
      case "s":
        second = digits(n, 2);
        break;
      case "f":
      case "F": {
        const start = pos;
        const v = digits(t.letter === "f" ? n : 0, n);
        frac = Number(String(v).padStart(pos - start, "0").padEnd(7, "0").slice(0, 7));
        break;
      }
      case "t": {
        const i = name([[culture.am, culture.pm]]);
        pm = i === 1;
        break;
      }
      case "K":
      case "z": {
        const m = /^(Z|[+-]\d{1,2}(?::?\d{2})?)/i.exec(text.slice(pos));
        if (!m) {
          if (t.letter === "K") break;
          fail();
        }
        zone = m![1];
        pos += m![1]!.length;
        break;
      }
      case "g":
        name([["A.D.", "AD"]]);
        break;
      case ":":
        if (text[pos] !== ":") fail();
        pos++;
        break;
      case "/":
        if (text.slice(pos, pos + culture.dateSeparator.length) !== culture.dateSeparator) fail();
        pos += culture.dateSeparator.length;
        break;
    }
  }
  if (pos !== text.length) fail();
  if (hour12 !== undefined) {
    if (hour12 < 1 || hour12 > 12) fail();
    hour = (hour12 % 12) + (pm ? 12 : 0);
  } else if (pm !== undefined && pm && hour < 12) hour += 12;
  const ts = applyZone(makeTimestamp(year, month, day, hour, minute, second, frac, "Unspecified"), zone);
  return ts ?? fail();
}
