/** Variable actions: InitializeVariable, SetVariable, IncrementVariable, DecrementVariable, AppendTo*Variable. */
import { isObject } from "../../wdl/walk";
import { EvaluationError } from "../expression/evaluate";
import { MAX_VALUE_CHARS, valueLimitError, valueProblem, type ValueProblem } from "../expression/limits";
import type { ActionPlan } from "../plan";
import { ActionRun, register, type Frame, type Variable } from "../state";

const TYPES = new Set(["string", "integer", "float", "boolean", "array", "object"]);
const DEFAULTS: Record<string, () => unknown> = { string: () => "", integer: () => 0, float: () => 0, boolean: () => false, array: () => [], object: () => ({}) };

function typeName(value: unknown): string {
  if (value === null) return "Null";
  if (Array.isArray(value)) return "Array";
  if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "Float";
  if (typeof value === "object") return "Object";
  return typeof value === "string" ? "String" : typeof value === "boolean" ? "Boolean" : typeof value;
}

/** Does a value fit a variable type? (An integer fits a float variable.) */
function fits(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "float":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return false;
  }
}

const cap = (t: string) => t[0]!.toUpperCase() + t.slice(1);

function wrongType(v: { name: string; type: string }, value: unknown): string {
  return `The variable '${v.name}' of type '${cap(v.type)}' cannot be initialized or updated with a value of type '${typeName(value)}'.`;
}

function inputsOf(a: ActionPlan, frame: Frame): Record<string, unknown> {
  const inputs = a.inputs ? a.inputs(frame) : undefined;
  if (!isObject(inputs)) throw new EvaluationError("InvalidTemplate", `The inputs of action '${a.name}' must be an object.`);
  return inputs;
}

/** Fail an update that would make a variable's value pass the size or depth bound (the variable keeps its value). */
function tooLarge(r: ActionRun, v: Variable, problem: ValueProblem = "size"): ActionRun {
  return r.fail("LimitExceeded", valueLimitError(`The variable '${v.name}'`, problem).message);
}

function variableOf(frame: Frame, name: unknown): Variable | string {
  if (typeof name !== "string") return "The variable 'name' must be a string.";
  return frame.run.variables.get(name.toLowerCase()) ?? `The variable '${name}' has not been initialized: add an InitializeVariable action before '${name}' is used.`;
}

register(["initializevariable"], (a, frame, start) => {
  const inputs = inputsOf(a, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  const list = Array.isArray(inputs.variables) ? inputs.variables : undefined;
  if (!list) return r.fail("InvalidVariable", `InitializeVariable '${a.name}' needs 'variables': [{name, type, value}].`);
  const declared: Variable[] = [];
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.name !== "string" || typeof entry.type !== "string") return r.fail("InvalidVariable", `InitializeVariable '${a.name}': each variable needs a 'name' and a 'type'.`);
    const type = entry.type.toLowerCase();
    if (!TYPES.has(type)) return r.fail("InvalidVariable", `The variable '${entry.name}' has an unknown type '${entry.type}' (use string, integer, float, boolean, array or object).`);
    const value = entry.value === undefined ? DEFAULTS[type]!() : entry.value;
    if (!fits(type, value)) return r.fail("InvalidVariable", wrongType({ name: entry.name, type }, value));
    declared.push({ name: entry.name, type, value });
  }
  for (const v of declared) frame.run.variables.set(v.name.toLowerCase(), v);
  return r.setOutputs({ body: { variables: declared.map((v) => ({ name: v.name, type: cap(v.type), value: v.value })) } });
});

register(["setvariable"], (a, frame, start) => {
  const inputs = inputsOf(a, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  const v = variableOf(frame, inputs.name);
  if (typeof v === "string") return r.fail("InvalidVariable", v);
  if (!fits(v.type, inputs.value)) return r.fail("InvalidVariable", wrongType(v, inputs.value));
  const problem = valueProblem(inputs.value);
  if (problem) return tooLarge(r, v, problem);
  v.value = inputs.value;
  return r.setOutputs({ body: { name: v.name, value: v.value } });
});

function step(sign: 1 | -1) {
  return (a: ActionPlan, frame: Frame, start: number): ActionRun => {
    const inputs = inputsOf(a, frame);
    const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
    const v = variableOf(frame, inputs.name);
    if (typeof v === "string") return r.fail("InvalidVariable", v);
    if (v.type !== "integer" && v.type !== "float") return r.fail("InvalidVariable", `The variable '${v.name}' of type '${cap(v.type)}' cannot be incremented or decremented: it must be an Integer or a Float.`);
    const by = inputs.value === undefined || inputs.value === null ? 1 : inputs.value;
    if (typeof by !== "number" || (v.type === "integer" && !Number.isInteger(by))) return r.fail("InvalidVariable", wrongType(v, by));
    v.value = (v.value as number) + sign * by;
    return r.setOutputs({ body: { name: v.name, value: v.value } });
  };
}
register(["incrementvariable"], step(1));
register(["decrementvariable"], step(-1));

register(["appendtoarrayvariable"], (a, frame, start) => {
  const inputs = inputsOf(a, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  const v = variableOf(frame, inputs.name);
  if (typeof v === "string") return r.fail("InvalidVariable", v);
  if (v.type !== "array") return r.fail("InvalidVariable", `AppendToArrayVariable needs an Array variable; '${v.name}' is of type '${cap(v.type)}'.`);
  // A new array each time: earlier records keep the value they showed.
  const grown = [...(v.value as unknown[]), inputs.value];
  const problem = valueProblem(grown);
  if (problem) return tooLarge(r, v, problem);
  v.value = grown;
  return r.setOutputs({ body: { name: v.name, value: v.value } });
});

register(["appendtostringvariable"], (a, frame, start) => {
  const inputs = inputsOf(a, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  const v = variableOf(frame, inputs.name);
  if (typeof v === "string") return r.fail("InvalidVariable", v);
  if (v.type !== "string") return r.fail("InvalidVariable", `AppendToStringVariable needs a String variable; '${v.name}' is of type '${cap(v.type)}'.`);
  const value = inputs.value;
  const text = typeof value === "string" ? value : value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if ((v.value as string).length + text.length > MAX_VALUE_CHARS) return tooLarge(r, v);
  v.value = (v.value as string) + text;
  return r.setOutputs({ body: { name: v.name, value: v.value } });
});
