import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findCatalogEntry } from "../../playbooks/catalog";
import { loadEnvironment } from "../../playbooks/env";
import { modulesLoadedBy, runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";
import { isObject, walkActions } from "../../wdl";

const read = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));

describe("playbook-kit build", () => {
  it("writes each playbook of the project (catalog entries and examples), byte-identical across runs", () => {
    const a = tempDir();
    const b = tempDir();
    const first = runCli(["build", "--out", a]);
    expect(first.code, first.stderr).toBe(0);
    expect(runCli(["build", "--out", b]).code).toBe(0);
    expect(read(a)).toEqual(read(b));
    const names = [...JSON.parse(fs.readFileSync(path.join(REPO, "playbook-kit.json"), "utf8")).catalog, "scan-and-tag-on-alert"] as string[];
    expect(names).toHaveLength(9);
    expect(Object.keys(read(a))).toEqual([...names.flatMap((n) => [`${n}.definition.json`, `${n}.mmd`]), "manifest.json"].sort());
    expect(read(a)["isolate-on-high-severity.definition.json"]).toBe(findCatalogEntry("isolate-on-high-severity")!.create().render());
    expect(first.stdout).toMatch(/isolate-on-high-severity\s+10\s+wdatp\s+MicrosoftGraph: Mail\.Send; WindowsDefenderATP: Alert\.Read\.All, Machine\.Isolate, Machine\.Read\.All/);
  });

  it("writes the manifest in the documented shape", () => {
    const out = tempDir();
    runCli(["build", "--out", out]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest)).toEqual(["playbooks"]);
    for (const entry of manifest.playbooks) {
      expect(Object.keys(entry)).toEqual(["name", "file", "description", "connectors", "permissions", "parameters"]);
      expect(fs.existsSync(path.join(out, entry.file))).toBe(true);
      for (const p of entry.permissions) expect(["WindowsDefenderATP", "MicrosoftGraph", "MicrosoftSentinel"]).toContain(p.resource);
    }
    expect(manifest.playbooks[1]).toMatchObject({
      name: "scheduled-advanced-hunting",
      connectors: [],
      parameters: ["huntingQuery", "recurrenceFrequency", "recurrenceInterval", "notifyTo", "senderMailbox", "managedIdentity"],
    });
  });

  it("--playbooks builds an author's TypeScript playbooks too", () => {
    const out = tempDir();
    const r = runCli(["build", "--out", out, "--playbooks", "examples/playbooks"]);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.playbooks.map((p: { name: string }) => p.name)).toContain("scan-and-tag-on-alert");
    expect(manifest.playbooks.find((p: { name: string }) => p.name === "scan-and-tag-on-alert").permissions).toEqual([
      { resource: "WindowsDefenderATP", role: "Alert.Read.All" },
      { resource: "WindowsDefenderATP", role: "Machine.ReadWrite.All" },
      { resource: "WindowsDefenderATP", role: "Machine.Scan" },
    ]);
  });

  it("the README's playbook example is the file --playbooks examples/playbooks builds (so it compiles and builds)", () => {
    const readme = fs.readFileSync(path.join(REPO, "docs", "authoring.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Writing a playbook"), readme.indexOf("## The catalog"));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBe(fs.readFileSync(path.join(REPO, "examples/playbooks/scan-and-tag-on-alert.ts"), "utf8"));
    expect(example!.trimEnd().split("\n").length).toBeLessThanOrEqual(25);
  });

  it("a playbook that fails to type-check, load or build gives located errors, exit 1, and nothing is written", () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, "clash.ts"),
      `import { definePlaybook, request } from "playbook-kit";
export default definePlaybook({ name: "clash", description: "x", trigger: request(), build({ flow }) { flow.compose("Same", 1); flow.compose("Same", 2); } });\n`,
    );
    fs.writeFileSync(path.join(dir, "typo.ts"), "export default {{;\n");
    fs.writeFileSync(path.join(dir, "nothing.ts"), "export const x = 1;\n");
    const out = path.join(tempDir(), "dist");
    // Type-checked: the syntax error stops the build before anything loads.
    const checked = runCli(["build", "--out", out, "--playbooks", dir]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/^playbook-kit: build failed, nothing was written: \d+ problem\(s\) in the project's playbooks:\n/);
    expect(checked.stderr).toMatch(/typo\.ts:1:\d+: error playbook-type: TS1\d{3}: /);
    // Without the check each file loads: every problem is reported at its place.
    const r = runCli(["build", "--out", out, "--playbooks", dir, "--no-typecheck"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/clash\.ts:2:\d+: error duplicate-step-name: Same: The name 'Same'/);
    expect(r.stderr).toMatch(/typo\.ts:1:\d+: error playbook-syntax: /);
    expect(r.stderr).toMatch(/nothing\.ts: error playbook-export: The file must `export default` a playbook/);
    expect(r.stderr).toContain("nothing was written");
    for (const stderr of [checked.stderr, r.stderr]) expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("--env builds only what the environment enables, as the stack deploys it", () => {
    const out = tempDir();
    const r = runCli(["build", "--env", "dev", "--out", out]);
    expect(r.code).toBe(0);
    const plan = loadEnvironment("dev", { root: REPO });
    for (const p of plan.playbooks) expect(fs.readFileSync(path.join(out, `${p.name}.definition.json`), "utf8")).toBe(p.playbook.render());
    // dev runs the isolation playbook in audit mode: nothing destructive is rendered, only a record of the request.
    const definition = JSON.parse(fs.readFileSync(path.join(out, "isolate-on-high-severity.definition.json"), "utf8"));
    const calls: string[] = [];
    walkActions(definition.actions, "/actions", ({ action }) => {
      if ((action.type === "ApiConnection" || action.type === "Http") && isObject(action.inputs)) calls.push(String(action.inputs.path ?? action.inputs.uri));
    });
    expect(calls.filter((c) => c.includes("/isolate"))).toEqual([]);
    expect(JSON.stringify(definition)).toContain('"wouldCall":"Actions - Isolate machine"');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.playbooks.map((e: { permissions: unknown }) => e.permissions)).toEqual(plan.playbooks.map((p) => p.permissions));
  });

  it("an unknown environment is a readable error, not a stack trace", () => {
    const r = runCli(["build", "--env", "nosuch", "--out", tempDir()]);
    expect(r.code).toBe(2); // an unknown environment is a usage error (issue 15)
    expect(r.stderr).toContain("Pulumi.nosuch.yaml");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("removes the files of playbooks a previous build wrote but this one does not", () => {
    const out = tempDir();
    const extra = tempDir();
    fs.writeFileSync(
      path.join(extra, "extra.ts"),
      `import { definePlaybook, request } from "playbook-kit";\nexport default definePlaybook({ name: "extra", description: "x", trigger: request(), build({ flow }) { flow.compose("One", 1); } });\n`,
    );
    expect(runCli(["build", "--out", out, "--playbooks", extra, "--no-typecheck"]).code).toBe(0);
    expect(fs.existsSync(path.join(out, "extra.definition.json"))).toBe(true);
    expect(runCli(["build", "--out", out, "--no-typecheck"]).code).toBe(0);
    expect(fs.existsSync(path.join(out, "extra.definition.json"))).toBe(false);
    expect(fs.existsSync(path.join(out, "extra.mmd"))).toBe(false);
  });

  it("does not load Pulumi or the Azure SDK", () => {
    const { result, modules } = modulesLoadedBy(["build", "--out", tempDir()]);
    expect(result.code).toBe(0);
    expect(modules.filter((m) => /node_modules[\\/]@(pulumi|azure)[\\/]/.test(m))).toEqual([]);
  });

  it("usage errors exit 2", () => {
    expect(runCli(["build", "--playbooks", "no/such/dir", "--out", tempDir()]).code).toBe(2);
    expect(runCli(["build", "--bogus"]).code).toBe(2);
  });

  it("--playbooks naming a file, not a folder, is a usage error without a stack trace", () => {
    const out = path.join(tempDir(), "dist");
    const r = runCli(["build", "--playbooks", "examples/playbooks/scan-and-tag-on-alert.ts", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("playbook-kit: --playbooks examples/playbooks/scan-and-tag-on-alert.ts: not a folder; give the folder that holds your playbook files.\n");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("an --out that cannot be written is a message with exit 2, not a stack trace", () => {
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "x");
    for (const out of [file, path.join(file, "dist")]) {
      const r = runCli(["build", "--out", out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^playbook-kit: cannot write the build output to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: E[A-Z]+`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(fs.readFileSync(file, "utf8")).toBe("x");
  });
});
