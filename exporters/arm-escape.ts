/**
 * ARM template escaping. ARM evaluates a JSON string that starts with `[` and ends with `]` as a template
 * expression at deploy time; to keep such a string literal it must start with `[[` (ARM removes one `[`).
 * A string that starts with `[` but does not end with `]` is already literal and must NOT be escaped: ARM would
 * keep both brackets ("[test] value" resolves to itself; learn.microsoft.com, template-expressions, "Escape
 * characters"). WDL `@` expressions are left alone by ARM.
 */

/** True when ARM would evaluate this string as a template expression (`[...]`, not the `[[` escape). */
export function isArmExpressionString(value: string): boolean {
  return value.length >= 2 && value.startsWith("[") && !value.startsWith("[[") && value.endsWith("]");
}

/** True when a literal string must be escaped to survive an ARM deployment unchanged. */
export function needsArmEscape(value: string): boolean {
  return value.startsWith("[") && value.endsWith("]");
}

/** Escape one literal string for an ARM template: `[x]` → `[[x]`; anything else unchanged. */
export function escapeArmString(value: string): string {
  return needsArmEscape(value) ? `[${value}` : value;
}

/** What ARM turns a template string into when it is not an expression: `[[x]` → `[x]`. */
export function unescapeArmString(value: string): string {
  return value.startsWith("[[") && value.endsWith("]") ? value.slice(1) : value;
}

/** Deep copy of a JSON value with every string escaped (object keys are not evaluated by ARM and stay as they are). */
export function escapeArmLiterals<T>(value: T): T {
  if (typeof value === "string") return escapeArmString(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeArmLiterals(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = escapeArmLiterals(v);
    return out as T;
  }
  return value;
}
