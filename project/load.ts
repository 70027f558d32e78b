/**
 * Load authors' playbook files. A file compiled by the type check is loaded from that output (no second
 * compile); any other TypeScript (no type check, ES module files, files outside the check) goes through tsx,
 * loaded only then. While files load, `playbook-kit` resolves to the running kit. An error thrown while a file
 * loads is reported at the `file:line:col` of the author's code that threw it (source maps are on meanwhile).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProjectProblem } from "./errors";
import { withKitResolution } from "./kit";

/** What a playbook file default-exported (a built playbook, or a factory of one), not yet checked. */
export interface LoadedModule {
  file: string;
  exported: unknown;
}

/** Playbook files of a folder (not recursive; declaration and test files skipped), sorted. */
export function playbookFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.c?ts$/.test(f) && !/\.d\.c?ts$/.test(f) && !/\.(test|spec)\./.test(f))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/** A stack frame's place in generated JavaScript (1-based). */
interface RawFrame {
  file: string;
  line: number;
  column: number;
}

/** Raw frames of errors whose stack was first read while `withRawStacks` ran. */
const rawFrames = new WeakMap<object, RawFrame[]>();

/**
 * While `fn` runs, record each error's raw call sites when its stack is first read, and format stacks with
 * TypeScript positions (through the loaded files' source maps), whoever owned `Error.prepareStackTrace`.
 */
