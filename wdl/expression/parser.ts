import type { Expr, Template } from "./ast";

/** A syntax error in an expression; `offset` counts UTF-16 units from the start of the JSON string value. */
export class ExpressionSyntaxError extends Error {
  override readonly name = "ExpressionSyntaxError";
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * How deep an expression may nest: function calls, `.name`/`[index]` accessors and parenthesised arguments all
 * count. Past it the parser stops with a syntax error, so no reader of the tree (compiler, evaluator, printer,
 * rules) can overflow the stack. An 8,192-character expression could nest about 4,000 levels; real ones nest
 * a dozen. The service's own bound is UNCONFIRMED.
 */
export const MAX_EXPRESSION_DEPTH = 256;

// Characters that end an identifier (besides whitespace).
const IDENT_STOP = new Set([".", ",", "(", ")", "{", "}", "[", "]", "?", "@", "'", '"']);

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}
function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

/** Recursive-descent parser over one source string; offsets are absolute in that string. */
class Parser {
  pos: number;
  /** Nesting of the node being read. */
  private depth = 0;
  constructor(
    readonly src: string,
    start: number,
  ) {
    this.pos = start;
  }

  fail(message: string, offset = this.pos): never {
    throw new ExpressionSyntaxError(`${message} (at offset ${offset})`, offset);
  }

  skipSpace(): void {
    while (this.pos < this.src.length && isSpace(this.src[this.pos]!)) this.pos++;
  }

  describe(offset: number): string {
    if (offset >= this.src.length) return "the end of the expression";
    return `'${this.src[offset]}'`;
  }

  /** Enter one more level of nesting; past the bound, a syntax error. */
  private deeper(): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      this.fail(`The expression nests more than ${MAX_EXPRESSION_DEPTH} levels (function calls and property or index accessors): split it into Compose actions or variables`);
    }
  }

  expression(): Expr {
    const outer = this.depth;
    try {
      this.deeper();
      return this.value();
    } finally {
      this.depth = outer;
    }
  }

  private value(): Expr {
    this.skipSpace();
    const start = this.pos;
    const ch = this.src[this.pos];
    if (ch === undefined) this.fail("Expected an expression but found the end of the text");
    if (ch === "'") return this.stringLiteral();
    if (ch === '"') this.fail("String literals use single quotes ('text'), not double quotes");
    if (startsNumber(this.src, this.pos)) return this.number();
    if (IDENT_STOP.has(ch)) this.fail(`Expected a value or a function call but found ${this.describe(start)}`);
    const name = this.identifier();
    if (name === "true" || name === "false") return { kind: "bool", value: name === "true" };
    if (name === "null") return { kind: "null" };
    this.skipSpace();
    if (this.src[this.pos] !== "(") {
      this.fail(`Expected '(' after the function name '${name}'; bare words are not values (quote text as '${name}')`, this.pos);
    }
    this.pos++;
    const args: Expr[] = [];
    this.skipSpace();
    if (this.src[this.pos] === ")") {
      this.pos++;
    } else {
      for (;;) {
        args.push(this.expression());
        this.skipSpace();
        const sep = this.src[this.pos];
        if (sep === ",") {
          this.pos++;
          continue;
        }
        if (sep === ")") {
          this.pos++;
          break;
        }
        this.fail(`Expected ',' or ')' after argument ${args.length} of '${name}' but found ${this.describe(this.pos)}`);
      }
    }
    let node: Expr = { kind: "call", name, args };
    return this.accessors(node);
  }

  accessors(node: Expr): Expr {
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      let safe = false;
      if (this.src[this.pos] === "?") {
        safe = true;
        this.pos++;
        this.skipSpace();
      }
      const ch = this.src[this.pos];
      if (ch === ".") {
        this.pos++;
        this.skipSpace();
        const c = this.src[this.pos];
        if (c === undefined || IDENT_STOP.has(c) || isSpace(c)) this.fail(`Expected a property name after '.' but found ${this.describe(this.pos)}`);
        this.deeper();
        node = { kind: "member", target: node, name: this.identifier(), safe };
      } else if (ch === "[") {
        this.deeper();
        this.pos++;
        const index = this.expression();
        this.skipSpace();
        if (this.src[this.pos] !== "]") this.fail(`Expected ']' to close the index but found ${this.describe(this.pos)}`);
        this.pos++;
        node = { kind: "index", target: node, index, safe };
      } else {
        if (safe) this.fail(`Expected '.' or '[' after '?' but found ${this.describe(this.pos)}`);
        this.pos = save;
        return node;
      }
    }
  }

  identifier(): string {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (IDENT_STOP.has(c) || isSpace(c)) break;
      this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  stringLiteral(): Expr {
    const start = this.pos;
    this.pos++;
    let value = "";
    for (;;) {
      const close = this.src.indexOf("'", this.pos);
      if (close < 0) this.fail("Unterminated string literal: add the closing quote", start);
      value += this.src.slice(this.pos, close);
      if (this.src[close + 1] === "'") {
        value += "'";
        this.pos = close + 2;
        continue;
      }
      this.pos = close + 1;
      return { kind: "string", value };
    }
  }

  number(): Expr {
    const start = this.pos;
    if (this.src[this.pos] === "-" || this.src[this.pos] === "+") this.pos++;
    while (isDigit(this.src[this.pos] ?? "")) this.pos++;
    let isFloat = false;
    if (this.src[this.pos] === "." && isDigit(this.src[this.pos + 1] ?? "")) {
      isFloat = true;
      this.pos++;
      while (isDigit(this.src[this.pos] ?? "")) this.pos++;
    }
    const e = this.src[this.pos];
    if (e === "e" || e === "E") {
      let p = this.pos + 1;
      if (this.src[p] === "+" || this.src[p] === "-") p++;
      if (isDigit(this.src[p] ?? "")) {
        isFloat = true;
        this.pos = p;
        while (isDigit(this.src[this.pos] ?? "")) this.pos++;
      }
    }
    const next = this.src[this.pos];
    if (next !== undefined && !IDENT_STOP.has(next) && !isSpace(next)) {
      this.fail(`Malformed number '${this.src.slice(start, this.pos + 1)}'`, start);
    }
    const text = this.src.slice(start, this.pos);
    const value = Number(text);
    // UNCONFIRMED: the reference is silent; a double cannot hold it, and Infinity has no JSON form (it became null).
    if (!Number.isFinite(value)) this.fail(`The number '${text}' is outside the range of a double (±1.7976931348623157E+308): write it as a string, or make it smaller`, start);
    return isFloat ? { kind: "float", value } : { kind: "int", value };
  }
}

