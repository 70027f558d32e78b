/**
 * The values the evaluator works with, and the conversions between them.
 *
 * Inside one expression a value is JSON (null, boolean, number, string, array, object) or one of these
 * tagged types, which only exist between functions:
 * - `FloatValue`: a float whose value is integral (`2.0`, `float('3')`), so `div(6.0, 4)` stays a float
 *   division. A non-integral JS number is always a float; an integral JS number is an integer.
 * - `bigint`: an integer beyond ±2^53 (`ticks()` is ~6.4e17), so tick arithmetic is exact.
 * - `DecimalValue`: `decimal('…')`, exact to 28 digits.
 * - `BinaryValue`: bytes with a content type (`base64ToBinary`, `binary`, `xml`, `dataUriToBinary`).
 *
 * `toPlain` turns a result into JSON at the boundary: floats and big integers become numbers, decimals a
 * number, binary the service's content envelope `{"$content-type", "$content": base64}`.
 */

/** A float with an integral value (non-integral JS numbers are floats already). */
export class FloatValue {
  constructor(readonly value: number) {}
}

/** Bytes with a content type, as the service's binary content. */
export class BinaryValue {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string = "application/octet-stream",
  ) {}
  /** True for XML content (`xml()` results and XML envelopes). */
  get isXml(): boolean {
    return /[/+]xml\b/i.test(this.contentType);
  }
  text(): string {
    return stripBom(this.bytes.toString("utf8"));
  }
  envelope(): { "$content-type": string; $content: string } {
    return { "$content-type": this.contentType, $content: this.bytes.toString("base64") };
  }
}

/** A .NET decimal: `mantissa × 10^-scale`, kept exact. */
export class DecimalValue {
  constructor(
    readonly mantissa: bigint,
    readonly scale: number,
  ) {}
  toString(): string {
    const negative = this.mantissa < 0n;
    let digits = (negative ? -this.mantissa : this.mantissa).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, "0");
      digits = `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
    }
    return negative ? `-${digits}` : digits;
  }
  toNumber(): number {
    return Number(this.toString());
  }
}

/** Remove a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A plain JSON object (not an array, not a tagged value). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A content envelope `{"$content-type": …, "$content": base64}` as the service stores binary. */
export function isContentEnvelope(value: unknown): value is { "$content-type"?: string; $content: string } {
  return isPlainObject(value) && typeof value["$content"] === "string" && ("$content-type" in value || Object.keys(value).length === 1);
}

/** Binary content from a `BinaryValue` or an envelope; undefined for anything else. */
export function asBinary(value: unknown): BinaryValue | undefined {
  if (value instanceof BinaryValue) return value;
  if (isContentEnvelope(value)) {
    const type = typeof value["$content-type"] === "string" ? value["$content-type"] : "application/octet-stream";
    return new BinaryValue(Buffer.from(value.$content, "base64"), type);
  }
  return undefined;
}

/** True for integers and floats of every representation. */
export function isNumeric(value: unknown): value is number | bigint | FloatValue | DecimalValue {
  return typeof value === "number" || typeof value === "bigint" || value instanceof FloatValue || value instanceof DecimalValue;
}

/** True when the value is an integer (JS integral number or bigint). */
export function isInteger(value: unknown): value is number | bigint {
  return (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint";
}

/** The service's name for a value's type, for messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "Null";
  switch (typeof value) {
    case "string":
      return "String";
    case "boolean":
      return "Boolean";
    case "bigint":
      return "Integer";
    case "number":
      return Number.isInteger(value) ? "Integer" : "Float";
  }
  if (value instanceof FloatValue) return "Float";
  if (value instanceof DecimalValue) return "Decimal";
  if (value instanceof BinaryValue) return value.isXml ? "Xml" : "Binary";
  if (Array.isArray(value)) return "Array";
  return "Object";
}

/** JSON for a result: tagged values become numbers or content envelopes (shallow: containers hold plain values). */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value !== "object" && typeof value !== "bigint") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof FloatValue) return value.value;
  if (value instanceof DecimalValue) return value.toNumber();
  if (value instanceof BinaryValue) return value.envelope();
  return value;
}

/** A JS number for any numeric value (bigints may lose precision). */
export function toNumber(value: number | bigint | FloatValue | DecimalValue): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof FloatValue) return value.value;
  return value.toNumber();
}

/** Normalise an integer result: a JS number when it is safe, a bigint otherwise. */
export function normalizeInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A float result: integral values are wrapped so they stay floats inside the expression. */
export function makeFloat(value: number): number | FloatValue {
  return Number.isInteger(value) ? new FloatValue(value) : value;
}

/**
 * Format a double the way .NET Core's `double.ToString()` does: the shortest round-trip digits, with
 * scientific notation (`1E+15`, `1E-05`) outside [1e-5, 1e15).
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const abs = Math.abs(value);
  if (abs >= 1e-5 && abs < 1e15) {
    const text = String(value);
    if (!/e/i.test(text)) return text;
  }
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  const sign = exponent.startsWith("-") ? "-" : "+";
  const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${mantissa}E${sign}${digits}`;
}

