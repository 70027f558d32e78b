/**
 * The running kit: where its modules and type declarations are, and a resolver hook so that an author's
 * `import … from "playbook-kit"` loads this very kit (one copy of the builder, whatever node_modules holds),
 * the same one the type check checked against.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The package's entry points besides "." (`playbook-kit/<sub>`) and their modules, as package.json `exports` lists them. */
export const KIT_SUBPATHS: Readonly<Record<string, string>> = {
  wdl: "wdl/index",
  validators: "validators/index",
  simulator: "simulator/index",
  exporters: "exporters/index",
  stacks: "stacks/program",
};

/** Folder of the kit's `index` module: `lib/` of an installed kit, the checkout itself when run from source. */
export const KIT_MODULE_DIR = path.resolve(__dirname, "..");

/** The kit's package folder (holding its package.json). */
export function kitPackageDir(): string {
  return path.basename(KIT_MODULE_DIR) === "lib" && fs.existsSync(path.join(KIT_MODULE_DIR, "..", "package.json")) ? path.dirname(KIT_MODULE_DIR) : KIT_MODULE_DIR;
}

/** The kit's version from its package.json. */
export function kitVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(kitPackageDir(), "package.json"), "utf8")) as { version: string }).version;
}

/**
 * Declaration file of a kit entry point (`""` for the package itself): the compiled `.d.ts`; from a source
 * checkout, its built `lib/` when there is one (checking against the sources would pull the whole kit into the
 * program), else the source.
 */
export function kitTypesOf(sub: string): string {
  const rel = sub ? KIT_SUBPATHS[sub]! : "index";
  for (const candidate of [path.join(KIT_MODULE_DIR, `${rel}.d.ts`), path.join(KIT_MODULE_DIR, "lib", `${rel}.d.ts`)]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.join(KIT_MODULE_DIR, `${rel}.ts`);
}

/** `paths` compiler option mapping `playbook-kit` and its subpaths to the running kit's declarations. */
export function kitPaths(): Record<string, string[]> {
  const out: Record<string, string[]> = { "playbook-kit": [kitTypesOf("")] };
  for (const sub of Object.keys(KIT_SUBPATHS)) out[`playbook-kit/${sub}`] = [kitTypesOf(sub)];
  return out;
}

/** The running kit's module for a request (`playbook-kit`, `playbook-kit/simulator`, …), or undefined for any other request. */
export function kitModuleFor(request: string): string | undefined {
  if (request === "playbook-kit") return path.join(KIT_MODULE_DIR, "index");
  const sub = request.startsWith("playbook-kit/") ? request.slice("playbook-kit/".length) : undefined;
  if (sub !== undefined && Object.hasOwn(KIT_SUBPATHS, sub)) return path.join(KIT_MODULE_DIR, KIT_SUBPATHS[sub]!);
  return undefined;
}

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

/**
 * While `fn` runs, `require("playbook-kit")` (and its subpaths) from anywhere resolves to this kit. Restores
 * the resolver afterwards.
 */
export function withKitResolution<T>(fn: () => T): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require("node:module") as { _resolveFilename: Resolve };
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, isMain, options) {
    const target = kitModuleFor(request);
    return original.call(this, target ?? request, parent, isMain, options);
  };
  try {
    return fn();
  } finally {
    Module._resolveFilename = original;
  }
}
