/** Collection functions: arrays, strings and objects (dictionaries). */
import { setKey } from "../../../wdl/walk";
import { invalidArgument } from "../errors";
import { BinaryValue, compareValues, findProperty, isPlainObject, toServiceString, typeName, valuesEqual } from "../values";
import { arr, int, optStr, str, typeError, type FunctionTable, type Site } from "./types";

/** Distinct items, first occurrence kept, by the equality `equals()` uses. */
function distinct(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.some((o) => valuesEqual(o, item) && sameNullness(o, item))) out.push(item);
  return out;
}

function sameNullness(a: unknown, b: unknown): boolean {
  return (a === null || a === undefined) === (b === null || b === undefined);
}

function collections(site: Site, args: unknown[]): { arrays: unknown[][] } | { objects: Record<string, unknown>[] } {
  if (args.every(Array.isArray)) return { arrays: args as unknown[][] };
  if (args.every(isPlainObject)) return { objects: args as Record<string, unknown>[] };
  const bad = args.findIndex((a) => !Array.isArray(a) && !isPlainObject(a));
  if (bad >= 0) throw typeError(site, bad, "an array or an object", args[bad]);
  throw invalidArgument(site.name, "expects all of its parameters to be arrays or all of them to be objects, not a mix.");
}

export const collectionFunctions: FunctionTable = {
  contains: {
    eager: (a, _c, s) => {
      const collection = a[0];
      const value = a[1];
      if (typeof collection === "string") {
        if (typeof value !== "string") throw typeError(s, 1, "a string when the collection is a string", value);
        return collection.includes(value);
      }
      if (Array.isArray(collection)) return collection.some((item) => valuesEqual(item, value) && sameNullness(item, value));
      if (isPlainObject(collection)) {
        if (typeof value !== "string") throw typeError(s, 1, "a string when the collection is an object", value);
        return findProperty(collection, value).found;
      }
      throw typeError(s, 0, "a dictionary, an array or a string", collection);
    },
  },
  empty: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (v === null || v === undefined) return true;
      if (typeof v === "string" || Array.isArray(v)) return v.length === 0;
      if (v instanceof BinaryValue) return v.bytes.length === 0;
      if (isPlainObject(v)) return Object.keys(v).length === 0;
      throw typeError(s, 0, "an array, an object, a string or null", v);
    },
  },
  first: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "string") return v.length ? v[0] : null;
      if (Array.isArray(v)) return v.length ? v[0] : null;
      throw typeError(s, 0, "an array or a string", v);
    },
  },
  last: {
    eager: (a, _c, s) => {
      const v = a[0];
      if (typeof v === "string") return v.length ? v[v.length - 1] : null;
      if (Array.isArray(v)) return v.length ? v[v.length - 1] : null;
      throw typeError(s, 0, "an array or a string", v);
    },
  },
  intersection: {
    eager: (a, _c, s) => {
      const c = collections(s, a);
      if ("arrays" in c) {
        const [head, ...rest] = c.arrays as [unknown[], ...unknown[][]];
        return distinct(head.filter((item) => rest.every((other) => other.some((o) => valuesEqual(o, item) && sameNullness(o, item)))));
      }
      const [head, ...rest] = c.objects as [Record<string, unknown>, ...Record<string, unknown>[]];
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(head)) {
        if (rest.every((o) => Object.prototype.hasOwnProperty.call(o, key) && valuesEqual(o[key], head[key]))) {
          setKey(out, key, rest.length ? rest[rest.length - 1]![key] : head[key]);
        }
      }
      return out;
    },
  },
  union: {
    eager: (a, _c, s) => {
      const c = collections(s, a);
      if ("arrays" in c) return distinct(c.arrays.flat());
      const out: Record<string, unknown> = {};
      for (const o of c.objects) for (const key of Object.keys(o)) setKey(out, key, o[key]);
      return out;
    },
  },
  join: {
    eager: (a, _c, s) => {
      const items = arr(s, a, 0);
      const delimiter = str(s, a, 1);
      return items
        .map((item) => toServiceString(item))
        .join(delimiter);
    },
  },
  skip: {
    eager: (a, _c, s) => {
      const items = arr(s, a, 0);
      const count = int(s, a, 1);
      if (count < 0) throw invalidArgument(s.name, `expects its second parameter 'count' to be a non-negative integer. The provided value is '${count}'.`);
      return items.slice(count);
    },
  },
  take: {
    eager: (a, _c, s) => {
      const v = a[0];
      const count = int(s, a, 1);
      if (count < 0) throw invalidArgument(s.name, `expects its second parameter 'count' to be a non-negative integer. The provided value is '${count}'.`);
      if (typeof v === "string" || Array.isArray(v)) return v.slice(0, count);
      throw typeError(s, 0, "an array or a string", v);
    },
  },
  reverse: { eager: (a, _c, s) => [...arr(s, a, 0)].reverse() },
  sort: {
    eager: (a, _c, s) => {
      const items = [...arr(s, a, 0)];
      const key = optStr(s, a, 1);
      const keyOf = (item: unknown): unknown => {
        if (key === undefined) return item;
        if (!isPlainObject(item)) throw invalidArgument(s.name, `can sort by '${key}' only an array of objects; found an item of type '${typeName(item)}'.`);
        const hit = findProperty(item, key);
        return hit.found ? hit.value : null;
      };
      const keyed = items.map((item, i) => ({ item, key: keyOf(item), i }));
      keyed.sort((x, y) => {
        const c = compareValues(x.key, y.key);
        if (c === undefined) {
          throw invalidArgument(s.name, `can only sort items of one simple type; found '${typeName(x.key)}' and '${typeName(y.key)}'.`);
        }
        return c || x.i - y.i;
      });
      return keyed.map((k) => k.item);
    },
  },
};
