/**
 * Which files a command given paths reads, the way `validate` walks them (and `import` after it): named files
 * always, directories walked for `*.json` in a stable order, skipping `node_modules` and dot-directories, with
 * symbolic-link loops and overlapping paths read once. Also the workflow name a file gives when the document
 * does not name it, and the app parameters beside a Standard `workflow.json`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../errors";
import { decodeText } from "./decode";
import { parseJsonText } from "./json-text";

/** A file to validate; `walked` when it was found by walking a directory rather than named. */
export interface FoundFile {
  file: string;
  walked: boolean;
}

/** Expand the given paths to JSON files, in a stable order. Throws UserError for a path that cannot be read. */
export function collectFiles(paths: readonly string[]): FoundFile[] {
  const out: FoundFile[] = [];
  // Real paths of the directories and files walked so far: a symbolic link back up the tree (or two given paths
  // that overlap) must neither loop nor report a file twice.
  const seen = new Set<string>();
  const firstVisit = (p: string): boolean => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      real = path.resolve(p);
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const walk = (dir: string) => {
    if (!firstVisit(dir)) return;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (error) {
      throw new UserError(`cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    for (const name of names) {
      const p = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(p);
      } catch {
        continue; // a dangling link inside a walked directory is not something the user named
      }
      if (stat.isDirectory()) {
        if (name !== "node_modules" && !name.startsWith(".")) walk(p);
      } else if (stat.isFile() && name.toLowerCase().endsWith(".json") && firstVisit(p)) out.push({ file: p, walked: true });
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      throw new UserError(`cannot read ${given}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : String(error)}`);
    }
    if (stat.isDirectory()) walk(given);
    else {
      firstVisit(given); // a file you name is always checked; a walk that meets it again skips it
      out.push({ file: given, walked: false });
    }
  }
  return out;
}

/** Workflow name for a file that does not name its workflow: the file name, or the folder of a workflow.json. */
export function fallbackName(file: string): string {
  const base = path.basename(file);
  if (base.toLowerCase() === "workflow.json") return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.json$/i, "");
}

/**
 * The parameter names of the Logic Apps Standard app around a `workflow.json` (`<app>/<workflow>/workflow.json`
 * beside `<app>/parameters.json`), or undefined when there is no such file or it is not a JSON object (the
 * workflow is then checked without it).
 */
export function appParameters(file: string): string[] | undefined {
  if (path.basename(file).toLowerCase() !== "workflow.json") return undefined;
  const candidate = path.join(path.dirname(path.dirname(path.resolve(file))), "parameters.json");
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(candidate);
  } catch {
    return undefined;
  }
  const parsed = parseJsonText(decodeText(bytes).text);
  return parsed.ok && parsed.value !== null && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? Object.keys(parsed.value) : undefined;
}

