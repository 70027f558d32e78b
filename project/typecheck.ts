/**
 * Type-check authors' playbook files with the TypeScript compiler API against the running kit's declarations,
 * and keep the compiled CommonJS of each file so loading needs no second compile.
 *
 * Fast by construction: one Program for all files; the project's tsconfig compiler options (so the check says
 * what `tsc --noEmit` says) with `skipLibCheck`; `playbook-kit` mapped to the kit's `.d.ts` (never its
 * sources); JSDoc parsed only where it can change a type error and no extra parent-pointer pass (what `tsc`
 * itself does; the API's defaults cost ~40% more time); declaration files parsed once per process and the
 * previous Program handed to the next.
 * TypeScript is loaded only here, only when a check runs. With a `cacheDir`, a clean check of files nothing has
 * changed in since is not run again (project/typecheck-cache.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "typescript";
import type { ProjectProblem } from "./errors";
import { KIT_MODULE_DIR, kitPaths } from "./kit";
import { readCheck, writeCheck, type CheckRecord } from "./typecheck-cache";

/** What a type check found and compiled. */
export interface TypeCheckResult {
  /** Type and syntax errors, with `file:line:col` and the compiler's message (`TS2551: … Did you mean 'severity'?`). */
  problems: ProjectProblem[];
  /** CommonJS output (with an inline source map) by absolute source path, for files TypeScript compiled to CommonJS. */
  compiled: Map<string, string>;
  /** Whether the result came from the cache (nothing the last clean check read has changed). */
  cached: boolean;
}

/** Options of `typeCheck`. */
export interface TypeCheckOptions {
  /** Project root: where the tsconfig is looked for and relative paths start. */
  root: string;
  /** tsconfig file (relative to root); default `tsconfig.json` when it exists. */
  tsconfig?: string;
  /**
   * Result cache folder (`typeCheckCacheDir`): a clean check of unchanged files is read from there without
   * loading TypeScript, and a new clean check is stored. Default: no cache.
   */
  cacheDir?: string;
}

let cachedTs: typeof TS | undefined;
function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cachedTs ??= require("typescript") as typeof TS);
}

/** Options used when the project has no tsconfig: those `init` writes. */
const DEFAULT_OPTIONS = {
  target: "ES2022",
  lib: ["ES2023"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
} as const;

/** Compiler options of the project (its tsconfig's, `extends` followed), before our overrides. */
function projectOptions(ts: typeof TS, options: TypeCheckOptions, problems: ProjectProblem[], configFiles: Set<string>): TS.CompilerOptions {
  const file = path.resolve(options.root, options.tsconfig ?? "tsconfig.json");
  if (!fs.existsSync(file)) return ts.convertCompilerOptionsFromJson(DEFAULT_OPTIONS, options.root).options;
  // The config files read (the tsconfig and what it extends) belong to what a cached result depends on.
  const sys: TS.System = { ...ts.sys, readFile: (f, encoding) => (configFiles.add(path.resolve(f)), ts.sys.readFile(f, encoding)) };
  const read = ts.readConfigFile(file, sys.readFile);
  if (read.error) {
    problems.push(diagnosticProblem(ts, read.error, file));
    return ts.convertCompilerOptionsFromJson(DEFAULT_OPTIONS, options.root).options;
  }
  // Only the compiler options matter: the playbook files are the roots, so skip expanding `include`.
  const config = { ...(read.config as Record<string, unknown>), files: [], include: [] };
  const parsed = ts.parseJsonConfigFileContent(config, sys, path.dirname(file), undefined, file);
  for (const error of parsed.errors) {
    if (error.code !== 18002 && error.code !== 18003 /* empty files, no inputs: we gave none on purpose */) problems.push(diagnosticProblem(ts, error, file));
  }
  return parsed.options;
}

/** What we change: emit CommonJS in memory with source maps, skip .d.ts checking, resolve the kit to this kit. */
function checkOptions(base: TS.CompilerOptions): TS.CompilerOptions {
  return {
    ...base,
    noEmit: false,
    noEmitOnError: false,
    emitDeclarationOnly: false,
    declaration: false,
    declarationMap: false,
    composite: false,
    incremental: false,
    tsBuildInfoFile: undefined,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    skipLibCheck: true,
    paths: { ...(base.paths ?? {}), ...kitPaths() },
  };
}

function diagnosticProblem(ts: typeof TS, d: TS.Diagnostic, fallbackFile: string): ProjectProblem {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n").replace(/\n/g, "\n    ");
  const problem: ProjectProblem = { file: d.file?.fileName ? path.resolve(d.file.fileName) : fallbackFile, code: "playbook-type", message: `TS${d.code}: ${text}` };
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    problem.line = line + 1;
    problem.column = character + 1;
  }
  return problem;
}

