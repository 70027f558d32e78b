/**
 * Definition parameters as `param.*` specs where the builder declares them exactly as written (a name the
 * builder accepts; `type`, `defaultValue`, `allowedValues` and `metadata.description` only; values of the
 * declared type). Secure parameters stay raw declarations: reading one through `params` would secure every step
 * that reads it, which the source may not do. The rest stay in `definition.parameters`.
 */
import type { Json } from "../../wdl";
import { isObject } from "../../wdl/walk";
import { arr, call, obj, type Code } from "../code";
import { propertyKey } from "../names";
import { ARRAY, BOOLEAN, NUMBER, STRING, type Ty } from "./types";
import { literal, sortedKeys } from "./value";

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const RESERVED = new Set(["$connections", "managedIdentity"]);

/** Per declared type: the `param` constructor, the check of a value, and the type `params.x` has. */
const TYPES: Record<string, { fn: string; valid: (v: Json) => boolean; ty: Ty }> = {
  String: { fn: "string", valid: (v) => typeof v === "string", ty: STRING },
  Int: { fn: "int", valid: (v) => typeof v === "number" && Number.isInteger(v), ty: NUMBER },
  Float: { fn: "float", valid: (v) => typeof v === "number", ty: NUMBER },
  Bool: { fn: "bool", valid: (v) => typeof v === "boolean", ty: BOOLEAN },
  Array: { fn: "array", valid: (v) => Array.isArray(v), ty: ARRAY },
  Object: { fn: "object", valid: (v) => isObject(v), ty: { k: "object", nav: true } },
};

/** The `param.*` code of one declaration, or undefined when the builder would not write it back as given. */
function paramSpec(name: string, declaration: unknown): { code: Code; ty: Ty } | undefined {
  if (!NAME.test(name) || RESERVED.has(name) || !isObject(declaration)) return undefined;
  const { type, defaultValue, allowedValues, metadata, ...others } = declaration;
  const spec = typeof type === "string" ? TYPES[type] : undefined;
  if (!spec || Object.keys(others).length) return undefined;
  let description: string | undefined;
  if (metadata !== undefined) {
    if (!isObject(metadata) || Object.keys(metadata).join() !== "description" || typeof metadata.description !== "string" || metadata.description === "") return undefined;
    description = metadata.description;
  }
  if (defaultValue !== undefined && !spec.valid(defaultValue as Json)) return undefined;
  if (allowedValues !== undefined) {
    if (!Array.isArray(allowedValues) || !allowedValues.every((v) => spec.valid(v as Json))) return undefined;
    if (defaultValue !== undefined && !allowedValues.some((v) => JSON.stringify(v) === JSON.stringify(defaultValue))) return undefined;
  }
  const entries: [string, Code][] = [];
  if (defaultValue !== undefined) entries.push(["default", literal(sortedKeys(defaultValue as Json))]);
  if (allowedValues !== undefined) entries.push(["allowed", arr((allowedValues as Json[]).map((v) => literal(sortedKeys(v))))]);
  if (description !== undefined) entries.push(["description", JSON.stringify(description)]);
  return { code: call(`param.${spec.fn}`, entries.length ? [obj(entries)] : []), ty: spec.ty };
}

/** The parameters the playbook declares with `param.*` (entries of its `parameters:`), and their types by name. */
export function paramSpecs(parameters: unknown): { entries: [string, Code][]; types: Map<string, Ty> } {
  const entries: [string, Code][] = [];
  const types = new Map<string, Ty>();
  if (!isObject(parameters)) return { entries, types };
  for (const name of Object.keys(parameters).sort()) {
    const spec = paramSpec(name, parameters[name]);
    if (!spec) continue;
    entries.push([propertyKey(name), spec.code]);
    types.set(name, spec.ty);
  }
  return { entries, types };
}
