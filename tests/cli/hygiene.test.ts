/** CLI hygiene under hostile input (issue 15, item 10): closed pipes, non-regular files, symlink loops, no subcommand. */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli";
import { CLI, CORPUS, REPO } from "../support/paths";

describe("CLI hygiene", () => {
  it("validate --format json | head -c 10 exits quietly (no EPIPE stack trace)", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" validate --format json "${CORPUS}" | head -c 10 >/dev/null`], { cwd: REPO, encoding: "utf8" });
    expect(r.stderr).toBe("");
  });

  it("a FIFO given as an input file is refused (exit 2), not read forever", () => {
    const dir = tempDir();
    const fifo = path.join(dir, "trigger.json");
    execFileSync("mkfifo", [fifo]);
    const r = spawnSync(process.execPath, [CLI, "simulate", "tests/golden/isolate-on-high-severity.definition.json", "--trigger", fifo], { cwd: REPO, encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`playbook-kit: cannot read the trigger file '${fifo}': it is not a regular file (a FIFO)\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a FIFO is refused by validate, import and every --env command too (exit 2, within seconds)", () => {
    const dir = tempDir();
    execFileSync("mkfifo", [path.join(dir, "a.json"), path.join(dir, "Pulumi.dev.yaml")]);
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", timeout: 20_000 });
    expect(run(["validate", "a.json"])).toMatchObject({ status: 2, stderr: "playbook-kit: cannot read the file 'a.json': it is not a regular file (a FIFO)\n" });
    expect(run(["import", "a.json"])).toMatchObject({ status: 2, stderr: expect.stringContaining("cannot read a.json: it is not a regular file (a FIFO)") });
    for (const args of [["build", "--env", "dev"], ["export", "arm", "--env", "dev"], ["report", "--env", "dev"]]) {
      const r = run(args);
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain("Pulumi.dev.yaml: cannot be read: it is not a regular file (a FIFO).");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a symlink loop is reported as a loop, not as a missing file", () => {
    const dir = tempDir();
    const loop = path.join(dir, "loop.json");
    fs.symlinkSync(loop, loop);
    const r = runCli(["simulate", "tests/golden/isolate-on-high-severity.definition.json", "--trigger", loop]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`playbook-kit: cannot read the trigger file '${loop}': it is a symbolic link loop\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("export without a subcommand is a usage error (exit 2)", () => {
    const r = runCli(["export"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/arm|power-automate/);
  });
});
