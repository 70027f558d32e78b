/**
 * The outcome of an MDE machine action (isolate, release, restrict, scan, collect): MDE answers a duplicate
 * request with HTTP 400 "Action is already in progress" (defender-docs `isolate-machine.md`,
 * `run-av-scan.md`, `restrict-code-execution.md`; error code `ActiveRequestAlreadyExists`), which is not a
 * failure of the playbook: the device is already being acted on. The step placed here runs whatever the
 * action ended in, so the run goes on to report the outcome instead of failing.
 */
import type { MachineAction } from "../../operations";
import { and, call, contains, equals, ifElse, or, string, toLower } from "../kit/functions";
import type { Ref } from "../kit/expr";
import type { ActionOutputs, Flow, Step, StepHandle } from "../kit/flow";

/** How a machine action ended: `done` (accepted; in audit mode, recorded), `already in progress`, or `failed`. */
export type MachineActionOutcome = "done" | "already in progress" | "failed";

/** The outcome step: `outcome` and the HTTP status the action answered. */
export interface MachineActionResult {
  readonly outcome: Ref<MachineActionOutcome>;
  readonly statusCode: Ref<number>;
  /** The outcome step (for `after`). */
  readonly done: StepHandle;
}

/**
 * Place, right after the machine action `action`, a step that classifies how it ended (it runs on Succeeded,
 * Failed and TimedOut). Read `outcome` in later steps of the same flow.
 */
export function machineActionOutcome(flow: Flow, label: string, action: Step<MachineAction>): MachineActionResult {
  const record = call<{ status: string; outputs: ActionOutputs<{ error: { code: string; message: string } }> }>("actions", action.name);
  const failedWith = record.outputs;
  const inProgress = and(
    equals(failedWith.statusCode, 400),
    or(equals(failedWith.body.error.code, "ActiveRequestAlreadyExists"), contains(toLower(string(failedWith.body)), "already in progress")),
  );
  const step = flow.compose<{ outcome: MachineActionOutcome; statusCode: number }>(
    label,
    { outcome: ifElse(equals(record.status, "Succeeded"), "done", ifElse(inProgress, "already in progress", "failed")), statusCode: failedWith.statusCode },
    { after: action, on: ["Succeeded", "Failed", "TimedOut"] },
  );
  return { outcome: step.value.outcome, statusCode: step.value.statusCode, done: step };
}
