/** `playbook-kit eval`, spawned as `node lib/cli/main.js` (npm test builds lib/ first; built here if missing). */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, REPO } from "../support/paths";

const EVAL_MODULE = path.join(REPO, "lib/cli/commands/eval.js");

beforeAll(() => {
  if (!fs.existsSync(EVAL_MODULE)) {
    // tsc emits even when files outside this area have type errors; its exit code is not ours to judge.
    spawnSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: REPO, stdio: "ignore" });
  }
  expect(fs.existsSync(EVAL_MODULE)).toBe(true);
}, 240_000);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pbk-eval-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);

describe("playbook-kit eval", () => {
  it("prints one JSON line with the value and exits 0", () => {
    const r = cli("eval", "@concat('a', 'b')");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"value":"ab"}\n');
  });
  it("accepts an expression without the leading @", () => {
    expect(lines(cli("eval", "add(1, 2)").stdout)).toEqual([{ value: 3 }]);
  });
  it("keeps typed values and interpolates strings", () => {
    expect(lines(cli("eval", "@createArray(1, 'x', true, null)").stdout)).toEqual([{ value: [1, "x", true, null] }]);
    expect(lines(cli("eval", "n=@{add(1, 2)} ok=@{true}").stdout)).toEqual([{ value: "n=3 ok=True" }]);
  });
  it("reads variables, parameters and now from --context", () => {
    const file = tempFile(
      "context.json",
      JSON.stringify({ variables: { count: 41 }, parameters: { severity: "High" }, now: "2020-02-29T12:00:00Z" }),
    );
    const r = cli("eval", "@concat(string(add(variables('count'), 1)), ' ', parameters('severity'), ' ', utcNow('yyyy-MM-dd'))", "--context", file);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([{ value: "42 High 2020-02-29" }]);
  });
  it("prints an error line with code and message and exits 1", () => {
    const r = cli("eval", "@toLower(1)");
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      { error: { code: "InvalidArgument", message: "The template language function 'toLower' expects its parameter to be a string. The provided value is of type 'Integer'." } },
    ]);
    expect(r.stderr).toBe("");
  });
  it("reports syntax errors as InvalidTemplate", () => {
    const r = cli("eval", "@concat('a'");
    expect(r.code).toBe(1);
    expect((lines(r.stdout)[0] as { error: { code: string } }).error.code).toBe("InvalidTemplate");
  });
  it("evaluates a batch: one line per entry, exit 1 when one failed", () => {
    const file = tempFile(
      "batch.json",
      JSON.stringify([
        { expression: "@add(variables('x'), 1)", context: { variables: { x: 41 } } },
        { expression: "@utcNow()", context: { now: "2021-01-01T00:00:00Z" } },
        { expression: "@parameters('missing')", context: {} },
        { expression: "@formatDateTime('2018-01-01T08:00:00Z', 'D')" },
      ]),
    );
    const r = cli("eval", "--batch", file);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      { value: 42 },
      { value: "2021-01-01T00:00:00.0000000Z" },
      { error: { code: "ParameterNotFound", message: "The workflow parameter 'missing' is not found." } },
      { value: "Monday, January 1, 2018" },
    ]);
  });
  it("exits 0 when every batch entry evaluates", () => {
    const file = tempFile("ok.json", JSON.stringify([{ expression: "@true", context: {} }, { expression: "@{'plain'} text" }]));
    const r = cli("eval", "--batch", file);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([{ value: true }, { value: "plain text" }]);
  });
  it("a context 'now' without an offset is UTC, whatever the host's time zone", () => {
    const context = tempFile("local.json", JSON.stringify({ now: "2024-05-01T10:00:00" }));
    for (const TZ of ["UTC", "America/New_York"]) {
      const r = spawnSync(process.execPath, [CLI, "eval", "@utcNow()", "--context", context], { cwd: REPO, encoding: "utf8", env: { ...process.env, TZ } });
      expect(lines(r.stdout)).toEqual([{ value: "2024-05-01T10:00:00.0000000Z" }]);
    }
  });
  describe("usage errors exit 2 with a message and no stack trace", () => {
    const usage = (r: ReturnType<typeof cli>, part: string) => {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(part);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    };
    it("no expression", () => usage(cli("eval"), "eval needs an expression"));
    it("unreadable batch file", () => usage(cli("eval", "--batch", path.join(os.tmpdir(), "does-not-exist-pbk.json")), "does not exist"));
    it("bad JSON", () => usage(cli("eval", "--batch", tempFile("bad.json", "[{")), "is not valid JSON"));
    it("batch not an array", () => usage(cli("eval", "--batch", tempFile("obj.json", "{}")), "JSON array"));
    it("entry without expression", () => usage(cli("eval", "--batch", tempFile("noexpr.json", '[{"context": {}}]')), "batch entry 0"));
    it("bad context file", () => usage(cli("eval", "@true", "--context", tempFile("ctx.json", '{"variables": 3}')), "'variables' must be a JSON object"));
    it("invalid now", () => usage(cli("eval", "@utcNow()", "--context", tempFile("now.json", '{"now": "yesterday"}')), "'now' must be an ISO 8601 timestamp"));
    it("unknown context member", () => usage(cli("eval", "@true", "--context", tempFile("extra.json", '{"varables": {}}')), "unknown member 'varables'"));
    it("expression and --batch together", () => usage(cli("eval", "@true", "--batch", tempFile("b.json", "[]")), "not both"));
  });
  it("evaluating a plain expression loads none of the heavy libraries", () => {
    const script = `
      const { evaluateString, createStaticContext } = require(${JSON.stringify(path.join(REPO, "lib/simulator/expression/evaluate.js"))});
      evaluateString("@concat(triggerBody()?['a'], formatDateTime('2018-01-01', 'D'), formatNumber(1, 'N'))", createStaticContext({ trigger: { outputs: { body: { a: 'x' } } } }));
      const heavy = Object.keys(require.cache).filter((k) => /node_modules[\\\\/](luxon|@xmldom|xpath|windows-iana)[\\\\/]/.test(k));
      process.stdout.write(JSON.stringify(heavy));`;
    expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([]);
  });
});
