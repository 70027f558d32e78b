/**
 * Running a scope body on the simulated clock: each action starts when its runAfter predecessors have ended
 * (through the run's event queue, so parallel branches are concurrent), Skipped propagation, and the status roll-up
 * the service documents ("if a branch ends with a Skipped action, that branch's completion status is based on that
 * skipped action's predecessor status … if any branch ends in failure, the … run is marked Failed").
 */
import { EvaluationError } from "./expression/evaluate";
import { valueChars, valueLimitError, valueProblem } from "./expression/limits";
import { checkResponse, findMock } from "./mocks";
import type { ActionPlan, ScopePlan } from "./plan";
import { statusName } from "./retry";
import { ActionRun, CONTAINERS, EXECUTORS, LATEST_MS, type Frame, type InFlight } from "./state";
import { isObject } from "../wdl/walk";
import type { Status } from "./types";

/** Container failure, in the service's words. */
export const ACTION_FAILED = { code: "ActionFailed", message: "An action failed. No dependent actions succeeded." };

/** How a scope ended: its roll-up status, when its last action ended, and whether the run's termination cut it short. */
export type ScopeDone = (status: "Succeeded" | "Failed", endMs: number, cut: boolean) => void;

/** Start a scope's actions in `frame` at `startMs`; `done` is called once every action of it has ended. */
export function startScope(scope: ScopePlan, frame: Frame, startMs: number, done: ScopeDone): void {
  const n = scope.order.length;
  if (n === 0) {
    done("Succeeded", startMs, false);
    return;
  }
  const run = frame.run;
  const records = frame.store;
  const waiting = new Int32Array(n);
  for (const a of scope.order) waiting[a.pos] = a.runAfter.length;
  let remaining = n;
  let end = startMs;
  let cut = false;

  const finished = (a: ActionPlan, r: ActionRun, cutInside: boolean): void => {
    records.set(a.name, r);
    if (r.endMs > end) end = r.endMs;
    if (cutInside || r.status === "Cancelled" || r.code === TERMINATED) cut = true;
    for (const s of scope.successors[a.pos]!) {
      if (--waiting[s.pos] !== 0) continue;
      let ready = startMs;
      for (const dep of s.runAfter) {
        const e = records.get(dep.pred.name)!.endMs;
        if (e > ready) ready = e;
      }
      run.schedule(ready, frame.keyOf(s), frame, `'${s.name}' would start`, () => begin(s, ready));
    }
    if (--remaining === 0) done(rollUp(scope, records), end, cut);
  };

  const begin = (a: ActionPlan, at: number): void => {
    run.countAction(frame);
    if (run.terminated) {
      finished(a, skipTree(a, frame, at, TERMINATED, `The execution of template action '${a.name}' is skipped: the run was terminated by '${run.terminated.by}'.`), true);
      return;
    }
    for (const dep of a.runAfter) {
      const pr = records.get(dep.pred.name)!;
      if (dep.statuses.has(pr.status.toLowerCase())) continue;
      const message = `The execution of template action '${a.name}' is skipped: the 'runAfter' condition for action '${dep.pred.name}' is not satisfied. Expected status values '${dep.written.join("', '")}' and actual value '${pr.status}'.`;
      finished(a, skipTree(a, frame, at, "ActionConditionFailed", message), false);
      return;
    }
    executeAction(a, frame, at, (r, cutInside) => finished(a, r, cutInside));
  };

  for (const a of scope.roots) run.schedule(startMs, frame.keyOf(a), frame, `'${a.name}' would start`, () => begin(a, startMs));
}

/** The skip code of actions left when a Terminate ends the run (the simulator's own code). */
export const TERMINATED = "RunTerminated";

