/**
 * Numeric overflow is an error, not a silent null (issue 15, item 13). Before: mul(1e308, 10), add of two
 * near-max doubles and json('1e999') gave Infinity, printed as null; Int64 overflow gave a number no Int64 holds.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { createStaticContext, EvaluationError, evaluateString } from "../../simulator/expression/evaluate";
import { validate } from "../../validators";
import { compose, def } from "./support";

const ctx = createStaticContext({ parameters: {}, variables: {}, trigger: { outputs: { body: {} } }, actions: {} });

function failure(expression: string): EvaluationError {
  try {
    evaluateString(expression, ctx);
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error(`${expression} did not fail`);
}

describe("numeric overflow", () => {
  it.each([
    ["@mul(1e308, 10)", /'mul' overflowed: mul\(1e\+308, 10\) is outside the range of a double/],
    ["@add(1.7e308, 1.7e308)", /'add' overflowed.*double/],
    ["@sub(-1.7e308, 1.7e308)", /'sub' overflowed.*double/],
    ["@div(1e308, 1e-308)", /'div' overflowed.*double/],
    ["@mul(4611686018427387904, 4)", /'mul' overflowed: mul\(4611686018427387904, 4\) is outside the range of an Int64/],
    ["@add(9223372036854774784, 1024)", /'add' overflowed: add\(9223372036854774784, 1024\).*Int64/],
    ["@sub(-9223372036854774784, 1025)", /'sub' overflowed.*Int64/],
    ["@mul(decimal('79228162514264337593543950335'), 2)", /'mul' overflowed.*decimal/],
  ])("%s is an Overflow error", (expression, message) => {
    const e = failure(expression);
    expect(e.code).toBe("Overflow");
    expect(e.serviceCode).toBe("InvalidTemplate");
    expect(e.message).toMatch(message);
  });

  it("results inside the ranges are unchanged", () => {
    expect(evaluateString("@mul(100000, 100000)", ctx)).toBe(10000000000);
    expect(evaluateString("@string(add(9223372036854774784, 1023))", ctx)).toBe("9223372036854775807"); // Int64.MaxValue itself
    expect(evaluateString("@mul(1e300, 1e8)", ctx)).toBe(1e308);
    expect(evaluateString("@string(add(decimal('1.5'), 2))", ctx)).toBe("3.5");
  });

  it("json('1e999') fails naming the place; a literal 1e999 is a syntax error", () => {
    expect(failure("@json('1e999')")).toMatchObject({ code: "Overflow", message: expect.stringMatching(/outside the range of a double/) });
    expect(failure(`@json('{"a": [1, -1e999]}')`).message).toContain("(at '/a/1')");
    expect(evaluateString("@json('[1e308]')", ctx)).toEqual([1e308]);
    expect(failure("@add(1e999, 1)")).toMatchObject({ code: "InvalidTemplate", message: expect.stringMatching(/The number '1e999' is outside the range of a double/) });
  });

  it("simulate: the action fails with InvalidTemplate instead of putting null in the record", () => {
    const run = simulate(def({ Big: compose("@mul(1e308, 10)"), Json: compose("@json('1e999')") }));
    for (const name of ["Big", "Json"]) {
      const action = run.action(name);
      expect(action.status).toBe("Failed");
      expect(action.error).toMatchObject({ code: "InvalidTemplate", message: expect.stringMatching(/outside the range of a double/) });
    }
  });

  it("validate: a literal 1e999 in an expression is expression-syntax, in the JSON json-number-out-of-range", () => {
    expect(validate(def({ A: compose("@add(1e999, 1)") })).map((d) => d.code)).toEqual(["expression-syntax"]);
    const text = JSON.stringify(def({ A: compose(1) })).replace('"inputs":1', '"inputs":1e999');
    expect(validate(text)).toEqual([expect.objectContaining({ code: "json-number-out-of-range", severity: "error", pointer: "/actions/A/inputs" })]);
  });
});
