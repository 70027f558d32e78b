/** Step names: derived from labels, stable, within the service's limits. */
import { BuildError } from "./errors";

/** The service's limit on action and trigger names. */
export const MAX_NAME_LENGTH = 80;

/**
 * Derive a name from a label the way the designer does: whitespace becomes `_`. Characters the service
 * rejects (`< > % & \ ? /`, control characters) and characters that make references awkward (`'`, `"`,
 * `@`, `#`, `*`, `:`) also become `_`; runs of `_` collapse; the result is cut to 80 characters.
 */
export function nameFromLabel(label: string): string {
  const name = label
    .trim()
    .replace(/[\s<>%&\\?/'"@#*:\u0000-\u001f\u007f]+/g, "_")
    .replace(/_+/g, "_")
    .slice(0, MAX_NAME_LENGTH);
  if (name === "" || name === "_") {
    throw new BuildError("invalid-step-label", `The label ${JSON.stringify(label)} gives no usable step name; use letters or digits.`);
  }
  return name;
}
