/**
 * A definition prepared for running: every scope's execution order (runAfter graph, declaration order
 * breaking ties), compiled inputs and expressions, connection keys and secure-data flags. Built once per
 * definition object and reused by every run (WeakMap by identity).
 */
import type { Template } from "../wdl/expression/ast";
import { connectionKeys, forEachCall, templateExpressions } from "../wdl/expression/references";
import { isObject, type Obj } from "../wdl/walk";
import { compileValue, type Compiled } from "./compile";
import { parseDuration } from "./duration";
import { SimulationError } from "./errors";

/** One predecessor of an action, with the statuses (lower-case) it must end in. */
export interface Dependency {
  pred: ActionPlan;
  statuses: Set<string>;
  /** The statuses as written, for messages. */
  written: string[];
}

/** The actions of one scope body (or branch). */
export interface ScopePlan {
  /** Execution order: a topological order of the runAfter graph, declaration order first. */
  order: ActionPlan[];
  /** Actions no sibling runs after (branch ends, for status roll-up). */
  leaves: ActionPlan[];
  /** Actions with no runAfter: they start when the scope starts. */
  roots: ActionPlan[];
  /** By position in `order`: the siblings that run after that action. */
  successors: ActionPlan[][];
}

/** One Switch case. */
export interface CasePlan {
  name: string;
  value: Compiled;
  scope: ScopePlan;
}

/** One action, prepared. */
export interface ActionPlan {
  name: string;
  /** `type` as written. */
  type: string;
  /** `type` lower-cased (dispatch key). */
  kind: string;
  raw: Obj;
  /** Position in depth-first execution order across the whole definition (record order). */
  index: number;
  /** Position in its scope's `order`. */
  pos: number;
  /** `[index]`: its task order outside loops (cached). */
  rootKey?: readonly number[];
  parent: ActionPlan | undefined;
  /** True inside a Foreach (nested Foreach loops run sequentially). */
  insideForeach: boolean;
  runAfter: Dependency[];
  /** Child scopes of a container. */
  actions?: ScopePlan;
  elseActions?: ScopePlan;
  cases?: CasePlan[];
  defaultActions?: ScopePlan;
  /** Every child scope, in declaration order (for result() and skipping). */
  children: ScopePlan[];
  /** Compiled `inputs` (for call actions: without `host` and `retryPolicy`). */
  inputs?: Compiled;
  retryPolicy?: Compiled;
  /** Foreach `foreach`, Switch `expression`. */
  value?: Compiled;
  /** If / Until `expression`, as written (structured or string). */
  condition?: unknown;
  /** Until `limit.count` / `limit.timeout`, compiled. */
  limitCount?: Compiled;
  limitTimeout?: Compiled;
  /** `limit.timeout` of a call action, in ms. */
  timeoutMs?: number;
  /** `$connections` key of an ApiConnection / ApiConnectionWebhook, or the Power Automate api name. */
  connectionKey?: string;
  /** Managed API named directly by the action (OpenApiConnection `apiId`), lower-case. */
  apiName?: string;
  /** Power Automate connection reference name (`host.connectionName` / `host.connection.referenceName`). */
  referenceName?: string;
  /** `runtimeConfiguration.staticResult.name` when enabled. */
  staticResult?: string;
  /** Sequential loop (`operationOptions: Sequential`) or the configured repetitions. */
  repetitions?: number;
  /** Inputs hidden in the record: `secureData` "inputs", or inputs that read a secured value (see propagateSecureData). */
  secureInputs: boolean;
  /** `secureData` "outputs": hidden in the record, and a source that hides the inputs of actions reading them. */
  secureOutputs: boolean;
  /** Outputs hidden in the record: `secureOutputs`, or hidden inputs of Compose, ParseJson and Response. */
  hideOutputs: boolean;
  /** Templates in the action's own fields (not its children), for reference analysis. */
  templates: Template[];
}

/** A definition, prepared. */
export interface Plan {
  definition: Obj;
  triggerName: string | undefined;
  trigger: Obj | undefined;
  triggerInputs?: Compiled;
  triggerConditions: Compiled[];
  splitOn?: Compiled;
  secureTriggerInputs: boolean;
  secureTriggerOutputs: boolean;
  root: ScopePlan;
  /** Every action in depth-first execution order. */
  all: ActionPlan[];
  byName: Map<string, ActionPlan>;
  byLowerName: Map<string, ActionPlan>;
  /** Declared parameters. */
  parameters: Obj;
  staticResults: Obj;
}

const cache = new WeakMap<object, Plan>();

/** The plan of a definition (cached by object identity). Throws `SimulationError` for a definition that cannot run. */
export function planFor(definition: Obj): Plan {
  let plan = cache.get(definition);
  if (!plan) {
    plan = buildPlan(definition);
    cache.set(definition, plan);
  }
  return plan;
}

