/**
 * `json-too-deep`: objects and arrays nested past `MAX_JSON_DEPTH` (wdl/depth). The rules walk documents
 * recursively, so the too-deep parts are emptied in a copy first: every rule then runs on the rest, and the
 * document reports what it can instead of one `internal-error`.
 */
import { MAX_JSON_DEPTH, tooDeepPointers } from "../wdl/depth";
import { splitPointer } from "../wdl/pointer";
import type { Diagnostic } from "./diagnostic";

/** Diagnostics listed one by one; the last one says how many more there are. */
const LISTED = 10;

/** The document with every too-deep container emptied (the same object when there is none), and the findings. */
export function limitDepth(input: unknown): { input: unknown; diagnostics: Diagnostic[] } {
  const pointers = tooDeepPointers(input, MAX_JSON_DEPTH, Infinity);
  if (!pointers.length) return { input, diagnostics: [] };
  const diagnostics = pointers.slice(0, LISTED).map((pointer, i): Diagnostic => {
    const more = i === LISTED - 1 && pointers.length > LISTED ? ` (${pointers.length - LISTED} more places like it are not listed)` : "";
    return {
      code: "json-too-deep",
      severity: "error",
      pointer,
      message: `This value nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep, so what lies inside it is not checked${more}. No real workflow needs that depth: flatten it.`,
    };
  });
  return { input: emptied(input, pointers), diagnostics };
}

type Container = Record<string, unknown> | unknown[];

/** A copy of `root` in which the containers at `pointers` are empty; only the containers on their paths are copied. */
function emptied(root: unknown, pointers: string[]): unknown {
  const copies = new Set<Container>();
  const copy = (c: Container): Container => {
    const out = Array.isArray(c) ? c.slice() : { ...c };
    copies.add(out);
    return out;
  };
  const top = copy(root as Container);
  for (const pointer of pointers) {
    let node = top;
    const tokens = splitPointer(pointer);
    tokens.forEach((token, i) => {
      const key = Array.isArray(node) ? Number(token) : token;
      const child = (node as Record<string | number, unknown>)[key] as Container;
      const next = i === tokens.length - 1 ? (Array.isArray(child) ? [] : {}) : copies.has(child) ? child : copy(child);
      if (Array.isArray(node)) node[key as number] = next;
      else Object.defineProperty(node, token, { value: next, writable: true, enumerable: true, configurable: true });
      node = next;
    });
  }
  return top;
}
