/** One simulated run from trigger outputs to run record, and `simulateAll` (splitOn: one run per item). */
import { parameterValueProblem } from "../wdl/parameters";
import { isObject, setKey, type Obj } from "../wdl/walk";
import "./actions";
import { SECURED } from "./actions/calls";
import { refuseTooDeep, SimulationError } from "./errors";
import type { OperationRecord } from "./expression/context";
import { instantMs, subMillisecondTicks } from "./expression/dotnet-datetime";
import { EvaluationError } from "./expression/evaluate";
import { normalizeMocks } from "./mocks";
import { planFor, type Plan } from "./plan";
import { resolveBudget } from "./budget";
import { seedOf } from "./random";
import { RunRecord, type DeclaredAction } from "./record";
import { refuseInvalid } from "./refuse";
import { ACTION_FAILED, startScope } from "./scope";
import { Frame, RunState, type ActionRun } from "./state";
import { resolveTarget, type Target } from "./target";
import { masker, secureStrings } from "./redact";
import type { ActionRecord, CallRecord, IterationRecord, RunError, RunRecordData, RunStatus, SimulateOptions } from "./types";

/** Default start of the simulated clock. */
export const DEFAULT_NOW = "2024-01-01T00:00:00.000Z";

/**
 * Run a definition, workflow resource or ARM template once per trigger firing: one record per `splitOn` item
 * (one record without splitOn). A run whose trigger conditions are false has status `Skipped`.
 */
export function simulateAll(target: unknown, options: SimulateOptions = {}): RunRecord[] {
  if (!isObject(options as unknown)) throw new SimulationError("InvalidOptions", "Options must be an object.");
  refuseInputsTooDeep(target, options);
  const t = resolveTarget(target, options.resource, options.armParameters);
  refuseTooDeep(t.definition, "InvalidDefinition", "The definition (ARM values expanded)");
  refuseInvalid(target as object, t.pointer);
  const plan = planFor(t.definition);
  const mocks = normalizeMocks(options.mocks);
  const budget = resolveBudget(options.budget);
  const parameters = parameterValues(plan, t, options.parameters);
  const startMs = parseNow(options.now);
  const seed = seedOf(options.seed);
  const name = options.workflowName ?? t.name ?? "simulated-workflow";
  const workflow = {
    name,
    location: options.location ?? t.location ?? "westeurope",
    id: options.workflowId ?? `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/simulated/providers/Microsoft.Logic/workflows/${name}`,
  };
  const outputs = triggerOutputs(options.trigger);
  const newState = (i: number) => {
    const state = new RunState(plan, mocks, parameters, connectionsOf(parameters), connectionReferences(t), startMs, (seed + i) >>> 0, workflow, budget);
    state.reveal = options.revealSecureData === true;
    state.nowTicks = typeof options.now === "string" ? subMillisecondTicks(options.now) : 0;
    return state;
  };

  let perRun: Obj[] = [outputs];
  if (plan.splitOn) {
    const state = newState(0);
    state.triggerOp = triggerOperation(plan, state, outputs, undefined);
    let items: unknown;
    try {
      items = plan.splitOn(Frame.root(state));
    } catch (error) {
      if (error instanceof EvaluationError) throw new SimulationError("InvalidOptions", `The trigger's splitOn '${String(plan.trigger?.splitOn)}' cannot be evaluated on the trigger outputs: ${error.message}`);
      throw error;
    }
    if (!Array.isArray(items)) {
      throw new SimulationError("InvalidOptions", `The trigger's splitOn '${String(plan.trigger?.splitOn)}' must evaluate to an array on the trigger outputs; it gave ${items === null ? "null" : typeof items}.`);
    }
    perRun = items.map((item) => ({ ...outputs, body: item }));
  }
  return perRun.map((o, i) => runOnce(plan, newState(i), o));
}

/** Everything given is walked recursively later: refuse what nests too deep first (wdl/depth). */
function refuseInputsTooDeep(target: unknown, options: SimulateOptions): void {
  refuseTooDeep(target, "InvalidDefinition", "The definition");
  refuseTooDeep(options.trigger, "InvalidOptions", "The trigger outputs");
  refuseTooDeep(options.parameters, "InvalidOptions", "The parameter values");
  refuseTooDeep(options.armParameters, "InvalidOptions", "The ARM parameter values");
}

function parseNow(now: SimulateOptions["now"]): number {
  const value = now ?? DEFAULT_NOW;
  const ms = value instanceof Date ? value.getTime() : typeof value === "string" ? instantMs(value) : undefined;
  if (ms === undefined || Number.isNaN(ms)) throw new SimulationError("InvalidOptions", `'now' must be an ISO timestamp such as 2024-01-01T00:00:00Z; got ${JSON.stringify(value)}.`);
  return ms;
}