/**
 * Whether a file's problems are the author's: anything but the kit's own sources, which a kit run from its
 * checkout without a build checks against (they are checked by the kit's own type check, with its options).
 */
function authorFile(roots: readonly string[]): (file: string) => boolean {
  const rootDirs = roots.map((f) => path.dirname(path.resolve(f)));
  const inside = (file: string, dir: string) => !path.relative(dir, file).startsWith("..");
  return (fileName) => {
    const file = path.resolve(fileName);
    return !inside(file, KIT_MODULE_DIR) || rootDirs.some((dir) => inside(file, dir));
  };
}

/** Declaration files parsed in this process, by path: the kit's and node_modules' do not change while it runs. */
const declarationCache = new Map<string, TS.SourceFile>();
let previousProgram: TS.Program | undefined;

function cachingHost(ts: typeof TS, options: TS.CompilerOptions): TS.CompilerHost {
  const host = ts.createCompilerHost(options);
  // What `tsc` does: JSDoc is parsed only where it can change a type error (the API's default parses all of it).
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.endsWith(".d.ts")) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\u0000${JSON.stringify(languageVersion)}`;
    let file = declarationCache.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) declarationCache.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * Type-check `files` (absolute paths; what they import is checked with them) in one Program. Never throws for
 * problems in the files: they are returned, sorted by file and position.
 */
export function typeCheck(files: readonly string[], options: TypeCheckOptions): TypeCheckResult {
  const fromCache = options.cacheDir ? readCheck(options.cacheDir, options.root, options.tsconfig, files) : undefined;
  if (fromCache) return { problems: [], compiled: fromCache, cached: true };
  const ts = typescript();
  const problems: ProjectProblem[] = [];
  const configFiles = new Set<string>();
  const compilerOptions = checkOptions(projectOptions(ts, options, problems, configFiles));
  const host = cachingHost(ts, compilerOptions);
  const program = ts.createProgram({ rootNames: [...files], options: compilerOptions, host, ...(previousProgram ? { oldProgram: previousProgram } : {}) });
  previousProgram = program;
  const reported = authorFile(files);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category === ts.DiagnosticCategory.Error && (!d.file || reported(d.file.fileName))) problems.push(diagnosticProblem(ts, d, files[0] ?? options.root));
  }
  const compiled = new Map<string, string>();
  program.emit(undefined, (fileName, text, _bom, _onError, sources) => {
    const source = sources?.[0];
    if (!source || !/\.[cm]?js$/.test(fileName)) return;
    // Only CommonJS output can be loaded with `require`; an ES module file is left to the tsx loader.
    if (source.impliedNodeFormat === ts.ModuleKind.ESNext || /^\s*(import|export)\s/m.test(text)) return;
    compiled.set(path.resolve(source.fileName), text);
  });
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  if (options.cacheDir && !problems.length) writeCheck(options.cacheDir, options.root, options.tsconfig, files, checkRecord(program, configFiles, options.root, compiled));
  return { problems, compiled, cached: false };
}

/**
 * What a clean check depended on: every file of the Program and the config files; the folders of the files that
 * are neither TypeScript's lib nor the kit's (a new file there can change how an import resolves), the root and
 * its node_modules.
 */
function checkRecord(program: TS.Program, configFiles: ReadonlySet<string>, root: string, compiled: ReadonlyMap<string, string>): CheckRecord {
  const libDir = path.dirname(path.resolve(typescript().getDefaultLibFilePath(program.getCompilerOptions())));
  const inside = (file: string, dir: string) => !path.relative(dir, file).startsWith("..");
  const files = program.getSourceFiles().map((f) => path.resolve(f.fileName));
  const dirs = files.filter((f) => !inside(f, libDir) && !(f.endsWith(".d.ts") && inside(f, KIT_MODULE_DIR))).map((f) => path.dirname(f));
  const rootDir = path.resolve(root);
  return { files: [...files, ...configFiles], dirs: [rootDir, path.join(rootDir, "node_modules"), ...dirs], compiled };
}
