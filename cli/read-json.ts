/**
 * Read the files named on the command line, the same way for every command: bytes decoded by
 * `validators/decode` (UTF-8 with or without a byte order mark, UTF-16 LE/BE), JSON parsed by
 * `validators/json-text` (`//` and `/* *\/` comments accepted, as ARM accepts them). Problems become
 * `UserError`s (exit 2, no stack trace).
 */
import * as fs from "node:fs";
import { notRegularFile, UserError } from "../errors";
import { MAX_JSON_DEPTH, tooDeepPointers } from "../wdl/depth";
import { decodeText } from "../validators/decode";
import { parseJsonText } from "../validators/json-text";

/** Why a file cannot be read, in words. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : code === "ELOOP" ? "it is a symbolic link loop" : (error as Error).message;
}

/** The decoded text of a file. `what` names the file in messages ("trigger", "mocks", …). */
export function readTextFile(file: string, what: string): string {
  return decodeText(readFileBytes(file, `the ${what} file`)).text;
}

/** The bytes of a regular file; `what` names it in messages ("the trigger file", "the workflow file"). */
export function readFileBytes(file: string, what: string): Buffer {
  const refused = notRegularFile(file);
  if (refused) throw new UserError(`cannot read ${what} '${file}': ${refused}`);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UserError(`cannot read ${what} '${file}': ${readFailure(error)}`);
  }
}

/**
 * Parse the JSON file `file`. `what` names the file in messages ("trigger", "mocks", …). JSON nested past
 * `MAX_JSON_DEPTH` is refused here, before any command walks it.
 */
export function readJsonFile(file: string, what: string): unknown {
  const parsed = parseJsonText(readTextFile(file, what));
  if (parsed.ok) {
    const [deep] = tooDeepPointers(parsed.value, MAX_JSON_DEPTH, 1);
    if (deep !== undefined) throw new UserError(`the ${what} file '${file}' nests more than ${MAX_JSON_DEPTH} levels of objects and arrays (at ${deep || "the top"}); flatten it`);
    return parsed.value;
  }
  const { line, column, message } = parsed.error;
  throw new UserError(`the ${what} file '${file}' is not valid JSON (line ${line}, column ${column}): ${message}`);
}
