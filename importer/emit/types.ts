/**
 * What the generated code knows statically of an expression it writes, enough to pick code that type-checks:
 * `any` for values nobody declared (raw triggers and actions, `call(…)`, `raw(…)`), the primitive kinds, and a
 * runtime shape for typed connector outputs (so `alert.body.machineId` is written only where the type has it).
 */
import type { Shape } from "../../operations";

/** The static type of a generated expression. `nav`: fields can be read with `.name`. */
export interface Ty {
  readonly k: "any" | "boolean" | "string" | "number" | "enum" | "array" | "object" | "unknown";
  readonly nav: boolean;
  readonly shape?: Shape;
  /** Enum values (`k: "enum"`). */
  readonly values?: readonly string[];
  /** Fields with their types, when they are known but not from a shape (an outputs record). */
  readonly members?: Readonly<Record<string, Ty>>;
}

/** An `Untyped` value: navigable, accepted anywhere. */
export const ANY: Ty = { k: "any", nav: true };
/** A non-navigable `any`-like value (`raw(…)`, a wrapper called with untyped arguments). */
export const OPAQUE: Ty = { k: "any", nav: false };
/** Plain kinds. */
export const BOOLEAN: Ty = { k: "boolean", nav: false };
export const STRING: Ty = { k: "string", nav: false };
export const NUMBER: Ty = { k: "number", nav: false };
export const ARRAY: Ty = { k: "array", nav: false };
export const UNKNOWN: Ty = { k: "unknown", nav: false };

/** The type of values a shape describes. */
export function tyOfShape(shape: Shape): Ty {
  switch (shape.kind) {
    case "string":
      return STRING;
    case "enum":
      return { k: "enum", nav: false, values: shape.values };
    case "number":
      return NUMBER;
    case "boolean":
      return BOOLEAN;
    case "array":
      return { k: "array", nav: false, shape };
    case "object":
    case "record":
      return { k: "object", nav: true, shape };
    case "nullable":
    case "optional":
      return tyOfShape(shape.inner);
    case "unknown":
      return UNKNOWN;
  }
}

/** The type of field `name` of a value, or undefined when the generated code cannot read it with `.name`. */
export function fieldTy(ty: Ty, name: string): Ty | undefined {
  if (!ty.nav) return undefined;
  if (ty.k === "any") return ANY;
  if (ty.members) return Object.hasOwn(ty.members, name) ? ty.members[name] : undefined;
  const shape = ty.shape;
  if (!shape) return ty.k === "object" ? UNKNOWN : undefined;
  if (shape.kind === "object") return Object.hasOwn(shape.fields, name) ? tyOfShape(shape.fields[name]!) : undefined;
  if (shape.kind === "record") return tyOfShape(shape.values);
  return undefined;
}

/** The element type of an array value (a loop's item). */
export function itemTy(ty: Ty): Ty {
  if (ty.k === "any") return ANY;
  if (ty.shape?.kind === "array") return tyOfShape(ty.shape.items);
  return UNKNOWN;
}

/** The outputs record of a step (`statusCode`, `headers`, `body`) or, without `statusCode`, of the trigger. */
export function outputsTy(body: Ty, statusCode = true): Ty {
  const headers: Ty = { k: "object", nav: true, shape: { kind: "record", values: { kind: "string", format: "text" } } };
  return { k: "object", nav: true, members: statusCode ? { statusCode: NUMBER, headers, body } : { headers, body } };
}
