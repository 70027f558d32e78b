/** Control actions: If, Switch, Scope, Foreach, Until, Terminate, Wait. */
import { isObject } from "../../wdl/walk";
import { parseDuration, unitDuration } from "../duration";
import { instantMs } from "../expression/dotnet-datetime";
import { EvaluationError, evaluateCondition } from "../expression/evaluate";
import type { ActionPlan, ScopePlan } from "../plan";
import { ACTION_FAILED, runScope, skipScope } from "../scope";
import { ActionRun, register, type Frame, type IterationRun } from "../state";
import type { RunStatus } from "../types";

/** Largest Foreach input and Until count the service allows. */
const MAX_FOREACH_ITEMS = 100_000;
const MAX_UNTIL_COUNT = 5_000;
/** Default Foreach parallelism. */
const DEFAULT_REPETITIONS = 20;

function finishContainer(r: ActionRun, status: "Succeeded" | "Failed", endMs: number): ActionRun {
  r.endMs = endMs;
  if (status === "Failed") r.fail(ACTION_FAILED.code, ACTION_FAILED.message);
  return r;
}

const NOT_TAKEN = "ActionBranchingConditionNotSatisfied";
const notTaken = "The execution of template action '{name}' is skipped: the branching condition for this action is not satisfied.";

register(["if"], (a, frame, start) => {
  const result = evaluateCondition(a.condition, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs({ expressionResult: result });
  const [taken, other] = result ? [a.actions!, a.elseActions!] : [a.elseActions!, a.actions!];
  skipScope(other, frame, start, NOT_TAKEN, notTaken);
  const outcome = runScope(taken, frame, start);
  return finishContainer(r, outcome.status, outcome.endMs);
});

/** Switch case matching: same type and value; a number also matches its decimal string. */
function caseMatches(value: unknown, caseValue: unknown): boolean {
  if (value === caseValue) return true;
  if (typeof value === "number" && typeof caseValue === "string") return String(value) === caseValue;
  if (typeof value === "string" && typeof caseValue === "number") return value === String(caseValue);
  return false;
}

register(["switch"], (a, frame, start) => {
  const value = a.value!(frame);
  if (value !== null && typeof value === "object") {
    throw new EvaluationError("InvalidTemplate", `The Switch expression of '${a.name}' must be a string or a number; it evaluated to ${Array.isArray(value) ? "an array" : "an object"}.`);
  }
  let chosen: ScopePlan = a.defaultActions!;
  let caseName = "default";
  for (const c of a.cases!) {
    if (caseMatches(value, c.value(frame))) {
      chosen = c.scope;
      caseName = c.name;
      break;
    }
  }
  const r = new ActionRun(a, "Succeeded", start, start).setInputs({ expressionValue: value, case: caseName });
  for (const scope of a.children) if (scope !== chosen) skipScope(scope, frame, start, NOT_TAKEN, notTaken);
  const outcome = runScope(chosen, frame, start);
  return finishContainer(r, outcome.status, outcome.endMs);
});

register(["scope"], (a, frame, start) => {
  const r = new ActionRun(a, "Succeeded", start, start);
  const outcome = runScope(a.actions!, frame, start);
  return finishContainer(r, outcome.status, outcome.endMs);
});

/** Copy the records of the last iteration to the enclosing frame, so later references see them. */
function publishLast(frame: Frame, last: IterationRun | undefined): void {
  if (!last) return;
  const store = frame.store;
  for (const [name, r] of last.records) store.set(name, r);
}

register(["foreach"], (a, frame, start) => {
  const items = a.value!(frame);
  if (!Array.isArray(items)) {
    const type = items === null || items === undefined ? "Null" : typeof items === "object" ? "Object" : typeof items === "string" ? "String" : typeof items;
    throw new EvaluationError(
      "InvalidTemplate",
      `The execution of template action '${a.name}' failed: the result of the evaluation of 'foreach' expression '${String(a.raw.foreach)}' is of type '${type}'. The result must be a valid array.`,
    );
  }
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(items);
  if (items.length > MAX_FOREACH_ITEMS) return r.fail("InvalidTemplate", `The 'foreach' of '${a.name}' has ${items.length} items; the limit is ${MAX_FOREACH_ITEMS}.`);
  // Iterations run one after another (deterministic); their simulated start times follow the
  // concurrency window: `repetitions` at once (default 20), one at a time when Sequential or nested.
  const width = a.insideForeach ? 1 : (a.repetitions ?? DEFAULT_REPETITIONS);
  const slots = new Array<number>(Math.max(1, Math.min(width, items.length))).fill(start);
  const iterations: IterationRun[] = [];
  let failed = false;
  let end = start;
  for (let i = 0; i < items.length; i++) {
    if (frame.run.terminated) break;
    let slot = 0;
    for (let s = 1; s < slots.length; s++) if (slots[s]! < slots[slot]!) slot = s;
    const itStart = slots[slot]!;
    const itFrame = frame.iteration(a, i, true, items[i]);
    const outcome = runScope(a.actions!, itFrame, itStart);
    slots[slot] = outcome.endMs;
    if (outcome.endMs > end) end = outcome.endMs;
    if (outcome.status === "Failed") failed = true;
    iterations.push({ index: i, status: outcome.status, startMs: itStart, endMs: outcome.endMs, hasItem: true, item: items[i], records: itFrame.records! });
  }
  r.iterations = iterations;
  publishLast(frame, iterations[iterations.length - 1]);
  return finishContainer(r, failed ? "Failed" : "Succeeded", end);
});

function positiveInt(value: unknown, what: string, a: ActionPlan): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new EvaluationError("InvalidTemplate", `The '${what}' of Until '${a.name}' must be a positive integer; got ${JSON.stringify(value)}.`);
  return n;
}