/** A number starts here: a digit, or a sign or a dot before one (`.3` is a number: the functions reference writes `sub(10.3, .3)`). */
function startsNumber(src: string, pos: number): boolean {
  let i = pos;
  if (src[i] === "-" || src[i] === "+") i++;
  if (src[i] === ".") i++;
  return isDigit(src[i] ?? "");
}

/** Parse one expression (the text after `@`). Offsets in errors are relative to `src`. */
export function parseExpression(src: string): Expr {
  const p = new Parser(src, 0);
  const expr = p.expression();
  p.skipSpace();
  if (p.pos < src.length) p.fail(`Unexpected ${p.describe(p.pos)} after the end of the expression`);
  return expr;
}

/** Classify and parse a JSON string value: literal, `@expression` or `…@{interpolation}…`. */
export function parseTemplate(value: string): Template {
  if (value === "@") return { kind: "literal", text: value }; // one character: a literal (see isExpressionString)
  if (value.charCodeAt(0) === 64 /* @ */) {
    if (value.charCodeAt(1) === 64) return { kind: "literal", text: value.slice(1) };
    if (value.charCodeAt(1) !== 123 /* { */) {
      const p = new Parser(value, 1);
      p.skipSpace();
      if (p.pos >= value.length) p.fail("Empty expression after '@': write an expression, or '@@' for a literal '@'", 0);
      const expr = p.expression();
      p.skipSpace();
      if (p.pos < value.length) {
        p.fail(`Unexpected ${p.describe(p.pos)} after the end of the expression; to mix text and expressions use '@{…}'`);
      }
      return { kind: "expression", expr };
    }
  }
  if (!value.includes("@{")) return { kind: "literal", text: value };
  const parts: (string | Expr)[] = [];
  let text = "";
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf("@{", i);
    if (open < 0) {
      text += value.slice(i);
      break;
    }
    if (open > 0 && value[open - 1] === "@" && (open - 1 >= i)) {
      // "@@{" is an escaped literal "@{"
      text += value.slice(i, open - 1) + "@{";
      i = open + 2;
      continue;
    }
    text += value.slice(i, open);
    if (text) parts.push(text);
    text = "";
    const p = new Parser(value, open + 2);
    p.skipSpace();
    if (value[p.pos] === "}") p.fail("Empty '@{}': put an expression inside the braces", open);
    const expr = p.expression();
    p.skipSpace();
    if (value[p.pos] !== "}") {
      if (p.pos >= value.length) p.fail("Unterminated '@{': add the closing '}'", open);
      p.fail(`Expected '}' to close '@{' but found ${p.describe(p.pos)}`);
    }
    parts.push(expr);
    i = p.pos + 1;
  }
  if (text) parts.push(text);
  if (!parts.some((part) => typeof part !== "string")) return { kind: "literal", text: parts.join("") };
  return { kind: "interpolation", parts };
}

/** Result of a non-throwing parse. */
export type ParseResult = { ok: true; template: Template } | { ok: false; error: ExpressionSyntaxError };

/** Like `parseTemplate`, but returns the error instead of throwing it. */
export function tryParseTemplate(value: string): ParseResult {
  try {
    return { ok: true, template: parseTemplate(value) };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, error };
    throw error;
  }
}
