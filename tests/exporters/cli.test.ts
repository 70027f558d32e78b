import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { toArmTemplate } from "../../exporters/arm";
import { toMermaid } from "../../exporters/mermaid";
import { buildPowerAutomateSolution } from "../../exporters/power-automate";
import { catalog } from "../../playbooks/catalog";
import { loadEnvironment } from "../../playbooks/env";
import { toCanonicalJson } from "../../playbooks/kit";
import { findProject, loadProject } from "../../project";
import { modulesLoadedBy, runCli, tempDir } from "../support/cli";
import { CORPUS, REPO } from "../support/paths";

const forbidden = (modules: string[]) => modules.filter((m) => /[\\/]node_modules[\\/]@(azure|pulumi)[\\/]/.test(m));

/** The kit's own project: the catalog and the examples. */
const kitProject = () => loadProject(findProject(REPO), { typecheck: false });

describe("export and graph commands (compiled CLI)", () => {
  it("export arm writes one template per playbook of the project (catalog entries and examples), the same as the library", () => {
    const out = tempDir();
    const r = runCli(["export", "arm", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([...kitProject().playbooks.map((p) => `${p.name}.json`)].sort());
    expect(kitProject().playbooks).toHaveLength(9);
    for (const p of kitProject().playbooks) {
      expect(fs.readFileSync(path.join(out, `${p.name}.json`), "utf8")).toBe(toCanonicalJson(toArmTemplate(p.playbook)));
    }
    expect(r.stdout).toMatch(/isolate-on-high-severity\.json\s+isolate-on-high-severity\s+wdatp\s+Graph Mail\.Send, MDE Alert\.Read\.All, MDE Machine\.Isolate, MDE Machine\.Read\.All/);
  });

  it("export arm --env uses the environment's playbooks, names and values", () => {
    const out = tempDir();
    const r = runCli(["export", "arm", "--env", "dev", "--out", out]);
    expect(r.code).toBe(0);
    const plan = loadEnvironment("dev", { root: REPO });
    for (const p of plan.playbooks) {
      const template = JSON.parse(fs.readFileSync(path.join(out, `${p.name}.json`), "utf8"));
      expect(template.parameters.workflowName.defaultValue).toBe(p.workflowName);
      const workflow = template.resources.find((r: { type: string }) => r.type === "Microsoft.Logic/workflows");
      expect(workflow.properties.definition).toEqual(JSON.parse(p.playbook.render()));
    }
    const missing = runCli(["export", "arm", "--env", "nope", "--out", tempDir()]);
    expect(missing.code).toBe(2); // an unknown environment is a usage error (issue 15)
    expect(missing.stderr).toContain("Pulumi.nope.yaml");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it("export arm --env never turns a Pulumi secret into a template default", () => {
    const root = tempDir();
    fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
    const config = fs.readFileSync(path.join(REPO, "tests/ops/fixtures/Pulumi.ops.yaml"), "utf8");
    const withSecret = config.replace("        recurrenceInterval: 4\n", "        recurrenceInterval: 4\n        huntingQuery:\n          secure: v1:c2VjcmV0:AAAABBBBCCCC\n");
    expect(withSecret).not.toBe(config);
    fs.writeFileSync(path.join(root, "Pulumi.sec.yaml"), withSecret);
    const out = path.join(root, "arm");
    const r = runCli(["export", "arm", "--env", "sec", "--out", out], { cwd: root });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(out, "scheduled-advanced-hunting.json"), "utf8");
    expect(text).not.toContain("secret]");
    const template = JSON.parse(text);
    expect(template.parameters.huntingQuery.type).toBe("securestring");
    expect(template.parameters.huntingQuery).not.toHaveProperty("defaultValue");
    expect(template.parameters.recurrenceInterval.defaultValue).toBe(4);
  });

  it("export power-automate writes the solution zip, byte-identical across runs", () => {
    const [a, b] = [tempDir(), tempDir()];
    const r = runCli(["export", "power-automate", "--out", a]);
    expect(r.code).toBe(0);
    expect(runCli(["export", "power-automate", "--out", b]).code).toBe(0);
    const zip = fs.readFileSync(path.join(a, "PlaybookKitMDE_1_0_0_0.zip"));
    expect(zip.equals(fs.readFileSync(path.join(b, "PlaybookKitMDE_1_0_0_0.zip")))).toBe(true);
    expect(zip.equals(Buffer.from(buildPowerAutomateSolution(kitProject().playbooks.map((p) => p.create({ channel: "outlook" }))).zip))).toBe(true);
    expect(r.stdout).toContain("pbk_sharedwdatp (shared_wdatp)");
    expect(r.stdout).toMatch(/isolate-on-high-severity\s+Workflows\/IsolateOnHighSeverity-[0-9A-F-]{36}\.json\s+shared_office365, shared_wdatp\s+notifyTo/);
  });

  it("graph prints a catalog playbook's diagram or writes a file's to --out", () => {
    const r = runCli(["graph", "isolate-on-high-severity"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(toMermaid(catalog[0]!.create().definition));
    const out = path.join(tempDir(), "d", "flow.mmd");
    const file = path.join(CORPUS, "sentinel-mde", "solutions-isolate-mdemachine-alert.json");
    const w = runCli(["graph", file, "--out", out]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toMatch(/^flowchart TD\n/);
  });

  it("graph explains a bad target without a stack trace", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "bad.json"), "{ not json");
    fs.writeFileSync(path.join(dir, "other.json"), '{"hello": 1}');
    const cases: [string, RegExp][] = [
      ["no-such-playbook", /^playbook-kit: 'no-such-playbook' is neither a playbook of this project nor an existing file; its playbooks: isolate-on-high-severity, scheduled-advanced-hunting, isolate-incident-hosts, release-incident-hosts, restrict-app-execution-incident-hosts, scan-incident-hosts, collect-investigation-package, graph-alert-triage, scan-and-tag-on-alert\.\n$/],
      [path.join(dir, "bad.json"), /is not valid JSON/],
      [path.join(dir, "other.json"), /holds no workflow/],
    ];
    for (const [target, message] of cases) {
      const r = runCli(["graph", target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("module loading", () => {
  it("--help, validate, graph and export start without loading @azure/* or @pulumi/*", () => {
    const out = tempDir();
    const file = path.join(out, "definition.json");
    fs.writeFileSync(file, catalog[0]!.create().render());
    const runs: string[][] = [
      ["--help"],
      ["validate", file],
      ["graph", "isolate-on-high-severity"],
      ["export", "arm", "--out", path.join(out, "arm")],
      ["export", "power-automate", "--out", path.join(out, "pa")],
    ];
    for (const args of runs) {
      const { result, modules } = modulesLoadedBy(args);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      expect(modules.some((m) => m.endsWith(path.join("lib", "cli", "main.js"))), args.join(" ")).toBe(true);
      expect(forbidden(modules), args.join(" ")).toEqual([]);
    }
  });
});
