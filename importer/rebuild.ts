/**
 * Build a generated playbook file in memory: TypeScript → CommonJS with the compiler's `transpileModule` (no
 * type check, no files), run with `playbook-kit` bound to this process's builder and connectors. Nothing of
 * Pulumi or Azure is loaded. TypeScript is loaded on first use only.
 */
import type * as TS from "typescript";
import * as connectors from "../playbooks/connectors";
import * as kit from "../playbooks/kit";

let ts: typeof TS | undefined;

/** The module `import … from "playbook-kit"` gets in a rebuilt file: what the generated code may use. */
const KIT_MODULE = Object.freeze({ ...kit, ...connectors });

/** The definition a generated playbook file builds. Throws what the file throws (a BuildError, a syntax error). */
export function rebuild(source: string): kit.Playbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require("typescript") as typeof TS;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  const load = (request: string): unknown => {
    if (request === "playbook-kit") return KIT_MODULE;
    throw new Error(`a generated playbook imports only playbook-kit, not '${request}'`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function("exports", "require", "module", js)(module.exports, load, module);
  const playbook = module.exports.default as kit.Playbook | undefined;
  if (!playbook || typeof playbook !== "object" || !("definition" in playbook)) throw new Error("the generated file does not default-export a playbook");
  return playbook;
}
