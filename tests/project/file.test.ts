/** `playbook-kit.json`: every key checked with a stable code, the file, line:column and JSON pointer; discovery upwards. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkProjectConfig, findProject, findProjectFile, ProjectError, readProjectFile } from "../../project";
import { tempDir } from "../support/cli";
import { REPO } from "../support/paths";
import { catalog } from "../../playbooks/catalog";

function problemsOf(text: string, setup?: (dir: string) => void): ProjectError["problems"] {
  const dir = tempDir();
  setup?.(dir);
  fs.writeFileSync(path.join(dir, "playbook-kit.json"), text);
  try {
    readProjectFile(path.join(dir, "playbook-kit.json"));
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as ProjectError).exitCode).toBe(2);
    return (error as ProjectError).problems;
  }
  return [];
}

describe("playbook-kit.json", () => {
  it("applies the defaults of every key", () => {
    expect(checkProjectConfig({})).toEqual({ config: { playbooks: [], catalog: [], out: "dist", typecheck: true, pulumi: "." }, problems: [] });
  });

  it("reads a full file", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "playbooks"));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}");
    const text = JSON.stringify({ $schema: "x", playbooks: ["playbooks"], catalog: ["isolate-on-high-severity"], out: "build", typecheck: false, pulumi: ".", tsconfig: "tsconfig.json" });
    fs.writeFileSync(path.join(dir, "playbook-kit.json"), text);
    expect(readProjectFile(path.join(dir, "playbook-kit.json"))).toEqual({
      playbooks: ["playbooks"],
      catalog: ["isolate-on-high-severity"],
      out: "build",
      typecheck: false,
      pulumi: ".",
      tsconfig: "tsconfig.json",
    });
  });

  it("reports every problem at once with code, pointer, line and column", () => {
    const text = `{\n  "playbook": ["playbooks"],\n  "catalog": ["isolate-on-high-severty", 3],\n  "out": "/abs",\n  "typecheck": "yes"\n}\n`;
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.code, p.pointer, p.line, p.column])).toEqual([
      ["project-unknown-key", "/playbook", 2, 15],
      ["project-unknown-catalog-playbook", "/catalog/0", 3, 15],
      ["project-key-type", "/catalog/1", 3, 42],
      ["project-path", "/out", 4, 10],
      ["project-key-type", "/typecheck", 5, 16],
    ]);
    expect(problems[0]!.message).toBe("'playbook' is not a key of playbook-kit.json (did you mean 'playbooks'?); known keys: $schema, playbooks, catalog, out, typecheck, pulumi, tsconfig.");
    expect(problems[1]!.message).toBe(`'isolate-on-high-severty' is not a catalog playbook (did you mean 'isolate-on-high-severity'?); the catalog has: ${catalog.map((e) => e.name).join(", ")}.`);
  });

  it("refuses paths that leave the project, repeats and missing folders", () => {
    const problems = problemsOf(JSON.stringify({ playbooks: ["../elsewhere", "missing", "missing", "notes.txt"] }), (dir) => fs.writeFileSync(path.join(dir, "notes.txt"), ""));
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ["project-path", "/playbooks/0"],
      ["project-duplicate-entry", "/playbooks/2"],
      ["project-path-missing", "/playbooks/1"],
      ["project-path", "/playbooks/3"],
    ]);
    expect(problems[2]!.message).toMatch(/^'missing' does not exist in .+; create the folder or remove the entry\.$/);
  });

  it("a file that is no JSON, or no object, is one located problem", () => {
    expect(problemsOf(`{"playbooks": ["a",]}`).map((p) => [p.code, p.line, p.column])).toEqual([["project-file-json", 1, 20]]);
    expect(problemsOf(`[]`).map((p) => [p.code, p.pointer])).toEqual([["project-file-shape", ""]]);
  });

  it("the error lists each problem as file:line:col, under one heading", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "playbook-kit.json"), `{"outt": "x"}`);
    expect(() => readProjectFile(path.join(dir, "playbook-kit.json"))).toThrow(/^playbook-kit\.json has 1 problem\(s\):\n.*playbook-kit\.json:1:10: error project-unknown-key at \/outt: 'outt' is not a key/);
  });
});

describe("findProject", () => {
  it("finds the nearest playbook-kit.json from a folder below it", () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, "playbook-kit.json"), `{"catalog": ["scheduled-advanced-hunting"]}`);
    const deep = path.join(root, "a", "b");
    fs.mkdirSync(deep, { recursive: true });
    expect(findProjectFile(deep)).toBe(path.join(root, "playbook-kit.json"));
    const project = findProject(deep);
    expect(project.root).toBe(root);
    expect(project.config.catalog).toEqual(["scheduled-advanced-hunting"]);
  });

  it("outside any project, the implicit project is the whole catalog at the folder given", () => {
    const dir = tempDir();
    const project = findProject(dir);
    expect(project.file).toBeUndefined();
    expect(project.root).toBe(dir);
    expect(project.config).toMatchObject({ playbooks: [], catalog: catalog.map((e) => e.name) });
  });

  it("the kit's own checkout is a project: its examples and the catalog", () => {
    const project = findProject(path.join(REPO, "docs"));
    expect(project.file).toBe(path.join(REPO, "playbook-kit.json"));
    expect(project.config.playbooks).toEqual(["examples/playbooks"]);
    expect(project.config.catalog).toEqual(["isolate-on-high-severity", "scheduled-advanced-hunting", "isolate-incident-hosts", "release-incident-hosts", "restrict-app-execution-incident-hosts", "scan-incident-hosts", "collect-investigation-package", "graph-alert-triage"]);
  });
});
