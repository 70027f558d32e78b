import { describe, expect, it } from "vitest";
import { ast, ExpressionSyntaxError, isExpressionString, parseExpression, parseTemplate, printExpression, printTemplate } from "../../wdl";

describe("parseTemplate classifies JSON string values", () => {
  it("reads plain text as a literal", () => {
    expect(parseTemplate("hello")).toEqual({ kind: "literal", text: "hello" });
    expect(parseTemplate("user@example.com")).toEqual({ kind: "literal", text: "user@example.com" });
  });
  it("reads @@ at the start as an escaped @", () => {
    expect(parseTemplate("@@mention")).toEqual({ kind: "literal", text: "@mention" });
    expect(parseTemplate("@@{not an expression}")).toEqual({ kind: "literal", text: "@{not an expression}" });
  });
  it("reads @expr as a typed expression", () => {
    expect(parseTemplate("@triggerBody()?['id']")).toEqual({
      kind: "expression",
      expr: ast.index(ast.call("triggerBody"), ast.str("id"), true),
    });
  });
  it("reads @{…} inside text as interpolation, with @@{ as a literal", () => {
    expect(parseTemplate("Alert @{body('Get_alert')?['id']} and @@{x}")).toEqual({
      kind: "interpolation",
      parts: ["Alert ", ast.index(ast.call("body", ast.str("Get_alert")), ast.str("id"), true), " and @{x}"],
    });
  });
  it("finds the closing brace after string literals that contain braces", () => {
    expect(parseTemplate("@{concat('}', '{')}!")).toEqual({ kind: "interpolation", parts: [ast.call("concat", ast.str("}"), ast.str("{")), "!"] });
  });
  it("reads doubled quotes inside literals", () => {
    expect(parseExpression("concat('it''s', '')")).toEqual(ast.call("concat", ast.str("it's"), ast.str("")));
  });
  it("reads numbers as int or float", () => {
    expect(parseExpression("add(-1, 2.5)")).toEqual(ast.call("add", ast.int(-1), ast.float(2.5)));
    expect(parseExpression("add(1e3, +4)")).toEqual(ast.call("add", ast.float(1000), ast.int(4)));
  });
  it("reads true, false, null and dotted and indexed accessors", () => {
    expect(parseExpression("if(true, false, null)")).toEqual(ast.call("if", ast.bool(true), ast.bool(false), ast.null()));
    expect(parseExpression("body('A').x?.y[0]")).toEqual(
      ast.index(ast.member(ast.member(ast.call("body", ast.str("A")), "x"), "y", true), ast.int(0)),
    );
  });
  it("allows whitespace between tokens", () => {
    expect(parseExpression(" equals ( variables( 'a' ) ,  1 ) ")).toEqual(ast.call("equals", ast.call("variables", ast.str("a")), ast.int(1)));
  });
});

describe("parse errors carry the offset and a readable message", () => {
  const cases: [string, number, RegExp][] = [
    ["@concat('a'", 11, /Expected ',' or '\)'/],
    ["@concat('a", 8, /Unterminated string literal/],
    ["@ ", 0, /Empty expression/],
    ["x @{}", 2, /Empty '@\{\}'/],
    ["x @{concat('a')", 2, /Unterminated '@\{'/],
    ["@body", 5, /Expected '\(' after the function name 'body'/],
    ["@concat(\"a\")", 8, /single quotes/],
    ["@body('a') extra", 11, /after the end of the expression/],
    ["@body('a')?", 11, /Expected '.' or '\['/],
    ["@items('x')[0", 13, /Expected '\]'/],
  ];
  for (const [text, offset, message] of cases) {
    it(`${JSON.stringify(text)} fails at ${offset}`, () => {
      let error: unknown;
      try {
        parseTemplate(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExpressionSyntaxError);
      expect((error as ExpressionSyntaxError).offset).toBe(offset);
      expect((error as ExpressionSyntaxError).message).toMatch(message);
    });
  }
});

describe("the one-character string '@'", () => {
  it("is a literal, not an empty expression (the service reads only 2+ characters starting with '@' as expressions)", () => {
    expect(isExpressionString("@")).toBe(false);
    expect(parseTemplate("@")).toEqual({ kind: "literal", text: "@" });
    expect(isExpressionString("@@")).toBe(false);
    expect(isExpressionString("@x")).toBe(true);
    // It still round-trips through the printer (which writes the escape '@@').
    expect(parseTemplate(printTemplate(parseTemplate("@")))).toEqual({ kind: "literal", text: "@" });
  });
});

describe("printing", () => {
  it("escapes literal text so it stays literal", () => {
    expect(printTemplate({ kind: "literal", text: "@home" })).toBe("@@home");
    expect(printTemplate({ kind: "literal", text: "a @{b}" })).toBe("a @@{b}");
    expect(parseTemplate(printTemplate({ kind: "literal", text: "@{x} and @{y}" }))).toEqual({ kind: "literal", text: "@{x} and @{y}" });
  });
  it("keeps an interpolation whose text starts or ends with @ semantically intact", () => {
    const printed = printTemplate({ kind: "interpolation", parts: ["@a ", ast.call("utcNow"), " b@", ast.call("guid")] });
    expect(printed).toBe("@{'@'}a @{utcNow()} b@{'@'}@{guid()}");
    const parsed = parseTemplate(printed);
    expect(parsed.kind).toBe("interpolation");
  });
  it("prints floats so they read back as floats", () => {
    expect(printExpression(ast.float(2))).toBe("2.0");
    expect(parseExpression(printExpression(ast.float(2)))).toEqual(ast.float(2));
  });
  it("classifies expression strings as the validators do", () => {
    expect(isExpressionString("@x()")).toBe(true);
    expect(isExpressionString("@@x")).toBe(false);
    expect(isExpressionString("a @{x()}")).toBe(true);
    expect(isExpressionString("mail@x.com")).toBe(false);
  });
});
