/** Trigger rules: trigger outputs need a trigger; Response needs a Request trigger. */
import type { Rule } from "./rule";

/** Functions that read the trigger's outputs. */
const TRIGGER_FUNCTIONS = new Set(["trigger", "triggerbody", "triggeroutputs", "triggerformdatavalue", "triggerformdatamultivalues", "triggermultipartbody"]);

export const triggerReferenceWithoutTrigger: Rule = {
  code: "trigger-reference-without-trigger",
  severity: "error",
  summary: "An expression reads the trigger (`triggerBody()`, `triggerOutputs()`, `trigger()`, …) but the definition has no trigger.",
  fix: "Add a trigger to `triggers`, or read the value from somewhere else.",
  check(model, report) {
    if (model.hasTriggers) return;
    for (const site of model.sites) {
      const call = site.calls.find((c) => TRIGGER_FUNCTIONS.has(c.name.toLowerCase()));
      if (call) report(site.pointer, `${call.name}() reads the trigger, but this definition has no trigger: add one to 'triggers'.`, site.shift);
    }
  },
};

export const responseWithoutRequest: Rule = {
  code: "response-without-request-trigger",
  severity: "error",
  summary: "A Response action is used but the workflow is not started by a Request trigger, so there is nobody to answer.",
  fix: "Use a Request trigger, or replace the Response action (e.g. with an Http call or Compose).",
  check(model, report) {
    if (model.triggers.some((t) => t.type === "request")) return;
    const how = model.hasTriggers ? `its trigger is ${model.triggers.map((t) => `'${t.name}' (${String(t.trigger.type)})`).join(", ")}` : "it has no trigger";
    for (const node of model.actions) {
      if (node.type === "response") report(node.pointer, `Response action '${node.name}' needs a Request trigger, but ${how}.`);
    }
  },
};
