/**
 * What the expression evaluator needs from a run. The engine implements it; the evaluator
 * (and `playbook-kit eval`) only calls it. Everything non-deterministic comes from here.
 */

/** The record of one action or trigger as the run history shows it (and as `actions('X')` returns it). */
export interface OperationRecord {
  name: string;
  status: string;
  code?: string;
  inputs?: unknown;
  outputs?: unknown;
  startTime?: string;
  endTime?: string;
  error?: { code: string; message: string };
  trackingId?: string;
  clientTrackingId?: string;
}

/** Run state and environment that workflow functions read. */
export interface EvalContext {
  /** The simulated clock. */
  now(): Date;
  /** 100 ns ticks to add below `now()`'s millisecond (0–9999), so `utcNow()` keeps a seven-digit `now`. */
  nowTicks?(): number;
  /** The next GUID (deterministic in simulation). */
  newGuid(): string;
  /** The next random number in [0, 1) (deterministic in simulation). */
  random(): number;
  /** The trigger's record, or undefined when the definition has no trigger. */
  trigger(): OperationRecord | undefined;
  /** An action's record, or undefined when it has not run (yet) in this run. */
  action(name: string): OperationRecord | undefined;
  /** True when the definition declares an action of that name (anywhere). */
  hasAction(name: string): boolean;
  /** `result('scope')`: records of the top-level actions inside a scope/loop/condition. */
  result(name: string): OperationRecord[] | undefined;
  /** `item()`: the innermost current item (Foreach, Query, Select), or undefined outside one. */
  item(): unknown;
  /** `items('loop')`: the current item of a named Foreach, or undefined outside it. */
  items(loop: string): { found: true; value: unknown } | { found: false };
  /** `iterationIndexes('loop')`: the current index of a named Until/Foreach, or undefined. */
  iterationIndex(loop: string): number | undefined;
  /** `variables('v')`. */
  variable(name: string): { found: true; value: unknown } | { found: false };
  /** `parameters('p')`. */
  parameter(name: string): { found: true; value: unknown } | { found: false };
  /** `workflow()`: `{id, name, type, location, run: {id, name, type}}`. */
  workflow(): unknown;
  /** `listCallbackUrl()`. */
  callbackUrl(): string;
  /** `appsetting('x')` (Standard). */
  appSetting?(name: string): string | undefined;
  /**
   * `action()`: the current action's record, where the service allows it (a webhook's `unsubscribe`,
   * `trackedProperties`, an Until condition). Optional; without it `action()` fails with `NotSupported`.
   */
  currentAction?(): OperationRecord | undefined;
}
