/** A mistake in a playbook found while building it: a stable code, where it happened, and what to do. */
export class BuildError extends Error {
  override readonly name = "BuildError";
  constructor(
    /** Stable kebab-case code, e.g. `step-not-yet-run`. */
    readonly code: string,
    message: string,
    /** Builder path of the step concerned (`If_severity_is_High › actions › Isolate_machine`), when known. */
    readonly path?: string,
  ) {
    super(path ? `[${code}] ${path}: ${message}` : `[${code}] ${message}`);
  }
}
