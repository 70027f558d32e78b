/** Checks on every expression string: syntax, unknown functions, arity, length. */
import type { Call, Template } from "../../wdl/expression/ast";
import { printExpression } from "../../wdl/expression/printer";
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

/** `createArray()` with no argument: documented with one or more, but published, deployed playbooks call it bare. */
function isBareCreateArray(call: Call): boolean {
  return call.args.length === 0 && call.name.toLowerCase() === "createarray";
}

export const functionArity: Rule = {
  code: "function-arity",
  severity: "error",
  summary: "A function is called with too few or too many arguments.",
  fix: "Pass the number of arguments the function takes (see the message).",
  check(model, report) {
    for (const site of model.sites) {
      for (const call of site.calls) {
        const info = lookupFunction(call.name);
        if (!info || isBareCreateArray(call)) continue; // create-array-no-arguments says what is known
        const n = call.args.length;
        if (n >= info.minArgs && n <= info.maxArgs) continue;
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

export const createArrayNoArguments: Rule = {
  code: "create-array-no-arguments",
  severity: "warning",
  summary:
    "`createArray()` is called with no argument. The functions reference documents one or more arguments, but published, deployed playbooks call it bare (to get an empty array): whether every host accepts that is UNCONFIRMED.",
  fix: "Keep it if the workflow deploys; `json('[]')` is the documented way to get an empty array.",
  check(model, report) {
    for (const site of model.sites) {
      if (site.calls.some(isBareCreateArray)) {
        report(
          site.pointer,
          "createArray() has no argument: the functions reference documents at least one, but published playbooks that deploy call it bare for an empty array (not confirmed by a source). json('[]') is the documented way to write an empty array.",
          site.shift,
        );
      }
    }
  },
};

/** Length of the longest `@{…}` part of a template (as printed: whitespace inside may differ from the source). */
function longestPart(template: Template | undefined): number {
  if (!template || template.kind !== "interpolation") return 0;
  let longest = 0;
  for (const part of template.parts) if (typeof part !== "string") longest = Math.max(longest, printExpression(part).length + 3);
  return longest;
}

export const expressionTooLong: Rule = {
  code: "expression-too-long",
  severity: "error",
  summary: "An expression (a whole `@…` string, or one `@{…}` part of a string) is longer than the service limit of 8,192 characters.",
  fix: "Split it: compute parts in Compose actions or variables and combine their outputs.",
  check(model, report) {
    for (const site of model.sites) {
      if (site.text.length <= MAX_EXPRESSION_LENGTH) continue;
      if (site.template?.kind === "interpolation") {
        const part = longestPart(site.template);
        if (part > MAX_EXPRESSION_LENGTH) {
          report(site.pointer, `One @{…} part of this string is about ${part} characters long; the limit per expression is ${MAX_EXPRESSION_LENGTH}. Split it into Compose actions or variables.`);
        }
        continue; // a long string of short parts: template-too-long
      }
      report(site.pointer, `This expression is ${site.text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}. Split it into Compose actions or variables.`);
    }
  },
};

export const templateTooLong: Rule = {
  code: "template-too-long",
  severity: "warning",
  summary:
    "A string with `@{…}` parts is longer than 8,192 characters, though each part is shorter. The limit is documented per expression; whether the literal text around the parts counts is UNCONFIRMED (published playbooks with such strings deploy).",
  fix: "If the service rejects it, build the text in steps (Compose actions or a string variable), or keep the long literal text in a parameter.",
  check(model, report) {
    for (const site of model.sites) {
      if (site.text.length <= MAX_EXPRESSION_LENGTH || site.template?.kind !== "interpolation") continue;
      const part = longestPart(site.template);
      if (part > MAX_EXPRESSION_LENGTH) continue; // expression-too-long
      report(
        site.pointer,
        `This string is ${site.text.length} characters long; its @{…} parts are at most about ${part} characters each. The service limits an expression to ${MAX_EXPRESSION_LENGTH} characters, but no source says whether the literal text around @{…} parts counts toward it (published playbooks with such strings deploy). If the service rejects it, build the text in Compose actions or a string variable.`,
      );
    }
  },
};