const CALL_KINDS = new Set(["apiconnection", "apiconnectionwebhook", "http", "httpwebhook", "function", "workflow", "openapiconnection", "openapiconnectionwebhook", "serviceprovider"]);

function secureFlags(config: unknown): { inputs: boolean; outputs: boolean } {
  const props = isObject(config) && isObject(config.secureData) && Array.isArray(config.secureData.properties) ? config.secureData.properties : [];
  const lower = props.filter((p): p is string => typeof p === "string").map((p) => p.toLowerCase());
  return { inputs: lower.includes("inputs"), outputs: lower.includes("outputs") };
}

function buildPlan(definition: Obj): Plan {
  const all: ActionPlan[] = [];
  const byName = new Map<string, ActionPlan>();
  const byLowerName = new Map<string, ActionPlan>();

  const scope = (actions: unknown, parent: ActionPlan | undefined, where: string): ScopePlan => {
    if (actions !== undefined && !isObject(actions)) throw new SimulationError("InvalidDefinition", `${where} must be an object of actions.`);
    const entries = Object.entries(actions ?? {});
    const plans: ActionPlan[] = [];
    for (const [name, raw] of entries) {
      if (!isObject(raw)) throw new SimulationError("InvalidDefinition", `Action '${name}' is not an object.`);
      if (byName.has(name)) throw new SimulationError("InvalidDefinition", `Two actions are named '${name}'; action names must be unique across the definition.`);
      const p = prepareAction(name, raw, parent, all.length);
      all.push(p);
      byName.set(name, p);
      byLowerName.set(name.toLowerCase(), p);
      plans.push(p);
      addChildren(p, scope);
    }
    return orderScope(plans, where);
  };

  const root = scope(definition.actions, undefined, "The definition's 'actions'");
  // Records and text output list actions in execution order (depth first through each scope's order).
  const ordered: ActionPlan[] = [];
  const visit = (s: ScopePlan) => {
    for (const p of s.order) {
      p.index = ordered.length;
      ordered.push(p);
      for (const child of p.children) visit(child);
    }
  };
  visit(root);
  all.length = 0;
  all.push(...ordered);
  // runAfter: resolve names now that every sibling exists.
  const triggers = isObject(definition.triggers) ? definition.triggers : {};
  const triggerName = Object.keys(triggers)[0];
  const trigger = triggerName !== undefined && isObject(triggers[triggerName]) ? (triggers[triggerName] as Obj) : undefined;
  const parameters = isObject(definition.parameters) ? definition.parameters : {};
  const plan: Plan = {
    definition,
    triggerName,
    trigger,
    triggerConditions: [],
    secureTriggerInputs: false,
    secureTriggerOutputs: false,
    root,
    all,
    byName,
    byLowerName,
    parameters,
    staticResults: isObject(definition.staticResults) ? definition.staticResults : {},
  };
  if (trigger) {
    if (trigger.inputs !== undefined) plan.triggerInputs = compileValue(withoutKeys(trigger.inputs, ["host"]));
    if (Array.isArray(trigger.conditions)) {
      plan.triggerConditions = trigger.conditions.map((c) => compileValue(isObject(c) ? c.expression : c));
    }
    if (typeof trigger.splitOn === "string") plan.splitOn = compileValue(trigger.splitOn);
    const secure = secureFlags(trigger.runtimeConfiguration);
    plan.secureTriggerInputs = secure.inputs;
    plan.secureTriggerOutputs = secure.outputs;
  }
  propagateSecureData(plan);
  return plan;
}

