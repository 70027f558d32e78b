/**
 * Load authors' playbook files (`--playbooks DIR`). Each `.ts`/`.js` file default-exports a built playbook or a
 * zero-argument function that returns one. TypeScript is compiled on the fly with tsx, loaded only here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BuildError, type Playbook } from "./kit";

/** A file that could not be loaded or built. */
export interface LoadFailure {
  file: string;
  code: string;
  message: string;
}

function isPlaybook(value: unknown): value is Playbook {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Playbook).name === "string" &&
    typeof (value as Playbook).render === "function" &&
    typeof (value as Playbook).definition === "object"
  );
}

/** Playbook files in a folder (not recursive; declaration and test files skipped), sorted. */
export function playbookFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js|cts|cjs)$/.test(f) && !/\.d\.[cm]?ts$/.test(f) && !/\.test\./.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** First line of an error message, with esbuild's `file:line:col` kept. */
function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof BuildError || (error instanceof Error && error.name === "BuildError")) {
    return { code: (error as BuildError).code, message: error.message };
  }
  if (error instanceof Error) {
    const syntax = /Transform failed|ERROR:|SyntaxError/.test(error.message) || error.name === "SyntaxError";
    return { code: syntax ? "playbook-syntax" : "playbook-load", message: error.message.split("\n").slice(0, 6).join("\n") };
  }
  return { code: "playbook-load", message: String(error) };
}

/** Load and build every playbook file in `dir`; failures are collected, never thrown. */
export function loadPlaybooks(dir: string): { playbooks: Playbook[]; failures: LoadFailure[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { register } = require("tsx/cjs/api") as { register(): () => void };
  const unregister = register();
  const playbooks: Playbook[] = [];
  const failures: LoadFailure[] = [];
  try {
    for (const file of playbookFiles(dir)) {
      try {
        const mod = require(path.resolve(file)) as { default?: unknown };
        const exported = mod.default ?? (mod as unknown);
        const value = typeof exported === "function" ? (exported as () => unknown)() : exported;
        if (!isPlaybook(value)) {
          failures.push({ file, code: "playbook-export", message: "The file must `export default` a playbook (definePlaybook({...})) or a function that returns one." });
          continue;
        }
        playbooks.push(value);
      } catch (error) {
        failures.push({ file, ...describeError(error) });
      }
    }
  } finally {
    unregister();
  }
  return { playbooks, failures };
}
