/** A structural JSON diff with JSON-pointer paths, in a fixed order (object keys sorted, array items by index). */
import { joinPointer } from "../wdl/pointer";
import { isObject } from "../wdl/walk";

/** One difference between what main builds (`expected`) and what is deployed (`deployed`). */
export interface Difference {
  /** JSON pointer of the value. */
  pointer: string;
  /** `changed`: both have a different value; `added`: only deployed has it; `removed`: only main has it. */
  kind: "changed" | "added" | "removed";
  expected?: unknown;
  deployed?: unknown;
}

function equalPrimitive(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Every difference between two JSON values, under `base`. */
export function diffJson(expected: unknown, deployed: unknown, base = ""): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, pointer: string) => {
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) {
        const at = joinPointer(pointer, key);
        const inA = Object.prototype.hasOwnProperty.call(a, key) && a[key] !== undefined;
        const inB = Object.prototype.hasOwnProperty.call(b, key) && b[key] !== undefined;
        if (inA && inB) walk(a[key], b[key], at);
        else if (inA) out.push({ pointer: at, kind: "removed", expected: a[key] });
        else if (inB) out.push({ pointer: at, kind: "added", deployed: b[key] });
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        const at = joinPointer(pointer, i);
        if (i >= b.length) out.push({ pointer: at, kind: "removed", expected: a[i] });
        else if (i >= a.length) out.push({ pointer: at, kind: "added", deployed: b[i] });
        else walk(a[i], b[i], at);
      }
      return;
    }
    const bothContainers = (isObject(a) || Array.isArray(a)) && (isObject(b) || Array.isArray(b));
    if (bothContainers || !equalPrimitive(a, b)) out.push({ pointer, kind: "changed", expected: a, deployed: b });
  };
  walk(expected, deployed, base);
  return out;
}
