/** Control actions: If, Switch, Scope, Foreach, Until, Terminate, Wait. */
import { isObject } from "../../wdl/walk";
import { parseDuration, unitDuration } from "../duration";
import { instantMs } from "../expression/dotnet-datetime";
import { EvaluationError, evaluateCondition } from "../expression/evaluate";
import type { ActionPlan, ScopePlan } from "../plan";
import { ACTION_FAILED, TERMINATED, skipScope, startScope } from "../scope";
import { ActionRun, register, registerContainer, type ContainerDone, type Frame, type InFlight, type IterationRun, type RunState } from "../state";
import type { RunStatus } from "../types";

/** Largest Foreach input and Until count the service allows. */
const MAX_FOREACH_ITEMS = 100_000;
const MAX_UNTIL_COUNT = 5_000;
/** Default Foreach parallelism. */
const DEFAULT_REPETITIONS = 20;

/** End a container: its roll-up, or Cancelled when the run's termination cut work inside it that is not its own. */
function finish(a: ActionPlan, frame: Frame, r: ActionRun, status: "Succeeded" | "Failed", endMs: number, cut: boolean, done: ContainerDone): void {
  r.endMs = endMs;
  const terminated = frame.run.terminated;
  if (cut && terminated && !encloses(a, terminated.plan)) {
    r.status = "Cancelled";
    r.code = TERMINATED;
    r.error = { code: TERMINATED, message: `The action '${a.name}' was cancelled: the run was terminated by '${terminated.by}'.` };
  } else if (status === "Failed") r.fail(ACTION_FAILED.code, ACTION_FAILED.message);
  done(r, cut);
}

/** True when `inner` sits inside `container`. */
function encloses(container: ActionPlan, inner: ActionPlan): boolean {
  for (let p = inner.parent; p; p = p.parent) if (p === container) return true;
  return false;
}

const NOT_TAKEN = "ActionBranchingConditionNotSatisfied";
const notTaken = "The execution of template action '{name}' is skipped: the branching condition for this action is not satisfied.";

registerContainer(["if"], (a, frame, start, done) => {
  const result = evaluateCondition(a.condition, frame);
  const r = new ActionRun(a, "Succeeded", start, start).setInputs({ expressionResult: result });
  const [taken, other] = result ? [a.actions!, a.elseActions!] : [a.elseActions!, a.actions!];
  skipScope(other, frame, start, NOT_TAKEN, notTaken);
  startScope(taken, frame, start, (status, end, cut) => finish(a, frame, r, status, end, cut, done));
});

/** Switch case matching: same type and value; a number also matches its decimal string. */
function caseMatches(value: unknown, caseValue: unknown): boolean {
  if (value === caseValue) return true;
  if (typeof value === "number" && typeof caseValue === "string") return String(value) === caseValue;
  if (typeof value === "string" && typeof caseValue === "number") return value === String(caseValue);
  return false;
}

registerContainer(["switch"], (a, frame, start, done) => {
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
  startScope(chosen, frame, start, (status, end, cut) => finish(a, frame, r, status, end, cut, done));
});

registerContainer(["scope"], (a, frame, start, done) => {
  const r = new ActionRun(a, "Succeeded", start, start);
  startScope(a.actions!, frame, start, (status, end, cut) => finish(a, frame, r, status, end, cut, done));
});

/** Copy the records of the last iteration to the enclosing frame, so later references see them. */
function publishLast(frame: Frame, last: IterationRun | undefined): void {
  if (!last) return;
  const store = frame.store;
  for (const [name, r] of last.records) store.set(name, r);
}

/**
 * Drop a middle iteration from the record (issue 15.1: the record keeps the first and the last iterations): keep
 * only the body's top-level records, which `result()` reads, and release what is nested below them.
 */
function prune(loop: ActionPlan, it: IterationRun, frame: Frame): void {
  if (it.pruned) return;
  it.pruned = true;
  const tops = new Set(loop.actions!.order.map((p) => p.name));
  let released = 0;
  let chars = 0;
  for (const [name, r] of it.records) {
    released++;
    chars += r.chars; // a pruned iteration is not printed, so what its records hold is released too
    if (r.iterations) {
      released += heldIn(r.iterations);
      chars += charsIn(r.iterations);
      r.iterations = [];
    }
    if (!tops.has(name)) it.records.delete(name);
  }
  frame.run.recordCount -= released;
  frame.run.recordChars -= chars;
}

