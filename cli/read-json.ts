/**
 * Read the files named on the command line, the same way for every command: bytes decoded by
 * `validators/decode` (UTF-8 with or without a byte order mark, UTF-16 LE/BE), JSON parsed by
 * `validators/json-text` (`//` and `/* *\/` comments accepted, as ARM accepts them). Problems become
 * `UserError`s (exit 2, no stack trace).
 */
import * as fs from "node:fs";
import { UserError } from "../errors";
import { MAX_JSON_DEPTH, tooDeepPointers } from "../wdl/depth";
import { decodeText } from "../validators/decode";
import { parseJsonText } from "../validators/json-text";

/** Why a file cannot be read, in words. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : code === "ELOOP" ? "it is a symbolic link loop" : (error as Error).message;
}

/** What a file that is not a regular file is, in words (reading a FIFO or a device would block or never end). */
function notRegular(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return "it is a directory";
  const kind = stat.isFIFO() ? "a FIFO" : stat.isSocket() ? "a socket" : stat.isCharacterDevice() ? "a character device" : stat.isBlockDevice() ? "a block device" : "not a file";
  return `it is not a regular file (${kind})`;
}

/** The decoded text of a file. `what` names the file in messages ("trigger", "mocks", …). */
export function readTextFile(file: string, what: string): string {
  let bytes: Buffer;
  let refused: string | undefined;
  try {
    refused = notRegular(fs.statSync(file));
  } catch (error) {
    throw new UserError(`cannot read the ${what} file '${file}': ${readFailure(error)}`);
  }
  if (refused) throw new UserError(`cannot read the ${what} file '${file}': ${refused}`);
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UserError(`cannot read the ${what} file '${file}': ${readFailure(error)}`);
  }
  return decodeText(bytes).text;
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
