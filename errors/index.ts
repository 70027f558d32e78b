/**
 * Error types shared by every layer. A `UserError` is a mistake the user can fix: the CLI prints its message
 * (never a stack trace) and exits with its code. It sits at the bottom so libraries (ops, project, …) can throw
 * it without importing the CLI.
 */

/** A user mistake, reported as a message with a chosen exit code. */
export class UserError extends Error {
  override readonly name: string = "UserError";
  constructor(
    message: string,
    /** Process exit code: 2 for usage errors and unreadable paths, 1 for failed checks. */
    readonly exitCode = 2,
    /**
     * True when the message is several lines by design, each already escaped (`escapeControl`); the CLI then
     * keeps its line breaks. Otherwise the message is one line and a line break in it is printed as `\n`.
     */
    readonly multiline = false,
  ) {
    super(message);
  }
}

export { escapeControl, escapeControlLines, textLines } from "./escape";
export { notRegularFile } from "./regular-file";
