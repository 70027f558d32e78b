/**
 * `playbook-kit diff` end to end: build folders, git refs built in a temporary worktree (a copy of this
 * checkout committed to a scratch repository, then edited), the working tree default, exit codes and usage errors.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";
import { catalogPlaybook, writeBuildOf } from "./support";

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

describe("playbook-kit diff (folders)", () => {
  const audit = writeBuildOf([catalogPlaybook("isolate-on-high-severity", { mode: "audit" })]);
  const enforce = writeBuildOf([catalogPlaybook("isolate-on-high-severity", { mode: "enforce" })]);

  it("exit 1 and a text report when something changed", () => {
    const r = runCli(["diff", audit, enforce]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("isolate-on-high-severity: changed\n");
    expect(r.stdout).toContain("  permission added: WindowsDefenderATP Machine.Isolate\n");
    expect(r.stdout).toContain("  destructive step added: Isolate_machine (Isolate machine — Defender)\n");
  });

  it("exit 0 when nothing changed", () => {
    const r = runCli(["diff", enforce, writeBuildOf([catalogPlaybook("isolate-on-high-severity")])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^playbook-kit diff: .* → .*\nNo changes \(1 playbook\(s\) compared\)\.\n$/);
  });

  it("--format json: the documented shape", () => {
    const r = runCli(["diff", audit, enforce, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(["base", "head", "playbooks"]);
    const [p] = report.playbooks;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(["name", "change", "steps", "permissions", "parameters", "trigger"]));
    expect(Object.keys(p.steps)).toEqual(["added", "removed", "changed", "moved"]);
    expect(p.permissions.added).toEqual([{ resource: "WindowsDefenderATP", role: "Machine.Isolate" }]);
  });

  it("--format markdown: summary table, 'This change grants', a styled Mermaid diagram", () => {
    const r = runCli(["diff", audit, enforce, "--format", "markdown"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("| isolate-on-high-severity | changed | +3 −1 ~1 ↕0 | +1 | +1 |");
    expect(r.stdout).toContain("### ⚠️ This change grants");
    expect(r.stdout).toContain("- **isolate-on-high-severity**: `WindowsDefenderATP Machine.Isolate`");
    expect(r.stdout).toMatch(/```mermaid\nflowchart TD\n/);
    expect(r.stdout).toMatch(/ a\d+\["Isolate_machine<br\/>⚠ Isolate machine — Defender"\]/);
    expect(r.stdout).toMatch(/class a\d+(,a\d+){2} added/);
    expect(r.stdout).toMatch(/class a\d+ changed/);
    expect(r.stdout).toMatch(/class a\d+ removed/);
  });

  it("no 'grants' section when permissions only shrink", () => {
    const r = runCli(["diff", enforce, audit, "--format", "markdown"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("This change grants");
    expect(r.stdout).toContain("- Permission no longer granted: `WindowsDefenderATP Machine.Isolate`");
  });

  it("usage errors: a folder that is neither a build nor a project, a ref that does not exist", () => {
    const empty = tempDir();
    const r = runCli(["diff", empty, enforce]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`playbook-kit: ${empty} has no manifest.json and is no project: give a folder playbook-kit build wrote, a project folder, or a git ref.\n`);
    const bad = runCli(["diff", "no-such-ref-xyz", enforce]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^playbook-kit: 'no-such-ref-xyz' is neither a folder nor a git ref of .*\n$/);
    expect(runCli(["diff", enforce, enforce, "--env", "dev"]).stderr).toContain("--env applies to builds diff makes itself");
  });
});

describe("playbook-kit diff (git refs, built in a temporary worktree)", () => {
  let repo: string;
  beforeAll(() => {
    // A scratch repository holding this checkout's tracked files; node_modules is linked, not installed.
    repo = tempDir("pk-diff-repo-");
    const files = git(REPO, "ls-files", "-co", "--exclude-standard").split("\n").filter((f) => f && fs.existsSync(path.join(REPO, f)));
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
      fs.copyFileSync(path.join(REPO, f), path.join(repo, f));
    }
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(repo, "node_modules"), "dir");
    git(repo, "init", "-q", "-b", "work");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
    // The change under review, in the working tree: isolation type default Full → Selective.
    const file = path.join(repo, "playbooks/catalog/isolate-on-high-severity.ts");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('{ default: "Full",', '{ default: "Selective",'));
  }, 60_000);

  it("a ref against the working tree: the edited default shows, the worktree is gone afterwards", () => {
    const r = runCli(["diff", "HEAD"], { cwd: repo });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "playbook-kit diff: HEAD → working tree",
        "isolate-on-high-severity: changed",
        "  parameter changed: isolationType",
        '    /defaultValue: "Full" → "Selective"',
        "1 playbook(s) changed, 8 unchanged.",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(1);
    expect(git(repo, "worktree", "list").split("\n")).toHaveLength(1);
  }, 60_000);

  it("two refs: exit 0 for the same commit", () => {
    const r = runCli(["diff", "HEAD", "work", "--format", "json"], { cwd: repo });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).playbooks.map((p: { change: string }) => p.change)).toEqual(Array(9).fill("unchanged"));
  }, 60_000);

  it("--env builds each side for that environment (dev runs isolation in audit mode)", () => {
    const r = runCli(["diff", "HEAD", "--env", "dev", "--format", "json"], { cwd: repo });
    const isolate = JSON.parse(r.stdout).playbooks.find((p: { name: string }) => p.name === "isolate-on-high-severity");
    expect(isolate.destructive).toEqual({ added: [], removed: [] });
    expect(isolate.parameters.changed[0].name).toBe("isolationType");
  }, 60_000);

  it("a ref from before the project existed is an empty build: every playbook is added", () => {
    const old = tempDir("pk-diff-old-");
    fs.cpSync(repo, old, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) && !src.endsWith("node_modules") });
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(old, "node_modules"), "dir");
    git(old, "init", "-q", "-b", "work");
    fs.writeFileSync(path.join(old, "NOTES.md"), "before the kit\n");
    git(old, "add", "NOTES.md");
    git(old, "commit", "-q", "-m", "no project yet");
    const r = runCli(["diff", "HEAD", "--format", "json"], { cwd: old });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).playbooks.map((p: { change: string }) => p.change)).toEqual(Array(9).fill("added"));
    expect(r.code).toBe(1);
  }, 60_000);

  it("no origin/main: a usage error that says what to pass", () => {
    const r = runCli(["diff"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("playbook-kit: no origin/main to compare with: give the base explicitly, e.g. playbook-kit diff main, playbook-kit diff HEAD~1, or playbook-kit diff dist-old dist-new.\n");
  });

  it("a base that does not build: exit 2 with what the build said", () => {
    const broken = path.join(repo, "playbooks/catalog/isolate-on-high-severity.ts");
    const saved = fs.readFileSync(broken, "utf8");
    try {
      fs.writeFileSync(broken, saved.replace('name: "isolate-on-high-severity"', 'name: "Bad Name"'));
      const r = runCli(["diff", "HEAD", "."], { cwd: repo });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^playbook-kit: building \. failed \(exit 1\); playbook-kit build said:\n/);
    } finally {
      fs.writeFileSync(broken, saved);
    }
  }, 60_000);
});

describe("playbook-kit diff (an author's project, built by the running kit)", () => {
  it("a ref of the author's repository against its working tree", () => {
    const repo = tempDir("pk-diff-author-");
    fs.mkdirSync(path.join(repo, "playbooks"));
    fs.copyFileSync(path.join(REPO, "examples/playbooks/scan-and-tag-on-alert.ts"), path.join(repo, "playbooks/scan-and-tag-on-alert.ts"));
    fs.writeFileSync(path.join(repo, "playbook-kit.json"), '{"playbooks": ["playbooks"]}\n');
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
    const file = path.join(repo, "playbooks/scan-and-tag-on-alert.ts");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('default: "under-investigation"', 'default: "suspicious"'));
    const r = runCli(["diff", "main"], { cwd: repo });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      ["playbook-kit diff: main → working tree", "scan-and-tag-on-alert: changed", "  parameter changed: tag", '    /defaultValue: "under-investigation" → "suspicious"', "1 playbook(s) changed, 0 unchanged.", ""].join("\n"),
    );
    expect(r.code).toBe(1);
  }, 60_000);
});
