/**
 * `playbook-kit init`: the repository it writes (files, package.json, deterministic bytes), what it refuses, and
 * that the written repository is a project the kit builds and plans as written. Installing it from a packed kit
 * is tests/project/pack.test.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findProject, loadProject, loadProjectEnvironment } from "../../project";
import { defaultKitSpec, initProject, projectName } from "../../project/init";
import { runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";

const FILES = [
  ".github/workflows/playbooks.yml",
  ".gitignore",
  "Pulumi.dev.yaml",
  "Pulumi.prod.yaml",
  "Pulumi.yaml",
  "README.md",
  "deploy.js",
  "package.json",
  "playbook-kit.json",
  "playbooks/triage-alert.ts",
  "scenarios/high-alert.mocks.json",
  "scenarios/low-alert.mocks.json",
  "scenarios/params.json",
  "scenarios/trigger.json",
  "tests/triage-alert.test.ts",
  "tsconfig.json",
];

/** Every file under a folder with its bytes, by relative path. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(root, r), "utf8");
    }
  };
  walk("");
  return out;
}

describe("initProject", () => {
  const root = path.join(tempDir("pk-init-"), "SOC Playbooks");
  const result = initProject(root, { kit: "file:/tmp/playbook-kit-0.1.0.tgz" });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

  it("writes every file of the repository, and lists them", () => {
    expect(result.files).toEqual(FILES);
    expect(Object.keys(snapshot(root)).sort()).toEqual(FILES);
  });

  it("package.json depends on the kit as --kit says, with build, test (type check + vitest) and start scripts", () => {
    expect(pkg.name).toBe("soc-playbooks");
    expect(pkg.dependencies["playbook-kit"]).toBe("file:/tmp/playbook-kit-0.1.0.tgz");
    expect(pkg.scripts).toMatchObject({ build: "playbook-kit build", test: "tsc --noEmit && vitest run", start: "playbook-kit report --env dev" });
    const kitPkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    expect(pkg.devDependencies).toEqual({ typescript: kitPkg.dependencies.typescript, vitest: kitPkg.devDependencies.vitest });
    expect(pkg.dependencies["@pulumi/pulumi"]).toBe(kitPkg.dependencies["@pulumi/pulumi"]);
  });

  it("the tsconfig is strict; Pulumi.yaml runs deploy.js, which hands over to the kit's program", () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
    expect(tsconfig.compilerOptions.strict).toBe(true);
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
    expect([project.name, project.runtime.name, project.main]).toEqual(["soc-playbooks", "nodejs", "deploy.js"]);
    expect(fs.readFileSync(path.join(root, "deploy.js"), "utf8")).toContain('require("playbook-kit/stacks").deployEnvironment()');
    const workflow = parse(fs.readFileSync(path.join(root, ".github/workflows/playbooks.yml"), "utf8"));
    expect(Object.keys(workflow.jobs)).toEqual(["test", "preview", "review", "deploy-dev", "deploy-prod"]);
    expect(JSON.stringify(workflow)).toContain("/soc-playbooks/prod");
  });

  it("the GitOps workflow verifies on pull requests: the check fails on a violation, the comment carries the report", () => {
    const workflow = parse(fs.readFileSync(path.join(root, ".github/workflows/playbooks.yml"), "utf8"));
    const step = (job: string, name: string) => (workflow.jobs[job].steps as { name?: string; run?: string }[]).find((s) => s.name === name);
    expect(step("test", "playbook-kit verify")!.run).toBe("npx playbook-kit verify");
    const comment = step("review", "playbook-kit verify (for the comment)")!.run!;
    expect(comment).toContain("npx playbook-kit verify --format markdown > verify.md");
    expect(comment).toContain("{ echo; cat verify.md; } >> playbook-comment.md");
    const names = (workflow.jobs.review.steps as { name?: string }[]).map((s) => s.name);
    expect(names.indexOf("playbook-kit verify (for the comment)")).toBeLessThan(names.indexOf("Post or update the pull request comment"));
    // The fresh project verifies clean: its pull request check passes until a change breaks a guard rail.
    const clean = runCli(["verify"], { cwd: root });
    expect(clean.stdout).toContain("triage-alert: clean");
    expect(clean.code).toBe(0);
  });

  it("a violation's counterexample goes into the pull request comment (the review step's script, run)", () => {
    const workflow = parse(fs.readFileSync(path.join(root, ".github/workflows/playbooks.yml"), "utf8"));
    const script = (workflow.jobs.review.steps as { name?: string; run?: string }[]).find((s) => s.name === "playbook-kit verify (for the comment)")!.run!;
    const dir = path.join(tempDir("pk-init-verify-"), "project");
    initProject(dir, { kit: "file:/tmp/playbook-kit-0.1.0.tgz" });
    fs.copyFileSync(path.join(REPO, "tests/fixtures/verify/full-isolation-property.ts"), path.join(dir, "playbooks/full-isolation-property.ts"));
    fs.writeFileSync(path.join(dir, "playbook-comment.md"), "## Playbook changes\n");
    // npx would look for the package in the project's node_modules: run the kit under test instead.
    const r = spawnSync("bash", ["-e", "-c", script.replaceAll("npx playbook-kit", `node ${JSON.stringify(path.join(REPO, "lib/cli/main.js"))}`)], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(0);
    const comment = fs.readFileSync(path.join(dir, "playbook-comment.md"), "utf8");
    expect(comment).toMatch(/^## Playbook changes\n\n### playbook-kit verify: FAILED \(1 violation\)\n/);
    expect(comment).toMatch(/\| triage-alert \| \d+ \| \d+ \| \d+\/\d+ \| \d+\/\d+ \| exhaustive \| clean \|/);
    expect(comment).toContain("#### ✗ `never-isolate-machine-when-isolation-type` in full-isolation-property");
    expect(comment).toContain('params.json\n\n```json\n{\n  "isolationType": "Full"\n}\n```');
    expect(comment).toContain("npx playbook-kit simulate playbooks/full-isolation-property.ts --trigger trigger.json --mocks mocks.json --params params.json");
    // The test job's plain verify exits 1 on it: the check fails.
    expect(runCli(["verify"], { cwd: dir }).code).toBe(1);
  });

  it("is deterministic: the same arguments write the same bytes", () => {
    const again = path.join(tempDir("pk-init-"), "SOC Playbooks");
    initProject(again, { kit: "file:/tmp/playbook-kit-0.1.0.tgz" });
    expect(snapshot(again)).toEqual(snapshot(root));
  });

  it("is a project the kit type-checks and builds: the sample playbook and the catalog entry it names", () => {
    const loaded = loadProject(findProject(root));
    expect(loaded.names()).toEqual(["scheduled-advanced-hunting", "triage-alert"]);
    expect(loaded.get("triage-alert").playbook.destructiveSteps).toEqual(["Isolate_device"]);
  });

  it("dev deploys the sample in audit mode without Machine.Isolate; prod enforces with it", () => {
    const loaded = loadProject(findProject(root), { typecheck: false });
    const roles = (env: string) => loadProjectEnvironment(env, loaded).playbooks.find((p) => p.name === "triage-alert")!.permissions.map((p) => p.role);
    expect(roles("dev")).toEqual(["Alert.Read.All", "Alert.ReadWrite.All", "Machine.ReadWrite.All"]);
    expect(roles("prod")).toEqual(["Alert.Read.All", "Alert.ReadWrite.All", "Machine.Isolate", "Machine.ReadWrite.All"]);
  });

  it("names the package after the folder, in characters npm and Pulumi accept", () => {
    expect(projectName("/x/My SOC_Playbooks!")).toBe("my-soc_playbooks");
    expect(projectName("/x/!!!")).toBe("mde-playbooks");
  });

  it("defaults --kit to this checkout's folder (a kit run from a checkout, not from node_modules)", () => {
    expect(defaultKitSpec()).toBe(`file:${REPO}`);
  });
});

describe("playbook-kit init", () => {
  it("creates the folder, lists the files and the next commands", () => {
    const dir = path.join(tempDir("pk-init-cli-"), "new");
    const r = runCli(["init", dir, "--kit", "^0.1.0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`created ${dir} (playbook-kit ^0.1.0):\n  .github/workflows/playbooks.yml\n`);
    expect(r.stdout).toContain("next:\n");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies["playbook-kit"]).toBe("^0.1.0");
  });

  it("refuses a folder that is not empty (exit 2, nothing written) unless --force", () => {
    const dir = tempDir("pk-init-cli-");
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    const refused = runCli(["init", dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`playbook-kit: ${dir} is not empty (notes.txt); give a new or empty folder, or pass --force to write the template's files over what is there (other files are left alone).\n`);
    expect(fs.readdirSync(dir)).toEqual(["notes.txt"]);
    const forced = runCli(["init", dir, "--force", "--kit", "^0.1.0"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("mine\n");
    expect(fs.existsSync(path.join(dir, "playbooks/triage-alert.ts"))).toBe(true);
  });

  it("bad input is a usage error without a stack trace: a file as the folder, a --kit with spaces, no folder", () => {
    const dir = tempDir("pk-init-cli-");
    const file = path.join(dir, "taken");
    fs.writeFileSync(file, "");
    const onFile = runCli(["init", file]);
    expect([onFile.code, onFile.stderr]).toEqual([2, `playbook-kit: ${file} exists and is not a folder; give a new or empty folder.\n`]);
    const badKit = runCli(["init", path.join(dir, "x"), "--kit", "file:/a b.tgz"]);
    expect(badKit.code).toBe(2);
    expect(badKit.stderr).toMatch(/^playbook-kit: --kit 'file:\/a b\.tgz' is not a dependency spec: give one without spaces, e\.g\. --kit file:/);
    expect(fs.existsSync(path.join(dir, "x"))).toBe(false);
    const none = runCli(["init"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing required argument 'dir'");
    for (const r of [onFile, badKit, none]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("--version prints the kit's version", () => {
    const r = runCli(["--version"]);
    expect([r.code, r.stdout]).toEqual([0, `${JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version}\n`]);
  });
});
