/**
 * Every arrow points down: each folder may import only the folders listed for it here (DESIGN.md, "The project
 * model"). Type-only imports count too: they are dependencies of the design, not only of the bundle. A new folder
 * must be added to LAYERS before its files may import anything of ours.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./support/paths";

const BASE = ["wdl", "errors", "operations"];
const BUILDER = [...BASE, "playbooks/kit", "playbooks/connectors"];
const PLAYBOOKS = [...BUILDER, "playbooks/catalog", "playbooks/env", "playbooks"];
const CAPABILITIES = [...PLAYBOOKS, "validators", "simulator", "scenarios", "exporters"];

/** Folder → the folders it may import (besides itself). */
const LAYERS: Record<string, readonly string[]> = {
  wdl: [],
  errors: [],
  operations: ["wdl"],
  validators: BASE,
  simulator: [...BASE, "validators"],
  "playbooks/kit": BASE,
  "playbooks/connectors": [...BASE, "playbooks/kit"],
  "playbooks/catalog": BUILDER,
  "playbooks/env": [...BUILDER, "playbooks/catalog"],
  playbooks: [...BUILDER, "playbooks/catalog", "playbooks/env"],
  scenarios: [...PLAYBOOKS, "validators", "simulator"],
  exporters: [...PLAYBOOKS, "validators"],
  ops: [...CAPABILITIES],
  project: [...CAPABILITIES],
  importer: [...CAPABILITIES, "project"],
  verifier: [...CAPABILITIES, "project"],
  review: [...CAPABILITIES, "project", "verifier"],
  report: [...CAPABILITIES, "project", "verifier", "review"],
  stacks: [...CAPABILITIES, "ops", "project"],
  cli: [...CAPABILITIES, "ops", "project", "importer", "verifier", "review", "report", "stacks", "."],
  bench: [...CAPABILITIES, "ops", "project", "importer", "verifier", "review", "report", "stacks", "cli", "."],
  ".": [...CAPABILITIES, "project"],
};

const SKIP = new Set(["node_modules", "lib", "dist", "tests", ".git", "examples"]);

/** The layer a repository-relative file belongs to. */
function layerOf(rel: string): string {
  const parts = rel.split(path.sep);
  if (parts.length === 1) return ".";
  if (parts[0] === "playbooks" && parts.length > 2) return `playbooks/${parts[1]}`;
  return parts[0]!;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    if (SKIP.has(name) || name.startsWith(".")) continue;
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** Relative specifiers of static imports, re-exports, `require()`, `import()` and `typeof import()`. */
function relativeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)["'](\.{1,2}\/[^"']*|\.{1,2})["']/g)) out.push(m[1]!);
  return out;
}

/** Resolve a specifier to the layer of the file or folder it names. */
function targetLayer(fromFile: string, spec: string): string {
  const abs = path.resolve(path.dirname(fromFile), spec);
  const rel = path.relative(REPO, abs);
  const isDir = fs.existsSync(abs) && fs.statSync(abs).isDirectory();
  return layerOf(isDir ? path.join(rel, "index.ts") : rel);
}

describe("layering", () => {
  const files = sourceFiles(REPO);

  it("knows the layer of every source folder", () => {
    const unknown = [...new Set(files.map((f) => layerOf(path.relative(REPO, f))))].filter((l) => !(l in LAYERS));
    expect(unknown, "add these folders to LAYERS in tests/layering.test.ts").toEqual([]);
  });

  it("no file imports a layer above its own", () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = path.relative(REPO, file);
      const from = layerOf(rel);
      const allowed = LAYERS[from] ?? [];
      for (const spec of relativeImports(fs.readFileSync(file, "utf8"))) {
        const to = targetLayer(file, spec);
        if (to !== from && !allowed.includes(to)) violations.push(`${rel} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("the check itself fires on an upward import", () => {
    const probe = path.join(REPO, "wdl", "probe.ts");
    expect(targetLayer(probe, "../simulator")).toBe("simulator");
    expect(LAYERS.wdl).not.toContain("simulator");
    expect(relativeImports(`import type { X } from "../../simulator/types";\nconst m = require("../ops") as typeof import("../ops");`)).toEqual([
      "../../simulator/types",
      "../ops",
      "../ops",
    ]);
  });
});
