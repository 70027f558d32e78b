/** Read a JSON file named on the command line; problems become `UserError`s (exit 2, no stack trace). */
import * as fs from "node:fs";
import { UserError } from "../errors";

/** Parse `file` (a UTF-8 byte order mark is accepted). `what` names the file in messages ("trigger", "mocks", …). */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new UserError(`cannot read the ${what} file '${file}': ${reason}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`the ${what} file '${file}' is not valid JSON: ${(error as Error).message}`);
  }
}
