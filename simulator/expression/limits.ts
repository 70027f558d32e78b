/**
 * Bounds on values, so a definition that grows a value without end (a string appended to itself, an array
 * doubling in a loop) or nests it without end stops with a clear `LimitExceeded` error instead of exhausting
 * memory or the stack. The size bound is the service's message size limit (100 MB, "Limits and configuration
 * reference for Azure Logic Apps"), counted as JSON text characters: no action input, output or variable can be
 * larger in the service either. The depth bound is `MAX_JSON_DEPTH` (wdl/depth).
 */
import { MAX_JSON_DEPTH } from "../../wdl/depth";
import { EvaluationError } from "./errors";

/** The largest value, in characters of its JSON text (100 MB). */
export const MAX_VALUE_CHARS = 100 * 1024 * 1024;

/** "104,857,600 characters" for messages. */
export const MAX_VALUE_WORDS = `${MAX_VALUE_CHARS.toLocaleString("en-US")} characters`;

/** What makes a value unacceptable. */
export type ValueProblem = "size" | "depth";

/** Size and depth of containers already measured. Values are never mutated once made, so identity is a safe key. */
const measured = new WeakMap<object, { size: number; depth: number }>();

function scalarSize(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (value === null || value === undefined) return 4;
  if (typeof value === "boolean") return 5;
  if (typeof value === "number" || typeof value === "bigint") return String(value).length;
  return 8;
}

/** A plain container (tagged values such as binary content count as scalars). */
function isContainer(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

interface Open {
  node: object;
  children: unknown[];
  next: number;
  size: number;
  depth: number;
}

function open(node: object): Open {
  if (Array.isArray(node)) return { node, children: node, next: 0, size: 2 + Math.max(0, node.length - 1), depth: 1 };
  const keys = Object.keys(node);
  let size = 2 + Math.max(0, keys.length - 1);
  for (const k of keys) size += k.length + 3;
  return { node, children: keys.map((k) => (node as Record<string, unknown>)[k]), next: 0, size, depth: 1 };
}

/**
 * What is wrong with a value, if anything: JSON text past `MAX_VALUE_CHARS`, or nesting past `MAX_JSON_DEPTH`.
 * Shared parts are measured once (so `[a, a]` costs no more than `a`), and nothing recurses.
 */
export function valueProblem(value: unknown): ValueProblem | undefined {
  if (typeof value === "string") return value.length > MAX_VALUE_CHARS ? "size" : undefined;
  if (!isContainer(value)) return undefined;
  let known = measured.get(value);
  if (!known) {
    const result = measure(value);
    if (typeof result === "string") return result;
    known = result;
  }
  return known.size > MAX_VALUE_CHARS ? "size" : known.depth > MAX_JSON_DEPTH + 1 ? "depth" : undefined;
}

function measure(value: object): { size: number; depth: number } | ValueProblem {
  const stack: Open[] = [open(value)];
  const onStack = new Set<object>([value]);
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.size > MAX_VALUE_CHARS) return "size";
    if (stack.length > MAX_JSON_DEPTH + 1) return "depth";
    if (top.next === top.children.length) {
      stack.pop();
      onStack.delete(top.node);
      measured.set(top.node, { size: top.size, depth: top.depth });
      const parent = stack[stack.length - 1];
      if (!parent) return { size: top.size, depth: top.depth };
      parent.size += top.size;
      parent.depth = Math.max(parent.depth, top.depth + 1);
      continue;
    }
    const child = top.children[top.next++];
    if (!isContainer(child)) {
      top.size += scalarSize(child);
      continue;
    }
    const known = measured.get(child);
    if (known) {
      top.size += known.size;
      top.depth = Math.max(top.depth, known.depth + 1);
    } else if (onStack.has(child)) {
      return "depth"; // a cycle (only a handler-made mock body can have one)
    } else {
      onStack.add(child);
      stack.push(open(child));
    }
  }
}

/**
 * Characters of a value's compact JSON text (each shared part counted every time it appears, as JSON.stringify
 * writes it); past `MAX_VALUE_CHARS` it is `MAX_VALUE_CHARS + 1`. Cheap for values `valueProblem` already measured.
 */
export function valueChars(value: unknown): number {
  if (!isContainer(value)) return scalarSize(value);
  const known = measured.get(value) ?? measure(value);
  return typeof known === "string" ? MAX_VALUE_CHARS + 1 : known.size;
}

/** A `LimitExceeded` error: `what` would pass the size or depth bound. */
export function valueLimitError(what: string, problem: ValueProblem = "size"): EvaluationError {
  if (problem === "depth") {
    return new EvaluationError("LimitExceeded", `${what} would nest more than ${MAX_JSON_DEPTH} levels of objects and arrays; the simulator stops there. Flatten the value.`);
  }
  return new EvaluationError("LimitExceeded", `${what} would be larger than ${MAX_VALUE_WORDS} (100 MB), the service's message size limit; the simulator stops there. Make the value smaller, or stop growing it in a loop.`);
}
