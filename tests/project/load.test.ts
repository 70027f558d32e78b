/** Loading a project: type check → load → build, every problem located; resolving a playbook argument. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findProject, loadProject, ProjectError, resolvePlaybook } from "../../project";
import { REPO } from "../support/paths";
import { composePlaybook, writeProject } from "./support";

const EXAMPLE = fs.readFileSync(path.join(REPO, "examples/playbooks/scan-and-tag-on-alert.ts"), "utf8");

function failure(fn: () => unknown): ProjectError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    return error as ProjectError;
  }
  throw new Error("expected a ProjectError");
}

describe("loadProject", () => {
  it("the catalog entries the project names, then its author playbooks by file", () => {
    const root = writeProject({ playbooks: ["playbooks"], catalog: ["scheduled-advanced-hunting"] }, {
      "playbooks/b.ts": composePlaybook("bravo"),
      "playbooks/a.ts": composePlaybook("alpha"),
      "playbooks/a.test.ts": "this is a test file, never loaded as a playbook",
      "playbooks/lib/helper.ts": "not loaded: sub-folders hold helpers",
    });
    const loaded = loadProject(findProject(root), { typecheck: false });
    expect(loaded.names()).toEqual(["scheduled-advanced-hunting", "alpha", "bravo"]);
    expect(loaded.get("alpha")).toMatchObject({ origin: "author", file: path.join(root, "playbooks/a.ts"), hasModes: false });
    expect(loaded.get("scheduled-advanced-hunting").origin).toBe("catalog");
    expect(loaded.get("alpha").playbook.definition.actions).toEqual({ Value: { type: "Compose", inputs: 1, runAfter: {} } });
    expect(() => loaded.get("charlie")).toThrow("'charlie' is not a playbook of this project; its playbooks: scheduled-advanced-hunting, alpha, bravo.");
  });

  it("a misspelt output field fails the type check at file:line:col with the compiler's hint; fixed, it loads", () => {
    const file = "playbooks/scan.ts";
    const root = writeProject({ playbooks: ["playbooks"] }, { [file]: EXAMPLE.replace('alert.body.severity, "High"', 'alert.body.severty, "High"') });
    const error = failure(() => loadProject(findProject(root)));
    expect(error.exitCode).toBe(1);
    expect(error.problems).toEqual([
      {
        file: path.join(root, file),
        line: 11,
        column: 42,
        code: "playbook-type",
        message: expect.stringMatching(/^TS2551: Property 'severty' does not exist on type 'Ref<.+>'\. Did you mean 'severity'\?$/),
      },
    ]);
    fs.writeFileSync(path.join(root, file), EXAMPLE);
    expect(loadProject(findProject(root)).names()).toEqual(["scan-and-tag-on-alert"]);
  });

  it("an error thrown while a file loads names the line that threw, type-checked or not", () => {
    const source = `import { definePlaybook, request } from "playbook-kit";\n\nconst limit: number = JSON.parse("{");\nexport default definePlaybook({ name: "x", description: "x", trigger: request(), build() {} });\n`;
    const root = writeProject({ playbooks: ["playbooks"] }, { "playbooks/x.ts": source });
    for (const typecheck of [true, false]) {
      const [problem] = failure(() => loadProject(findProject(root), { typecheck })).problems;
      expect(problem).toMatchObject({ file: path.join(root, "playbooks/x.ts"), line: 3, code: "playbook-load" });
      expect(problem!.message).toMatch(/^SyntaxError thrown while the file loads: /);
    }
  });

  it("a build error names the author's line and the step", () => {
    const source = `import { definePlaybook, request } from "playbook-kit";\n\nexport default definePlaybook({\n  name: "dup",\n  description: "x",\n  trigger: request(),\n  build({ flow }) {\n    flow.compose("Same", 1);\n    flow.compose("Same", 2);\n  },\n});\n`;
    const root = writeProject({ playbooks: ["playbooks"] }, { "playbooks/dup.ts": source });
    const [problem] = failure(() => loadProject(findProject(root), { typecheck: false })).problems;
    expect(problem).toMatchObject({ line: 9, code: "duplicate-step-name" });
    expect(problem!.message).toMatch(/^Same: The name 'Same'/);
  });

  it("two playbooks with one name, or an author playbook named like a catalog entry it deploys, are refused", () => {
    const root = writeProject({ playbooks: ["playbooks"], catalog: ["scheduled-advanced-hunting"] }, {
      "playbooks/a.ts": composePlaybook("same"),
      "playbooks/b.ts": composePlaybook("same"),
      "playbooks/c.ts": composePlaybook("scheduled-advanced-hunting"),
    });
    const problems = failure(() => loadProject(findProject(root), { typecheck: false })).problems;
    expect(problems.map((p) => [path.basename(p.file), p.code])).toEqual([
      ["b.ts", "duplicate-playbook-name"],
      ["c.ts", "duplicate-playbook-name"],
    ]);
    expect(problems[0]!.message).toMatch(/^defines playbook 'same', as .*a\.ts does; playbook names must be unique/);
  });

  it("a file without a default-exported playbook says what to export", () => {
    const root = writeProject({ playbooks: ["playbooks"] }, { "playbooks/x.ts": "export const x = 1;\n" });
    expect(failure(() => loadProject(findProject(root), { typecheck: false })).problems).toEqual([
      { file: path.join(root, "playbooks/x.ts"), code: "playbook-export", message: "The file must `export default` a playbook (definePlaybook({...})) or a function that returns one." },
    ]);
  });

  it("a default-exported factory is called with the environment's build options", () => {
    const source = `import { definePlaybook, request } from "playbook-kit";\n\nexport default (options: { channel?: string }) =>\n  definePlaybook({ name: "f", description: "x", trigger: request(), build({ flow }) { flow.compose("Channel", options.channel ?? "none"); } });\n`;
    const root = writeProject({ playbooks: ["playbooks"] }, { "playbooks/f.ts": source });
    const f = loadProject(findProject(root)).get("f");
    expect((f.playbook.definition.actions.Channel as { inputs: unknown }).inputs).toBe("none");
    expect((f.create({ channel: "outlook" }).definition.actions.Channel as { inputs: unknown }).inputs).toBe("outlook");
  });
});

describe("resolvePlaybook", () => {
  const root = writeProject({ playbooks: ["playbooks"], catalog: ["isolate-on-high-severity"] }, {
    "playbooks/alpha.ts": composePlaybook("alpha"),
    "playbooks/other-file-name.ts": composePlaybook("bravo"),
  });

  it("takes a catalog name, an author name, or a .ts file", () => {
    expect(resolvePlaybook("isolate-on-high-severity", { cwd: root }).origin).toBe("catalog");
    expect(resolvePlaybook("alpha", { cwd: root, typecheck: false }).file).toBe(path.join(root, "playbooks/alpha.ts"));
    expect(resolvePlaybook("bravo", { cwd: root, typecheck: false }).file).toBe(path.join(root, "playbooks/other-file-name.ts"));
    expect(resolvePlaybook("playbooks/alpha.ts", { cwd: root, typecheck: false }).name).toBe("alpha");
  });

  it("an unknown name lists every playbook of the project; a catalog entry the project does not name is unknown", () => {
    const error = failure(() => resolvePlaybook("scheduled-advanced-hunting", { cwd: root, typecheck: false }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("'scheduled-advanced-hunting' is not a playbook of this project; its playbooks: isolate-on-high-severity, alpha, bravo.");
  });
});
