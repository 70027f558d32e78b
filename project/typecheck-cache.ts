/**
 * The type check's result cache: a clean check of a set of playbook files, kept with the hash of every file the
 * compiler read for it, so the next command over unchanged files skips TypeScript (not even loaded) and loads
 * the CommonJS it emitted then.
 *
 * An entry is valid only while every recorded file has the same content (the playbooks, what they import, the
 * kit's declarations, TypeScript's lib files, the tsconfig and what it extends) and every recorded folder (the
 * folders of the author's files, the project root, its node_modules) lists the same names, so a new file that
 * could change how an import resolves also misses. Checks with problems are never stored. The key adds the kit
 * and TypeScript versions, the root, the tsconfig named and the sorted file list. Lives in
 * `<root>/node_modules/.cache/playbook-kit/` (where build tools keep caches); delete the folder to clear it.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { kitVersion } from "./kit";

/** What a stored clean check recorded. */
export interface CheckRecord {
  /** Every file the compiler read (absolute). */
  files: readonly string[];
  /** Folders whose listing must not change (absolute). */
  dirs: readonly string[];
  /** Emitted CommonJS by absolute source path. */
  compiled: ReadonlyMap<string, string>;
}

interface Entry {
  format: 1;
  files: [string, string][];
  dirs: [string, string][];
  compiled: [string, string][];
}

const hash = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Hash of a file's content; `-` when it cannot be read (so its appearing later is a change). */
function fileHash(file: string): string {
  try {
    return hash(fs.readFileSync(file));
  } catch {
    return "-";
  }
}

/** Hash of a folder's sorted entry names (dot names skipped: this cache's own `.cache`); `-` when it cannot be listed. */
function dirHash(dir: string): string {
  try {
    return hash(fs.readdirSync(dir).filter((name) => !name.startsWith(".")).sort().join("\n"));
  } catch {
    return "-";
  }
}

/** The installed TypeScript's version (read from its package.json, so TypeScript is not loaded). */
function typescriptVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "none";
  }
}

/** The cache folder of a project: `<root>/node_modules/.cache/playbook-kit`, or undefined when the root has no node_modules. */
export function typeCheckCacheDir(root: string): string | undefined {
  const modules = path.join(root, "node_modules");
  return fs.existsSync(modules) ? path.join(modules, ".cache", "playbook-kit") : undefined;
}

/** The entry file for one check: the kit and TypeScript versions, root, tsconfig and file list hashed. */
function entryFile(dir: string, root: string, tsconfig: string | undefined, files: readonly string[]): string {
  const key = JSON.stringify({ kit: kitVersion(), typescript: typescriptVersion(), root: path.resolve(root), tsconfig: tsconfig ?? null, files: [...files].map((f) => path.resolve(f)).sort() });
  return path.join(dir, `typecheck-${hash(key).slice(0, 32)}.json`);
}

/** The compiled output of a stored clean check of these files, when nothing it read has changed since. */
export function readCheck(dir: string, root: string, tsconfig: string | undefined, files: readonly string[]): Map<string, string> | undefined {
  let entry: Entry;
  try {
    entry = JSON.parse(fs.readFileSync(entryFile(dir, root, tsconfig, files), "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (entry.format !== 1) return undefined;
  if (entry.dirs.some(([d, h]) => dirHash(d) !== h)) return undefined;
  if (entry.files.some(([f, h]) => fileHash(f) !== h)) return undefined;
  return new Map(entry.compiled);
}

/** Store a clean check. Never throws: a cache that cannot be written is no cache. */
export function writeCheck(dir: string, root: string, tsconfig: string | undefined, files: readonly string[], record: CheckRecord): void {
  const entry: Entry = { format: 1, files: [], dirs: [], compiled: [...record.compiled] };
  for (const f of new Set(record.files)) entry.files.push([f, fileHash(f)]);
  for (const d of new Set(record.dirs)) entry.dirs.push([d, dirHash(d)]);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const target = entryFile(dir, root, tsconfig, files);
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(entry));
    fs.renameSync(temp, target);
  } catch {
    // read-only or full disk: the next run checks again
  }
}
