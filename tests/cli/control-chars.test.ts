/**
 * Control characters in human-readable output (issue 15, item 11): a definition, a config file or a server must
 * not be able to drive the terminal (ESC, BEL, CR) or start a line a CI runner reads as a command (`::error::`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { escapeControl, escapeControlLines, UserError } from "../../errors";
import { formatRunsText } from "../../ops/runs";
import { formatStatusText } from "../../ops/status";
import { formatRemoteValidation } from "../../ops/remote-validate";
import { ConfigError } from "../../playbooks/env";
import { ProjectError } from "../../project/errors";
import { formatTable } from "../../report/text";
import { runReport } from "../../report";
import { formatDiffMarkdown } from "../../review/format-markdown";
import { formatDiffText } from "../../review/format-text";
import type { DiffReport } from "../../review/diff";
import { verifyText, type VerifyResult } from "../../verifier";
import { runCli, tempDir } from "../support/cli";

const HOSTILE_NAME = "x\u001b[2J::error::forged";
const HOSTILE_TEXT = "boom\u001b[31m\u0007\n::error::forged\r::warning::over\u2028::error::sep\u009b2J";

/** No raw control character, and no line that starts a GitHub workflow command. */
function expectInert(output: string): void {
  expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(output).not.toMatch(/^\s*::(error|warning)::/m);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function definition(actions: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
    contentVersion: "1.0.0.0",
    triggers: { manual: { type: "Request", kind: "Http", inputs: { schema: {} } } },
    actions,
  };
}

const terminate = { type: "Terminate", inputs: { runStatus: "Failed", runError: { code: "Bad\u0007Code", message: HOSTILE_TEXT } }, runAfter: {} };

describe("escapeControl", () => {
  it("writes every control character as an escape and leaves other text alone", () => {
    expect(escapeControl("a\nb\rc\td\u0007e\u001bf\u007fg\u009bh\u2028i\u2029j\u202ek")).toBe("a\\nb\\rc\\td\\u0007e\\u001bf\\u007fg\\u009bh\\u2028i\\u2029j\\u202ek");
    expect(escapeControl("Get alert → Isolate — ok ü 日本")).toBe("Get alert → Isolate — ok ü 日本");
    expect(escapeControlLines("one\u001b\ntwo\r")).toBe("one\\u001b\ntwo\\r");
  });
});

describe("the CLI's text output", () => {
  it("validate --format text escapes action names and file names; --format json stays exact", () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "bad\u001b[2J.json");
    fs.writeFileSync(file, JSON.stringify(definition({ [HOSTILE_NAME]: { type: "Compose", inputs: "a", runAfter: {} }, "y\n::error::forged2": { type: "Compose", inputs: "b", runAfter: {} } }), null, 2));
    const text = runCli(["validate", file]);
    expect(text.code).toBe(1);
    expectInert(text.stdout);
    expect(text.stdout).toContain("bad\\u001b[2J.json");
    const json = runCli(["validate", "--format", "json", file]);
    const parsed = JSON.parse(json.stdout);
    expect(JSON.stringify(parsed)).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
  });

  it("simulate --format text escapes a run error from the definition; --format json keeps it exact", () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "terminate.json");
    const trigger = path.join(dir, "trigger.json");
    fs.writeFileSync(file, JSON.stringify(definition({ Stop: terminate })));
    fs.writeFileSync(trigger, JSON.stringify({ body: {} }));
    const text = runCli(["simulate", file, "--trigger", trigger]);
    expect(text.code, text.stderr).toBe(1);
    expectInert(text.stdout);
    expect(text.stdout).toContain("boom\\u001b[31m\\u0007\\n::error::forged\\r::warning::over\\u2028::error::sep\\u009b2J");
    const json = runCli(["simulate", file, "--trigger", trigger, "--format", "json"]);
    expect(JSON.parse(json.stdout).error.message).toBe(HOSTILE_TEXT);
  });

  it("simulate's refusal of an unsavable definition escapes the names it quotes", () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "names.json");
    const trigger = path.join(dir, "trigger.json");
    fs.writeFileSync(file, JSON.stringify(definition({ "y\n::error::forged": { type: "Compose", inputs: "b", runAfter: { "z\u001b[2J\n::error::missing": [] } } })));
    fs.writeFileSync(trigger, JSON.stringify({ body: {} }));
    const r = runCli(["simulate", file, "--trigger", trigger]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^playbook-kit: /);
    expectInert(r.stderr);
  });

  it("graph writes no raw control character into the Mermaid text", () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, "graph.json");
    fs.writeFileSync(file, JSON.stringify(definition({ [HOSTILE_NAME]: { type: "Compose", inputs: "a", runAfter: {} } })));
    const r = runCli(["graph", file]);
    expect(r.code, r.stderr).toBe(0);
    expectInert(r.stdout);
    expect(r.stdout).toContain("x\\u001b[2J::error::forged");
  });

  it("a usage error quoting a hostile value is printed escaped", () => {
    const r = runCli(["simulate", "tests/golden/isolate-on-high-severity.definition.json", "--now", "x\u001b[2J\n::error::forged"]);
    expect(r.code).toBe(2);
    expectInert(r.stderr);
    expect(r.stderr).toContain("x\\u001b[2J");
  });
});