register(["until"], (a, frame, start) => {
  const count = Math.min(positiveInt(a.limitCount!(frame), "limit.count", a), MAX_UNTIL_COUNT);
  const timeoutText = a.limitTimeout!(frame);
  const timeout = parseDuration(timeoutText);
  if (timeout === undefined) throw new EvaluationError("InvalidTemplate", `The 'limit.timeout' of Until '${a.name}' must be an ISO 8601 duration; got ${JSON.stringify(timeoutText)}.`);
  const r = new ActionRun(a, "Succeeded", start, start);
  const iterations: IterationRun[] = [];
  let t = start;
  let last: "Succeeded" | "Failed" = "Succeeded";
  // Do-while: the body runs, then the condition is checked; count and timeout (simulated) end it too.
  for (let i = 0; i < count; i++) {
    const itFrame = frame.iteration(a, i, false, undefined);
    const outcome = runScope(a.actions!, itFrame, t);
    iterations.push({ index: i, status: outcome.status, startMs: t, endMs: outcome.endMs, hasItem: false, item: undefined, records: itFrame.records! });
    t = outcome.endMs;
    last = outcome.status;
    if (frame.run.terminated) break;
    frame.run.clockMs = t;
    let done: boolean;
    // `action()` in an Until condition: the loop itself, still running.
    frame.run.current = { name: a.name, status: "Running", startTime: frame.run.iso(start), trackingId: frame.run.trackingId, clientTrackingId: frame.run.runName };
    try {
      done = evaluateCondition(a.condition, itFrame);
    } catch (error) {
      frame.run.current = undefined;
      if (!(error instanceof EvaluationError)) throw error;
      r.iterations = iterations;
      publishLast(frame, iterations[iterations.length - 1]);
      r.endMs = t;
      return r.fail("InvalidTemplate", `Unable to process the 'expression' of Until '${a.name}': ${error.message}`);
    }
    frame.run.current = undefined;
    if (done || t - start >= timeout) break;
  }
  r.iterations = iterations;
  publishLast(frame, iterations[iterations.length - 1]);
  return finishContainer(r, last, t);
});

const RUN_STATUSES: Record<string, Exclude<RunStatus, "Skipped">> = { succeeded: "Succeeded", failed: "Failed", cancelled: "Cancelled" };

register(["terminate"], (a, frame, start) => {
  const inputs = a.inputs ? a.inputs(frame) : undefined;
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  const runStatus = isObject(inputs) && typeof inputs.runStatus === "string" ? RUN_STATUSES[inputs.runStatus.toLowerCase()] : undefined;
  if (!runStatus) return r.fail("InvalidTemplate", `Terminate '${a.name}' needs 'runStatus' Succeeded, Failed or Cancelled.`);
  const runError = isObject(inputs) && isObject(inputs.runError) ? inputs.runError : {};
  frame.run.terminated = {
    status: runStatus,
    by: a.name,
    error:
      runStatus === "Failed"
        ? {
            code: typeof runError.code === "string" && runError.code ? runError.code : "Terminated",
            message: typeof runError.message === "string" && runError.message ? runError.message : `The run was terminated by '${a.name}' with status 'Failed'.`,
          }
        : undefined,
  };
  return r;
});

register(["wait"], (a, frame, start) => {
  const inputs = a.inputs ? a.inputs(frame) : undefined;
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  if (isObject(inputs) && isObject(inputs.interval)) {
    const raw = inputs.interval.count;
    const count = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    const ms = typeof count === "number" && Number.isFinite(count) && count >= 0 ? unitDuration(count, inputs.interval.unit) : undefined;
    if (ms === undefined) return r.fail("InvalidTemplate", `Wait '${a.name}' needs 'interval' {count, unit} with a non-negative count and a unit Second, Minute, Hour, Day, Week or Month.`);
    r.endMs = start + ms;
    return r;
  }
  if (isObject(inputs) && isObject(inputs.until)) {
    const at = typeof inputs.until.timestamp === "string" ? instantMs(inputs.until.timestamp, true) : undefined;
    if (at === undefined) return r.fail("InvalidTemplate", `Wait '${a.name}' needs 'until.timestamp' to be an ISO timestamp.`);
    r.endMs = Math.max(start, at);
    return r;
  }
  return r.fail("InvalidTemplate", `Wait '${a.name}' needs 'interval' or 'until' inputs.`);
});
