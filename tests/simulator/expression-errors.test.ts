/** Error cases: each fails with an EvaluationError, a stable code and a message in the service's words. */
import { describe, expect, it } from "vitest";
import { EvaluationError, createStaticContext, evaluateString, type StaticContextInput } from "../../simulator/expression/evaluate";
import { FUNCTIONS } from "../../wdl/functions";
import { FUNCTION_TABLE } from "../../simulator/expression/functions";

const input: StaticContextInput = {
  parameters: { p: 1 },
  variables: { v: "x" },
  trigger: { outputs: { body: {} } },
  actions: { Skipped_one: { status: "Skipped" }, Done: { outputs: { body: { a: 1 } } } },
};
const ctx = createStaticContext(input);
// An engine-like context where an action is declared but has not run yet.
const declared = { ...ctx, hasAction: (name: string) => name === "Later" || ctx.hasAction(name) };

type Case = [expression: string, code: string, messagePart?: string];

const cases: Case[] = [
  ["@foo(1)", "UnknownFunction", "The template language function 'foo' is not defined or not valid."],
  ["@concat()", "InvalidArity", "expects at least 1 parameter, but 0 were provided"],
  ["@toLower('a', 'b')", "InvalidArity", "expects 1 parameter, but 2 were provided"],
  ["@substring('abc')", "InvalidArity", "expects 2 to 3 parameters"],
  ["@utcNow('o', 'x')", "InvalidArity"],
  ["@toLower(1)", "InvalidArgument", "expects its parameter to be a string. The provided value is of type 'Integer'."],
  ["@toUpper(null)", "InvalidArgument", "The provided value is of type 'Null'."],
  ["@substring(1, 0)", "InvalidArgument", "expects its first parameter to be a string"],
  ["@substring('abc', 'x')", "InvalidArgument", "expects its second parameter to be an integer"],
  ["@substring('hello', 2, 10)", "InvalidArgument", "out of range"],
  ["@substring('hello', 6)", "InvalidArgument"],
  ["@add('1', 2)", "InvalidArgument", "expects its first parameter to be an integer or a decimal number"],
  ["@div(1, 0)", "DivideByZero"],
  ["@mod(1.5, 0)", "DivideByZero"],
  ["@greater(1, 'a')", "InvalidArgument", "matching types"],
  ["@length(5)", "InvalidArgument"],
  ["@length(null)", "InvalidArgument"],
  ["@first(5)", "InvalidArgument"],
  ["@contains(null, 'a')", "InvalidArgument", "a dictionary, an array or a string"],
  ["@join('abc', ',')", "InvalidArgument", "to be an array"],
  ["@and(1, true)", "InvalidArgument", "to be a boolean"],
  ["@if('maybe', 1, 2)", "InvalidArgument"],
  ["@int('ten')", "InvalidArgument", "cannot be converted to the target type 'Int64'"],
  ["@int('1.5')", "InvalidArgument"],
  ["@float('abc')", "InvalidArgument", "'Double'"],
  ["@bool('yes')", "InvalidArgument", "'Boolean'"],
  ["@json('{not json')", "InvalidArgument", "cannot be parsed"],
  ["@base64ToString('not base64!')", "InvalidArgument", "base64"],
  ["@dataUriToString('hello')", "InvalidArgument", "data URI"],
  ["@xml('<a><b></a>')", "InvalidArgument", "cannot be parsed as XML"],
  ["@xml(json('{\"a\": 1, \"b\": 2}'))", "InvalidArgument", "single property"],
  ["@xpath('<a/>', '///')", "InvalidArgument", "XPath"],
  ["@xpath(5, '/a')", "InvalidArgument"],
  ["@addProperty(json('{\"a\": 1}'), 'a', 2)", "InvalidArgument", "already has it"],
  ["@setProperty('x', 'a', 1)", "InvalidArgument", "to be an object"],
  ["@range(1, -1)", "InvalidArgument"],
  ["@rand(5, 1)", "InvalidArgument"],
  ["@skip(createArray(1), -1)", "InvalidArgument"],
  ["@chunk('abc', 0)", "InvalidArgument"],
  ["@nthIndexOf('abc', 'a', 0)", "InvalidArgument"],
  ["@replace('abc', '', 'x')", "InvalidArgument"],
  ["@sort(createArray(1, 'a'))", "InvalidArgument", "one simple type"],
  ["@formatDateTime('not a date')", "InvalidArgument", "The datetime string must match ISO 8601 format."],
  ["@formatDateTime('2018-02-30T00:00:00Z')", "InvalidArgument"],
  ["@formatDateTime('2018-01-01', 'q')", "InvalidArgument", "standard format specifier"],
  ["@formatDateTime('2018-01-01', 'ffffffff')", "InvalidArgument"],
  ["@formatDateTime('2018-01-01', 'yyyy', 'xx-notalocale-0')", "InvalidArgument", "locale"],
  ["@addToTime('2018-01-01', 1, 'Fortnight')", "InvalidArgument", "time unit"],
  ["@addDays('9999-12-31T00:00:00Z', 1)", "InvalidArgument", "range"],
  ["@parseDateTime('2019-05-21', 'fr-fr', 'ddMMyyyy')", "InvalidArgument", "does not match"],
  ["@convertFromUtc('2018-01-01T00:00:00Z', 'Mars Standard Time')", "InvalidArgument", "not a valid Windows time zone name"],
  ["@convertFromUtc('2018-01-01T00:00:00Z', 'Europe/Berlin')", "InvalidArgument", "not an IANA name"],
  ["@convertToUtc('2018-03-25T02:30:00', 'W. Europe Standard Time')", "InvalidArgument", "does not exist"],
  ["@formatNumber('12', 'N')", "InvalidArgument"],
  ["@formatNumber(1.5, 'D')", "InvalidArgument", "only to integers"],
  ["@formatNumber(1, 'N', 'nope-nope-nope')", "InvalidArgument", "locale"],
  ["@uriHost('not a uri')", "InvalidArgument", "not an absolute URI"],
  ["@guid('Z')", "InvalidArgument"],
  ["@parameters('missing')", "ParameterNotFound", "The workflow parameter 'missing' is not found."],
  ["@variables('missing')", "VariableNotFound"],
  ["@body('Nope')", "ActionNotFound", "not defined in the workflow"],
  ["@outputs('Skipped_one')", "ActionSkipped", "skipped"],
  ["@result('Nope')", "ActionNotFound"],
  ["@items('Loop')", "NotInLoop", "Loop"],
  ["@item()", "NotInLoop"],
  ["@iterationIndexes('Until')", "NotInLoop"],
  ["@action()", "NotSupported"],
  ["@appsetting('x')", "NotSupported", "Standard"],
  ["@multipartBody('Done', 0)", "InvalidArgument", "multipart"],
];

