/** Workflow functions: run state read through the `EvalContext`. */
import type { EvalContext, OperationRecord } from "../context";
import { EvaluationError, invalidArgument } from "../errors";
import { asBinary, findProperty, isPlainObject } from "../values";
import { int, str, type FunctionTable, type Site } from "./types";

/** A record as the service shows it: a plain object without undefined members. */
function plainRecord(record: OperationRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}

/** The record of a named action, or the right error for a missing one. */
function actionRecord(ctx: EvalContext, site: Site, name: string): OperationRecord {
  const record = ctx.action(name);
  if (record) return record;
  if (ctx.hasAction(name)) {
    throw new EvaluationError(
      "ActionNotRun",
      `The template language function '${site.name}' cannot reference the action '${name}': it has not run yet in this run. Make this action run after '${name}' (runAfter).`,
    );
  }
  throw new EvaluationError("ActionNotFound", `The template language function '${site.name}' references the action '${name}', which is not defined in the workflow.`);
}

/** outputs of a record; a Skipped action has none. */
function outputsOf(site: Site, name: string, record: OperationRecord): unknown {
  if (record.status.toLowerCase() === "skipped") {
    throw new EvaluationError(
      "ActionSkipped",
      `The template language function '${site.name}' cannot read the outputs of the action '${name}': the action was skipped, so it has no outputs.`,
    );
  }
  return record.outputs === undefined ? null : record.outputs;
}

function bodyOf(outputs: unknown): unknown {
  if (!isPlainObject(outputs)) return null;
  const hit = findProperty(outputs, "body");
  return hit.found ? hit.value : null;
}

function triggerRecord(ctx: EvalContext, site: Site): OperationRecord {
  const record = ctx.trigger();
  if (!record) throw new EvaluationError("NotSupported", `The template language function '${site.name}' needs a trigger, but the workflow has none (or the context provides none).`);
  return record;
}

function contentText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return asBinary(value)?.text();
}

/** Values of a form field in a form-urlencoded or multipart body. */
function formValues(body: unknown, key: string): unknown[] {
  if (isPlainObject(body)) {
    const formdata = body["$formdata"];
    if (Array.isArray(formdata)) {
      return formdata.filter((p) => isPlainObject(p) && p["key"] === key).map((p) => (p as Record<string, unknown>)["value"]);
    }
    const parts = body["$multipart"];
    if (Array.isArray(parts)) {
      return parts
        .filter((p) => {
          if (!isPlainObject(p) || !isPlainObject(p["headers"])) return false;
          const disposition = findProperty(p["headers"], "Content-Disposition");
          return disposition.found && typeof disposition.value === "string" && new RegExp(`name="?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?(;|$)`).test(disposition.value);
        })
        .map((p) => {
          const b = (p as Record<string, unknown>)["body"];
          return contentText(b) ?? b;
        });
    }
  }
  const text = contentText(body);
  if (text === undefined) return [];
  return new URLSearchParams(text).getAll(key);
}

function singleFormValue(site: Site, body: unknown, key: string): unknown {
  const values = formValues(body, key);
  if (values.length > 1) throw invalidArgument(site.name, `found ${values.length} values for the key '${key}'; use '${site.name.replace("Value", "MultiValues")}' to get all of them.`);
  return values.length ? values[0] : null;
}

function multipart(site: Site, body: unknown, index: number): unknown {
  const parts = isPlainObject(body) ? body["$multipart"] : undefined;
  if (!Array.isArray(parts)) throw invalidArgument(site.name, "expects the outputs to have a multipart body ('$multipart').");
  if (index < 0 || index >= parts.length) throw invalidArgument(site.name, `was given the part index ${index}, but the body has ${parts.length} part(s).`);
  const part = parts[index];
  return isPlainObject(part) ? (part["body"] ?? null) : part;
}

