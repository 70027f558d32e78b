/** Every command takes the project's playbooks by name (and simulate/graph a .ts file), from anywhere inside the project. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { modulesLoadedBy, runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";
import { stackYaml, writeProject } from "./support";

const EXAMPLE = fs.readFileSync(path.join(REPO, "examples/playbooks/scan-and-tag-on-alert.ts"), "utf8");
const ALERT = JSON.stringify({ body: { id: "da1", machineId: "m1" } });
const MOCKS = JSON.stringify([
  { connector: "wdatp", method: "get", path: "/api/alerts/*", response: { status: 200, body: { id: "da1", machineId: "m1", severity: "High", title: "x" } } },
  { connector: "wdatp", method: "post", path: "/api/machines/*/tags", response: { status: 200, body: {} } },
  { connector: "wdatp", method: "post", path: "/api/machines/*/runAntiVirusScan", response: { status: 201, body: { id: "a1" } } },
]);

describe("author playbooks in every command", () => {
  const root = writeProject({ playbooks: ["playbooks"], catalog: ["scheduled-advanced-hunting"] }, {
    "playbooks/scan.ts": EXAMPLE,
    "alert.json": ALERT,
    "mocks.json": MOCKS,
    "Pulumi.dev.yaml": stackYaml({ "scan-and-tag-on-alert": "      mode: audit\n" }),
    "deep/down/.keep": "",
  });
  const deep = path.join(root, "deep", "down");

  it("simulate takes a playbook of the project by name, from a folder below the project, or its .ts file", () => {
    const byName = runCli(["simulate", "scan-and-tag-on-alert", "--trigger", "../../alert.json", "--mocks", "../../mocks.json"], { cwd: deep });
    expect(byName.stderr).toBe("");
    expect(byName.code).toBe(0);
    expect(byName.stdout).toMatch(/Quick_scan\s+Succeeded/);
    const byFile = runCli(["simulate", "playbooks/scan.ts", "--trigger", "alert.json", "--mocks", "mocks.json", "--format", "json"], { cwd: root });
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(JSON.parse(byFile.stdout).status).toBe("Succeeded");
  });

  it("simulate --env builds it as the stack does: audit mode calls nothing destructive", () => {
    const r = runCli(["simulate", "scan-and-tag-on-alert", "--env", "dev", "--trigger", "alert.json", "--mocks", "mocks.json", "--format", "json"], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const calls = (JSON.parse(r.stdout) as { calls: { path?: string }[] }).calls.map((c) => c.path);
    expect(calls.some((p) => /runAntiVirusScan/i.test(p ?? ""))).toBe(false);
  });

  it("graph takes a name or a .ts file and loads neither Pulumi nor the Azure SDK", () => {
    const { result, modules } = modulesLoadedBy(["graph", "playbooks/scan.ts"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^flowchart TD/);
    expect(modules.filter((m) => /node_modules[\\/]@(pulumi|azure)[\\/]/.test(m))).toEqual([]);
    expect(runCli(["graph", "scan-and-tag-on-alert"], { cwd: root }).stdout).toBe(result.stdout);
  });

  it("build, export arm and export power-automate include the author playbooks", () => {
    const out = tempDir();
    const build = runCli(["build", "--out", out], { cwd: deep });
    expect(build.code, build.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).playbooks.map((p: { name: string }) => p.name)).toEqual(["scheduled-advanced-hunting", "scan-and-tag-on-alert"]);
    const arm = runCli(["export", "arm", "--env", "dev", "--out", path.join(out, "arm")], { cwd: root });
    expect(arm.code, arm.stderr).toBe(0);
    expect(fs.readdirSync(path.join(out, "arm"))).toEqual(["scan-and-tag-on-alert.json"]);
    // Audit mode: the scan's permission is not among the template's post-deployment grants.
    expect(arm.stdout).toMatch(/scan-and-tag-on-alert-dev\s+wdatp\s+MDE Alert\.Read\.All, MDE Machine\.ReadWrite\.All\s*$/m);
    const pa = runCli(["export", "power-automate", "--out", path.join(out, "pa")], { cwd: root });
    expect(pa.code, pa.stderr).toBe(0);
    expect(pa.stdout).toMatch(/scan-and-tag-on-alert\s+Workflows\/ScanAndTagOnAlert-/);
  });

  it("the build without a default out writes to the project's dist, wherever it runs", () => {
    const r = runCli(["build", "--no-typecheck"], { cwd: deep });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`to ${path.join("..", "..", "dist")}.`);
    expect(fs.existsSync(path.join(root, "dist", "manifest.json"))).toBe(true);
  });

  it("stack-mock runs the Pulumi program under mocks from anywhere in the project: dev deploys the author playbook in audit mode", () => {
    const r = runCli(["stack-mock", "dev"], { cwd: deep });
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { env: string; workflows: string[]; granted: string[]; error?: string };
    expect(summary.error).toBeUndefined();
    expect(summary.workflows).toEqual(["scan-and-tag-on-alert-dev"]);
    expect(summary.granted).toContain("scan-and-tag-on-alert: WindowsDefenderATP Alert.Read.All");
    // audit: the scan (destructive) is a record, so Machine.Scan is not granted
    expect(summary.granted.filter((g) => g.startsWith("scan-and-tag-on-alert:")).some((g) => g.endsWith("Machine.Scan"))).toBe(false);
    const unknown = runCli(["stack-mock", "staging"], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Pulumi.staging.yaml");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it("a broken project file stops every command with its located problems (exit 2)", () => {
    const broken = writeProject({ playbooks: ["nowhere"] }, {});
    for (const args of [["build"], ["graph", "x"], ["export", "arm"]]) {
      const r = runCli(args, { cwd: broken });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^playbook-kit: playbook-kit\.json has 1 problem\(s\):\nplaybook-kit\.json:\d+:\d+: error project-path-missing at \/playbooks\/0: 'nowhere' does not exist/);
    }
  });
});
