/** Errors `simulate()` throws for a mistake in what it was given (never for a failure inside the run). */
import { MAX_JSON_DEPTH, tooDeepPointers } from "../wdl/depth";
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

/** Objects already found within the depth bound. */
const withinDepth = new WeakSet<object>();

/** Refuse a value nested past `MAX_JSON_DEPTH` before anything walks it recursively. `what` names it ("The trigger outputs"). */
export function refuseTooDeep(value: unknown, code: SimulationErrorCode, what: string): void {
  // The same definition, mock list and options are given run after run: check each object once (by identity).
  const object = value !== null && typeof value === "object";
  if (object && withinDepth.has(value)) return;
  const [pointer] = tooDeepPointers(value, MAX_JSON_DEPTH, 1);
  if (pointer === undefined) {
    if (object) withinDepth.add(value);
    return;
  }
  throw new SimulationError(
    code,
    `${what} nests more than ${MAX_JSON_DEPTH} levels of objects and arrays (at ${pointer === "" ? "the top" : pointer}); the simulator stops there. No real workflow needs that depth: flatten it.`,
  );
}
