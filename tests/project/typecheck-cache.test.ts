/**
 * The type check's result cache: a clean check of unchanged files comes back from the cache (TypeScript's work
 * skipped, the same CommonJS), and anything it depended on changing — a file's content, a new file beside the
 * author's files — checks again; a failing check is never stored.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { typeCheck } from "../../project";
import { composePlaybook, writeProject } from "./support";

const TYPO = `import { defender, definePlaybook, equals } from "playbook-kit";

export default definePlaybook({
  name: "typo",
  description: "x",
  trigger: defender.alertCreated(),
  build({ flow, trigger }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    flow.compose("High", equals(alert.body.severty, "High"));
  },
});
`;

function project(): { root: string; files: string[]; cacheDir: string } {
  const root = writeProject({ playbooks: ["playbooks"] }, { "playbooks/a.ts": composePlaybook("a"), "playbooks/b.ts": composePlaybook("b", "2") });
  const cacheDir = path.join(root, ".cache", "playbook-kit");
  return { root, files: [path.join(root, "playbooks", "a.ts"), path.join(root, "playbooks", "b.ts")], cacheDir };
}

describe("type check result cache", () => {
  it("returns a clean check of unchanged files from the cache, with the same compiled output", () => {
    const { root, files, cacheDir } = project();
    const first = typeCheck(files, { root, cacheDir });
    expect(first.cached).toBe(false);
    expect(first.problems).toEqual([]);
    const second = typeCheck(files, { root, cacheDir });
    expect(second.cached).toBe(true);
    expect([...second.compiled]).toEqual([...first.compiled]);
    expect(typeCheck(files, { root }).cached).toBe(false);
  });

  it("checks again when a file changes, and when a new file appears beside them", () => {
    const { root, files, cacheDir } = project();
    typeCheck(files, { root, cacheDir });
    fs.writeFileSync(files[1]!, composePlaybook("b", "3"));
    const edited = typeCheck(files, { root, cacheDir });
    expect(edited.cached).toBe(false);
    expect(edited.compiled.get(files[1]!)).toContain("3");
    expect(typeCheck(files, { root, cacheDir }).cached).toBe(true);
    fs.writeFileSync(path.join(root, "playbooks", "helper.d.ts"), "export {};\n");
    expect(typeCheck(files, { root, cacheDir }).cached).toBe(false);
  });

  it("never stores a failing check: the typo fails every time, and its fix checks afresh", () => {
    const { root, files, cacheDir } = project();
    typeCheck(files, { root, cacheDir });
    fs.writeFileSync(files[0]!, TYPO);
    for (let i = 0; i < 2; i++) {
      const r = typeCheck(files, { root, cacheDir });
      expect(r.cached).toBe(false);
      expect(r.problems.map((p) => p.message).join("\n")).toContain("Did you mean 'severity'?");
    }
    fs.writeFileSync(files[0]!, TYPO.replace("severty", "severity"));
    expect(typeCheck(files, { root, cacheDir })).toMatchObject({ cached: false, problems: [] });
    expect(typeCheck(files, { root, cacheDir }).cached).toBe(true);
  });
});
