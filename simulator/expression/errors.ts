/**
 * Evaluation errors. The service reports every expression failure as `InvalidTemplate`; we keep a finer
 * `code` so tests and run records can tell a missing property from a wrong argument, and expose the
 * service's code as `serviceCode`.
 */

/** Codes an `EvaluationError` carries. */
export type EvaluationErrorCode =
  | "InvalidTemplate" // syntax errors, and failures with no finer code
  | "UnknownFunction"
  | "InvalidArity"
  | "InvalidArgument" // wrong type or value of a function argument
  | "PropertyNotFound" // `.x` / `['x']` on an object without that property, without `?`
  | "PropertySelectionNotSupported" // `.x` on null, a string, a number…
  | "IndexOutOfRange"
  | "ActionNotFound" // the definition has no such action
  | "ActionNotRun" // declared, but has not run (yet) in this run
  | "ActionSkipped" // declared and Skipped: it has no outputs
  | "VariableNotFound"
  | "ParameterNotFound"
  | "NotInLoop" // item()/items()/iterationIndexes() outside the loop they name
  | "DivideByZero"
  | "Overflow" // an arithmetic result outside Int64, Double or Decimal (UNCONFIRMED: the reference is silent)
  | "NotSupported" // the function exists in the service but the context cannot answer it
  | "LimitExceeded"; // a value, a nesting or xpath() work past the simulator's bounds (so hostile input ends)

/** A failure while evaluating an expression (never a JavaScript bug: those are rethrown as they are). */
export class EvaluationError extends Error {
  override readonly name = "EvaluationError";
  /** What the service would report for this failure: always `InvalidTemplate`. */
  readonly serviceCode = "InvalidTemplate";
  constructor(
    readonly code: EvaluationErrorCode | string,
    message: string,
  ) {
    super(message);
  }
}

/** Words for argument positions in messages ("its first parameter"). */
const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "its parameter" for one-parameter functions, "its second parameter" otherwise. */
export function parameterWords(index: number, arity: number): string {
  if (arity <= 1) return "its parameter";
  const ordinal = ORDINALS[index];
  return ordinal ? `its ${ordinal} parameter` : `its parameter number ${index + 1}`;
}

/** An `InvalidArgument` error in the service's words. */
export function invalidArgument(fn: string, message: string): EvaluationError {
  return new EvaluationError("InvalidArgument", `The template language function '${fn}' ${message}`);
}
