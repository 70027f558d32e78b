/**
 * Typed wrappers over the built-in expression functions. Each returns an `Expr` carrying the
 * dependencies of its arguments. `call()` reaches any catalogued function by name.
 */
import { ast, describeArity, lookupFunction } from "../../wdl";
import { BuildError } from "./errors";
import { depsOf, expr, ref, toAst, type Expr, type ExprLike, type Ref, type Untyped } from "./expr";

/**
 * Call any catalogued built-in function; the name and argument count are checked against the catalogue. The
 * name is written as given (`encodeURIComponent` stays so; the service reads names case-insensitively). The
 * result is `Untyped` unless `T` says what it is.
 */
export function call<T = Untyped>(name: string, ...args: unknown[]): Ref<T> {
  const info = lookupFunction(name);
  if (!info) throw new BuildError("unknown-function", `'${name}' is not a built-in expression function.`);
  if (args.length < info.minArgs || args.length > info.maxArgs) {
    throw new BuildError("wrong-arity", `'${info.name}' takes ${describeArity(info)} argument(s), got ${args.length}.`);
  }
  return ref<T>(ast.call(name, ...args.map(toAst)), depsOf(args));
}

/**
 * `value[key]`, or `value?[key]` with `optional`: an index the `.field` accessor (which writes `?['field']`) does
 * not give, such as `body.value[0]` or `x['a b']` without `?`. The result is `Untyped`.
 */
export function at(value: unknown, key: string | number | Expr<unknown>, options: { optional?: boolean } = {}): Ref<Untyped> {
  return ref<Untyped>(ast.index(toAst(value), toAst(key), options.optional === true), depsOf([value, key]));
}

