/**
 * Normalisation before a drift diff. The service, the designer and the kit write the same workflow differently;
 * these rules remove only differences that do not change what the workflow does (../shared/reference/wdl.md §5.7):
 *
 * 1. Key order never matters (the diff compares objects as maps).
 * 2. `runAfter`: a missing `runAfter` is `{}`; statuses are case-folded to canonical casing (`FAILED` → `Failed`),
 *    de-duplicated and put in canonical order (Succeeded, Failed, Skipped, TimedOut).
 * 3. Action and trigger `type` values are case-folded to their canonical casing (`if` → `If`), HTTP `method`s to
 *    upper case: the runtime reads both case-insensitively.
 * 4. Parameter declarations: `type` case-folded; the `$connections` declaration in its default shape
 *    (`{type: Object, defaultValue: {}}`), which the designer adds to every workflow, counts as absent; a secure
 *    parameter's `defaultValue` is dropped (the service never returns secure values); empty `metadata` is dropped.
 * 5. Service and designer bookkeeping is dropped: a trigger's `evaluatedRecurrence`, an action's
 *    `metadata.operationMetadataId`; empty `metadata`, `outputs`, `parameters` and `staticResults` count as absent;
 *    a missing `contentVersion` is `1.0.0.0`.
 *
 * Everything else — expressions, inputs, names, nesting — is compared exactly. Parameter values are compared as
 * effective values (unset means the definition default) in ops/status.ts.
 */
import { RUN_AFTER_STATUSES } from "../wdl";
import { isObject, setKey, type Obj } from "../wdl/walk";

const STATUS_CASE = new Map(RUN_AFTER_STATUSES.map((s) => [s.toLowerCase(), s]));

/** Canonical casing of action and trigger types. */
const TYPES = [
  "ApiConnection",
  "ApiConnectionWebhook",
  "ApiManagement",
  "AppendToArrayVariable",
  "AppendToStringVariable",
  "Compose",
  "DecrementVariable",
  "Expression",
  "Foreach",
  "Function",
  "Http",
  "HttpWebhook",
  "If",
  "IncrementVariable",
  "InitializeVariable",
  "Join",
  "OpenApiConnection",
  "OpenApiConnectionWebhook",
  "ParseJson",
  "Query",
  "Recurrence",
  "Request",
  "Response",
  "Scope",
  "Select",
  "SetVariable",
  "Switch",
  "Table",
  "Terminate",
  "Until",
  "Wait",
  "Workflow",
];
const TYPE_CASE = new Map(TYPES.map((t) => [t.toLowerCase(), t]));

const PARAMETER_TYPES = ["String", "SecureString", "Int", "Float", "Bool", "Array", "Object", "SecureObject"];
const PARAMETER_TYPE_CASE = new Map(PARAMETER_TYPES.map((t) => [t.toLowerCase(), t]));

const isEmptyObject = (v: unknown) => isObject(v) && Object.keys(v).length === 0;

/** Canonical `runAfter`. */
export function normalizeRunAfter(runAfter: unknown): unknown {
  if (runAfter === undefined) return {};
  if (!isObject(runAfter)) return runAfter;
  const out: Obj = {};
  for (const [name, statuses] of Object.entries(runAfter)) {
    if (!Array.isArray(statuses)) {
      setKey(out, name, statuses);
      continue;
    }
    const folded = statuses.map((s) => (typeof s === "string" ? (STATUS_CASE.get(s.toLowerCase()) ?? s) : s));
    const known = RUN_AFTER_STATUSES.filter((s) => folded.includes(s));
    const other = folded.filter((s) => !(typeof s === "string" && (RUN_AFTER_STATUSES as readonly string[]).includes(s)));
    setKey(out, name, [...known, ...other]);
  }
  return out;
}

function normalizeInputs(inputs: unknown): unknown {
  if (!isObject(inputs)) return inputs;
  const out: Obj = { ...inputs };
  if (typeof out.method === "string") out.method = out.method.toUpperCase();
  return out;
}

function normalizeMetadata(node: Obj): void {
  if (!isObject(node.metadata)) return;
  const metadata: Obj = { ...node.metadata };
  delete metadata.operationMetadataId;
  if (Object.keys(metadata).length) node.metadata = metadata;
  else delete node.metadata;
}

