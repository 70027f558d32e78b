/**
 * Deep nesting ends in a clear error, never a RangeError from the library nor a stack trace from the CLI
 * (simulate, eval, graph and every other command reading JSON files): an
 * expression nested 2,000 deep, 100,000 chained accessors, 100,000-deep JSON, 10,000 nested Scopes.
 * Expressions nest at most 256 levels (MAX_EXPRESSION_DEPTH) and JSON values 256 levels (MAX_JSON_DEPTH).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { createStaticContext, EvaluationError, evaluateString } from "../../simulator/expression/evaluate";
import { MAX_JSON_DEPTH } from "../../wdl/depth";
import { MAX_EXPRESSION_DEPTH, parseTemplate } from "../../wdl/expression/parser";
import { runCli, tempDir } from "../support/cli";

const TRIGGER = '{"manual":{"type":"Request","kind":"Http"}}';
/** Definition JSON text with one Compose whose inputs are `inputs` (JSON text). */
const composeText = (inputs: string) => `{"triggers":${TRIGGER},"actions":{"C":{"type":"Compose","runAfter":{},"inputs":${inputs}}}}`;
const deepCall = "@" + "concat(".repeat(2000) + "'x'" + ")".repeat(2000);
const deepAccessors = "@triggerBody()" + "?['a']".repeat(100_000);
const deepArray = "[".repeat(100_000) + "]".repeat(100_000);
function nestedScopes(n: number): string {
  let s = '{"Innermost":{"type":"Compose","inputs":"x","runAfter":{}}}';
  for (let i = n; i >= 1; i--) s = `{"S${i}":{"type":"Scope","runAfter":{},"actions":${s}}}`;
  return `{"triggers":${TRIGGER},"actions":${s}}`;
}

describe("deep nesting", () => {
  it("the expression parser stops past 256 levels with a syntax error (calls and accessors alike)", () => {
    expect(() => parseTemplate(deepCall)).toThrow(new RegExp(`more than ${MAX_EXPRESSION_DEPTH} levels`));
    expect(() => parseTemplate(deepAccessors)).toThrow(/more than 256 levels/);
    const ok = "@" + "concat(".repeat(MAX_EXPRESSION_DEPTH - 1) + "'x'" + ")".repeat(MAX_EXPRESSION_DEPTH - 1);
    expect(evaluateString(ok, createStaticContext({}))).toBe("x");
  });

  it("simulate: a too-deep expression fails its action (InvalidTemplate), the run ends", () => {
    for (const inputs of [deepCall, deepAccessors]) {
      const run = simulate(JSON.parse(composeText(JSON.stringify(inputs))), { trigger: { body: {} } });
      expect(run.action("C").status).toBe("Failed");
      expect(run.action("C").error!.message).toMatch(/more than 256 levels/);
    }
  });

  it("simulate: 100,000-deep JSON and 10,000 nested Scopes are a SimulationError naming the place", () => {
    for (const text of [composeText(deepArray), nestedScopes(10_000)]) {
      let caught: unknown;
      try {
        simulate(JSON.parse(text));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SimulationError);
      expect((caught as Error).message).toMatch(new RegExp(`more than ${MAX_JSON_DEPTH} levels.*at /actions/`));
    }
  });

  it("simulate: a deep trigger body or mock body is refused before the run; a value made deep at run time fails its action", () => {
    const ok = JSON.parse(composeText('"@triggerBody()"'));
    expect(() => simulate(ok, { trigger: { body: JSON.parse(deepArray) } })).toThrow(/trigger.*more than 256 levels/);
    const madeDeep = simulate(JSON.parse(composeText(JSON.stringify("@json(triggerBody())"))), { trigger: { body: deepArray } });
    expect(madeDeep.action("C").status).toBe("Failed");
    expect(madeDeep.action("C").error!.code).toBe("LimitExceeded");
    expect(() => JSON.stringify(madeDeep)).not.toThrow();
  });

  it("eval: a deep value made inside one expression is an EvaluationError", () => {
    const ctx = createStaticContext({ parameters: { deep: deepArray } });
    let caught: unknown;
    try {
      evaluateString("@string(json(parameters('deep')))", ctx);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EvaluationError);
    expect((caught as EvaluationError).code).toBe("LimitExceeded");
  });

  it("the CLI: simulate exits 2 and eval exits 1 with a sentence, no stack trace", () => {
    const dir = tempDir();
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const trigger = write("t.json", '{"body":{}}');
    for (const text of [composeText(deepArray), nestedScopes(10_000)]) {
      const r = runCli(["simulate", write("d.json", text), "--trigger", trigger]);
      expect(r.stderr).not.toMatch(/RangeError|    at /);
      expect(r.stderr).toMatch(/more than 256 levels/);
      expect(r.code).toBe(2);
      const graph = runCli(["graph", path.join(dir, "d.json")]);
      expect(graph.stderr).toMatch(/^playbook-kit: the workflow file .* nests more than 256 levels/);
      expect(graph.code).toBe(2);
    }
    const deep = runCli(["simulate", write("e.json", composeText(JSON.stringify(deepCall))), "--trigger", trigger]);
    expect(deep.stderr).not.toMatch(/RangeError|    at /);
    expect(deep.code).toBe(1);
    const e = runCli(["eval", deepCall]);
    expect(e.code).toBe(1);
    expect(JSON.parse(e.stdout).error.message).toMatch(/more than 256 levels/);
    const context = runCli(["eval", "@parameters('d')", "--context", write("c.json", `{"parameters":{"d":${deepArray}}}`)]);
    expect(context.stderr).toMatch(/^playbook-kit: the context file .* nests more than 256 levels .*at \/parameters\/d/);
    expect(context.code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