/** Mark an action and everything inside it Skipped. */
export function skipTree(a: ActionPlan, frame: Frame, atMs: number, code: string, message: string): ActionRun {
  const r = new ActionRun(a, "Skipped", atMs, atMs);
  r.code = code;
  r.error = { code, message };
  frame.store.set(a.name, r);
  for (const child of a.children) skipScope(child, frame, atMs, code, `The execution of template action '{name}' is skipped: the enclosing action '${a.name}' was skipped.`);
  return r;
}

/** Mark every action of a scope Skipped (`{name}` in the message is replaced by each action's name). */
export function skipScope(scope: ScopePlan, frame: Frame, atMs: number, code: string, message: string): void {
  for (const a of scope.order) {
    frame.run.countAction(frame);
    skipTree(a, frame, atMs, code, message.replace("{name}", a.name));
  }
}

function isFailure(status: Status): boolean {
  return status === "Failed" || status === "TimedOut";
}

/** Failed when any branch of the scope ends in failure (a Skipped end takes its predecessors' outcome). */
export function rollUp(scope: ScopePlan, records: Map<string, ActionRun>): "Succeeded" | "Failed" {
  const memo = new Map<ActionPlan, boolean>();
  const failed = (a: ActionPlan): boolean => {
    const r = records.get(a.name);
    if (!r) return false;
    if (isFailure(r.status)) return true;
    if (r.status !== "Skipped") return false;
    let hit = memo.get(a);
    if (hit === undefined) {
      hit = a.runAfter.some((d) => failed(d.pred));
      memo.set(a, hit);
    }
    return hit;
  };
  for (const leaf of scope.leaves) if (failed(leaf)) return "Failed";
  return "Succeeded";
}

/**
 * Run one action whose runAfter is satisfied; `done` gets its record when it ends on the clock. Expression errors
 * fail the action (`InvalidTemplate`). A leaf that takes simulated time stays in flight until then, so a Terminate
 * elsewhere can cancel it.
 */
export function executeAction(a: ActionPlan, frame: Frame, startMs: number, done: (r: ActionRun, cut: boolean) => void): void {
  const run = frame.run;
  run.clockMs = startMs;
  let r: ActionRun;
  try {
    const container = a.staticResult !== undefined && isObject(run.plan.staticResults[a.staticResult]) ? undefined : CONTAINERS.get(a.kind);
    if (container) {
      container(a, frame, startMs, done);
      return;
    }
    if (a.staticResult !== undefined && isObject(run.plan.staticResults[a.staticResult])) r = staticResult(a, frame, startMs);
    else r = (EXECUTORS.get(a.kind) ?? unsupported)(a, frame, startMs);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    const detail = error.code && error.code !== "InvalidTemplate" ? ` (${error.code})` : "";
    r = new ActionRun(a, "Failed", startMs, startMs).fail(
      "InvalidTemplate",
      `Unable to process template language expressions in action '${a.name}' inputs: ${error.message}${detail}`,
    );
  }
  if (!(r.endMs <= LATEST_MS)) outOfTime(r, startMs);
  if (r.hasOutputs || r.hasInputs) {
    tooLarge(r);
    r.chars = (r.hasInputs ? valueChars(r.inputs) : 0) + (r.hasOutputs ? valueChars(r.outputs) : 0);
    if (r.chars) run.countChars(r.chars, frame);
  }
  if (r.endMs <= startMs) {
    done(r, false);
    return;
  }
  const ended = r;
  const key = frame.keyOf(a);
  const flight: InFlight = { run: ended, key, finish: () => done(ended, false), cancelled: false };
  run.inFlight.add(flight);
  run.schedule(
    ended.endMs,
    key,
    frame,
    `${a.type || "Action"} '${a.name}' would end`,
    () => {
      run.inFlight.delete(flight);
      flight.finish();
    },
    flight,
  );
}

/** An action that would end after year 9999 fails where it started (a Wait, a mock delay or retries too long). */
function outOfTime(r: ActionRun, startMs: number): void {
  r.endMs = startMs;
  r.outputs = undefined;
  r.hasOutputs = false;
  r.fail(
    "TimeOutOfRange",
    `Action '${r.plan.name}' would end after 9999-12-31T23:59:59Z, the latest time the service can represent: shorten its wait, its mock's delay or its retry intervals.`,
  );
}