function normalizeType(node: Obj): void {
  if (typeof node.type === "string") node.type = TYPE_CASE.get(node.type.toLowerCase()) ?? node.type;
}

function normalizeActions(actions: unknown): unknown {
  if (!isObject(actions)) return actions;
  const out: Obj = {};
  for (const [name, action] of Object.entries(actions)) setKey(out, name, normalizeAction(action));
  return out;
}

function normalizeAction(action: unknown): unknown {
  if (!isObject(action)) return action;
  const out: Obj = { ...action };
  normalizeType(out);
  out.runAfter = normalizeRunAfter(out.runAfter);
  if (out.inputs !== undefined) out.inputs = normalizeInputs(out.inputs);
  normalizeMetadata(out);
  const type = typeof out.type === "string" ? out.type.toLowerCase() : "";
  if (type === "if") {
    if (out.actions !== undefined) out.actions = normalizeActions(out.actions);
    if (isObject(out.else)) out.else = { ...out.else, actions: normalizeActions(out.else.actions) };
  } else if (type === "switch") {
    if (isObject(out.cases)) {
      const cases: Obj = {};
      for (const [name, c] of Object.entries(out.cases)) setKey(cases, name, isObject(c) ? { ...c, actions: normalizeActions(c.actions) } : c);
      out.cases = cases;
    }
    if (isObject(out.default)) out.default = { ...out.default, actions: normalizeActions(out.default.actions) };
  } else if (type === "foreach" || type === "until" || type === "scope") {
    if (out.actions !== undefined) out.actions = normalizeActions(out.actions);
  } else if (type === "agent" && isObject(out.tools)) {
    const tools: Obj = {};
    for (const [name, tool] of Object.entries(out.tools)) tools[name] = isObject(tool) ? { ...tool, actions: normalizeActions(tool.actions) } : tool;
    out.tools = tools;
  }
  return out;
}

function normalizeTrigger(trigger: unknown): unknown {
  if (!isObject(trigger)) return trigger;
  const out: Obj = { ...trigger };
  normalizeType(out);
  delete out.evaluatedRecurrence;
  if (out.inputs !== undefined) out.inputs = normalizeInputs(out.inputs);
  normalizeMetadata(out);
  return out;
}

/** True for the `$connections` declaration the designer adds everywhere. */
function isDefaultConnectionsDeclaration(decl: unknown): boolean {
  return isObject(decl) && String(decl.type).toLowerCase() === "object" && isEmptyObject(decl.defaultValue) && Object.keys(decl).every((k) => k === "type" || k === "defaultValue");
}

/** Normalised parameter declarations. */
export function normalizeParameterDeclarations(parameters: unknown): unknown {
  if (!isObject(parameters)) return parameters;
  const out: Obj = {};
  for (const [name, decl] of Object.entries(parameters)) {
    if (name === "$connections" && isDefaultConnectionsDeclaration(decl)) continue;
    if (!isObject(decl)) {
      setKey(out, name, decl);
      continue;
    }
    const copy: Obj = { ...decl };
    if (typeof copy.type === "string") copy.type = PARAMETER_TYPE_CASE.get(copy.type.toLowerCase()) ?? copy.type;
    if (typeof copy.type === "string" && copy.type.startsWith("Secure")) delete copy.defaultValue;
    if (isEmptyObject(copy.metadata)) delete copy.metadata;
    setKey(out, name, copy);
  }
  return out;
}

/** Normalise a workflow definition for comparison (see the module comment). Never throws; never changes its input. */
export function normalizeDefinition(definition: unknown): unknown {
  if (!isObject(definition)) return definition;
  const out: Obj = { ...definition };
  if (out.contentVersion === undefined) out.contentVersion = "1.0.0.0";
  if (out.parameters !== undefined) out.parameters = normalizeParameterDeclarations(out.parameters);
  if (isObject(out.triggers)) {
    const triggers: Obj = {};
    for (const [name, t] of Object.entries(out.triggers)) setKey(triggers, name, normalizeTrigger(t));
    out.triggers = triggers;
  }
  if (out.actions !== undefined) out.actions = normalizeActions(out.actions);
  for (const key of ["outputs", "parameters", "staticResults", "metadata"]) if (isEmptyObject(out[key])) delete out[key];
  return out;
}
