/** Checks on every expression string: syntax, unknown functions, arity, length. */
import { FUNCTIONS, type FunctionInfo, describeArity, lookupFunction as lookupCatalogue } from "../../wdl/functions";
import type { Rule } from "./rule";
import { didYouMean } from "./rule";

/** The service's limit on characters per expression. */
export const MAX_EXPRESSION_LENGTH = 8192;

const FUNCTION_NAMES = FUNCTIONS.map((f) => f.name);

/** Catalogue lookups by exact spelling (bounded: cleared when it grows past a few thousand names). */
const lookups = new Map<string, FunctionInfo | null>();
function lookupFunction(name: string): FunctionInfo | undefined {
  let info = lookups.get(name);
  if (info === undefined) {
    info = lookupCatalogue(name) ?? null;
    if (lookups.size > 4096) lookups.clear();
    lookups.set(name, info);
  }
  return info ?? undefined;
}

export const expressionSyntax: Rule = {
  code: "expression-syntax",
  severity: "error",
  summary: "A string that starts with `@` (or contains `@{`) is not a valid expression.",
  fix: "Correct the expression at the reported offset; write `@@` for a literal leading `@`, `@@{` for a literal `@{`.",
  check(model, report) {
    for (const site of model.sites) {
      if (site.error) report(site.pointer, `Invalid expression: ${site.error.message}.`, site.error.offset + site.shift);
    }
  },
};

export const unknownFunction: Rule = {
  code: "unknown-function",
  severity: "error",
  summary: "An expression calls a function that the workflow language does not have.",
  fix: "Check the spelling against the expression functions reference (names are case-insensitive).",
  check(model, report) {
    for (const site of model.sites) {
      const seen = new Set<string>();
      for (const call of site.calls) {
        if (lookupFunction(call.name) || seen.has(call.name)) continue;
        seen.add(call.name);
        report(site.pointer, `Unknown function '${call.name}' in this expression.${didYouMean(call.name, FUNCTION_NAMES)}`, site.shift);
      }
    }
  },
};

export const functionArity: Rule = {
  code: "function-arity",
  severity: "error",
  summary: "A function is called with too few or too many arguments.",
  fix: "Pass the number of arguments the function takes (see the message).",
  check(model, report) {
    for (const site of model.sites) {
      for (const call of site.calls) {
        const info = lookupFunction(call.name);
        const accepted = lookupFunction(call.name);
        if (!info || !accepted) continue;
        const n = call.args.length;
        if (n >= accepted.minArgs && n <= accepted.maxArgs) continue;
        const arity = describeArity(info);
        report(
          site.pointer,
          `'${call.name}' takes ${arity} argument${arity === "1" ? "" : "s"} but is called with ${n}: fix the call to ${info.name}().`,
          site.shift,
        );
      }
    }
  },
};

export const expressionTooLong: Rule = {
  code: "expression-too-long",
  severity: "error",
  summary: "An expression is longer than the service limit of 8,192 characters.",
  fix: "Split it: compute parts in Compose actions or variables and combine their outputs.",
  check(model, report) {
    for (const site of model.sites) {
      if (site.text.length > MAX_EXPRESSION_LENGTH) {
        report(
          site.pointer,
          `This expression is ${site.text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}. Split it into Compose actions or variables.`,
        );
      }
    }
  },
};
