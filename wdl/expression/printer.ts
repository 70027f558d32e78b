import type { Expr, Template } from "./ast";

/** Print a float so that the parser reads it back as a float with the same value. */
function printFloat(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot print the non-finite number ${value} in an expression`);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** Print one expression (without the leading `@`). */
export function printExpression(expr: Expr): string {
  switch (expr.kind) {
    case "string":
      return `'${expr.value.replace(/'/g, "''")}'`;
    case "int":
      if (!Number.isFinite(expr.value)) throw new RangeError(`Cannot print the non-finite number ${expr.value} in an expression`);
      return String(expr.value);
    case "float":
      return printFloat(expr.value);
    case "bool":
      return expr.value ? "true" : "false";
    case "null":
      return "null";
    case "call":
      return `${expr.name}(${expr.args.map(printExpression).join(", ")})`;
    case "member":
      return `${printExpression(expr.target)}${expr.safe ? "?" : ""}.${expr.name}`;
    case "index":
      return `${printExpression(expr.target)}${expr.safe ? "?" : ""}[${printExpression(expr.index)}]`;
  }
}

/** Escape literal text placed inside an interpolated string. */
function escapeText(text: string): string {
  return text.replace(/@\{/g, "@@{");
}

const AT_EXPR = "@{'@'}";

/** Print a whole JSON string value. Literal text is escaped so that it stays literal. */
export function printTemplate(template: Template): string {
  switch (template.kind) {
    case "literal": {
      const text = template.text;
      if (text.charCodeAt(0) === 64 /* @ */) return `@${text}`;
      return escapeText(text);
    }
    case "expression":
      return `@${printExpression(template.expr)}`;
    case "interpolation": {
      let out = "";
      const parts = template.parts;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        if (typeof part !== "string") {
          out += `@{${printExpression(part)}}`;
          continue;
        }
        let text = escapeText(part);
        // A leading "@" would turn the whole value into one expression, and a trailing "@" before "@{"
        // would read as the "@@{" escape: emit those characters as expressions instead.
        let prefix = "";
        let suffix = "";
        if (out === "" && text.startsWith("@")) {
          prefix = AT_EXPR;
          text = text.slice(1);
        }
        if (text.endsWith("@") && typeof parts[i + 1] !== "string" && i + 1 < parts.length) {
          suffix = AT_EXPR;
          text = text.slice(0, -1);
        }
        out += prefix + text + suffix;
      }
      return out;
    }
  }
}