function withoutKeys(value: unknown, keys: string[]): unknown {
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function prepareAction(name: string, raw: Obj, parent: ActionPlan | undefined, index: number): ActionPlan {
  const type = typeof raw.type === "string" ? raw.type : "";
  const kind = type.toLowerCase();
  const secure = secureFlags(raw.runtimeConfiguration);
  const templates: Template[] = [];
  const sink = (t: Template) => templates.push(t);
  const p: ActionPlan = {
    name,
    type,
    kind,
    raw,
    index,
    pos: 0,
    parent,
    insideForeach: parent !== undefined && (parent.kind === "foreach" || parent.insideForeach),
    runAfter: [],
    children: [],
    secureInputs: secure.inputs,
    secureOutputs: secure.outputs,
    hideOutputs: secure.outputs,
    templates,
  };
  const inputs = raw.inputs;
  if (CALL_KINDS.has(kind)) {
    if (isObject(inputs)) {
      const sent = withoutKeys(inputs, ["host", "retryPolicy"]);
      p.inputs = compileValue(sent);
      // Secure-data propagation looks at what is sent, not at `authentication` (Power Automate passes
      // `@parameters('$authentication')`, a SecureObject, on every connector call).
      collectTemplates(withoutKeys(sent, ["authentication"]), sink);
      if (inputs.retryPolicy !== undefined) p.retryPolicy = compileValue(inputs.retryPolicy, sink);
      const host = isObject(inputs.host) ? inputs.host : undefined;
      if (host) connectionOf(p, host);
    }
  } else if (inputs !== undefined) {
    p.inputs = compileValue(inputs, sink);
  }
  if (kind === "foreach") p.value = compileValue(raw.foreach, sink);
  if (kind === "switch") p.value = compileValue(raw.expression, sink);
  if (kind === "if" || kind === "until") {
    p.condition = raw.expression;
    collectTemplates(raw.expression, sink);
  }
  if (kind === "until") {
    const limit = isObject(raw.limit) ? raw.limit : {};
    p.limitCount = compileValue(limit.count ?? 60, sink);
    p.limitTimeout = compileValue(limit.timeout ?? "PT1H", sink);
  } else if (isObject(raw.limit) && typeof raw.limit.timeout === "string") {
    p.timeoutMs = parseDuration(raw.limit.timeout);
  }
  const config = isObject(raw.runtimeConfiguration) ? raw.runtimeConfiguration : {};
  if (isObject(config.staticResult) && typeof config.staticResult.name === "string") {
    const option = config.staticResult.staticResultOptions;
    if (typeof option !== "string" || option.toLowerCase() === "enabled") p.staticResult = config.staticResult.name;
  }
  if (kind === "foreach") {
    const reps = isObject(config.concurrency) ? config.concurrency.repetitions : undefined;
    if (typeof raw.operationOptions === "string" && raw.operationOptions.toLowerCase().split(",").map((s) => s.trim()).includes("sequential")) p.repetitions = 1;
    else if (typeof reps === "number" && reps >= 1) p.repetitions = Math.min(Math.floor(reps), 50);
  }
  // runAfter is resolved by orderScope (names need the whole sibling map); keep the raw form on `raw`.
  return p;
}

function collectTemplates(value: unknown, sink: (t: Template) => void): void {
  compileValue(value, sink);
}

function connectionOf(p: ActionPlan, host: Obj): void {
  if (typeof host.apiId === "string") {
    const m = /\/apis\/(?:shared_)?([^/]+)$/i.exec(host.apiId);
    if (m) p.apiName = m[1]!.toLowerCase();
  }
  if (typeof host.connectionName === "string") p.referenceName = host.connectionName;
  const connection = isObject(host.connection) ? host.connection : undefined;
  if (!connection) return;
  if (typeof connection.referenceName === "string") p.referenceName = connection.referenceName;
  const name = connection.name;
  if (typeof name !== "string") return;
  const captured: Template[] = [];
  compileValue(name, (t) => captured.push(t));
  for (const template of captured) {
    for (const expr of templateExpressions(template)) {
      const keys = connectionKeys(expr);
      if (keys.length > 0) {
        p.connectionKey = keys[0];
        return;
      }
    }
  }
  // A literal connection name (rare): use it as the key.
  if (!name.startsWith("@")) p.connectionKey = name;
}

function addChildren(p: ActionPlan, scope: (actions: unknown, parent: ActionPlan, where: string) => ScopePlan): void {
  const raw = p.raw;
  const where = (branch: string) => `The '${branch}' of action '${p.name}'`;
  if (p.kind === "if") {
    p.actions = scope(raw.actions ?? {}, p, where("actions"));
    p.elseActions = scope(isObject(raw.else) ? (raw.else.actions ?? {}) : {}, p, where("else"));
    p.children = [p.actions, p.elseActions];
  } else if (p.kind === "switch") {
    p.cases = [];
    if (isObject(raw.cases)) {
      for (const [caseName, c] of Object.entries(raw.cases)) {
        if (!isObject(c)) throw new SimulationError("InvalidDefinition", `Case '${caseName}' of Switch '${p.name}' is not an object.`);
        p.cases.push({ name: caseName, value: compileValue(c.case, (t) => p.templates.push(t)), scope: scope(c.actions ?? {}, p, where(`case ${caseName}`)) });
      }
    }
    p.defaultActions = scope(isObject(raw.default) ? (raw.default.actions ?? {}) : {}, p, where("default"));
    p.children = [...p.cases.map((c) => c.scope), p.defaultActions];
  } else if (p.kind === "foreach" || p.kind === "until" || p.kind === "scope") {
    p.actions = scope(raw.actions ?? {}, p, where("actions"));
    p.children = [p.actions];
  }
}

/** Resolve runAfter among siblings and order them (Kahn's algorithm, declaration order first). */
function orderScope(plans: ActionPlan[], where: string): ScopePlan {
  const byName = new Map(plans.map((p) => [p.name, p]));
  const hasSuccessor = new Set<ActionPlan>();
  for (const p of plans) {
    const runAfter = p.raw.runAfter;
    if (runAfter === undefined || runAfter === null) continue;
    if (!isObject(runAfter)) throw new SimulationError("InvalidDefinition", `The 'runAfter' of action '${p.name}' must be an object.`);
    for (const [predName, statuses] of Object.entries(runAfter)) {
      const pred = byName.get(predName);
      if (!pred) {
        throw new SimulationError(
          "InvalidDefinition",
          `Action '${p.name}' runs after '${predName}', which is not an action in the same scope (${where.replace(/^The /, "the ")}).`,
        );
      }
      if (pred === p) throw new SimulationError("InvalidDefinition", `Action '${p.name}' runs after itself.`);
      const written = Array.isArray(statuses) ? statuses.filter((s): s is string => typeof s === "string") : [];
      p.runAfter.push({ pred, statuses: new Set(written.length ? written.map((s) => s.toLowerCase()) : ["succeeded"]), written: written.length ? written : ["Succeeded"] });
      hasSuccessor.add(pred);
    }
  }
  const order: ActionPlan[] = [];
  const placed = new Set<ActionPlan>();
  while (order.length < plans.length) {
    const next = plans.find((p) => !placed.has(p) && p.runAfter.every((d) => placed.has(d.pred)));
    if (!next) {
      const stuck = plans.filter((p) => !placed.has(p)).map((p) => `'${p.name}'`);
      throw new SimulationError("InvalidDefinition", `The runAfter links of ${stuck.join(", ")} form a cycle.`);
    }
    placed.add(next);
    order.push(next);
  }
  order.forEach((p, i) => (p.pos = i));
  const successors = order.map((): ActionPlan[] => []);
  for (const p of order) for (const d of p.runAfter) successors[d.pred.pos]!.push(p);
  return { order, leaves: plans.filter((p) => !hasSuccessor.has(p)), roots: order.filter((p) => p.runAfter.length === 0), successors };
}

const OUTPUT_FUNCTIONS = new Set(["body", "outputs", "actions", "actionbody", "actionoutputs"]);
const TRIGGER_FUNCTIONS = new Set(["trigger", "triggerbody", "triggeroutputs", "triggerformdatavalue", "triggerformdatamultivalues", "triggermultipartbody"]);

/** Actions whose only secureData setting is "inputs", which hides their outputs too (docs: logic-apps-securing-a-logic-app). */
const INPUTS_HIDE_OUTPUTS = new Set(["compose", "parsejson", "response"]);

/**
 * Run history's "downstream" rules (docs: logic-apps-securing-a-logic-app, "Considerations for securing inputs and
 * outputs"): an action whose inputs read the outputs of a trigger or action that secures its inputs or its outputs
 * has its inputs hidden too (so does reading a secure parameter, the simulator's choice). Such derived hiding does
 * not spread further. Compose, ParseJson and Response have only the Secure Inputs setting: when their inputs are
 * hidden, explicitly or as a downstream action, their outputs are hidden too.
 */
function propagateSecureData(plan: Plan): void {
  const secureParams = new Set(
    Object.entries(plan.parameters)
      .filter(([, decl]) => isObject(decl) && typeof decl.type === "string" && decl.type.toLowerCase().startsWith("secure"))
      .map(([name]) => name.toLowerCase()),
  );
  // Sources are the settings as written, not what this pass derives.
  const sources = new Set(plan.all.filter((p) => p.secureInputs || p.secureOutputs));
  const triggerSecured = plan.secureTriggerInputs || plan.secureTriggerOutputs;
  for (const p of plan.all) {
    let secure = p.secureInputs;
    for (const template of secure ? [] : p.templates) {
      for (const expr of templateExpressions(template)) {
        forEachCall(expr, (call) => {
          const fn = call.name.toLowerCase();
          const first = call.args[0];
          const arg = first?.kind === "string" ? first.value : undefined;
          if (TRIGGER_FUNCTIONS.has(fn) && triggerSecured) secure = true;
          else if (OUTPUT_FUNCTIONS.has(fn) && arg !== undefined) {
            const source = plan.byLowerName.get(arg.toLowerCase());
            if (source && sources.has(source)) secure = true;
          } else if (fn === "parameters" && arg !== undefined && secureParams.has(arg.toLowerCase())) secure = true;
        });
      }
    }
    p.secureInputs = secure;
    if (secure && INPUTS_HIDE_OUTPUTS.has(p.kind)) p.hideOutputs = true;
  }
}
