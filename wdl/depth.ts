/**
 * How deep JSON values may nest. Every reader of a definition (validator rules, the simulator's compiler and
 * evaluator, the serialisers) walks values recursively; a hostile 100,000-deep array would overflow the stack.
 * Values are checked once, without recursion, where they enter, so everything past that point can recurse.
 */
import { joinPointer } from "./pointer";

/**
 * Objects and arrays nested deeper than this are refused (the root is level 0). No source gives the service's
 * own bound (UNCONFIRMED); real definitions nest a few dozen levels (8 levels of containers, their inputs).
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Pointers of the containers at level `max` that hold more containers (so their contents are deeper than
 * `max`), in document order, at most `limit` of them. Empty when the value is within bounds.
 */
export function tooDeepPointers(value: unknown, max = MAX_JSON_DEPTH, limit = 10): string[] {
  const out: string[] = [];
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: "", depth: 0 }];
  while (stack.length && out.length < limit) {
    const { value: v, pointer, depth } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    if (depth === max) {
      if (entries.some(([, x]) => x !== null && typeof x === "object")) out.push(pointer);
      continue;
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (child !== null && typeof child === "object") stack.push({ value: child, pointer: joinPointer(pointer, key), depth: depth + 1 });
    }
  }
  return out;
}

/** True when a value nests deeper than `max` (checked without recursion). */
export function depthPast(value: unknown, max = MAX_JSON_DEPTH): boolean {
  return tooDeepPointers(value, max, 1).length > 0;
}
