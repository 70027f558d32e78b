/** Variables: declared by a top-level InitializeVariable before any use. */
import { isExpressionString } from "../../wdl/expression/ast";
import { joinPointer } from "../../wdl/pointer";
import { isObject } from "../../wdl/walk";
import { isArmExpression } from "../detect";
import type { ActionNode, Model } from "../model";
import { literalArg } from "../model";
import type { Rule } from "./rule";
import { didYouMean } from "./rule";

/** Actions that name an existing variable in `inputs.name`. */
const VARIABLE_ACTIONS = new Set(["setvariable", "incrementvariable", "decrementvariable", "appendtoarrayvariable", "appendtostringvariable"]);

/** Names declared by an InitializeVariable action. */
function declaredNames(node: ActionNode): string[] {
  const inputs = node.action.inputs;
  if (!isObject(inputs) || !Array.isArray(inputs.variables)) return [];
  return inputs.variables.flatMap((v) => (isObject(v) && typeof v.name === "string" ? [v.name] : []));
}

/** Top-level and nested declarations, lower-cased name → declared spelling. */
function declarations(model: Model): { top: Map<string, string>; nested: Map<string, string> } {
  const top = new Map<string, string>();
  const nested = new Map<string, string>();
  for (const node of model.actions) {
    if (node.type !== "initializevariable") continue;
    for (const name of declaredNames(node)) (node.depth === 0 ? top : nested).set(name.toLowerCase(), name);
  }
  return { top, nested };
}

export const variableInitNested: Rule = {
  code: "variable-init-nested",
  severity: "error",
  summary: "An InitializeVariable action sits inside a scope, loop, condition or switch; variables can only be created at the top level.",
  fix: "Move the InitializeVariable action to the top level (before the container) and use SetVariable inside.",
  check(model, report) {
    for (const node of model.actions) {
      if (node.type === "initializevariable" && node.depth > 0) {
        report(
          node.pointer,
          `'${node.name}' initializes a variable inside '${node.parent!.name}': variables can only be initialized at the top level. Move it out and use SetVariable here.`,
        );
      }
    }
  },
};

export const variableUndeclared: Rule = {
  code: "variable-undeclared",
  severity: "error",
  summary: "A variable is used (`variables('v')`, SetVariable, IncrementVariable, Append…) but no top-level InitializeVariable declares it.",
  fix: "Add a top-level InitializeVariable for it (names are case-insensitive), or fix the name.",
  check(model, report) {
    const { top, nested } = declarations(model);
    const known = [...top.values()];
    const check = (name: string, pointer: string, how: string, offset?: number) => {
      const l = name.toLowerCase();
      if (top.has(l) || nested.has(l)) return; // nested declarations are reported by variable-init-nested
      report(pointer, `${how} uses variable '${name}', which no top-level InitializeVariable declares.${didYouMean(name, known)}`, offset);
    };
    for (const site of model.sites) {
      for (const call of site.calls) {
        if (call.name.toLowerCase() !== "variables") continue;
        const name = literalArg(call);
        if (name !== undefined) check(name, site.pointer, `variables('${name}')`, site.shift);
      }
    }
    for (const node of model.actions) {
      if (!VARIABLE_ACTIONS.has(node.type) || !isObject(node.action.inputs)) continue;
      const name = node.action.inputs.name;
      if (typeof name !== "string" || isExpressionString(name) || (model.target.arm && isArmExpression(name))) continue;
      check(name, joinPointer(node.pointer, "inputs", "name"), `'${node.name}'`);
    }
  },
};
