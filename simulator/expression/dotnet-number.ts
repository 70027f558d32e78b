/**
 * .NET numeric formatting and parsing for formatNumber(), float() and isFloat(): standard format strings
 * (C, D, E, F, G, N, P, R, X with a precision) and custom ones (`0`, `#`, `.`, `,`, `%`, `‰`, `E+0`, quotes,
 * `\` escapes, `;` sections). Numbers are formatted from their decimal digits (the shortest round-trip
 * digits of a double, as .NET Core does) and rounded half away from zero.
 */
import { numberCulture, resolveLocale, type NumberCulture } from "./culture";
import { EvaluationError, invalidArgument } from "./errors";
import type { Site } from "./functions/types";
import { DecimalValue, FloatValue } from "./values";

/** A decimal number as digits: value = 0.d1d2…dn × 10^intLen (digits has no leading or trailing zeros). */
interface Digits {
  negative: boolean;
  digits: string;
  intLen: number;
  /** True for integer types (D and X accept only these). */
  integral: boolean;
}

function fromText(negative: boolean, intPart: string, fracPart: string, integral: boolean): Digits {
  const all = intPart + fracPart;
  const lead = all.length - all.replace(/^0+/, "").length;
  const digits = all.slice(lead).replace(/0+$/, "");
  if (digits === "") return { negative, digits: "", intLen: 0, integral };
  return { negative, digits, intLen: intPart.length - lead, integral };
}

/** Decompose any numeric value into its decimal digits. */
export function toDigits(value: number | bigint | FloatValue | DecimalValue): Digits {
  if (value instanceof DecimalValue) {
    const text = value.toString();
    const negative = text.startsWith("-");
    const [i, f = ""] = text.replace("-", "").split(".") as [string, string?];
    return fromText(negative, i, f, false);
  }
  if (typeof value === "bigint") {
    const negative = value < 0n;
    return fromText(negative, (negative ? -value : value).toString(), "", true);
  }
  const integral = typeof value === "number" && Number.isInteger(value);
  const n = value instanceof FloatValue ? value.value : value;
  if (!Number.isFinite(n)) throw new EvaluationError("InvalidArgument", `The number '${n}' cannot be formatted.`);
  const negative = n < 0 || Object.is(n, -0);
  const abs = Math.abs(n);
  if (abs === 0) return { negative: false, digits: "", intLen: 0, integral };
  const [mantissa, exp] = abs.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "").replace(/0+$/, "");
  return { negative, digits, intLen: Number(exp) + 1, integral };
}

/** Round to `frac` digits after the point, half away from zero. */
function roundFrac(d: Digits, frac: number): Digits {
  return roundKeep(d, d.intLen + frac);
}

/** Keep `keep` leading digits (significant digits from the first digit), half away from zero. */
function roundKeep(d: Digits, keep: number): Digits {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return { ...d, digits: "", intLen: 0 };
  const roundUp = d.digits.charCodeAt(keep) >= 53; /* '5' */
  let head = d.digits.slice(0, keep);
  let intLen = d.intLen;
  if (roundUp) {
    const chars = head.split("");
    let i = chars.length - 1;
    for (; i >= 0; i--) {
      if (chars[i] === "9") chars[i] = "0";
      else {
        chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
        break;
      }
    }
    head = chars.join("");
    if (i < 0) {
      head = `1${head}`;
      intLen += 1;
    }
  }
  head = head.replace(/0+$/, "");
  return { ...d, digits: head, intLen: head === "" ? 0 : intLen };
}

/** Integer-part digits ("" for zero) and fraction digits padded/cut to `frac`. */
function split(d: Digits, frac: number): { int: string; frac: string } {
  const intDigits = d.intLen > 0 ? d.digits.slice(0, d.intLen).padEnd(d.intLen, "0") : "";
  let fracDigits = d.intLen >= 0 ? d.digits.slice(d.intLen) : "0".repeat(-d.intLen) + d.digits;
  fracDigits = fracDigits.padEnd(frac, "0").slice(0, frac);
  return { int: intDigits, frac: fracDigits };
}

function group(intDigits: string, separator: string): string {
  let out = "";
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % 3 === 0) out += separator;
    out += intDigits[i];
  }
  return out;
}

function isZero(d: Digits): boolean {
  return d.digits === "";
}

function fixed(d: Digits, frac: number, culture: NumberCulture, grouping: boolean): string {
  const r = roundFrac(d, frac);
  const parts = split(r, frac);
  const int = parts.int === "" ? "0" : parts.int;
  return (grouping ? group(int, culture.group) : int) + (frac > 0 ? culture.decimal + parts.frac : "");
}

