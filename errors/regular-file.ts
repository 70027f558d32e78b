/**
 * Every file a command reads must be a regular file: reading a FIFO blocks until something writes to it (forever
 * in CI), and a device may never end. One check, used wherever input files are opened.
 */
import * as fs from "node:fs";

/** Why `file` is not a regular file ("it is not a regular file (a FIFO)"), or undefined when it is one or cannot be stat'ed (the read reports that). */
export function notRegularFile(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return "it is a directory";
  const kind = stat.isFIFO() ? "a FIFO" : stat.isSocket() ? "a socket" : stat.isCharacterDevice() ? "a character device" : stat.isBlockDevice() ? "a block device" : "not a file";
  return `it is not a regular file (${kind})`;
}
