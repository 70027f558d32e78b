/** Errors `simulate()` throws for a mistake in what it was given (never for a failure inside the run). */

/** Codes of `SimulationError`. */
export type SimulationErrorCode = "InvalidTarget" | "InvalidDefinition" | "InvalidMock" | "InvalidOptions";

/** A problem with the target, the mocks or the options; the run did not start. */
export class SimulationError extends Error {
  override readonly name = "SimulationError";
  constructor(
    readonly code: SimulationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