function exponential(d: Digits, decimals: number, upper: boolean, minExpDigits: number, culture: NumberCulture, alwaysSign = true): string {
  const r = roundKeep(d, decimals + 1);
  const exp = isZero(r) ? 0 : r.intLen - 1;
  const digits = r.digits.padEnd(decimals + 1, "0");
  const mantissa = digits[0]! + (decimals > 0 ? culture.decimal + digits.slice(1, decimals + 1) : "");
  const sign = exp < 0 ? "-" : alwaysSign ? "+" : "";
  return `${mantissa}${upper ? "E" : "e"}${sign}${String(Math.abs(exp)).padStart(minExpDigits, "0")}`;
}

/** The 'G' format: fixed or scientific, trailing zeros trimmed. */
function general(d: Digits, precision: number, upper: boolean, culture: NumberCulture): string {
  const r = precision > 0 ? roundKeep(d, precision) : d;
  if (isZero(r)) return "0";
  const exp = r.intLen - 1;
  const limit = precision > 0 ? precision : d.integral ? Infinity : 15;
  if (exp > -5 && exp < limit) {
    const { int, frac } = split(r, Math.max(0, r.digits.length - r.intLen));
    return (int === "" ? "0" : int) + (frac.replace(/0+$/, "") ? culture.decimal + frac.replace(/0+$/, "") : "");
  }
  const mantissa = r.digits[0]! + (r.digits.length > 1 ? culture.decimal + r.digits.slice(1) : "");
  return `${mantissa}${upper ? "E" : "e"}${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function applyTemplate(template: string, number: string): string {
  return template.replace("{n}", number);
}

function withSign(d: Digits, text: string, culture: NumberCulture, rounded: Digits): string {
  return d.negative && !isZero(rounded) ? culture.minus + text : text;
}

function formatStandard(site: Site, d: Digits, letter: string, precision: number | undefined, culture: NumberCulture): string {
  const upper = letter === letter.toUpperCase();
  switch (letter.toUpperCase()) {
    case "C": {
      const frac = precision ?? culture.currencyDigits;
      const r = roundFrac(d, frac);
      const text = fixed(r, frac, culture, true);
      return applyTemplate(d.negative && !isZero(r) ? culture.currencyNegative : culture.currencyPositive, text);
    }
    case "D": {
      if (!d.integral) throw invalidArgument(site.name, "was given the format 'D', which applies only to integers.");
      const text = (d.digits.slice(0, d.intLen).padEnd(d.intLen, "0") || "0").padStart(precision ?? 0, "0");
      return withSign(d, text, culture, d);
    }
    case "E": {
      const decimals = precision ?? 6;
      return withSign(d, exponential(d, decimals, upper, 3, culture), culture, roundKeep(d, decimals + 1));
    }
    case "F": {
      const frac = precision ?? 2;
      return withSign(d, fixed(d, frac, culture, false), culture, roundFrac(d, frac));
    }
    case "N": {
      const frac = precision ?? 2;
      return withSign(d, fixed(d, frac, culture, true), culture, roundFrac(d, frac));
    }
    case "G":
    case "R": {
      const p = letter.toUpperCase() === "R" ? 0 : (precision ?? 0);
      return withSign(d, general(d, p, upper, culture), culture, p > 0 ? roundKeep(d, p) : d);
    }
    case "P": {
      const frac = precision ?? 2;
      const scaled = { ...d, intLen: d.intLen + 2 };
      const r = roundFrac(scaled, frac);
      const text = fixed(r, frac, culture, true);
      return applyTemplate(d.negative && !isZero(r) ? culture.percentNegative : culture.percentPositive, text);
    }
    case "X": {
      if (!d.integral) throw invalidArgument(site.name, "was given the format 'X', which applies only to integers.");
      let value = BigInt((d.digits.slice(0, d.intLen).padEnd(d.intLen, "0")) || "0");
      if (d.negative) value = (1n << 64n) - value; // two's complement, as Int64
      const hex = value.toString(16);
      return (upper ? hex.toUpperCase() : hex).padStart(precision ?? 0, "0");
    }
  }
  throw invalidArgument(site.name, `was given the format '${letter}${precision ?? ""}', which is not a valid numeric format string.`);
}

// ---- custom formats ------------------------------------------------------------------------------

type Token =
  | { kind: "zero" | "hash" | "point" | "comma" | "percent" | "permille" }
  | { kind: "exp"; upper: boolean; sign: boolean; digits: number }
  | { kind: "literal"; text: string };

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (quote) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === "\\" && i + 1 < format.length) {
      current += c + format[++i];
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === ";") {
      sections.push(current);
      current = "";
    } else current += c;
  }
  sections.push(current);
  return sections;
}

function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    switch (c) {
      case "0":
        tokens.push({ kind: "zero" });
        break;
      case "#":
        tokens.push({ kind: "hash" });
        break;
      case ".":
        tokens.push({ kind: "point" });
        break;
      case ",":
        tokens.push({ kind: "comma" });
        break;
      case "%":
        tokens.push({ kind: "percent" });
        break;
      case "‰":
        tokens.push({ kind: "permille" });
        break;
      case "E":
      case "e": {
        let j = i + 1;
        let sign = false;
        if (section[j] === "+" || section[j] === "-") {
          sign = section[j] === "+";
          j++;
        }
        let digits = 0;
        while (section[j + digits] === "0") digits++;
        if (digits > 0) {
          tokens.push({ kind: "exp", upper: c === "E", sign, digits });
          i = j + digits - 1;
        } else tokens.push({ kind: "literal", text: c });
        break;
      }
      case "'":
      case '"': {
        const end = section.indexOf(c, i + 1);
        if (end < 0) throw new EvaluationError("InvalidArgument", `The numeric format string '${section}' has an unterminated quoted string.`);
        tokens.push({ kind: "literal", text: section.slice(i + 1, end) });
        i = end;
        break;
      }
      case "\\":
        if (i + 1 < section.length) tokens.push({ kind: "literal", text: section[++i]! });
        break;
      default:
        tokens.push({ kind: "literal", text: c });
    }
  }
  return tokens;
}

function formatCustomSection(d: Digits, tokens: Token[], culture: NumberCulture, autoSign: boolean): string {
  // Shape of the section.
  const pointAt = tokens.findIndex((t) => t.kind === "point");
  const expAt = tokens.findIndex((t) => t.kind === "exp");
  const numberEnd = expAt >= 0 ? expAt : tokens.length;
  const intEnd = pointAt >= 0 && pointAt < numberEnd ? pointAt : numberEnd;
  const intPlaceholders: number[] = [];
  let firstZero = -1;
  let grouping = false;
  for (let i = 0; i < intEnd; i++) {
    const t = tokens[i]!;
    if (t.kind === "zero" || t.kind === "hash") {
      if (t.kind === "zero" && firstZero < 0) firstZero = intPlaceholders.length;
      intPlaceholders.push(i);
    }
  }
  // A comma between two digit placeholders turns on grouping; commas right after the last integer
  // placeholder (before the point or the end) divide by 1000 each.
  let scaleCommas = 0;
  for (let i = 0; i < intEnd; i++) {
    if (tokens[i]!.kind !== "comma") continue;
    const before = intPlaceholders.some((p) => p < i);
    const after = intPlaceholders.some((p) => p > i);
    if (before && after) grouping = true;
    else if (before && !after) scaleCommas++;
  }
  let minFrac = 0;
  let maxFrac = 0;
  if (pointAt >= 0 && pointAt < numberEnd) {
    for (let i = pointAt + 1; i < numberEnd; i++) {
      const t = tokens[i]!;
      if (t.kind === "zero") {
        maxFrac++;
        minFrac = maxFrac;
      } else if (t.kind === "hash") maxFrac++;
    }
  }
  let scale = -3 * scaleCommas;
  for (const t of tokens) {
    if (t.kind === "percent") scale += 2;
    if (t.kind === "permille") scale += 3;
  }
  let value: Digits = { ...d, intLen: isZero(d) ? 0 : d.intLen + scale };
  const minInt = firstZero < 0 ? 0 : intPlaceholders.length - firstZero;
  let exponent = 0;
  const expToken = expAt >= 0 ? (tokens[expAt] as Extract<Token, { kind: "exp" }>) : undefined;
  if (expToken && !isZero(value)) {
    // Scientific: as many integer digits as integer placeholders (at least one).
    const wanted = Math.max(1, intPlaceholders.length);
    exponent = value.intLen - wanted;
    value = roundFrac({ ...value, intLen: wanted }, maxFrac);
    if (value.intLen > wanted) {
      exponent += 1;
      value = { ...value, intLen: wanted };
    }
  } else value = roundFrac(value, maxFrac);

  const parts = split(value, maxFrac);
  const intDigits = parts.int.padStart(minInt, "0");
  let fracDigits = parts.frac;
  while (fracDigits.length > minFrac && fracDigits.endsWith("0")) fracDigits = fracDigits.slice(0, -1);

  let out = "";
  let digitPos = 0;
  const writeDigits = (count: number) => {
    for (let k = 0; k < count && digitPos < intDigits.length; k++) {
      out += intDigits[digitPos++];
      const remaining = intDigits.length - digitPos;
      if (grouping && remaining > 0 && remaining % 3 === 0) out += culture.group;
    }
  };
  const skipped = intPlaceholders.length - intDigits.length; // leading '#' placeholders with no digit
  let placeholderIndex = 0;
  let fracIndex = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // No integer placeholders ('.00'): the integer digits still come out, before the point.
    if (i === intEnd && intPlaceholders.length === 0) writeDigits(intDigits.length);
    if (i < intEnd && (t.kind === "zero" || t.kind === "hash")) {
      // The first placeholder also writes the digits that have no placeholder of their own.
      if (placeholderIndex === 0 && skipped < 0) writeDigits(1 - skipped);
      else if (placeholderIndex >= skipped) writeDigits(1);
      placeholderIndex++;
      continue;
    }
    switch (t.kind) {
      case "point":
        if (i === pointAt && fracDigits.length > 0) out += culture.decimal;
        break;
      case "zero":
      case "hash":
        if (fracIndex < fracDigits.length) out += fracDigits[fracIndex];
        fracIndex++;
        break;
      case "comma":
        break;
      case "percent":
        out += "%";
        break;
      case "permille":
        out += "\u2030";
        break;
      case "exp":
        out += `${t.upper ? "E" : "e"}${exponent < 0 ? "-" : t.sign ? "+" : ""}${String(Math.abs(exponent)).padStart(t.digits, "0")}`;
        break;
      case "literal":
        out += t.text;
        break;
    }
  }
  return autoSign && d.negative && !isZero(value) ? culture.minus + out : out;
}

function formatCustom(d: Digits, format: string, culture: NumberCulture): string {
  const sections = splitSections(format);
  if (sections.length === 1) return formatCustomSection(d, tokenize(sections[0]!), culture, true);
  if (isZero(d) && sections.length >= 3 && sections[2] !== "") return formatCustomSection(d, tokenize(sections[2]!), culture, false);
  if (d.negative && sections[1] !== "") return formatCustomSection({ ...d, negative: false }, tokenize(sections[1]!), culture, false);
  return formatCustomSection(d, tokenize(sections[0]!), culture, true);
}

/** `formatNumber(number, format, locale?)`. */
export function formatNumber(site: Site, value: number | bigint | FloatValue | DecimalValue, format: string, locale: string | undefined): string {
  const culture = numberCulture(resolveLocale(site.name, locale));
  const d = toDigits(value);
  const standard = /^([A-Za-z])(\d{0,9})$/.exec(format);
  if (standard) return formatStandard(site, d, standard[1]!, standard[2] === "" ? undefined : Number(standard[2]), culture);
  if (format === "") return formatStandard(site, d, "G", undefined, culture);
  return formatCustom(d, format, culture);
}

/**
 * Parse a number the way `float()`/`isFloat()` do: invariant culture by default (group separators and an
 * exponent allowed), or the given locale's separators. Undefined when the text is not a number.
 */
export function parseFloatText(site: Site, text: string, locale: string | undefined): number | undefined {
  const culture = locale === undefined ? { decimal: ".", group: "," } : numberCulture(resolveLocale(site.name, locale));
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const groupClass = /\s/.test(culture.group) || culture.group === "\u202f" ? "[\\s\\u00a0\\u202f]" : esc(culture.group);
  const re = new RegExp(`^\\s*([+-]?)((?:\\d|${groupClass}(?=\\d))*)(?:${esc(culture.decimal)}(\\d*))?(?:[eE]([+-]?\\d+))?\\s*$`);
  const m = re.exec(text);
  if (!m) return undefined;
  const intPart = (m[2] ?? "").replace(new RegExp(groupClass, "g"), "");
  const frac = m[3] ?? "";
  if (intPart === "" && frac === "") return undefined;
  if (/^\D/.test(m[2] ?? "")) return undefined;
  const value = Number(`${m[1]}${intPart || "0"}.${frac || "0"}${m[4] ? `e${m[4]}` : ""}`);
  return Number.isFinite(value) ? value : undefined;
}
