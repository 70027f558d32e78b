/** `playbook-kit import` through the built CLI: files and report written, --check, usage errors, no Pulumi loaded. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { modulesLoadedBy, runCli, tempDir } from "../support/cli";
import { CORPUS, CORPUS_EXTRA } from "../support/paths";

const ISOLATE = path.join(CORPUS, "sentinel-mde/isolate-mdemachine-incident.json");

describe("playbook-kit import", () => {
  it("writes one .ts per workflow and import-report.json in the issue's shape", () => {
    const out = tempDir("pk-import-");
    const r = runCli(["import", ISOLATE, path.join(CORPUS, "power-automate"), "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 playbook\(s\) imported, 4 round trip\(s\) exact\./);
    const report = JSON.parse(fs.readFileSync(path.join(out, "import-report.json"), "utf8"));
    expect(report.playbooks).toHaveLength(4);
    const first = report.playbooks[0];
    expect(Object.keys(first).sort()).toEqual(["file", "lifted", "name", "notes", "pointer", "raw", "roundTrip", "source", "typed"]);
    expect(first).toMatchObject({ source: ISOLATE, pointer: "/resources/2/properties", name: "isolate-mdemachine", file: "isolate-mdemachine.ts", roundTrip: "exact", lifted: [] });
    for (const p of report.playbooks) expect(fs.existsSync(path.join(out, p.file))).toBe(true);
    // A second import into the same folder does not overwrite: the names are made unique.
    const again = runCli(["import", ISOLATE, "--out", out]);
    expect(again.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, "import-report.json"), "utf8")).playbooks[0].file).toBe("isolate-mdemachine-2.ts");
  });

  it("--check writes nothing and exits 0 when every round trip is exact", () => {
    const out = tempDir("pk-import-");
    const r = runCli(["import", ISOLATE, "--check", "--out", out]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("refuses no paths, a missing path and a named file that is no workflow (exit 2)", () => {
    expect(runCli(["import"]).code).toBe(2);
    const missing = runCli(["import", "nope.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.json/);
    const notWorkflow = runCli(["import", path.join(CORPUS, "fixtures/mde-alert-get-single.response.json"), "--check"]);
    expect(notWorkflow.code).toBe(2);
    expect(notWorkflow.stderr).toMatch(/is not a workflow/);
    expect(notWorkflow.stderr).not.toMatch(/\n\s+at /);
  });

  it("loads neither @pulumi nor @azure", () => {
    const { result, modules } = modulesLoadedBy(["import", ISOLATE, "--check"]);
    expect(result.code).toBe(0);
    expect(modules.filter((m) => /node_modules[\\/]@(pulumi|azure)[\\/]/.test(m))).toEqual([]);
  });
});

describe("playbook-kit import --lift", () => {
  const FILE = path.join(CORPUS_EXTRA, "defender-for-cloud/workflow-automation-extend-alertsuppressionrulesabouttoexpire-azuredeploy.json");

  it("lifts a hard-coded address into a parameter, lists it and prints the Pulumi.<env>.yaml lines; the round trip is exact against the lifted definition", () => {
    const out = tempDir("pk-import-");
    const r = runCli(["import", FILE, "--lift", "--out", out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "import-report.json"), "utf8"));
    const p = report.playbooks[0];
    expect(p.roundTrip).toBe("exact");
    expect(p.lifted).toEqual(["notifyEmail"]);
    expect(p.notes.some((n: string) => /^lifted "[^"]+@microsoft\.com" into parameter 'notifyEmail' \(at \/resources\/\d+\/properties\/definition\/actions\//.test(n))).toBe(true);
    expect(r.stdout).toMatch(/config:\n  playbook-kit:playbooks:\n    [a-z-]+:\n      enabled: true\n      parameters:\n        notifyEmail: "[^"]+@microsoft\.com"\n/);
    const text = fs.readFileSync(path.join(out, p.file), "utf8");
    // Declared with param.* and read through params (the definition says "@{parameters('notifyEmail')}").
    expect(text).toMatch(/notifyEmail: param\.string\(/);
    expect(text).toMatch(/\$\{params\.notifyEmail\}/);
    expect(text).not.toMatch(/@microsoft\.com/);
  });
});

describe("playbook-kit import --check on a round trip that is not exact", () => {
  it("exits 1 and names the JSON pointer where the definitions part, or why nothing was imported", () => {
    const dir = tempDir("pk-import-");
    const clash = path.join(dir, "clash.json");
    // An action named like the trigger: the builder refuses it, so the rebuilt definition cannot match.
    fs.writeFileSync(clash, JSON.stringify({ triggers: { manual: { type: "Request", kind: "Http" } }, actions: { manual: { type: "Compose", inputs: 1, runAfter: {} } } }));
    const r = runCli(["import", clash, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/clash\.ts\):\n  \/: source \(the source definition\), built the generated file does not build: .*duplicate-step-name/);
    const two = path.join(dir, "two.json");
    fs.writeFileSync(two, JSON.stringify({ triggers: { a: { type: "Request", kind: "Http" }, b: { type: "Request", kind: "Http" } }, actions: {} }));
    const t = runCli(["import", two, "--check"]);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/not imported: the definition has 2 triggers; a playbook has exactly one/);
  });
});
