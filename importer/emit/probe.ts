/**
 * Marker arguments for learning an operation's request shape: every argument reads as the expression
 * `__arg('<path>')`, so rendering a request built from them shows where each argument lands. A marker also reads
 * as a one-element list (its item is the marker `<path>[]`) and has fields (`<path>.<field>`), so requests that map
 * a list argument (`tags.map((tag) => ({ Tag: tag }))`) or read an argument's fields learn their shape too.
 */
import { ast } from "../../wdl";
import { EXPR, expr } from "../../playbooks/kit/expr";

/** The path of a marker's list item. */
export const ITEM = "[]";

const ARRAY_METHODS = new Set(Object.getOwnPropertyNames(Array.prototype).filter((k) => typeof (Array.prototype as unknown as Record<string, unknown>)[k] === "function"));

/** The marker argument at `path`. */
function marker(path: string): unknown {
  // An array target, so `Array.isArray` and list methods work; the expression state rides on it as symbols.
  const target: unknown[] = Object.assign([], expr(ast.call("__arg", ast.str(path))));
  let items: unknown[] | undefined;
  const list = () => (items ??= [marker(`${path}${ITEM}`)]);
  return new Proxy(target, {
    get(t, prop) {
      if (prop === Symbol.iterator) return () => list()[Symbol.iterator]();
      if (typeof prop === "symbol") return Reflect.get(t, prop);
      if (prop === "then" || prop === "toJSON") return undefined;
      if (prop === "length") return 1;
      if (/^\d+$/.test(prop)) return list()[Number(prop)];
      if (ARRAY_METHODS.has(prop)) return (...args: unknown[]) => (list() as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
      return marker(`${path}.${prop}`);
    },
    has(t, prop) {
      return prop === EXPR || Reflect.has(t, prop);
    },
  });
}

/** An arguments object whose every property is a marker. */
export function markerArgs(): unknown {
  return new Proxy({}, { get: (_t, prop) => (typeof prop === "string" && prop !== "then" && prop !== "toJSON" ? marker(prop) : undefined) });
}

const MARKER = /^@__arg\('([A-Za-z0-9_$.[\]]+)'\)$/;

/** The argument path of a rendered marker (`"@__arg('tags[]')"` → `tags[]`), or undefined. */
export function markerPath(text: string): string | undefined {
  return MARKER.exec(text)?.[1];
}

/** True when rendered text mentions a marker anywhere (a marker inside other text cannot be read back). */
export function mentionsMarker(text: string): boolean {
  return text.includes("__arg(");
}
