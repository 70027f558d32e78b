import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExpression, parseTemplate, printExpression, printTemplate, type Expr, type Template } from "../../wdl";

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,11}$/).filter((s) => !["true", "false", "null"].includes(s));
const text = fc.string({ unit: fc.constantFrom("a", "b", " ", "'", "@", "{", "}", "é", "\n", "[", "]", "."), maxLength: 12 });

const expr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text.map((value): Expr => ({ kind: "string", value })),
    fc.integer({ min: -1e9, max: 1e9 }).map((value): Expr => ({ kind: "int", value })),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((v) => !Object.is(v, -0)).map((value): Expr => ({ kind: "float", value })),
    fc.boolean().map((value): Expr => ({ kind: "bool", value })),
    fc.constant<Expr>({ kind: "null" }),
    fc.record({ name: identifier, args: fc.array(tie("expr"), { maxLength: 3 }) }).map(({ name, args }): Expr => ({ kind: "call", name, args })),
    fc.record({ name: identifier, args: fc.array(tie("expr"), { maxLength: 2 }), prop: identifier, safe: fc.boolean() }).map(
      ({ name, args, prop, safe }): Expr => ({ kind: "member", target: { kind: "call", name, args }, name: prop, safe }),
    ),
    fc.record({ name: identifier, index: tie("expr"), safe: fc.boolean() }).map(
      ({ name, index, safe }): Expr => ({ kind: "index", target: { kind: "call", name, args: [] }, index, safe }),
    ),
  ),
})).expr;

// Interpolations in normal form: non-empty texts that do not start the value with "@" nor end with "@" before an expression.
const safeText = text.filter((s) => s.length > 0 && !s.startsWith("@") && !s.endsWith("@"));
const template: fc.Arbitrary<Template> = fc.oneof(
  text.map((t): Template => ({ kind: "literal", text: t })),
  expr.map((e): Template => ({ kind: "expression", expr: e })),
  fc.array(fc.oneof(safeText, expr), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.filter((p, i) => !(typeof p === "string" && typeof parts[i - 1] === "string")))
    .filter((parts) => parts.some((p) => typeof p !== "string"))
    .map((parts): Template => ({ kind: "interpolation", parts })),
);

describe("printer and parser round-trip", () => {
  it("parse(print(expr)) equals expr", () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(parseExpression(printExpression(e))).toEqual(e);
      }),
      { numRuns: 2000 },
    );
  });
  it("parseTemplate(printTemplate(t)) equals t for templates in normal form", () => {
    fc.assert(
      fc.property(template, (t) => {
        expect(parseTemplate(printTemplate(t))).toEqual(t);
      }),
      { numRuns: 2000 },
    );
  });
});
