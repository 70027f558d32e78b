/**
 * `playbook-kit validate` end to end (spawns lib/cli/main.js: `npm test` builds first): output formats, exit
 * codes, directory walking, and no Pulumi / Azure SDK module loaded.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../validators";
import { CLI, CORPUS } from "../support/paths";
import { compose, def, http } from "./helpers";

function cli(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`);
  return file;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-validate-"));
  write("clean.json", def({ A: compose(1) }));
  write("warn.json", def({ Call: http({ uri: "http://example.com" }) }));
  write("error.json", def({ A: compose(1), B: compose(2, { Nope: ["Succeeded"] }) }));
  write("broken.json", '{\n  "triggers": {\n    "x": 1,\n  }\n}\n');
  write("nested/workflow.json", { definition: def({ A: compose("@parameters('fromParametersJson')") }), kind: "Stateful" });
  write("node_modules/ignored.json", "not json");
  write(".hidden/ignored.json", "not json");
  write("notes.txt", "not json either");
  write("manifest.json", { playbooks: [{ name: "x" }] });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("playbook-kit validate", () => {
  it("--format json has exactly the documented shape", () => {
    const r = cli(["validate", dir, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      files: [
        {
          file: path.join(dir, "broken.json"),
          kind: "invalid-json",
          workflows: [
            {
              name: "broken",
              diagnostics: [
                {
                  code: "json-syntax",
                  severity: "error",
                  pointer: "",
                  message: "Invalid JSON at line 4, column 3: Trailing comma before '}': remove it.",
                  line: 4,
                  column: 3,
                },
              ],
            },
          ],
        },
        { file: path.join(dir, "clean.json"), kind: "definition", workflows: [{ name: "clean", diagnostics: [] }] },
        {
          file: path.join(dir, "error.json"),
          kind: "definition",
          workflows: [
            {
              name: "error",
              diagnostics: [
                {
                  code: "run-after-missing",
                  severity: "error",
                  pointer: "/actions/B/runAfter/Nope",
                  message: "'B' runs after 'Nope', but no action has that name.",
                },
              ],
            },
          ],
        },
        { file: path.join(dir, "nested/workflow.json"), kind: "workflow", workflows: [{ name: "nested", diagnostics: [] }] },
        {
          file: path.join(dir, "warn.json"),
          kind: "definition",
          workflows: [
            {
              name: "warn",
              diagnostics: [
                {
                  code: "http-not-https",
                  severity: "warning",
                  pointer: "/actions/Call/inputs/uri",
                  message: "The action 'Call' calls a plain http:// URI; use https:// so the request is encrypted.",
                },
              ],
            },
          ],
        },
      ],
      summary: { files: 5, workflows: 5, errors: 2, warnings: 1 },
    });
  });

  it("exit codes: 0 clean, 0 on warnings, 1 on warnings with --strict, 1 on errors, 2 on usage errors", () => {
    expect(cli(["validate", path.join(dir, "clean.json")]).code).toBe(0);
    expect(cli(["validate", path.join(dir, "warn.json")]).code).toBe(0);
    expect(cli(["validate", path.join(dir, "warn.json"), "--strict"]).code).toBe(1);
    expect(cli(["validate", path.join(dir, "error.json")]).code).toBe(1);
    const missing = cli(["validate", path.join(dir, "does-not-exist.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*does-not-exist\.json: no such file or directory/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect(cli(["validate"]).code).toBe(2);
    expect(cli(["validate", dir, "--format", "xml"]).code).toBe(2);
  });

  it("--format text prints file:line:col severity code message, grouped per workflow, without colour off a TTY", () => {
    const r = cli(["validate", path.join(dir, "error.json"), path.join(dir, "warn.json")]);
    const file = path.join(dir, "error.json");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`${file} › error (definition)`);
    // "Nope" sits on line 22, column 17 of the two-space-indented file.
    const text = fs.readFileSync(file, "utf8").split("\n");
    const lineNo = text.findIndex((l) => l.includes('"Nope"')) + 1;
    const col = text[lineNo - 1]!.indexOf("[") + 1;
    expect(lines[1]).toBe(`  ${file}:${lineNo}:${col} error run-after-missing 'B' runs after 'Nope', but no action has that name.`);
    expect(r.stdout).toContain(`${path.join(dir, "warn.json")} › warn (definition)`);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("1 error, 1 warning in 2 files (2 workflows)");
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("--format sarif is SARIF 2.1.0 with the codes as rule ids and a line and column for every result", () => {
    const r = cli(["validate", ".", "--format", "sarif"], dir);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.code));
    expect(run.results.length).toBe(3);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startColumn).toBeGreaterThan(0);
    }
    const broken = run.results.find((x: { ruleId: string }) => x.ruleId === "json-syntax");
    expect(broken.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "broken.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 4, startColumn: 3 } });
  });

  it("walks directories for *.json, skipping node_modules, dot-directories and JSON that is no workflow; names workflow.json by its folder", () => {
    const files = JSON.parse(cli(["validate", dir, "--format", "json"]).stdout).files.map((f: { file: string }) => path.relative(dir, f.file));
    expect(files).toEqual(["broken.json", "clean.json", "error.json", path.join("nested", "workflow.json"), "warn.json"]);
    // Named explicitly, a file must be a workflow.
    const named = cli(["validate", path.join(dir, "manifest.json"), "--format", "json"]);
    expect(named.code).toBe(1);
    expect(JSON.parse(named.stdout).files[0].workflows[0].diagnostics[0].code).toBe("unknown-document");
  });

  it("is deterministic", () => {
    const a = cli(["validate", CORPUS, "--format", "sarif"]);
    const b = cli(["validate", CORPUS, "--format", "sarif"]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.code).toBe(1);
  });

  it("the corpus: summary agrees with the per-file diagnostics", () => {
    const report = JSON.parse(cli(["validate", CORPUS, "--format", "json"]).stdout);
    const all = report.files.flatMap((f: { workflows: { diagnostics: { severity: string }[] }[] }) => f.workflows.flatMap((w) => w.diagnostics));
    expect(report.summary).toEqual({
      files: report.files.length,
      workflows: report.files.reduce((n: number, f: { workflows: unknown[] }) => n + f.workflows.length, 0),
      errors: all.filter((d: { severity: string }) => d.severity === "error").length,
      warnings: all.filter((d: { severity: string }) => d.severity === "warning").length,
    });
    // 31 workflow files and the invalid-JSON fixture; the payload fixtures and INDEX.json are no workflows.
    expect(report.files.length).toBe(32);
    expect(report.files.filter((f: { kind: string }) => f.kind === "invalid-json").length).toBe(1);
  });

  it("walks each directory once: a symbolic link back up the tree neither loops nor repeats files", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pk-validate-link-"));
    try {
      fs.mkdirSync(path.join(root, "sub"));
      fs.writeFileSync(path.join(root, "sub", "error.json"), JSON.stringify(def({ A: compose(1), B: compose(2, { Nope: ["Succeeded"] }) })));
      fs.symlinkSync("..", path.join(root, "sub", "up"), "dir");
      const r = cli(["validate", root, "--format", "json"]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.files.map((f: { file: string }) => f.file)).toEqual([path.join(root, "sub", "error.json")]);
      expect(report.summary).toEqual({ files: 1, workflows: 1, errors: 1, warnings: 0 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("does not load any @pulumi/* or @azure/* module", () => {
    const script = `
      const { main } = require(${JSON.stringify(CLI)});
      main(["validate", ${JSON.stringify(CORPUS)}, "--format", "json"]).then(() => {
        const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/]@(pulumi|azure)[\\\\/]/.test(k));
        process.stderr.write("LOADED=" + JSON.stringify(loaded));
      });`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    const match = /LOADED=(.*)$/.exec(r.stderr);
    expect(match, r.stderr).not.toBeNull();
    expect(JSON.parse(match![1]!)).toEqual([]);
    // The check can fail: the same probe sees the modules when one is loaded.
    const probe = spawnSync(process.execPath, ["-e", `require("@azure/core-auth"); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes("@azure"))))`], {
      encoding: "utf8",
      cwd: path.dirname(path.dirname(CLI)),
    });
    expect(probe.stdout).toBe("true");
  });
});
