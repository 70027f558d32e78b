/**
 * validate on deeply nested input: the too-deep part is reported as `json-too-deep` (JSON past 256 levels) or
 * `expression-syntax` (expressions past 256 levels), and every other finding is still reported — no
 * `internal-error` hiding them.
 */
import { describe, expect, it } from "vitest";
import { validateText } from "../../validators";

const TRIGGER = '{"manual":{"type":"Request","kind":"Http"}}';
/** A definition with the given extra action text, plus an action that uses an undeclared variable. */
const withUndeclared = (actions: string) => `{"triggers":${TRIGGER},"actions":{${actions},"U":{"type":"Compose","runAfter":{},"inputs":"@variables('nope')"}}}`;
const codes = (text: string) => validateText(text).report.workflows.flatMap((w) => w.diagnostics).map((d) => d.code);

describe("deep nesting in validate", () => {
  it("100,000-deep JSON: json-too-deep at its place, the other findings still there", () => {
    const text = withUndeclared(`"C":{"type":"Compose","runAfter":{},"inputs":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const report = validateText(text).report;
    const diagnostics = report.workflows.flatMap((w) => w.diagnostics);
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["json-too-deep", "variable-undeclared"]));
    expect(diagnostics.map((d) => d.code)).not.toContain("internal-error");
    const deep = diagnostics.find((d) => d.code === "json-too-deep")!;
    expect(deep.pointer).toMatch(/^\/actions\/C\/inputs(\/0)+$/);
    expect(deep.pointer.split("/").length - 1).toBe(256);
  });

  it("10,000 nested Scopes: json-too-deep and nesting-too-deep, the other findings still there", () => {
    let s = '{"Innermost":{"type":"Compose","inputs":"x","runAfter":{}}}';
    for (let i = 10_000; i >= 1; i--) s = `{"S${i}":{"type":"Scope","runAfter":{},"actions":${s}}}`;
    const found = codes(withUndeclared(`"Outer":{"type":"Scope","runAfter":{},"actions":${s}}`));
    expect(found).toEqual(expect.arrayContaining(["json-too-deep", "nesting-too-deep", "variable-undeclared"]));
    expect(found).not.toContain("internal-error");
  });

  it("an expression nested 2,000 deep or with 100,000 chained accessors is an expression-syntax error", () => {
    for (const expr of ["@" + "concat(".repeat(2000) + "'x'" + ")".repeat(2000), "@triggerBody()" + "?['a']".repeat(100_000)]) {
      const report = validateText(withUndeclared(`"C":{"type":"Compose","runAfter":{},"inputs":${JSON.stringify(expr)}}`)).report;
      const diagnostics = report.workflows.flatMap((w) => w.diagnostics);
      expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["expression-syntax", "variable-undeclared"]));
      expect(diagnostics.find((d) => d.code === "expression-syntax")!.message).toMatch(/more than 256 levels/);
      expect(diagnostics.map((d) => d.code)).not.toContain("internal-error");
    }
  });
});