function triggerOutputs(trigger: SimulateOptions["trigger"]): Obj {
  if (trigger === undefined) return { headers: {} };
  if (!isObject(trigger)) throw new SimulationError("InvalidOptions", "The trigger outputs must be an object: {\"headers\"?: {...}, \"body\": ...}.");
  if (trigger.headers !== undefined && !isObject(trigger.headers)) throw new SimulationError("InvalidOptions", "The trigger's 'headers' must be an object.");
  const out: Obj = { headers: trigger.headers ?? {} };
  if ("body" in trigger) out.body = trigger.body;
  for (const [k, v] of Object.entries(trigger)) if (k !== "headers" && k !== "body") out[k] = v;
  return out;
}

/** Declared parameters' values: options, then the resource's values, then defaults. */
function parameterValues(plan: Plan, t: Target, given: Record<string, unknown> | undefined): Map<string, unknown> {
  const declared = Object.keys(plan.parameters);
  const find = (names: string[], name: string) => names.find((n) => n === name) ?? names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (given !== undefined) {
    if (!isObject(given)) throw new SimulationError("InvalidOptions", "Parameter values must be an object of values by parameter name.");
    const unknown = Object.keys(given).filter((k) => find(declared, k) === undefined);
    // Standard workflow.json files declare no parameters: their values come from parameters.json.
    if (unknown.length && t.kind !== "standard") {
      throw new SimulationError(
        "InvalidOptions",
        `The definition declares no parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `'${u}'`).join(", ")} (declared: ${declared.join(", ") || "none"}).`,
      );
    }
  }
  const out = new Map<string, unknown>();
  const givenNames = given ? Object.keys(given) : [];
  const valueNames = Object.keys(t.values);
  for (const name of declared) {
    const g = find(givenNames, name);
    const v = find(valueNames, name);
    const decl = plan.parameters[name];
    if (g !== undefined) {
      // The service refuses a value that does not fit the declaration; so does the simulator, naming it.
      const problem = parameterValueProblem(decl, given![g]);
      if (problem) throw new SimulationError("InvalidOptions", `The value given for parameter '${name}' ${problem}`);
      out.set(name, given![g]);
    } else if (v !== undefined) out.set(name, t.values[v]);
    else if (isObject(decl) && "defaultValue" in decl) out.set(name, decl.defaultValue);
  }
  // The service needs a value for every declared parameter: `defaultValue` is required when no value is given
  // (workflow definition language, "Parameters"). Say so before the run, not as a failed action deep inside it.
  const missing = declared.filter((name) => !out.has(name));
  if (missing.length) {
    throw new SimulationError(
      "InvalidOptions",
      `The definition's parameter${missing.length > 1 ? "s" : ""} ${missing.map((m) => `'${m}'`).join(", ")} ${missing.length > 1 ? "have" : "has"} no defaultValue and no value was given: pass ${missing.length > 1 ? "them" : "it"} in the parameters (playbook-kit simulate --params FILE).`,
    );
  }
  if (t.kind === "standard" && given) for (const name of givenNames) if (!out.has(name) && find(declared, name) === undefined) out.set(name, given[name]);
  return out;
}

function connectionsOf(parameters: Map<string, unknown>): unknown {
  for (const [name, value] of parameters) if (name.toLowerCase() === "$connections") return value;
  return undefined;
}

function connectionReferences(t: Target): Record<string, unknown> | undefined {
  return t.connectionReferences;
}

