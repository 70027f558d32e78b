/**
 * Logical comparison functions. Null compares as "" (documented). `if`, `and` and `or` evaluate only the
 * arguments they need (UNCONFIRMED: the reference only says arguments are evaluated left to right).
 */
import { invalidArgument } from "../errors";
import { compareValues, typeName, valuesEqual } from "../values";
import { bool, boolValue, type FunctionTable, type Site } from "./types";

function compare(site: Site, a: unknown, b: unknown): number {
  const c = compareValues(a, b);
  if (c === undefined) {
    throw invalidArgument(
      site.name,
      `expects two parameters of matching types: both numbers, both strings or both booleans. The provided values are of types '${typeName(a)}' and '${typeName(b)}'.`,
    );
  }
  return c;
}

export const logicalFunctions: FunctionTable = {
  and: {
    lazy: (args, _c, s) => {
      for (let i = 0; i < args.length; i++) if (!boolValue(s, args[i]!(), i)) return false;
      return true;
    },
  },
  or: {
    lazy: (args, _c, s) => {
      for (let i = 0; i < args.length; i++) if (boolValue(s, args[i]!(), i)) return true;
      return false;
    },
  },
  not: { eager: (a, _c, s) => !bool(s, a, 0) },
  if: { lazy: (args, _c, s) => (boolValue(s, args[0]!(), 0) ? args[1]!() : args[2]!()) },
  equals: { eager: (a) => valuesEqual(a[0], a[1]) },
  greater: { eager: (a, _c, s) => compare(s, a[0], a[1]) > 0 },
  greaterOrEquals: { eager: (a, _c, s) => compare(s, a[0], a[1]) >= 0 },
  less: { eager: (a, _c, s) => compare(s, a[0], a[1]) < 0 },
  lessOrEquals: { eager: (a, _c, s) => compare(s, a[0], a[1]) <= 0 },
};