describe("the library's text formatters", () => {
  it("status and runs text escape server-supplied names and messages", () => {
    const status = formatStatusText(
      [{ playbook: "p", workflow: HOSTILE_NAME, status: "drifted", differences: [{ pointer: "/actions/a\n::error::p", kind: "changed", expected: "a", deployed: HOSTILE_TEXT }] }],
      { env: "dev", resourceGroup: "rg\u001b]0;title\u0007" },
    );
    expectInert(status);
    const runs = formatRunsText([
      { workflow: HOSTILE_NAME, runs: [{ name: "r\u001b[1m", status: "Failed\r::error::s", startTime: "2024-01-01T00:00:00Z", durationSeconds: 1, error: { code: "E\u0007", message: HOSTILE_TEXT }, failedAction: { action: HOSTILE_NAME, status: "Failed", code: "C", message: HOSTILE_TEXT }, otherFailedActions: ["o\n::error::x"] }] },
    ] as Parameters<typeof formatRunsText>[0]);
    expectInert(runs);
    expectInert(formatRemoteValidation([{ playbook: HOSTILE_NAME, workflow: "w", valid: false, code: "C\u001b", message: HOSTILE_TEXT }] as Parameters<typeof formatRemoteValidation>[0], "westeurope"));
  });

  it("verify text escapes violation messages and paths", () => {
    const result = {
      name: "p\u001b[2J",
      runs: 1,
      paths: 1,
      pruned: 0,
      complete: true,
      mode: "enforce",
      properties: ["prop"],
      coverage: { actions: { reached: 1, total: 1 }, branches: { taken: 0, total: 0 } },
      violations: [{ property: "prop", message: HOSTILE_TEXT, path: [HOSTILE_NAME, "b\n::error::x"], scenario: {} }],
      ok: false,
      codes: ["prop"],
    } as unknown as VerifyResult;
    const text = verifyText([result]);
    expectInert(text);
    expect(text).toContain("x\\u001b[2J::error::forged");
  });

  it("diff text and markdown escape step names and changed values", () => {
    const report: DiffReport = {
      base: "main\u001b[2J",
      head: "HEAD\n::error::h",
      playbooks: [
        {
          name: "p\r::error::n",
          change: "changed",
          steps: { added: [HOSTILE_NAME], removed: ["r\n::error::x"], changed: [{ name: "c\u0007", fields: [{ pointer: "/inputs", before: "a", after: HOSTILE_TEXT }] }], moved: [] },
          permissions: { added: [], removed: [] },
          parameters: { added: [], removed: [], changed: [] },
          trigger: { name: "manual", fields: [] },
          destructive: { added: [], removed: [] },
          definition: [],
        },
      ],
    };
    expectInert(formatDiffText(report));
    expectInert(formatDiffMarkdown(report));
  });

  it("report lines, tables and config/project errors are escaped", async () => {
    expectInert(formatTable([["name", "status"], [HOSTILE_NAME, HOSTILE_TEXT]]));
    const lines: string[] = [];
    const context = { env: "dev\u001b", plan: {} as never, outDir: "out", width: 120 };
    await runReport(context, [{ id: "x", run: () => ({ title: HOSTILE_NAME, lines: [HOSTILE_TEXT], ok: true }) }], (l) => lines.push(l));
    expectInert(lines.join("\n"));
    expectInert(new ConfigError([{ path: "playbook-kit:tags.a\n::error::x", message: HOSTILE_TEXT }], "Pulumi.dev.yaml").message);
    expectInert(new ProjectError([{ file: "/p/x\u001b.ts", line: 1, column: 1, code: "playbook-load", message: HOSTILE_TEXT }]).message);
    expect(new UserError("a").exitCode).toBe(2);
  });
});