/** An action whose inputs or outputs pass the value bounds fails and keeps neither (they could not be stored). */
function tooLarge(r: ActionRun): void {
  const outputs = r.hasOutputs ? valueProblem(r.outputs) : undefined;
  const problem = outputs ?? (r.hasInputs ? valueProblem(r.inputs) : undefined);
  if (!problem) return;
  r.inputs = r.outputs = undefined;
  r.hasInputs = r.hasOutputs = false;
  // A variable action that already refused the update keeps its message (it names the variable).
  if (r.code !== "LimitExceeded") r.fail("LimitExceeded", valueLimitError(`The ${outputs ? "outputs" : "inputs"} of action '${r.plan.name}'`, problem).message);
}

const STATUSES: Record<string, Status> = { succeeded: "Succeeded", failed: "Failed", skipped: "Skipped", timedout: "TimedOut", cancelled: "Cancelled" };

/** Normalize a status word (`SUCCEEDED` → `Succeeded`); undefined when it is not one. */
export function normalizeStatus(value: unknown): Status | undefined {
  return typeof value === "string" ? STATUSES[value.toLowerCase()] : undefined;
}

/** `runtimeConfiguration.staticResult`: the definition's `staticResults` entry stands in for the action. */
function staticResult(a: ActionPlan, frame: Frame, startMs: number): ActionRun {
  const entry = frame.run.plan.staticResults[a.staticResult!] as Record<string, unknown>;
  const r = new ActionRun(a, normalizeStatus(entry.status) ?? "Succeeded", startMs, startMs);
  if (a.inputs) r.setInputs(a.inputs(frame));
  if (entry.outputs !== undefined) {
    r.setOutputs(entry.outputs);
    const code = isObject(entry.outputs) ? entry.outputs.statusCode : undefined;
    if (typeof code === "number") r.code = statusName(code);
    else if (typeof code === "string") r.code = code;
  }
  if (isObject(entry.error)) {
    const code = typeof entry.error.code === "string" ? entry.error.code : "StaticResultError";
    r.code = code;
    r.error = { code, message: typeof entry.error.message === "string" ? entry.error.message : "" };
  }
  return r;
}

/** An action type the simulator does not run: answered by an action-name mock, or Failed. */
function unsupported(a: ActionPlan, frame: Frame, startMs: number): ActionRun {
  const run = frame.run;
  const r = new ActionRun(a, "Succeeded", startMs, startMs);
  const found = findMock(
    run.mocks.filter((m) => m.kind === "action"),
    { kind: "connector", action: a.name, method: "" },
  );
  if (!found) {
    return r.fail(
      "UnsupportedActionType",
      `The simulator cannot run action type '${a.type || "(none)"}' (action '${a.name}'). Mock it by name, e.g. {"action":"${a.name}","response":{"status":200,"body":{}}}.`,
    );
  }
  if (a.inputs) r.setInputs(a.inputs(frame));
  const count = run.mockCounts[found.mock.index]!++;
  const replies = found.mock.replies;
  const reply = replies[Math.min(count, replies.length - 1)]!;
  const response =
    typeof reply === "function"
      ? checkResponse(
          reply({ action: a.name, kind: "connector", method: "", headers: {}, queries: {}, pathParams: {}, attempt: 0, callIndex: count, body: r.inputs }),
          `Mock ${found.mock.index}: the handler's response for action '${a.name}'`,
        )
      : reply;
  const status = response.status;
  r.setOutputs({ statusCode: status, headers: response.headers ?? {}, body: response.body });
  r.code = statusName(status);
  if (status >= 400) r.fail(statusName(status), `Action '${a.name}' was answered by its mock with status ${status}.`);
  return r;
}