export function withRawStacks<T>(fn: () => T): T {
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  // The author's frame can sit below many of the builder's: keep enough frames to reach it.
  Error.stackTraceLimit = Math.max(limit, 200);
  Error.prepareStackTrace = (error, sites) => {
    const frames = sites.map((s) => ({ file: s.getFileName() ?? "", line: s.getLineNumber() ?? 0, column: s.getColumnNumber() ?? 0 }));
    rawFrames.set(error, frames);
    // Node's own formatting would map the frames, but setting prepareStackTrace turns it off (and a test
    // runner's may not know the loaded files' maps): map them here, so the builder's own locations are right.
    return `${String(error)}${sites.map((s, i) => `\n    at ${mappedCallSite(String(s), frames[i]!)}`).join("")}`;
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
}

/** A generated position mapped to the TypeScript source through the module's source map, when it has one. */
function original(frame: RawFrame): RawFrame {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findSourceMap } = require("node:module") as typeof import("node:module");
  const entry = findSourceMap(frame.file)?.findEntry(frame.line - 1, frame.column - 1) as { originalLine?: number; originalColumn?: number } | undefined;
  if (entry?.originalLine === undefined || entry.originalColumn === undefined) return frame;
  return { file: frame.file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/** A call site's text with its trailing `file:line:col` in TypeScript positions. */
function mappedCallSite(text: string, frame: RawFrame): string {
  if (!frame.file || !frame.line) return text;
  const mapped = original(frame);
  return text.replace(/:\d+:\d+(\)?)$/, `:${mapped.line}:${mapped.column}$1`);
}

/** Where in `files` an error was thrown: the first stack frame in one of them, in TypeScript lines and columns. */
export function throwSite(error: unknown, files: readonly string[]): RawFrame | undefined {
  if (!(error instanceof Error)) return undefined;
  void error.stack; // formats the stack now, recording its raw frames (see withRawStacks)
  const wanted = new Set(files.map((f) => path.resolve(f)));
  const frame = rawFrames.get(error)?.find((f) => wanted.has(path.resolve(f.file)));
  return frame ? original(frame) : undefined;
}

/** esbuild's `file:line:col: ERROR: message` in a tsx transform failure. */
function transformSite(message: string): { file: string; line: number; column: number; text: string } | undefined {
  const m = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  return m ? { file: path.resolve(m[1]!), line: Number(m[2]), column: Number(m[3]), text: m[4]! } : undefined;
}

/** `file:line:col` (as a BuildError's `location` gives it) as a place. */
function parseLocation(text: string): { file: string; line: number; column: number } | undefined {
  const m = /^(.+):(\d+):(\d+)$/.exec(text);
  return m ? { file: path.resolve(m[1]!), line: Number(m[2]), column: Number(m[3]) } : undefined;
}

/** A BuildError as the kit throws it (from any copy of the kit, so by shape). */
interface BuildErrorLike extends Error {
  code: string;
  detail?: string;
  path?: string;
  location?: string;
}

/** A load failure as a located problem. */
export function loadProblem(file: string, error: unknown, projectFiles: readonly string[]): ProjectProblem {
  if (error instanceof Error && error.name === "BuildError") {
    const b = error as BuildErrorLike;
    // The builder names the author's line itself (`location`); else the first frame in a project file.
    const site = (b.location ? parseLocation(b.location) : undefined) ?? throwSite(error, [file, ...projectFiles]);
    const message = b.detail !== undefined ? `${b.path ? `${b.path}: ` : ""}${b.detail}` : error.message.replace(`[${b.code}] `, "");
    return { file: site?.file ?? file, ...(site ? { line: site.line, column: site.column } : {}), code: b.code, message };
  }
  if (error instanceof Error) {
    const transform = transformSite(error.message);
    if (transform) return { file: transform.file, line: transform.line, column: transform.column, code: "playbook-syntax", message: transform.text };
  }
  const site = throwSite(error, [file, ...projectFiles]);
  const message = error instanceof Error ? error.message.split("\n").slice(0, 6).join("\n") : String(error);
  const text = `${error instanceof Error ? error.name : "Error"} thrown while the file loads: ${message}`;
  return { file: site?.file ?? file, ...(site ? { line: site.line, column: site.column } : {}), code: "playbook-load", message: text };
}

type Loader = (module: { _compile(code: string, file: string): void }, file: string) => void;

/**
 * Run `fn` with `.ts` files loading from `compiled` when there, through tsx otherwise (registered on first
 * need). Everything is restored afterwards.
 */
function withTypeScriptLoading<T>(compiled: ReadonlyMap<string, string>, fn: () => T): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extensions = require.extensions as unknown as Record<string, Loader | undefined>;
  const saved = { ts: extensions[".ts"], cts: extensions[".cts"] };
  let unregisterTsx: (() => void) | undefined;
  let tsxLoaders: { ts?: Loader; cts?: Loader } | undefined;
  const fallback = (ext: ".ts" | ".cts"): Loader => {
    if (!tsxLoaders) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { register } = require("tsx/cjs/api") as { register(): () => void };
      const before = { ts: extensions[".ts"], cts: extensions[".cts"] };
      unregisterTsx = register();
      tsxLoaders = { ts: extensions[".ts"], cts: extensions[".cts"] };
      extensions[".ts"] = before.ts;
      extensions[".cts"] = before.cts;
    }
    return (ext === ".ts" ? tsxLoaders.ts : tsxLoaders.cts)!;
  };
  const loader =
    (ext: ".ts" | ".cts"): Loader =>
    (module, file) => {
      const js = compiled.get(path.resolve(file));
      if (js !== undefined) module._compile(js, file);
      else fallback(ext)(module, file);
    };
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(true);
  extensions[".ts"] = loader(".ts");
  extensions[".cts"] = loader(".cts");
  try {
    return fn();
  } finally {
    unregisterTsx?.();
    extensions[".ts"] = saved.ts;
    extensions[".cts"] = saved.cts;
    if (saved.ts === undefined) delete extensions[".ts"];
    if (saved.cts === undefined) delete extensions[".cts"];
    process.setSourceMapsEnabled(sourceMaps);
  }
}

/**
 * Require each file and take its default export. Failures are collected as problems, never thrown; run it
 * inside `withRawStacks` so they carry the line that threw. `compiled` holds CommonJS from the type check;
 * other files are compiled by tsx.
 */
export function loadModules(files: readonly string[], compiled: ReadonlyMap<string, string> = new Map()): { modules: LoadedModule[]; problems: ProjectProblem[] } {
  const modules: LoadedModule[] = [];
  const problems: ProjectProblem[] = [];
  // A file loaded earlier in this process may have changed since: load every author file afresh.
  for (const file of [...files, ...compiled.keys()]) delete require.cache[path.resolve(file)];
  withKitResolution(() =>
    withTypeScriptLoading(compiled, () => {
      for (const file of files) {
        try {
          const mod = require(path.resolve(file)) as { default?: unknown };
          modules.push({ file: path.resolve(file), exported: mod.default ?? (mod as unknown) });
        } catch (error) {
          problems.push(loadProblem(file, error, files));
        }
      }
    }),
  );
  return { modules, problems };
}
