/** JSON values as TypeScript literals; strings the builder would escape are wrapped in `raw(…)`. */
import type { Json } from "../../wdl";
import { arr, obj, type Code } from "../code";
import { propertyKey } from "../names";
import { isExpressionString } from "../../wdl";
import type { EmitContext } from "./context";
import { liftString } from "./expr";

/** A copy with every object's keys sorted (generated code does not depend on the source's key order). */
export function sortedKeys(value: Json): Json {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(sortedKeys);
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedKeys(value[key]!);
  return out;
}

/** True when the builder would not render the string as written (it reads as an expression). */
export function needsRaw(text: string): boolean {
  return text.charCodeAt(0) === 64 /* @ */ || text.includes("@{");
}

/** A string leaf: `undefined` lets the default (plain, or `raw(…)`) apply. */
export type LeafEmitter = (text: string) => Code | undefined;

/** Count the expression strings of a value the generated code keeps as written. */
export function countRaw(value: Json, ctx: EmitContext): void {
  if (typeof value === "string") {
    if (isExpressionString(value)) ctx.stats.exprRaw++;
  } else if (Array.isArray(value)) value.forEach((v) => countRaw(v, ctx));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => countRaw(v, ctx));
}

/** `raw(<json>)`. */
export function rawCode(value: Json, ctx: EmitContext): Code {
  ctx.imports.add("raw");
  countRaw(value, ctx);
  const inner = literal(value);
  return typeof inner === "string" ? `raw(${inner})` : { kind: "call", head: "raw", args: [inner] };
}

/** A JSON value as a plain literal (no escaping concerns: for positions rendered as given). */
export function literal(value: Json): Code {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return arr(value.map(literal));
  return obj(Object.entries(value).map(([k, v]) => [propertyKey(k), literal(v)]));
}

/** A JSON value as builder input: plain where the builder renders it as written, `raw(…)` or `leaf(…)` where not. */
export function inputCode(value: Json, ctx: EmitContext, leaf?: LeafEmitter): Code {
  if (typeof value === "string") {
    const custom = leaf?.(value);
    if (custom !== undefined) return custom;
    const lifted = liftString(value, ctx);
    if (lifted) {
      if (lifted.outcome === "lifted") ctx.stats.exprLifted++;
      else ctx.stats.exprPartial++;
      return lifted.code;
    }
    return needsRaw(value) ? rawCode(value, ctx) : JSON.stringify(value);
  }
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return arr(value.map((v) => inputCode(v, ctx, leaf)));
  if (Object.hasOwn(value, "__proto__")) return rawCode(value, ctx);
  return obj(Object.entries(value).map(([k, v]) => [propertyKey(k), inputCode(v, ctx, leaf)]));
}
