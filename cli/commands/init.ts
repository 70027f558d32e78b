/**
 * `playbook-kit init <dir> [--kit SPEC] [--force]`: write a ready author repository (project/init) and say
 * what to run next.
 */
import * as path from "node:path";
import { initProject } from "../../project/init";

/** Options of `init`. */
export interface InitCommandOptions {
  /** Dependency spec of `playbook-kit` written into package.json. */
  kit?: string;
  /** Write into a folder that is not empty. */
  force?: boolean;
}

/** Write the repository; prints every file written and the next commands. */
export function run(dir: string, options: InitCommandOptions = {}): number {
  const result = initProject(dir, { ...(options.kit !== undefined ? { kit: options.kit } : {}), force: options.force === true });
  const rel = path.relative(process.cwd(), result.root);
  const shown = rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? result.root : rel;
  const lines = [
    `created ${shown} (playbook-kit ${result.kit}):`,
    ...result.files.map((f) => `  ${f}`),
    "next:",
    `  cd ${shown.includes(" ") ? JSON.stringify(shown) : shown}`,
    "  npm install",
    "  npm test",
    "  npx playbook-kit build",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
