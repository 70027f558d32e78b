/** Run the compiled CLI in a child process. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI, REPO } from "./paths";

/** Result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `playbook-kit <args>` (from the repository root unless `cwd` is given). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...options.env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run the CLI and list every module file it loaded (through a --require hook). */
export function modulesLoadedBy(args: string[], options: { cwd?: string } = {}): { result: CliResult; modules: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-modules-"));
  const hook = path.join(dir, "hook.js");
  const out = path.join(dir, "modules.json");
  fs.writeFileSync(hook, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ["--require", hook, CLI, ...args], { cwd: options.cwd ?? REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const modules = JSON.parse(fs.readFileSync(out, "utf8")) as string[];
  fs.rmSync(dir, { recursive: true, force: true });
  return { result: { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, modules };
}

/** A fresh temporary folder. */
export function tempDir(prefix = "pk-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
