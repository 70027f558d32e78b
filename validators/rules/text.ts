/** Reading literal text out of JSON string values, with expressions and ARM values treated as unknown. */
import { isExpressionString } from "../../wdl/expression/ast";
import { tryParseTemplate } from "../../wdl/expression/parser";
import { isArmExpression } from "../detect";
import type { Model } from "../model";

/** True when the value is a deploy-time ARM expression in an ARM template. */
export function isOpaque(model: Model, value: unknown): boolean {
  return model.target.arm && isArmExpression(value);
}

/** The text the workflow engine sees for a string (an ARM `[[` escape removed). */
function engineText(model: Model, value: string): string {
  return model.target.arm && value.startsWith("[[") && value.endsWith("]") ? value.slice(1) : value;
}

/** The whole value when it is a literal string (no expression, no ARM value); otherwise undefined. */
export function literalText(model: Model, value: unknown): string | undefined {
  if (typeof value !== "string" || isOpaque(model, value)) return undefined;
  const text = engineText(model, value);
  if (!isExpressionString(text)) return text;
  const parsed = tryParseTemplate(text);
  return parsed.ok && parsed.template.kind === "literal" ? parsed.template.text : undefined;
}

/**
 * The literal text parts of a string value, in order, each with whether an expression follows it.
 * Undefined for ARM values, whole-value expressions and unparsable strings.
 */
export function literalParts(model: Model, value: unknown): { text: string; beforeExpression: boolean }[] | undefined {
  if (typeof value !== "string" || isOpaque(model, value)) return undefined;
  const text = engineText(model, value);
  if (!isExpressionString(text)) return [{ text, beforeExpression: false }];
  const parsed = tryParseTemplate(text);
  if (!parsed.ok || parsed.template.kind === "expression") return undefined;
  if (parsed.template.kind === "literal") return [{ text: parsed.template.text, beforeExpression: false }];
  const parts = parsed.template.parts;
  const out: { text: string; beforeExpression: boolean }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === "string") out.push({ text: part, beforeExpression: i + 1 < parts.length });
  }
  return out;
}

/** The literal text before the first expression (the whole text for a literal). Undefined when it starts with an expression. */
export function literalPrefix(model: Model, value: unknown): string | undefined {
  if (typeof value !== "string" || isOpaque(model, value)) return undefined;
  const text = engineText(model, value);
  if (!isExpressionString(text)) return text;
  const parsed = tryParseTemplate(text);
  if (!parsed.ok || parsed.template.kind === "expression") return undefined;
  if (parsed.template.kind === "literal") return parsed.template.text;
  const first = parsed.template.parts[0];
  return typeof first === "string" ? first : undefined;
}
