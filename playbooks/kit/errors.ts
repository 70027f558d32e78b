/** A mistake in a playbook found while building it: a stable code, where it happened, and what to do. */
export class BuildError extends Error {
  override readonly name = "BuildError";
  constructor(
    /** Stable kebab-case code, e.g. `step-not-yet-run`. */
    readonly code: string,
    /** What is wrong and what to do, without the code and places. */
    readonly detail: string,
    /** Builder path of the step concerned (`If_severity_is_High › actions › Isolate_machine`), when known. */
    readonly path?: string,
    /** `file:line:col` of the author's code that placed the step, when known. */
    readonly location?: string,
  ) {
    super(`${path ? `[${code}] ${path}: ${detail}` : `[${code}] ${detail}`}${location ? ` (at ${location})` : ""}`);
  }

  /** The same error at the author's `file:line:col`. */
  at(location: string): BuildError {
    return new BuildError(this.code, this.detail, this.path, location);
  }
}
