/** Errors `simulate()` throws for a mistake in what it was given (never for a failure inside the run). */
import type { Diagnostic } from "../validators/diagnostic";

/** Codes of `SimulationError`. */
export type SimulationErrorCode = "InvalidTarget" | "InvalidDefinition" | "InvalidMock" | "InvalidOptions" | "SimulationBudget";

/** A problem with the target, the mocks or the options; the run did not start. */
export class SimulationError extends Error {
  override readonly name: string = "SimulationError";
  constructor(
    readonly code: SimulationErrorCode,
    message: string,
    /** For `InvalidDefinition` found by the validator's save-time rules: its diagnostics (pointers into the document). */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}