describe("error cases", () => {
  it.each(cases)("%s fails with %s", (expression, code, part) => {
    let caught: unknown;
    try {
      evaluateString(expression, ctx);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EvaluationError);
    expect((caught as EvaluationError).code).toBe(code);
    expect((caught as EvaluationError).serviceCode).toBe("InvalidTemplate");
    if (part) expect((caught as EvaluationError).message).toContain(part);
  });
  it("an action declared but not run yet fails with ActionNotRun", () => {
    expect(() => evaluateString("@body('Later')", declared)).toThrow(expect.objectContaining({ code: "ActionNotRun" }));
  });
  it("actions() of a skipped action still returns its record", () => {
    expect(evaluateString("@actions('Skipped_one')['status']", ctx)).toBe("Skipped");
  });
  it("if() and coalesce() do not evaluate the branch they do not take", () => {
    expect(evaluateString("@if(true, 'ok', body('Nope'))", ctx)).toBe("ok");
    expect(evaluateString("@coalesce('first', body('Nope'))", ctx)).toBe("first");
    expect(evaluateString("@and(false, variables('missing'))", ctx)).toBe(false);
    expect(evaluateString("@or(true, variables('missing'))", ctx)).toBe(true);
  });
  it("every catalogued function has an implementation", () => {
    const missing = FUNCTIONS.filter((f) => !(f.name in FUNCTION_TABLE)).map((f) => f.name);
    expect(missing).toEqual([]);
    expect(Object.keys(FUNCTION_TABLE).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });
});