/** Characters of values held by iterations (nested ones included; pruned ones were released already). */
function charsIn(iterations: IterationRun[]): number {
  let n = 0;
  for (const it of iterations) {
    if (it.pruned) continue;
    for (const r of it.records.values()) {
      n += r.chars;
      if (r.iterations) n += charsIn(r.iterations);
    }
  }
  return n;
}

/** Record entries held by iterations (nested ones included; pruned ones were released already). */
function heldIn(iterations: IterationRun[]): number {
  let n = 0;
  for (const it of iterations) {
    if (it.pruned) continue;
    for (const r of it.records.values()) {
      n++;
      if (r.iterations) n += heldIn(r.iterations);
    }
  }
  return n;
}

/** Iterations kept in the record: the first `keepFirst` and the last `keepLast` of `total` (when known). */
function keeps(frame: Frame, index: number, total: number): boolean {
  const b = frame.run.budget;
  return index < b.keepFirst || index >= total - b.keepLast;
}

registerContainer(["foreach"], (a, frame, start, done) => {
  const items = a.value!(frame);
  if (!Array.isArray(items)) {
    const type = items === null || items === undefined ? "Null" : typeof items === "object" ? "Object" : typeof items === "string" ? "String" : typeof items;
    throw new EvaluationError(
      "InvalidTemplate",
      `The execution of template action '${a.name}' failed: the result of the evaluation of 'foreach' expression '${String(a.raw.foreach)}' is of type '${type}'. The result must be a valid array.`,
    );
  }
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(items);
  if (items.length > MAX_FOREACH_ITEMS) {
    done(r.fail("InvalidTemplate", `The 'foreach' of '${a.name}' has ${items.length} items; the limit is ${MAX_FOREACH_ITEMS}.`), false);
    return;
  }
  const run = frame.run;
  // Iterations run concurrently on the clock: `repetitions` at once (default 20), one at a time when Sequential or
  // nested; a new one starts when one ends.
  const width = Math.max(1, a.insideForeach ? 1 : (a.repetitions ?? DEFAULT_REPETITIONS));
  const iterations: IterationRun[] = [];
  let next = 0;
  let running = 0;
  let failed = false;
  let cut = false;
  let end = start;
  const complete = () => {
    completed = true;
    iterations.sort((x, y) => x.index - y.index);
    r.iterations = iterations;
    if (iterations.some((it) => it.pruned)) r.iterationCount = iterations.length;
    publishLast(frame, iterations[iterations.length - 1]);
    finish(a, frame, r, failed ? "Failed" : "Succeeded", end, cut || next < items.length, done);
  };
  let completed = false;
  const launch = (at: number) => {
    if (run.terminated) {
      if (running === 0 && !completed) complete();
      return;
    }
    const i = next++;
    running++;
    const itFrame = frame.iteration(a, i, true, items[i]);
    const it: IterationRun = { index: i, status: "Succeeded", startMs: at, endMs: at, hasItem: true, item: items[i], records: itFrame.records! };
    iterations.push(it);
    startScope(a.actions!, itFrame, at, (status, itEnd, itCut) => {
      it.status = itCut && status === "Succeeded" && run.terminated ? "Cancelled" : status;
      it.endMs = itEnd;
      if (itEnd > end) end = itEnd;
      if (status === "Failed") failed = true;
      if (itCut) cut = true;
      if (!keeps(frame, i, items.length)) prune(a, it, frame);
      running--;
      if (next < items.length && !run.terminated) {
        run.schedule(itEnd, frame.keyOf(a), frame, `Foreach '${a.name}' would start an iteration`, () => launch(itEnd));
      } else if (running === 0 && !completed) complete();
    });
  };
  if (items.length === 0) {
    complete();
    return;
  }
  for (let k = 0; k < Math.min(width, items.length); k++) launch(start);
});

function positiveInt(value: unknown, what: string, a: ActionPlan): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new EvaluationError("InvalidTemplate", `The '${what}' of Until '${a.name}' must be a positive integer; got ${JSON.stringify(value)}.`);
  return n;
}

