/**
 * Conversion functions. Binary results are `BinaryValue`s (bytes + content type); at the boundary they become
 * the service's content envelope `{"$content-type", "$content": base64}`, which these functions accept back.
 */
import { nonFiniteNumberPointers } from "../../../wdl/walk";
import { parseFloatText } from "../dotnet-number";
import { EvaluationError, invalidArgument } from "../errors";
import { jsonToXml, xmlFromText, xmlToJson } from "../xml";
import {
  BinaryValue,
  DecimalValue,
  FloatValue,
  asBinary,
  isPlainObject,
  makeFloat,
  normalizeInt,
  parseDecimalText,
  stripBom,
  toPlain,
  toServiceString,
} from "../values";
import { bytes, optStr, str, typeError, type FunctionTable, type Site } from "./types";

/** Strict base64 (as Convert.FromBase64String): whitespace ignored, length a multiple of 4, padding only at the end. */
function decodeBase64(site: Site, text: string): Buffer {
  const compact = text.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw invalidArgument(site.name, `was invoked with a parameter that is not valid. The value cannot be decoded from base64 representation.`);
  }
  return Buffer.from(compact, "base64");
}

/** Uri.EscapeDataString: everything but unreserved characters (A–Z a–z 0–9 - _ . ~) is percent-encoded. */
export function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Uri.UnescapeDataString: decode %XX sequences (UTF-8), leaving invalid ones as they are. */
export function unescapeDataString(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Decode the valid UTF-8 prefix sequences one by one; keep invalid bytes encoded.
      return run.replace(/%[0-9A-Fa-f]{2}/g, (seq) => {
        const byte = parseInt(seq.slice(1), 16);
        return byte < 0x80 ? String.fromCharCode(byte) : seq;
      });
    }
  });
}

/** Parse `data:[type][;base64],payload`. */
function parseDataUri(site: Site, uri: string): BinaryValue {
  const m = /^data:([^,]*?),(.*)$/is.exec(uri.trim());
  if (!m) throw invalidArgument(site.name, `expects its parameter to be a data URI ('data:[<media type>][;base64],<data>'). The provided value is '${uri.length > 80 ? `${uri.slice(0, 80)}…` : uri}'.`);
  let meta = m[1]!;
  const isBase64 = /;base64$/i.test(meta);
  if (isBase64) meta = meta.slice(0, -";base64".length);
  const content = isBase64 ? decodeBase64(site, m[2]!) : Buffer.from(unescapeDataString(m[2]!), "utf8");
  return new BinaryValue(content, meta === "" ? "text/plain;charset=US-ASCII" : meta);
}

/** Integer parse as Int64.Parse with NumberStyles.Integer: optional whitespace and sign, digits only. */
function parseIntText(site: Site, text: string): number | bigint {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) {
    throw invalidArgument(site.name, `was invoked with a parameter that is not valid. The value '${text}' cannot be converted to the target type 'Int64'.`);
  }
  const value = BigInt(text.trim().replace(/^\+/, ""));
  if (value < -(2n ** 63n) || value >= 2n ** 63n) {
    throw invalidArgument(site.name, `was invoked with a parameter that is not valid. The value '${text}' is outside the range of the target type 'Int64'.`);
  }
  return normalizeInt(value);
}

/** Parse a JSON string the way json() does; a failure names the text. */
export function parseJsonText(site: Site, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (error) {
    const shown = text.length > 100 ? `${text.slice(0, 100)}…` : text;
    throw new EvaluationError(
      "InvalidArgument",
      `The template language function '${site.name}' parameter is not valid. The provided value '${shown}' cannot be parsed: '${error instanceof Error ? error.message : String(error)}'. Please see https://aka.ms/logicexpressions#json for usage details.`,
    );
  }
  const [huge] = nonFiniteNumberPointers(value, 1);
  if (huge !== undefined) {
    // UNCONFIRMED: the reference does not say what json('1e999') gives. JSON.parse makes it Infinity, which has no
    // JSON form (it printed as null); .NET Framework's double parsing throws OverflowException. We fail it.
    const shown = text.length > 100 ? `${text.slice(0, 100)}…` : text;
    throw new EvaluationError(
      "Overflow",
      `The template language function '${site.name}' parameter is not valid. The provided value '${shown}' holds a number${huge ? ` (at '${huge}')` : ""} outside the range of a double (±1.7976931348623157E+308). Write it as a string, or make it smaller.`,
    );
  }
  return value;
}

