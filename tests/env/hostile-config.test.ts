/** Hostile `Pulumi.<env>.yaml` files (issue 15, item 10): alias bombs, huge maps, unknown environments. */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadEnvironment } from "../../playbooks/env";
import { runCli, tempDir } from "../support/cli";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A folder (outside any project: the implicit catalog project) holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = tempDir("pk-hostile-");
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A billion-laughs document: nine levels of ten aliases each (10^9 leaves when expanded). */
function aliasBomb(): string {
  const lines = ["config:", "  playbook-kit:location: westeurope", "  playbook-kit:tags:", "    a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i <= 8; i++) lines.push(`    a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("a YAML alias bomb in Pulumi.<env>.yaml", () => {
  it("is one clear ConfigError from the library", () => {
    const root = folder({ "Pulumi.bomb.yaml": aliasBomb() });
    const error = configError(() => loadEnvironment("bomb", { root }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.path).toBe("Pulumi.bomb.yaml");
    expect(error.problems[0]!.message).toMatch(/^expands YAML aliases more than 100 times/);
  });

  it("is one clear error, no stack trace, from build --env and export arm --env", () => {
    const cwd = folder({ "Pulumi.bomb.yaml": aliasBomb() });
    for (const args of [["build", "--env", "bomb", "--out", path.join(cwd, "out")], ["export", "arm", "--env", "bomb", "--out", path.join(cwd, "arm")]]) {
      const r = runCli(args, { cwd });
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(/^Pulumi\.bomb\.yaml has 1 problem:\n {2}- Pulumi\.bomb\.yaml: expands YAML aliases more than 100 times/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("a huge playbooks map", () => {
  // Before: duplicate-key detection compared every key with every other one; 100,000 entries took ~206 s.
  it("of 100,000 entries loads in well under the test timeout, its message listing the first 100 problems", () => {
    const lines = ["config:", "  playbook-kit:location: westeurope", "  playbook-kit:grantPermissions: true", "  playbook-kit:playbooks:"];
    for (let i = 0; i < 100_000; i++) lines.push(`    pb${i}:`, "      enabled: true");
    const root = folder({ "Pulumi.big.yaml": `${lines.join("\n")}\n` });
    const error = configError(() => loadEnvironment("big", { root }));
    expect(error.problems.some((p) => p.path === "playbook-kit:playbooks.pb0")).toBe(true);
    const listed = error.message.split("\n");
    expect(listed).toHaveLength(102);
    expect(listed.at(-1)).toBe(`  … and ${error.problems.length - 100} more problems`);
  }, 30_000);

  it("still reports a duplicate key, with its line", () => {
    const root = folder({ "Pulumi.dup.yaml": "config:\n  playbook-kit:location: westeurope\n  playbook-kit:location: northeurope\n" });
    const error = configError(() => loadEnvironment("dup", { root }));
    expect(error.problems).toEqual([{ path: "Pulumi.dup.yaml", message: "is not valid YAML at line 3, column 3: Map keys must be unique ('playbook-kit:location' is also on line 2)" }]);
  });
});

describe("an unknown or missing --env", () => {
  it("is a usage error (exit 2) for build, export arm, report and simulate", () => {
    const cwd = folder({ "Pulumi.dev.yaml": "config:\n  playbook-kit:location: westeurope\n" });
    for (const args of [["build", "--env", "nope"], ["export", "arm", "--env", "nope"], ["report", "--env", "nope"], ["simulate", "isolate-on-high-severity", "--env", "nope"], ["build", "--env", "../x"]]) {
      const r = runCli(args, { cwd });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/Pulumi\.(nope|\.\.\/x)\.yaml/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a missing --env value is a usage error too", () => {
    const r = runCli(["export", "arm", "--env"]);
    expect(r.code).toBe(2);
  });
});
