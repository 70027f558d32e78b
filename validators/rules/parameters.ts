/** Definition parameters: every `parameters('p')` is declared, every supplied value is declared. */
import { joinPointer } from "../../wdl/pointer";
import { literalArg } from "../model";
import type { Rule } from "./rule";
import { didYouMean } from "./rule";

export const parameterUndeclared: Rule = {
  code: "parameter-undeclared",
  severity: "error",
  summary: "`parameters('p')` names a parameter that the definition's `parameters` section does not declare.",
  fix: "Declare it under `definition.parameters` with a type (and a default or a value), or fix the name.",
  check(model, report) {
    // Logic Apps Standard reads parameters from the app's parameters.json, not from the definition.
    if (model.target.flavor === "standard") return;
    const names = [...model.parameters.values()].map((p) => p.name);
    for (const site of model.sites) {
      const seen = new Set<string>();
      for (const call of site.calls) {
        if (call.name.toLowerCase() !== "parameters") continue;
        const name = literalArg(call);
        if (name === undefined || model.parameters.has(name.toLowerCase()) || seen.has(name)) continue;
        seen.add(name);
        report(site.pointer, `parameters('${name}') is not declared in the definition's parameters.${didYouMean(name, names)} Declare it with a type.`, site.shift);
      }
    }
  },
};

export const parameterNotInApp: Rule = {
  code: "parameter-not-in-app",
  severity: "warning",
  summary:
    "In a Logic Apps Standard workflow, `parameters('p')` names a parameter that neither the definition nor the app's `parameters.json` declares (checked only when that file is found beside the workflow folder).",
  fix: "Fix the name, or add the parameter to the app's parameters.json (or to the definition's parameters).",
  check(model, report) {
    const app = model.target.appParameters;
    if (model.target.flavor !== "standard" || !app) return;
    const names = [...app.values(), ...[...model.parameters.values()].map((p) => p.name)];
    for (const site of model.sites) {
      const seen = new Set<string>();
      for (const call of site.calls) {
        if (call.name.toLowerCase() !== "parameters") continue;
        const name = literalArg(call);
        if (name === undefined || name === "$connections" || seen.has(name)) continue;
        const l = name.toLowerCase();
        if (app.has(l) || model.parameters.has(l)) continue;
        seen.add(name);
        report(
          site.pointer,
          `parameters('${name}') is declared neither in this definition nor in the app's parameters.json (${app.size} parameter${app.size === 1 ? "" : "s"}).${didYouMean(name, names)} Fix the name or add it to parameters.json.`,
          site.shift,
        );
      }
    }
  },
};

export const parameterValueUndeclared: Rule = {
  code: "parameter-value-undeclared",
  severity: "error",
  summary: "The workflow resource supplies a value for a parameter the definition does not declare (the service rejects it).",
  fix: "Declare the parameter in `definition.parameters`, or remove the value.",
  check(model, report) {
    const values = model.target.parameterValues;
    if (!values) return;
    const names = [...model.parameters.values()].map((p) => p.name);
    for (const key of Object.keys(values.values)) {
      if (model.parameters.has(key.toLowerCase())) continue;
      report(
        joinPointer(values.pointer, key),
        `A value is supplied for parameter '${key}', but the definition does not declare it; the service rejects undeclared parameters.${didYouMean(key, names)}`,
      );
    }
  },
};