function triggerOperation(plan: Plan, state: RunState, outputs: Obj, inputs: unknown): OperationRecord {
  const at = state.iso(state.startMs);
  const op: OperationRecord = { name: plan.triggerName ?? "manual", status: "Succeeded", outputs, startTime: at, endTime: at, trackingId: state.trackingId, clientTrackingId: state.runName };
  if (inputs !== undefined) op.inputs = inputs;
  return op;
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

function runOnce(plan: Plan, state: RunState, outputs: Obj): RunRecord {
  state.triggerOp = triggerOperation(plan, state, outputs, undefined);
  const frame = Frame.root(state);
  let inputs: unknown;
  if (plan.triggerInputs) {
    try {
      inputs = plan.triggerInputs(frame);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      inputs = plan.trigger?.inputs;
    }
    state.triggerOp.inputs = inputs;
  }
  const trigger = {
    ...(inputs !== undefined ? { inputs: plan.secureTriggerInputs && !state.reveal ? SECURED : inputs } : {}),
    outputs: plan.secureTriggerOutputs && !state.reveal ? SECURED : outputs,
  };
  for (const condition of plan.triggerConditions) {
    let ok: boolean;
    let error: RunError | undefined;
    try {
      ok = isTrue(condition(frame));
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      ok = false;
      error = { code: "InvalidTemplate", message: `The trigger condition cannot be evaluated: ${e.message}` };
    }
    if (!ok) {
      const at = state.iso(state.startMs);
      return record(plan, state, { status: "Skipped", ...(error ? { error } : {}), startTime: at, endTime: at, trigger, actions: {}, calls: [] }, frame);
    }
  }
  let outcome: { status: "Succeeded" | "Failed"; endMs: number } = { status: "Succeeded", endMs: state.startMs };
  startScope(plan.root, frame, state.startMs, (s, endMs) => (outcome = { status: s, endMs }));
  state.scheduler.drain((at) => (state.clockMs = at));
  let status: RunStatus = outcome.status;
  let error: RunError | undefined = status === "Failed" ? { ...ACTION_FAILED } : undefined;
  if (state.terminated) {
    status = state.terminated.status;
    error = state.terminated.error;
    dropCallsAfter(state, state.terminated.atMs);
  }
  sortCalls(state);
  const data: RunRecordData = {
    status,
    ...(error ? { error } : {}),
    startTime: state.iso(state.startMs),
    endTime: state.iso(Math.max(outcome.endMs, state.startMs)),
    trigger,
    actions: {},
    calls: state.calls,
  };
  return record(plan, state, data, frame);
}

/** Calls a Terminate kept from happening: retries of cancelled actions that would have started after it. */
function dropCallsAfter(state: RunState, atMs: number): void {
  if (!state.callStarts.some((t) => t > atMs)) return;
  const keep = state.calls.map((_, i) => i).filter((i) => state.callStarts[i]! <= atMs);
  const calls = keep.map((i) => state.calls[i]!);
  const starts = keep.map((i) => state.callStarts[i]!);
  state.calls.splice(0, state.calls.length, ...calls);
  state.callStarts.splice(0, state.callStarts.length, ...starts);
}

/**
 * Calls in the order they were made on the clock. A call action makes all its attempts when it starts (their times
 * are known then), so a retry can be recorded before another branch's earlier call; a stable sort by time fixes that.
 */
function sortCalls(state: RunState): void {
  const starts = state.callStarts;
  let sorted = true;
  for (let i = 1; i < starts.length && sorted; i++) if (starts[i]! < starts[i - 1]!) sorted = false;
  if (sorted) return;
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b);
  const calls = order.map((i) => state.calls[i]!);
  state.calls.splice(0, state.calls.length, ...calls);
  starts.splice(0, starts.length, ...order.map((i) => starts[i]!));
}

function record(plan: Plan, state: RunState, data: RunRecordData, frame: Frame): RunRecord {
  const records = frame.records!;
  if (!state.reveal) state.mask = masker(secureStrings(plan, state, records));
  data.calls = data.calls.map((c) => maskCall(c, state.mask));
  if (data.error) data.error = maskError(data.error, state.mask);
  for (const a of plan.all) {
    const r = records.get(a.name);
    if (r) setKey(data.actions, a.name, publicAction(r, state));
  }
  return new RunRecord(data, declaredOf(plan), plan.triggerName);
}

/** An error with the secure values in its message masked. */
function maskError(error: RunError, mask: (text: string) => string): RunError {
  const message = mask(error.message);
  return message === error.message ? error : { ...error, message };
}

/** A call record with the secure values in its URI and path masked (its body is hidden whole when secured). */
function maskCall(call: CallRecord, mask: (text: string) => string): CallRecord {
  const uri = call.uri === undefined ? undefined : mask(call.uri);
  const path = call.path === undefined ? undefined : mask(call.path);
  if (uri === call.uri && path === call.path) return call;
  const out = { ...call };
  if (uri !== undefined) out.uri = uri;
  if (path !== undefined) out.path = path;
  return out;
}

const declaredCache = new WeakMap<Plan, Map<string, DeclaredAction>>();

function declaredOf(plan: Plan): Map<string, DeclaredAction> {
  let hit = declaredCache.get(plan);
  if (!hit) {
    hit = new Map(plan.all.map((a) => [a.name, a.parent ? { type: a.kind, parent: a.parent.name } : { type: a.kind }]));
    declaredCache.set(plan, hit);
  }
  return hit;
}

function publicAction(r: ActionRun, state: RunState): ActionRecord {
  const out = { status: r.status } as ActionRecord;
  if (r.code !== undefined) out.code = r.code;
  if (r.error) out.error = maskError(r.error, state.mask);
  if (r.hasInputs) out.inputs = r.plan.secureInputs && !state.reveal ? SECURED : r.inputs;
  if (r.hasOutputs) out.outputs = r.plan.hideOutputs && !state.reveal ? SECURED : r.outputs;
  out.startTime = state.iso(r.startMs);
  out.endTime = state.iso(r.endMs);
  if (r.retryHistory) out.retryHistory = r.retryHistory.map((h) => (h.error ? { ...h, error: maskError(h.error, state.mask) } : h));
  if (r.iterations) {
    if (r.iterationCount !== undefined) out.iterationCount = r.iterationCount;
    out.iterations = r.iterations.filter((it) => !it.pruned).map((it) => {
      const rec = { index: it.index, status: it.status, startTime: state.iso(it.startMs), endTime: state.iso(it.endMs) } as IterationRecord;
      if (it.hasItem) rec.item = it.item;
      const entries = [...it.records.values()].sort((x, y) => x.plan.index - y.plan.index);
      rec.actions = {};
      for (const e of entries) setKey(rec.actions, e.plan.name, publicAction(e, state));
      return rec;
    });
  }
  return out;
}
