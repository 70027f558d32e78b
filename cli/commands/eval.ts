/**
 * `playbook-kit eval '<expression>' [--context FILE]` and `playbook-kit eval --batch FILE`: evaluate workflow
 * expressions against a static context and print one JSON line per expression, `{"value": …}` or
 * `{"error": {"code", "message"}}`. Exit 0 when every expression evaluated, 1 when one failed, 2 on a usage error.
 */
import { UserError } from "../../errors";
import { readJsonFile } from "../read-json";
import { instantMs } from "../../simulator/expression/dotnet-datetime";
import { EvaluationError, createStaticContext, evaluateString, type StaticContextInput } from "../../simulator/expression/evaluate";

/** Options of the eval command. */
export interface EvalOptions {
  /** JSON file with {variables, parameters, now, trigger, actions, items, item, …}. */
  context?: string;
  /** JSON file with [{expression, context}]. */
  batch?: string;
}

const CONTEXT_KEYS = new Set([
  "variables",
  "parameters",
  "now",
  "trigger",
  "actions",
  "items",
  "item",
  "iterationIndexes",
  "results",
  "workflow",
  "callbackUrl",
  "seed",
  "guids",
  "currentAction",
]);


function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Check a context object's shape; `where` names it in messages. */
function toContextInput(value: unknown, where: string): StaticContextInput {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new UserError(`${where} must be a JSON object such as {"variables": {...}, "parameters": {...}, "now": "2024-01-01T00:00:00Z"}`);
  for (const key of Object.keys(value)) {
    if (!CONTEXT_KEYS.has(key)) throw new UserError(`${where} has the unknown member '${key}'; expected some of: ${[...CONTEXT_KEYS].join(", ")}`);
  }
  for (const key of ["variables", "parameters", "actions", "items", "iterationIndexes", "results"]) {
    if (value[key] !== undefined && !isObject(value[key])) throw new UserError(`${where}: '${key}' must be a JSON object keyed by name`);
  }
  if (value["now"] !== undefined && (typeof value["now"] !== "string" || instantMs(value["now"]) === undefined)) {
    throw new UserError(`${where}: 'now' must be an ISO 8601 timestamp such as "2024-01-01T00:00:00Z"`);
  }
  return value as StaticContextInput;
}

/** The leading '@' is optional: text that is not already a template (no leading '@', no '@{') is read as an expression. */
function asTemplate(expression: string): string {
  return expression.startsWith("@") || expression.includes("@{") ? expression : `@${expression}`;
}

/** Evaluate one expression; the JSON line to print and whether it failed. */
function evaluateLine(expression: string, input: StaticContextInput): { line: string; failed: boolean } {
  try {
    const value = evaluateString(asTemplate(expression), createStaticContext(input));
    return { line: JSON.stringify({ value: value === undefined ? null : value }), failed: false };
  } catch (error) {
    if (error instanceof EvaluationError) {
      return { line: JSON.stringify({ error: { code: error.code, message: error.message } }), failed: true };
    }
    throw error;
  }
}

/** Run the command; resolves to the exit code. */
export async function run(expression: string | undefined, options: EvalOptions = {}): Promise<number> {
  if (options.batch !== undefined) {
    if (expression !== undefined) throw new UserError("give either an expression or --batch FILE, not both");
    if (options.context !== undefined) throw new UserError("--context applies to a single expression; in a batch file each entry has its own \"context\"");
    const entries = readJsonFile(options.batch, "batch");
    if (!Array.isArray(entries)) throw new UserError(`the batch file '${options.batch}' must hold a JSON array of {"expression", "context"} entries`);
    const inputs = entries.map((entry, i) => {
      const where = `batch entry ${i}`;
      if (!isObject(entry) || typeof entry["expression"] !== "string") throw new UserError(`${where} must be an object with a string "expression"`);
      return { expression: entry["expression"], context: toContextInput(entry["context"], `${where} "context"`) };
    });
    let failed = false;
    for (const { expression: e, context } of inputs) {
      const result = evaluateLine(e, context);
      failed ||= result.failed;
      process.stdout.write(`${result.line}\n`);
    }
    return failed ? 1 : 0;
  }
  if (expression === undefined) throw new UserError("eval needs an expression, e.g. playbook-kit eval \"@concat('a', 'b')\", or --batch FILE");
  const context = options.context === undefined ? {} : toContextInput(readJsonFile(options.context, "context"), `the context file '${options.context}'`);
  const result = evaluateLine(expression, context);
  process.stdout.write(`${result.line}\n`);
  return result.failed ? 1 : 0;
}