export const conversionFunctions: FunctionTable = {
  array: { eager: (a) => (Array.isArray(a[0]) ? a[0] : [toPlain(a[0])]) },
  createArray: { eager: (a) => a.map(toPlain) },
  base64: { eager: (a, _c, s) => (typeof a[0] === "string" ? Buffer.from(a[0], "utf8") : bytes(s, [toBinaryInput(a[0])], 0).bytes).toString("base64") },
  base64ToBinary: { eager: (a, _c, s) => new BinaryValue(decodeBase64(s, str(s, a, 0))) },
  base64ToString: { eager: (a, _c, s) => stripBom(decodeBase64(s, str(s, a, 0)).toString("utf8")) },
  decodeBase64: { eager: (a, _c, s) => stripBom(decodeBase64(s, str(s, a, 0)).toString("utf8")) },
  binary: {
    eager: (a, _c, s) => {
      const bin = asBinary(a[0]);
      if (bin) return bin;
      if (typeof a[0] === "string") return new BinaryValue(Buffer.from(a[0], "utf8"));
      if (a[0] === null || a[0] === undefined) throw typeError(s, 0, "a string or binary content", a[0]);
      return new BinaryValue(Buffer.from(toServiceString(a[0]), "utf8"));
    },
  },
  bool: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "boolean") return v;
      if (v === null || v === undefined) return false;
      if (typeof v === "number") return v !== 0;
      if (typeof v === "bigint") return v !== 0n;
      if (v instanceof FloatValue) return v.value !== 0;
      if (v instanceof DecimalValue) return v.mantissa !== 0n;
      if (typeof v === "string") {
        const t = v.trim().toLowerCase();
        if (t === "true") return true;
        if (t === "false") return false;
        throw invalidArgument(s.name, `was invoked with a parameter that is not valid. The value '${v}' cannot be converted to the target type 'Boolean'.`);
      }
      throw typeError(s, 0, "a boolean, a number or a string", v);
    },
  },
  int: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "string") return parseIntText(s, v);
      if (typeof v === "number") return Number.isInteger(v) ? v : roundToEven(v);
      if (typeof v === "bigint") return v;
      if (v instanceof FloatValue) return v.value;
      if (v instanceof DecimalValue) return roundToEven(v.toNumber());
      if (typeof v === "boolean") return v ? 1 : 0;
      throw typeError(s, 0, "a string or a number", v);
    },
  },
  float: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "string") {
        const parsed = parseFloatText(s, v, optStr(s, a, 1));
        if (parsed === undefined) {
          throw invalidArgument(s.name, `was invoked with a parameter that is not valid. The value '${v}' cannot be converted to the target type 'Double'.`);
        }
        return makeFloat(parsed);
      }
      if (typeof v === "number") return makeFloat(v);
      if (typeof v === "bigint") return makeFloat(Number(v));
      if (v instanceof FloatValue) return v;
      if (v instanceof DecimalValue) return makeFloat(v.toNumber());
      throw typeError(s, 0, "a string or a number", v);
    },
  },
  decimal: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "string") {
        const parsed = parseDecimalText(v.replace(/,/g, ""));
        if (!parsed) throw invalidArgument(s.name, `was invoked with a parameter that is not valid. The value '${v}' cannot be converted to the target type 'Decimal'.`);
        return parsed;
      }
      if (v instanceof DecimalValue) return v;
      if (typeof v === "number" || typeof v === "bigint") return parseDecimalText(typeof v === "bigint" ? v.toString() : String(v)) ?? v;
      if (v instanceof FloatValue) return new DecimalValue(BigInt(v.value), 0);
      throw typeError(s, 0, "a string or a number", v);
    },
  },
  string: { eager: (a) => toServiceString(a[0]) },
  json: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (v === null || v === undefined) return {};
      const bin = asBinary(v);
      if (bin) return bin.isXml ? xmlToJson(s, bin.text()) : parseJsonText(s, bin.text());
      if (typeof v === "string") return parseJsonText(s, v);
      return toPlain(v);
    },
  },
  xml: {
    eager: (a, _c, s) => {
      const v = a[0];
      const bin = asBinary(v);
      if (bin) return bin.isXml ? bin : jsonToXml(s, parseJsonText(s, bin.text()));
      if (typeof v === "string") return jsonOrXmlText(s, v);
      if (isPlainObject(v)) return jsonToXml(s, v);
      throw typeError(s, 0, "a string or an object", v);
    },
  },
  dataUri: {
    eager: (a, _c, s) => {
      const bin = asBinary(a[0]);
      if (bin) return `data:${bin.contentType};base64,${bin.bytes.toString("base64")}`;
      return `data:text/plain;charset=utf-8;base64,${Buffer.from(str(s, a, 0), "utf8").toString("base64")}`;
    },
  },
  dataUriToBinary: { eager: (a, _c, s) => parseDataUri(s, str(s, a, 0)) },
  decodeDataUri: { eager: (a, _c, s) => parseDataUri(s, str(s, a, 0)) },
  dataUriToString: { eager: (a, _c, s) => parseDataUri(s, str(s, a, 0)).text() },
  // Several arguments are concatenated first (designer-written connector paths; see wdl/functions.ts).
  encodeUriComponent: { eager: (a, _c, s) => escapeDataString(a.map((v) => uriInput(s, v)).join("")) },
  uriComponent: { eager: (a, _c, s) => escapeDataString(uriInput(s, a[0])) },
  decodeUriComponent: { eager: (a, _c, s) => unescapeDataString(str(s, a, 0)) },
  uriComponentToString: { eager: (a, _c, s) => unescapeDataString(str(s, a, 0)) },
  uriComponentToBinary: { eager: (a, _c, s) => new BinaryValue(Buffer.from(unescapeDataString(str(s, a, 0)), "utf8")) },
};

/** encodeUriComponent accepts numbers and booleans too (it encodes their string form). */
function uriInput(site: Site, value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined || typeof value === "object") {
    const bin = asBinary(value);
    if (bin) return bin.text();
    throw typeError(site, 0, "a string", value);
  }
  return toServiceString(value);
}

/** base64() of a non-string: binary content as is, anything else by its string form. */
function toBinaryInput(value: unknown): unknown {
  if (asBinary(value)) return value;
  return toServiceString(value);
}

/** xml('<a/>') parses XML text; xml('{"a": 1}') converts a JSON object written as text. */
function jsonOrXmlText(site: Site, text: string): BinaryValue {
  const trimmed = stripBom(text).trim();
  if (trimmed.startsWith("{")) return jsonToXml(site, parseJsonText(site, trimmed));
  return xmlFromText(site, trimmed);
}

/** Convert.ToInt64(double): round half to even. */
function roundToEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
