/**
 * Field-level differences between two JSON values, as JSON pointers relative to the values compared. Objects
 * are compared key by key whatever their key order; arrays of the same length element by element, arrays whose
 * length changed as a whole (a shifted list would otherwise read as a change of every element).
 */
import { isObject, joinPointer } from "../wdl";
import { canonicalText, sortKeys } from "./normalize";

/** One changed field: `before` is null when the field was added, `after` null when it was removed. */
export interface FieldChange {
  pointer: string;
  before: unknown;
  after: unknown;
}

/** The changed fields between `before` and `after` (empty when they are equal up to key order). */
export function diffFields(before: unknown, after: unknown, pointer = ""): FieldChange[] {
  const out: FieldChange[] = [];
  collect(before, after, pointer, out);
  return out;
}

function collect(before: unknown, after: unknown, pointer: string, out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const here = joinPointer(pointer, key);
      const inBefore = Object.prototype.hasOwnProperty.call(before, key);
      const inAfter = Object.prototype.hasOwnProperty.call(after, key);
      if (!inBefore) out.push({ pointer: here, before: null, after: sortKeys(after[key]) });
      else if (!inAfter) out.push({ pointer: here, before: sortKeys(before[key]), after: null });
      else collect(before[key], after[key], here, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    for (let i = 0; i < before.length; i++) collect(before[i], after[i], `${pointer}/${i}`, out);
    return;
  }
  if (canonicalText(before) !== canonicalText(after)) out.push({ pointer, before: sortKeys(before), after: sortKeys(after) });
}