export const workflowFunctions: FunctionTable = {
  action: {
    eager: (_a, ctx, s) => {
      const record = ctx.currentAction?.();
      if (!record) {
        throw new EvaluationError("NotSupported", `The template language function '${s.name}' can be used only in a webhook's 'unsubscribe', in 'trackedProperties' or in an Until condition.`);
      }
      return plainRecord(record);
    },
  },
  actions: { eager: (a, ctx, s) => plainRecord(actionRecord(ctx, s, str(s, a, 0))) },
  outputs: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return outputsOf(s, name, actionRecord(ctx, s, name));
    },
  },
  actionOutputs: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return outputsOf(s, name, actionRecord(ctx, s, name));
    },
  },
  body: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return bodyOf(outputsOf(s, name, actionRecord(ctx, s, name)));
    },
  },
  actionBody: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return bodyOf(outputsOf(s, name, actionRecord(ctx, s, name)));
    },
  },
  trigger: { eager: (_a, ctx, s) => plainRecord(triggerRecord(ctx, s)) },
  triggerOutputs: { eager: (_a, ctx, s) => triggerRecord(ctx, s).outputs ?? null },
  triggerBody: { eager: (_a, ctx, s) => bodyOf(triggerRecord(ctx, s).outputs) },
  formDataValue: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return singleFormValue(s, bodyOf(outputsOf(s, name, actionRecord(ctx, s, name))), str(s, a, 1));
    },
  },
  formDataMultiValues: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return formValues(bodyOf(outputsOf(s, name, actionRecord(ctx, s, name))), str(s, a, 1));
    },
  },
  multipartBody: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      return multipart(s, bodyOf(outputsOf(s, name, actionRecord(ctx, s, name))), int(s, a, 1));
    },
  },
  triggerFormDataValue: { eager: (a, ctx, s) => singleFormValue(s, bodyOf(triggerRecord(ctx, s).outputs), str(s, a, 0)) },
  triggerFormDataMultiValues: { eager: (a, ctx, s) => formValues(bodyOf(triggerRecord(ctx, s).outputs), str(s, a, 0)) },
  triggerMultipartBody: { eager: (a, ctx, s) => multipart(s, bodyOf(triggerRecord(ctx, s).outputs), int(s, a, 0)) },
  item: {
    eager: (_a, ctx, s) => {
      const item = ctx.item();
      if (item === undefined) throw new EvaluationError("NotInLoop", `The template language function '${s.name}' can be used only inside a Foreach loop or a Query/Select action.`);
      return item;
    },
  },
  items: {
    eager: (a, ctx, s) => {
      const loop = str(s, a, 0);
      const hit = ctx.items(loop);
      if (!hit.found) throw new EvaluationError("NotInLoop", `The template language function '${s.name}' must be used inside the Foreach loop '${loop}'; this expression is not inside it.`);
      return hit.value;
    },
  },
  iterationIndexes: {
    eager: (a, ctx, s) => {
      const loop = str(s, a, 0);
      const index = ctx.iterationIndex(loop);
      if (index === undefined) throw new EvaluationError("NotInLoop", `The template language function '${s.name}' must be used inside the loop '${loop}'; this expression is not inside it.`);
      return index;
    },
  },
  listCallbackUrl: { eager: (_a, ctx) => ctx.callbackUrl() },
  parameters: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      const hit = ctx.parameter(name);
      if (!hit.found) throw new EvaluationError("ParameterNotFound", `The workflow parameter '${name}' is not found.`);
      return hit.value;
    },
  },
  variables: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      const hit = ctx.variable(name);
      if (!hit.found) {
        throw new EvaluationError("VariableNotFound", `The variable '${name}' has not been initialized. Add an 'Initialize variable' action for it at the top level of the workflow.`);
      }
      return hit.value;
    },
  },
  result: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      const records = ctx.result(name);
      if (records) return records.map(plainRecord);
      if (ctx.hasAction(name)) {
        throw new EvaluationError("ActionNotRun", `The template language function '${s.name}' cannot read the results of '${name}': it has not run yet in this run.`);
      }
      throw new EvaluationError("ActionNotFound", `The template language function '${s.name}' references the scope '${name}', which is not defined in the workflow.`);
    },
  },
  workflow: { eager: (_a, ctx) => ctx.workflow() },
  // Agent workflows: the value the model chose for a tool parameter. Only an agent loop supplies it.
  agentParameters: {
    eager: (_a, _ctx, s) => {
      throw new EvaluationError("NotSupported", `The template language function '${s.name}' reads a tool parameter chosen by an Agent action's model; the simulator does not run agent loops.`);
    },
  },
  appsetting: {
    eager: (a, ctx, s) => {
      const name = str(s, a, 0);
      if (!ctx.appSetting) throw new EvaluationError("NotSupported", `The template language function '${s.name}' is available only in Logic Apps Standard.`);
      const value = ctx.appSetting(name);
      if (value === undefined) throw new EvaluationError("InvalidArgument", `The app setting '${name}' is not defined.`);
      return value;
    },
  },
};
