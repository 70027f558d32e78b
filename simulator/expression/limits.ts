/**
 * Size bounds on values, so a definition that grows a value without end (a string appended to itself, an array
 * doubling in a loop) stops with a clear `LimitExceeded` error instead of exhausting memory. The bound is the
 * service's message size limit (100 MB, "Limits and configuration reference for Azure Logic Apps"), counted as
 * JSON text characters: no action input, output or variable can be larger in the service either.
 */
import { EvaluationError } from "./errors";

/** The largest value, in characters of its JSON text (100 MB). */
export const MAX_VALUE_CHARS = 100 * 1024 * 1024;

/** "104,857,600 characters" for messages. */
export const MAX_VALUE_WORDS = `${MAX_VALUE_CHARS.toLocaleString("en-US")} characters`;

/** Sizes of containers already measured. Values are never mutated once made, so identity is a safe key. */
const sizes = new WeakMap<object, number>();

function scalarSize(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (value === null || value === undefined) return 4;
  if (typeof value === "boolean") return 5;
  if (typeof value === "number" || typeof value === "bigint") return String(value).length;
  if (value instanceof Uint8Array) return Math.ceil(value.length / 3) * 4 + 2;
  return 8;
}

interface Open {
  node: object;
  children: unknown[];
  next: number;
  total: number;
}

function open(node: object): Open {
  if (Array.isArray(node)) return { node, children: node, next: 0, total: 2 + Math.max(0, node.length - 1) };
  const keys = Object.keys(node);
  let total = 2 + Math.max(0, keys.length - 1);
  for (const k of keys) total += k.length + 3;
  return { node, children: keys.map((k) => (node as Record<string, unknown>)[k]), next: 0, total };
}

/**
 * The JSON text size of a value, or a number above `limit` as soon as it is known to pass it. Shared parts are
 * measured once (so `[a, a]` costs no more than `a`), and nesting of any depth is walked without recursion.
 */
export function valueSize(value: unknown, limit = MAX_VALUE_CHARS): number {
  if (value === null || typeof value !== "object") return scalarSize(value);
  const known = sizes.get(value);
  if (known !== undefined) return known;
  if (value instanceof Uint8Array || !(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) return scalarSize(value);
  const stack: Open[] = [open(value)];
  const onStack = new Set<object>([value]);
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.total > limit) return top.total;
    if (top.next === top.children.length) {
      stack.pop();
      onStack.delete(top.node);
      sizes.set(top.node, top.total);
      const parent = stack[stack.length - 1];
      if (!parent) return top.total;
      parent.total += top.total;
      continue;
    }
    const child = top.children[top.next++];
    if (child === null || typeof child !== "object") {
      top.total += scalarSize(child);
      continue;
    }
    const size = sizes.get(child);
    if (size !== undefined) top.total += size;
    else if (onStack.has(child)) return Infinity; // a cycle (only a handler-made mock body can have one)
    else if (Array.isArray(child) || Object.getPrototypeOf(child) === Object.prototype || Object.getPrototypeOf(child) === null) {
      onStack.add(child);
      stack.push(open(child));
    } else top.total += scalarSize(child);
  }
}

/** True when a value is larger than the bound. */
export function exceedsValueLimit(value: unknown): boolean {
  if (typeof value === "string") return value.length > MAX_VALUE_CHARS;
  return value !== null && typeof value === "object" && valueSize(value) > MAX_VALUE_CHARS;
}

/** A `LimitExceeded` error: `what` would pass the bound. */
export function valueTooLarge(what: string): EvaluationError {
  return new EvaluationError("LimitExceeded", `${what} would be larger than ${MAX_VALUE_WORDS} (100 MB), the service's message size limit; the simulator stops there. Make the value smaller, or stop growing it in a loop.`);
}
