/**
 * The part of JSON Schema that Parse JSON checks in practice: `type` (a name or a list), `properties`,
 * `required`, `items` and `enum`. Other keywords are ignored (the simulator does not claim full validation).
 */
import { isObject } from "../wdl/walk";

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

/** Problems of `value` against `schema`, as `path: message` strings (empty when valid). */
export function validateSchema(value: unknown, schema: unknown, path = "$", out: string[] = []): string[] {
  if (!isObject(schema) || out.length >= 20) return out;
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const expected = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase());
    if (expected.length && !expected.some((t) => typeMatches(t, actual))) {
      out.push(`${path}: Invalid type. Expected ${expected.join(" or ")} but got ${actual}.`);
      return out;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(`${path}: Value ${JSON.stringify(value)} is not defined in enum.`);
  }
  if (actual === "object" && isObject(value)) {
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) {
        if (typeof name === "string" && !(name in value)) out.push(`${path}: Required properties are missing from object: ${name}.`);
      }
    }
    if (isObject(schema.properties)) {
      for (const [name, sub] of Object.entries(schema.properties)) {
        if (name in value) validateSchema(value[name], sub, `${path}.${name}`, out);
      }
    }
  } else if (actual === "array" && Array.isArray(value) && isObject(schema.items)) {
    value.forEach((item, i) => validateSchema(item, schema.items, `${path}[${i}]`, out));
  }
  return out;
}
