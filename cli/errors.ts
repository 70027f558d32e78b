/** Errors the CLI reports as a message (no stack trace) with a chosen exit code. */
export class UserError extends Error {
  override readonly name: string = "UserError";
  constructor(
    message: string,
    /** Process exit code: 2 for usage errors and unreadable paths, 1 for failed checks. */
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