/** Drop trailing `undefined` arguments (optional parameters left out). */
function present(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

const fn =
  <R>(name: string) =>
  (...args: unknown[]): Expr<R> => {
    const given = present(args);
    return expr<R>(ast.call(name, ...given.map(toAst)), depsOf(given));
  };

// Logical
/** `equals(a, b)`. When one side is typed (e.g. a severity), the other must be a value of that type. */
export const equals: {
  <T>(a: Expr<T>, b: ExprLike<NoInfer<T>>): Expr<boolean>;
  <T>(a: ExprLike<NoInfer<T>>, b: Expr<T>): Expr<boolean>;
  <T>(a: T, b: T): Expr<boolean>;
} = fn("equals");
/** `not(x)`. */
export const not: (value: ExprLike<boolean>) => Expr<boolean> = fn("not");
/** `and(a, b, …)`. */
export const and: (...values: ExprLike<boolean>[]) => Expr<boolean> = fn("and");
/** `or(a, b, …)`. */
export const or: (...values: ExprLike<boolean>[]) => Expr<boolean> = fn("or");
/** `greater(a, b)`. */
export const greater: (a: ExprLike<number | string>, b: ExprLike<number | string>) => Expr<boolean> = fn("greater");
/** `greaterOrEquals(a, b)`. */
export const greaterOrEquals: (a: ExprLike<number | string>, b: ExprLike<number | string>) => Expr<boolean> = fn("greaterOrEquals");
/** `less(a, b)`. */
export const less: (a: ExprLike<number | string>, b: ExprLike<number | string>) => Expr<boolean> = fn("less");
/** `lessOrEquals(a, b)`. */
export const lessOrEquals: (a: ExprLike<number | string>, b: ExprLike<number | string>) => Expr<boolean> = fn("lessOrEquals");
/** `if(condition, whenTrue, whenFalse)`. */
export const ifElse: <T>(condition: ExprLike<boolean>, whenTrue: ExprLike<T>, whenFalse: ExprLike<T>) => Expr<T> = fn("if");

// Collections
/** `contains(collection, value)`. */
export const contains: (collection: ExprLike<unknown>, value: ExprLike<unknown>) => Expr<boolean> = fn("contains");
/** `empty(collection)`. */
export const empty: (collection: ExprLike<unknown>) => Expr<boolean> = fn("empty");
/** `length(collection)`. */
export const length: (collection: ExprLike<unknown>) => Expr<number> = fn("length");
/** `first(collection)`. */
export const first: <T>(collection: ExprLike<T[]>) => Expr<T> = fn("first");
/** `last(collection)`. */
export const last: <T>(collection: ExprLike<T[]>) => Expr<T> = fn("last");
/** `intersection(a, b, …)`. */
export const intersection: <T>(...collections: ExprLike<T[]>[]) => Expr<T[]> = fn("intersection");
/** `union(a, b, …)`. */
export const union: <T>(...collections: ExprLike<T[]>[]) => Expr<T[]> = fn("union");
/** `join(collection, delimiter)`. */
export const join: (collection: ExprLike<unknown[]>, delimiter: ExprLike<string>) => Expr<string> = fn("join");
/** `createArray(a, b, …)`. */
export const createArray: <T>(...items: ExprLike<T>[]) => Expr<T[]> = fn("createArray");
/** `coalesce(a, b, …)`: the first non-null value. */
export const coalesce: <T>(...values: ExprLike<T | null | undefined>[]) => Expr<T> = fn("coalesce");
/** `take(collection, count)`. */
export const take: <T>(collection: ExprLike<T[]>, count: ExprLike<number>) => Expr<T[]> = fn("take");
/** `skip(collection, count)`. */
export const skip: <T>(collection: ExprLike<T[]>, count: ExprLike<number>) => Expr<T[]> = fn("skip");

// Strings
/** `concat(a, b, …)`. */
export const concat: (...values: ExprLike<unknown>[]) => Expr<string> = fn("concat");
/** `split(text, delimiter)`. */
export const split: (text: ExprLike<string>, delimiter: ExprLike<string>) => Expr<string[]> = fn("split");
/** `trim(text)`. */
export const trim: (text: ExprLike<string>) => Expr<string> = fn("trim");
/** `toLower(text)`. */
export const toLower: (text: ExprLike<string>) => Expr<string> = fn("toLower");
/** `toUpper(text)`. */
export const toUpper: (text: ExprLike<string>) => Expr<string> = fn("toUpper");
/** `replace(text, old, new)`. */
export const replace: (text: ExprLike<string>, oldText: ExprLike<string>, newText: ExprLike<string>) => Expr<string> = fn("replace");
/** `startsWith(text, prefix)`. */
export const startsWith: (text: ExprLike<string>, prefix: ExprLike<string>) => Expr<boolean> = fn("startsWith");
/** `endsWith(text, suffix)`. */
export const endsWith: (text: ExprLike<string>, suffix: ExprLike<string>) => Expr<boolean> = fn("endsWith");
/** `substring(text, start, length?)`. */
export const substring: (text: ExprLike<string>, start: ExprLike<number>, count?: ExprLike<number>) => Expr<string> = fn("substring");
/** `encodeUriComponent(text)`: use for values placed in a connector path. */
export const encodeUriComponent: (text: ExprLike<string>) => Expr<string> = fn("encodeUriComponent");

// Conversion
/** `string(value)`. */
export const string: (value: ExprLike<unknown>) => Expr<string> = fn("string");
/** `int(value)`. */
export const int: (value: ExprLike<unknown>) => Expr<number> = fn("int");
/** `bool(value)`. */
export const bool: (value: ExprLike<unknown>) => Expr<boolean> = fn("bool");
/** `json(value)`. */
export const json: <T = unknown>(value: ExprLike<string>) => Expr<T> = fn("json");

// Date and time
/** `utcNow(format?)`. */
export const utcNow: (format?: ExprLike<string>) => Expr<string> = fn("utcNow");
/** `formatDateTime(timestamp, format?)`. */
export const formatDateTime: (timestamp: ExprLike<string>, format?: ExprLike<string>) => Expr<string> = fn("formatDateTime");
/** `addDays(timestamp, days, format?)`. */
export const addDays: (timestamp: ExprLike<string>, days: ExprLike<number>, format?: ExprLike<string>) => Expr<string> = fn("addDays");
/** `getPastTime(interval, unit, format?)`. */
export const getPastTime: (interval: ExprLike<number>, unit: ExprLike<string>, format?: ExprLike<string>) => Expr<string> = fn("getPastTime");

// Workflow
/** `workflow()`: run and workflow metadata. */
export const workflow = (): Ref<{ id: string; name: string; type: string; location: string; run: { id: string; name: string; type: string } }> =>
  ref(ast.call("workflow"));

/** `listCallbackUrl()`: the URL a webhook subscription calls back. */
export const listCallbackUrl = (): Expr<string> => expr<string>(ast.call("listCallbackUrl"));