/**
 * The service's string conversion (string(), concat(), interpolation): null → "", booleans "True"/"False"
 * (.NET's Boolean.ToString; Azure/logicapps#414), numbers in invariant culture, objects and arrays as compact
 * JSON, binary content as UTF-8 text.
 */
export function toServiceString(value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "True" : "False";
    case "number":
      // Integral JS numbers are integers (Int64 prints every digit); the rest are doubles.
      return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : formatDouble(value);
    case "bigint":
      return value.toString();
  }
  if (value instanceof FloatValue) return formatDouble(value.value);
  if (value instanceof DecimalValue) return value.toString();
  if (value instanceof BinaryValue) return value.text();
  const envelope = asBinary(value);
  if (envelope) return envelope.text();
  return JSON.stringify(value);
}

// ---- equality and ordering ------------------------------------------------------------------------

/** Normalise for comparison: null/undefined → "" (the documented rule for logical comparisons). */
function comparable(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (value instanceof FloatValue) return value.value;
  return value;
}

/** Compare two numerics exactly (bigints and decimals included): -1, 0 or 1. */
export function compareNumbers(a: number | bigint | FloatValue | DecimalValue, b: number | bigint | FloatValue | DecimalValue): number {
  if (a instanceof FloatValue) a = a.value;
  if (b instanceof FloatValue) b = b.value;
  if (a instanceof DecimalValue || b instanceof DecimalValue) {
    const da = a instanceof DecimalValue ? a : decimalFromNumber(a);
    const db = b instanceof DecimalValue ? b : decimalFromNumber(b);
    const scale = Math.max(da.scale, db.scale);
    const ma = da.mantissa * 10n ** BigInt(scale - da.scale);
    const mb = db.mantissa * 10n ** BigInt(scale - db.scale);
    return ma < mb ? -1 : ma > mb ? 1 : 0;
  }
  if (typeof a === "bigint" || typeof b === "bigint") {
    if (typeof a === "number" && !Number.isInteger(a)) return a < Number(b) ? -1 : a > Number(b) ? 1 : 0;
    if (typeof b === "number" && !Number.isInteger(b)) return Number(a) < b ? -1 : Number(a) > b ? 1 : 0;
    const ba = BigInt(a);
    const bb = BigInt(b);
    return ba < bb ? -1 : ba > bb ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A decimal for a JS number or bigint (via its shortest decimal text). */
export function decimalFromNumber(value: number | bigint): DecimalValue {
  if (typeof value === "bigint") return new DecimalValue(value, 0);
  return parseDecimalText(value.toFixed(Math.min(20, Math.max(0, decimalPlaces(value))))) ?? new DecimalValue(0n, 0);
}

function decimalPlaces(value: number): number {
  const text = String(value);
  const e = text.match(/e-(\d+)$/);
  if (e) return Number(e[1]) + (text.split("e")[0]!.split(".")[1]?.length ?? 0);
  return text.split(".")[1]?.length ?? 0;
}

/** Parse "-12.345" into a decimal; undefined when it is not a plain decimal literal. */
export function parseDecimalText(text: string): DecimalValue | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  let mantissa = BigInt((m[2] || "0") + frac);
  if (m[1] === "-") mantissa = -mantissa;
  return new DecimalValue(mantissa, frac.length);
}

/** Deep equality as `equals()` and `contains()` use it. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  a = comparable(a);
  b = comparable(b);
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b) === 0;
  // Documented: equals(true, 1) is true.
  if (typeof a === "boolean" && isNumeric(b)) return compareNumbers(a ? 1 : 0, b) === 0;
  if (typeof b === "boolean" && isNumeric(a)) return compareNumbers(b ? 1 : 0, a) === 0;
  const binA = a instanceof BinaryValue ? a : undefined;
  const binB = b instanceof BinaryValue ? b : undefined;
  if (binA || binB) {
    const x = binA ? binA.bytes : typeof a === "string" ? Buffer.from(a) : asBinary(a)?.bytes;
    const y = binB ? binB.bytes : typeof b === "string" ? Buffer.from(b) : asBinary(b)?.bytes;
    return x !== undefined && y !== undefined && x.equals(y);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Nested equality: null only equals null (the null → "" rule applies to the compared values themselves). */
function deepEqual(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) !== (b === null || b === undefined)) return false;
  return valuesEqual(a, b);
}

/**
 * Order two values for greater()/less()…: numbers numerically, strings ordinally (UNCONFIRMED: the service
 * may use a culture-aware comparison), booleans false < true; null counts as "". Undefined for a type mismatch.
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  a = comparable(a);
  b = comparable(b);
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  return undefined;
}

/** Case-insensitive property lookup: exact key first, then the first key equal ignoring case. */
export function findProperty(obj: Record<string, unknown>, key: string): { found: true; key: string; value: unknown } | { found: false } {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return { found: true, key, value: obj[key] };
  const lower = key.toLowerCase();
  for (const k in obj) {
    if (k.toLowerCase() === lower && Object.prototype.hasOwnProperty.call(obj, k)) return { found: true, key: k, value: obj[k] };
  }
  return { found: false };
}
