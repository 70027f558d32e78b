/** What a built-in function implementation receives, and argument checks with the service's messages. */
import type { EvalContext } from "../context";
import { EvaluationError, invalidArgument, parameterWords } from "../errors";
import { BinaryValue, DecimalValue, FloatValue, asBinary, isNumeric, isPlainObject, typeName } from "../values";

/** The call site: fixed at compile time (catalogue name, argument count). */
export interface Site {
  /** The function name as the catalogue spells it (`toLower`, not `tolower`). */
  name: string;
  /** Number of arguments at this call. */
  argc: number;
}

/** An eager function: arguments are evaluated left to right before the call. */
export type Impl = (args: unknown[], ctx: EvalContext, site: Site) => unknown;
/** A lazy function (if/and/or): gets thunks and evaluates only what it needs. */
export type LazyImpl = (args: Array<() => unknown>, ctx: EvalContext, site: Site) => unknown;

/** One registry entry. */
export type FunctionImpl = { eager: Impl } | { lazy: LazyImpl };

/** A map from catalogue name to implementation. */
export type FunctionTable = Record<string, FunctionImpl>;

function wrongType(site: Site, index: number, expected: string, value: unknown): EvaluationError {
  return invalidArgument(
    site.name,
    `expects ${parameterWords(index, site.argc)} to be ${expected}. The provided value is of type '${typeName(value)}'.`,
  );
}

/** A string argument. */
export function str(site: Site, args: unknown[], index: number): string {
  const value = args[index];
  if (typeof value === "string") return value;
  throw wrongType(site, index, "a string", value);
}

/** An optional string argument (absent or null → undefined). */
export function optStr(site: Site, args: unknown[], index: number): string | undefined {
  if (index >= args.length || args[index] === null || args[index] === undefined) return undefined;
  return str(site, args, index);
}

/** An integer argument as a JS number (floats with integral values are accepted). */
export function int(site: Site, args: unknown[], index: number): number {
  const value = args[index];
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (value instanceof FloatValue) return value.value;
  if (typeof value === "bigint") return Number(value);
  throw wrongType(site, index, "an integer", value);
}

/** Any numeric argument, kept in its representation. */
export function num(site: Site, args: unknown[], index: number): number | bigint | FloatValue | DecimalValue {
  const value = args[index];
  if (isNumeric(value)) return value;
  throw wrongType(site, index, "an integer or a decimal number", value);
}

/** An array argument. */
export function arr(site: Site, args: unknown[], index: number): unknown[] {
  const value = args[index];
  if (Array.isArray(value)) return value;
  throw wrongType(site, index, "an array", value);
}

/** An object argument. */
export function obj(site: Site, args: unknown[], index: number): Record<string, unknown> {
  const value = args[index];
  if (isPlainObject(value)) return value;
  throw wrongType(site, index, "an object", value);
}

/** A boolean argument (the strings 'true'/'false' are accepted, as conditions built in the designer pass them). */
export function bool(site: Site, args: unknown[], index: number): boolean {
  return boolValue(site, args[index], index);
}

/** A boolean value at argument position `index` (for lazy functions that evaluate one argument at a time). */
export function boolValue(site: Site, value: unknown, index: number): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  throw wrongType(site, index, "a boolean", value);
}

/** Binary content, or a string read as UTF-8. */
export function bytes(site: Site, args: unknown[], index: number): BinaryValue {
  const value = args[index];
  if (typeof value === "string") return new BinaryValue(Buffer.from(value, "utf8"));
  const bin = asBinary(value);
  if (bin) return bin;
  throw wrongType(site, index, "a string or binary content", value);
}

/** Throw for a type that none of a function's forms accept. */
export function typeError(site: Site, index: number, expected: string, value: unknown): EvaluationError {
  return wrongType(site, index, expected, value);
}
