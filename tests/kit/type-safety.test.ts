import * as path from "node:path";
import * as fs from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { defender } from "../../playbooks/connectors";
import { definePlaybook, equals } from "../../playbooks/kit";
import { REPO } from "../support/paths";

// Compile-time checks: `npm run typecheck` (tsc --noEmit) fails if any of these lines starts compiling.
export function compileTimeChecks(): void {
  definePlaybook({
    name: "type-checks",
    description: "x",
    trigger: defender.alertCreated(),
    build({ flow, trigger }) {
      const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
      // @ts-expect-error a misspelt output field does not compile
      flow.compose("Misspelt", alert.body.severty);
      // @ts-expect-error an expression is not a step handle
      flow.compose("Wrong handle", 1, { after: alert.body });
      // @ts-expect-error comparing severity with a value it can never have
      flow.compose("Wrong literal", equals(alert.body.severity, "Hgh"));
      flow.compose("Right", equals(alert.body.severity, "High"));
    },
  });
}

describe("type safety", () => {
  it("the misuse fixture fails to compile exactly on its marked lines", () => {
    const fixture = path.join(REPO, "tests/fixtures/type-errors/misuse.ts");
    const config = ts.readConfigFile(path.join(REPO, "tsconfig.json"), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
    const program = ts.createProgram([fixture], { ...parsed.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === fixture);
    const found = new Map<number, number[]>();
    for (const d of diagnostics) {
      const line = d.file!.getLineAndCharacterOfPosition(d.start!).line + 1;
      found.set(line, [...(found.get(line) ?? []), d.code]);
    }
    const expected = new Map<number, number>();
    fs.readFileSync(fixture, "utf8")
      .split("\n")
      .forEach((text, i) => {
        const m = /\/\/ EXPECT TS(\d+)/.exec(text);
        if (m) expected.set(i + 1, Number(m[1]));
      });
    expect(expected.size).toBe(7);
    for (const [line, code] of expected) {
      expect(found.get(line), `line ${line} should fail with TS${code}`).toContain(code);
    }
    // Nothing else in the fixture fails: the correct lines compile.
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
  }, 60_000);
});
