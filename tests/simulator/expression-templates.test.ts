/** Templates, interpolation, deep values and conditions. */
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../../wdl/expression/parser";
import {
  EvaluationError,
  createStaticContext,
  evaluateCondition,
  evaluateString,
  evaluateTemplate,
  evaluateValue,
} from "../../simulator/expression/evaluate";

const ctx = createStaticContext({
  parameters: { myAge: 42, name: "Sophia", obj: { a: 1, b: [true, null] }, none: null, rate: 2.5 },
  variables: { flag: true, off: false, list: ["x", "y"] },
  trigger: { outputs: { body: { severity: "High", machineId: "m1", count: 3 } } },
});

describe("templates", () => {
  it("returns plain text unchanged", () => {
    expect(evaluateString("hello", ctx)).toBe("hello");
    expect(evaluateString("", ctx)).toBe("");
    expect(evaluateString(" @parameters('myAge')", ctx)).toBe(" @parameters('myAge')");
  });
  it("unescapes @@ at the start and @@{ inside text", () => {
    expect(evaluateString("@@parameters('myAge')", ctx)).toBe("@parameters('myAge')");
    expect(evaluateString("a @@{b} c", ctx)).toBe("a @{b} c");
  });
  it("gives '@expr' its typed value and '@{expr}' a string (the reference's myAge example)", () => {
    expect(evaluateString("@parameters('myAge')", ctx)).toBe(42);
    expect(evaluateString("@{parameters('myAge')}", ctx)).toBe("42");
    expect(evaluateString("@parameters('obj')", ctx)).toEqual({ a: 1, b: [true, null] });
  });
  it("converts values to strings in interpolation", () => {
    expect(evaluateString("Age: @{parameters('myAge')}, rate @{parameters('rate')}", ctx)).toBe("Age: 42, rate 2.5");
    expect(evaluateString("@{variables('flag')}/@{variables('off')}", ctx)).toBe("True/False");
    expect(evaluateString("[@{parameters('none')}]", ctx)).toBe("[]");
    expect(evaluateString("obj=@{parameters('obj')}", ctx)).toBe('obj={"a":1,"b":[true,null]}');
    expect(evaluateString("list=@{variables('list')}", ctx)).toBe('list=["x","y"]');
    expect(evaluateString("@{div(7, 2.0)} @{div(6, 2.0)} @{float('1')}", ctx)).toBe("3.5 3 1");
    expect(evaluateString("bin=@{base64ToBinary('aGVsbG8=')}", ctx)).toBe("bin=hello");
  });
  it("interpolates several expressions and keeps the text between them", () => {
    expect(evaluateString("Machine @{triggerBody()?['machineId']} is @{toLower(triggerBody()?['severity'])}.", ctx)).toBe("Machine m1 is high.");
  });
  it("a quoted '}' inside @{…} does not end the interpolation", () => {
    expect(evaluateString("x@{concat('}', '{')}y", ctx)).toBe("x}{y");
  });
  it("evaluates parsed templates and caches nothing observable", () => {
    const template = parseTemplate("@add(parameters('myAge'), 1)");
    expect(evaluateTemplate(template, ctx)).toBe(43);
    expect(evaluateTemplate(template, ctx)).toBe(43);
    expect(evaluateTemplate(parseTemplate("plain"), ctx)).toBe("plain");
  });
  it("returns the same value when the same string is evaluated twice (parse cache)", () => {
    const s = "@concat(parameters('name'), '!')";
    expect(evaluateString(s, ctx)).toBe("Sophia!");
    expect(evaluateString(s, createStaticContext({ parameters: { name: "Owen" } }))).toBe("Owen!");
  });
  it("reports syntax errors as InvalidTemplate, also when cached", () => {
    for (let i = 0; i < 2; i++) {
      const error = catchError(() => evaluateString("@concat('a'", ctx));
      expect(error.code).toBe("InvalidTemplate");
      expect(error.message).toContain("concat('a'");
    }
  });
  it("function names are case-insensitive", () => {
    expect(evaluateString("@CONCAT('a', 'b')", ctx)).toBe("ab");
    expect(evaluateString("@triggerbody()?['Severity']", ctx)).toBe("High");
    expect(evaluateString("@encodeURIComponent('a b')", ctx)).toBe("a%20b");
  });
});

describe("evaluateValue", () => {
  it("walks objects and arrays, evaluating strings but not keys", () => {
    const input = {
      "@keep": "@parameters('myAge')",
      nested: [{ text: "Severity @{triggerBody()?['severity']}" }, 5, true, null],
      plain: "text",
    };
    expect(evaluateValue(input, ctx)).toEqual({
      "@keep": 42,
      nested: [{ text: "Severity High" }, 5, true, null],
      plain: "text",
    });
  });
  it("never mutates its input and returns new containers", () => {
    const input = { a: ["@parameters('myAge')"], b: { c: "x" } };
    const copy = structuredClone(input);
    const out = evaluateValue(input, ctx) as typeof input;
    expect(input).toEqual(copy);
    expect(out).not.toBe(input);
    expect(out.b).not.toBe(input.b);
  });
});

describe("evaluateCondition", () => {
  it("accepts expression strings and booleans", () => {
    expect(evaluateCondition("@equals(triggerBody()?['severity'], 'High')", ctx)).toBe(true);
    expect(evaluateCondition("@greater(triggerBody()?['count'], 5)", ctx)).toBe(false);
    expect(evaluateCondition(true, ctx)).toBe(true);
  });
  it("accepts the designer's structured form with expression operands", () => {
    expect(evaluateCondition({ and: [{ equals: ["@triggerBody()?['severity']", "High"] }, { greater: ["@triggerBody()?['count']", 2] }] }, ctx)).toBe(true);
    expect(evaluateCondition({ or: [{ equals: ["@triggerBody()?['severity']", "Low"] }, { less: [1, 0] }] }, ctx)).toBe(false);
    expect(evaluateCondition({ not: { equals: ["@variables('flag')", true] } }, ctx)).toBe(false);
    expect(evaluateCondition({ contains: ["@variables('list')", "y"] }, ctx)).toBe(true);
    expect(evaluateCondition({ startsWith: ["@parameters('name')", "soph"] }, ctx)).toBe(true);
    expect(evaluateCondition({ endsWith: ["@parameters('name')", "IA"] }, ctx)).toBe(true);
    expect(evaluateCondition({ greaterOrEquals: ["@parameters('myAge')", 42] }, ctx)).toBe(true);
    expect(evaluateCondition({ lessOrEquals: ["@parameters('myAge')", 41] }, ctx)).toBe(false);
    expect(evaluateCondition({ and: [{ not: { equals: ["@parameters('none')", ""] } }] }, ctx)).toBe(false);
  });
  it("rejects non-boolean results and unknown operators", () => {
    expect(catchError(() => evaluateCondition("@parameters('myAge')", ctx)).code).toBe("InvalidTemplate");
    expect(catchError(() => evaluateCondition({ sameAs: [1, 1] }, ctx)).code).toBe("UnknownFunction");
    expect(catchError(() => evaluateCondition({ and: [], or: [] }, ctx)).code).toBe("InvalidTemplate");
    expect(catchError(() => evaluateCondition(42, ctx)).code).toBe("InvalidTemplate");
  });
});

function catchError(fn: () => unknown): EvaluationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error("expected an EvaluationError");
}