registerContainer(["until"], (a, frame, start, done) => {
  const count = Math.min(positiveInt(a.limitCount!(frame), "limit.count", a), MAX_UNTIL_COUNT);
  const timeoutText = a.limitTimeout!(frame);
  const timeout = parseDuration(timeoutText);
  if (timeout === undefined) throw new EvaluationError("InvalidTemplate", `The 'limit.timeout' of Until '${a.name}' must be an ISO 8601 duration; got ${JSON.stringify(timeoutText)}.`);
  const run = frame.run;
  const r = new ActionRun(a, "Succeeded", start, start);
  const iterations: IterationRun[] = [];
  const b = run.budget;
  const close = (status: "Succeeded" | "Failed", endMs: number, cut: boolean, fail?: string) => {
    r.iterations = iterations;
    if (iterations.some((it) => it.pruned)) r.iterationCount = iterations.length;
    publishLast(frame, iterations[iterations.length - 1]);
    if (fail !== undefined) {
      r.endMs = endMs;
      done(r.fail("InvalidTemplate", fail), cut);
      return;
    }
    finish(a, frame, r, status, endMs, cut, done);
  };
  // Do-while: the body runs, then the condition is checked; count and timeout (simulated) end it too.
  const iterate = (i: number, at: number) => {
    if (run.terminated) return close(iterations[iterations.length - 1]?.status === "Failed" ? "Failed" : "Succeeded", at, true);
    const itFrame = frame.iteration(a, i, false, undefined);
    const it: IterationRun = { index: i, status: "Succeeded", startMs: at, endMs: at, hasItem: false, item: undefined, records: itFrame.records! };
    iterations.push(it);
    startScope(a.actions!, itFrame, at, (status, t, cut) => {
      it.status = cut && status === "Succeeded" && run.terminated ? "Cancelled" : status;
      it.endMs = t;
      // The record keeps the first iterations and a window of the latest ones (the count left is unknown).
      const old = i - b.keepLast;
      if (old >= b.keepFirst) prune(a, iterations[old]!, frame);
      if (run.terminated) return close(status, t, cut);
      run.clockMs = t;
      let finished: boolean;
      // `action()` in an Until condition: the loop itself, still running.
      run.current = { name: a.name, status: "Running", startTime: run.iso(start), trackingId: run.trackingId, clientTrackingId: run.runName };
      try {
        finished = evaluateCondition(a.condition, itFrame);
      } catch (error) {
        run.current = undefined;
        if (!(error instanceof EvaluationError)) throw error;
        return close(status, t, cut, `Unable to process the 'expression' of Until '${a.name}': ${error.message}`);
      }
      run.current = undefined;
      if (finished || t - start >= timeout || i + 1 >= count) return close(status, t, cut);
      run.schedule(t, frame.keyOf(a), frame, `Until '${a.name}' would start an iteration`, () => iterate(i + 1, t));
    });
  };
  iterate(0, start);
});

const RUN_STATUSES: Record<string, Exclude<RunStatus, "Skipped">> = { succeeded: "Succeeded", failed: "Failed", cancelled: "Cancelled" };

register(["terminate"], (a, frame, start) => {
  const inputs = a.inputs ? a.inputs(frame) : undefined;
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(inputs);
  const runStatus = isObject(inputs) && typeof inputs.runStatus === "string" ? RUN_STATUSES[inputs.runStatus.toLowerCase()] : undefined;
  if (!runStatus) return r.fail("InvalidTemplate", `Terminate '${a.name}' needs 'runStatus' Succeeded, Failed or Cancelled.`);
  const runError = isObject(inputs) && isObject(inputs.runError) ? inputs.runError : {};
  const run = frame.run;
  run.terminated = {
    status: runStatus,
    by: a.name,
    plan: a,
    atMs: start,
    error:
      runStatus === "Failed"
        ? {
            code: typeof runError.code === "string" && runError.code ? runError.code : "Terminated",
            message: typeof runError.message === "string" && runError.message ? runError.message : `The run was terminated by '${a.name}' with status 'Failed'.`,
          }
        : undefined,
  };
  // "Cancels any actions in progress" (Terminate action): work that takes time on other branches ends now.
  for (const flight of [...run.inFlight]) cancelFlight(run, flight, start, a.name);
  return r;
});

/** Cancel a leaf in progress at `atMs`: Cancelled, ending then, with the retries it had not started dropped. */
function cancelFlight(run: RunState, flight: InFlight, atMs: number, by: string): void {
  const r = flight.run;
  if (r.endMs <= atMs) return;
  flight.cancelled = true;
  run.inFlight.delete(flight);
  r.status = "Cancelled";
  r.endMs = atMs;
  r.code = TERMINATED;
  r.error = { code: TERMINATED, message: `The action '${r.plan.name}' was cancelled: the run was terminated by '${by}'.` };
  r.outputs = undefined;
  r.hasOutputs = false;
  if (r.retryHistory) {
    r.retryHistory = r.retryHistory.filter((e) => Date.parse(e.startTime) <= atMs);
    if (r.retryHistory.length === 0) delete r.retryHistory;
  }
  run.scheduler.push(atMs, flight.key, flight.finish);
}

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
