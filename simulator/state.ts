/**
 * Run state: the simulated clock, seeded randomness, variables, calls made, and the frames that give
 * expressions their view of the run (`EvalContext`). A frame is the run itself, one loop iteration, or one
 * item of a Query/Select/Table; action records live in the run frame and in iteration frames.
 */
import type { EvalContext, OperationRecord } from "./expression/context";
import { SimulationBudgetError, type Budget, type BudgetLoop } from "./budget";
import { valueChars } from "./expression/limits";
import { createRandom, randomGuid, randomRunName } from "./random";
import { Scheduler, type TaskKey } from "./scheduler";
import type { NormalizedMock } from "./mocks";
import type { ActionPlan, Plan } from "./plan";
import type { CallRecord, RetryEntry, RunError, RunStatus, Status } from "./types";

/** The latest instant the service can represent (.NET `DateTime.MaxValue`, to the millisecond). */
export const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** What one action did (internal; the public record is built from it). */
export class ActionRun {
  code?: string;
  error?: RunError;
  inputs?: unknown;
  outputs?: unknown;
  hasInputs = false;
  hasOutputs = false;
  iterations?: IterationRun[];
  /** How many iterations ran, when the record keeps only some of them. */
  iterationCount?: number;
  retryHistory?: RetryEntry[];
  /** Characters of JSON its inputs and outputs hold, charged to the record's budget (released when pruned). */
  chars = 0;
  private op?: OperationRecord;

  constructor(
    readonly plan: ActionPlan,
    public status: Status,
    readonly startMs: number,
    public endMs: number,
  ) {}

  /** Record inputs (kept even when undefined, so the record shows the action had them). */
  setInputs(value: unknown): this {
    this.inputs = value;
    this.hasInputs = true;
    return this;
  }

  setOutputs(value: unknown): this {
    this.outputs = value;
    this.hasOutputs = true;
    return this;
  }

  fail(code: string, message: string): this {
    this.status = "Failed";
    this.code = code;
    this.error = { code, message };
    return this;
  }

  /** The record expressions see (`actions('x')`, `result('scope')`). */
  operation(run: RunState): OperationRecord {
    if (!this.op) {
      const op: OperationRecord = {
        name: this.plan.name,
        status: this.status,
        startTime: run.iso(this.startMs),
        endTime: run.iso(this.endMs),
        trackingId: run.trackingId,
        clientTrackingId: run.runName,
      };
      if (this.code !== undefined) op.code = this.code;
      if (this.hasInputs) op.inputs = this.inputs;
      if (this.hasOutputs) op.outputs = this.outputs;
      if (this.error) op.error = this.error;
      this.op = op;
    }
    return this.op;
  }
}

/** One loop iteration (internal). */
export interface IterationRun {
  index: number;
  status: Status;
  startMs: number;
  endMs: number;
  hasItem: boolean;
  item: unknown;
  records: Map<string, ActionRun>;
  /** Dropped from the run record (a middle iteration of a long loop); `records` keeps only the body's top level. */
  pruned?: boolean;
}

/** A declared variable. */
export interface Variable {
  name: string;
  /** Lower-case type: string, integer, float, boolean, array, object. */
  type: string;
  value: unknown;
}

/** How a Terminate action ended the run. */
export interface Termination {
  status: Exclude<RunStatus, "Skipped">;
  error?: RunError;
  by: string;
  /** The Terminate action (its containers roll up; other containers in progress are Cancelled). */
  plan: ActionPlan;
  /** When it ran. */
  atMs: number;
}

/** A leaf action that takes simulated time and has not ended yet (a Terminate cancels it). */
export interface InFlight {
  run: ActionRun;
  /** Its order on the clock. */
  key: TaskKey;
  /** Ends it (reports its record to its scope). */
  finish: () => void;
  /** Set by a Terminate: the queued end is stale. */
  cancelled: boolean;
}

/** Everything one run shares. */
export class RunState {
  clockMs: number;
  readonly random: () => number;
  readonly variables = new Map<string, Variable>();
  readonly calls: CallRecord[] = [];
  readonly mockCounts: number[];
  terminated?: Termination;
  triggerOp!: OperationRecord;
  readonly runName: string;
  readonly trackingId: string;
  readonly workflowInfo: unknown;
  readonly callbackUrlValue: string;
  readonly connectionApis = new Map<string, string>();
  /** Keep secured inputs/outputs in the record. */
  reveal = false;
  /** 100 ns ticks below the millisecond of the start time (`now: …00.1234567Z`), kept by `utcNow()`. */
  nowTicks = 0;
  /** The event queue of the simulated clock. */
  readonly scheduler = new Scheduler();
  /** Leaf actions that take simulated time, until they end. */
  readonly inFlight = new Set<InFlight>();
  /** When each call in `calls` was made (calls after a Terminate are dropped). */
  readonly callStarts: number[] = [];
  /** Actions run or skipped so far. */
  actionCount = 0;
  /** Entries held for the record so far (action records and calls). */
  recordCount = 0;
  /** Characters of values held for the record so far (inputs, outputs, call bodies). */
  recordChars = 0;
  /** Masks secure values inside the record's texts (URIs, messages); set when the record is built (redact.ts). */
  mask: (text: string) => string = (text) => text;
  /** The Response action that answered the request, once one has. */
  respondedBy?: string;
  /** The record `action()` returns while an Until condition is evaluated. */
  current?: OperationRecord;

  constructor(
    readonly plan: Plan,
    readonly mocks: NormalizedMock[],
    readonly parameters: Map<string, unknown>,
    readonly connections: unknown,
    readonly connectionReferences: Record<string, unknown> | undefined,
    readonly startMs: number,
    seed: number,
    workflow: { name: string; id: string; location: string },
    readonly budget: Budget,
  ) {
    this.clockMs = startMs;
    this.random = createRandom(seed);
    this.mockCounts = new Array<number>(mocks.length).fill(0);
    this.runName = randomRunName(this.random);
    this.trackingId = randomGuid(this.random);
    this.workflowInfo = {
      id: workflow.id,
      name: workflow.name,
      type: "Microsoft.Logic/workflows",
      location: workflow.location,
      run: { id: `${workflow.id}/runs/${this.runName}`, name: this.runName, type: "Microsoft.Logic/workflows/runs" },
    };
    const trigger = encodeURIComponent(plan.triggerName ?? "manual");
    this.callbackUrlValue =
      `https://prod-00.${workflow.location}.logic.azure.com:443/workflows/${hexOf(workflow.id)}/triggers/${trigger}/paths/invoke` +
      `?api-version=2016-10-01&sp=%2Ftriggers%2F${trigger}%2Frun&sv=1.0&sig=simulated`;
  }

  private isoMs = Number.NaN;
  private isoText = "";

  /** ISO timestamp of a simulated instant (most records of a run share a few instants: the last one is kept). */
  iso(ms: number): string {
    if (ms !== this.isoMs) {
      // Actions that would end later fail (`executeAction`); the clamp only keeps formatting total.
      this.isoText = new Date(Math.min(Math.max(ms, -62135596800000), LATEST_MS)).toISOString();
      this.isoMs = ms;
    }
    return this.isoText;
  }

  /** Count one action run or skipped (and its record) against the budget. */
  countAction(frame: Frame): void {
    if (++this.actionCount > this.budget.actions) {
      throw new SimulationBudgetError("actions", this.budget.actions, loopsOf(frame), `The simulation budget of ${this.budget.actions.toLocaleString("en-US")} actions ran out`);
    }
    this.countRecord(frame);
  }

  /** Count one entry held for the record (an action record or a call). */
  countRecord(frame: Frame): void {
    if (++this.recordCount > this.budget.records) {
      throw new SimulationBudgetError("records", this.budget.records, loopsOf(frame), `The run record reached its budget of ${this.budget.records.toLocaleString("en-US")} entries (action records and calls)`);
    }
  }

  /** Count characters of values held for the record. */
  countChars(chars: number, frame: Frame): void {
    this.recordChars += chars;
    if (this.recordChars > this.budget.characters) {
      throw new SimulationBudgetError(
        "characters",
        this.budget.characters,
        loopsOf(frame),
        `The run record reached its budget of ${this.budget.characters.toLocaleString("en-US")} characters of inputs, outputs and call bodies`,
      );
    }
  }

  /** Record a call made at `atMs`. */
  addCall(call: CallRecord, atMs: number, frame: Frame): void {
    this.countRecord(frame);
    if (call.body !== undefined) this.countChars(valueChars(call.body), frame);
    this.calls.push(call);
    this.callStarts.push(atMs);
  }

  /**
   * Queue `task` at `atMs` in `frame`'s order. When its time comes past the time budget, a `SimulationBudgetError`
   * says `what` would happen then (`Wait 'X' would end`); a task of a cancelled flight is dropped instead.
   */
  schedule(atMs: number, key: TaskKey, frame: Frame, what: string, task: () => void, flight?: InFlight): void {
    this.scheduler.push(atMs, key, () => {
      if (flight?.cancelled) return;
      if (!(atMs - this.startMs <= this.budget.timeMs)) {
        const days = (atMs - this.startMs) / 86_400_000;
        const when = Number.isFinite(days) ? `${Math.round(days * 10) / 10} days` : "an unrepresentable time";
        throw new SimulationBudgetError("time", this.budget.timeMs, loopsOf(frame), `${what} ${when} after the run started, past the simulated-time budget of ${this.budget.timeText} (the service ends runs after 90 days)`);
      }
      task();
    });
  }
}

/** The loops a frame sits in, outermost first. */
export function loopsOf(frame: Frame): BudgetLoop[] {
  const out: BudgetLoop[] = [];
  for (let f: Frame | undefined = frame; f; f = f.parent) if (f.loop) out.unshift({ name: f.loop.name, type: f.loop.kind === "until" ? "Until" : "Foreach", iteration: f.index });
  return out;
}

/** 32 hex digits derived from a string (a stable stand-in for the workflow's access-endpoint id). */
function hexOf(text: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/** A view of the run for expressions. */
export class Frame implements EvalContext {
  constructor(
    readonly run: RunState,
    readonly parent: Frame | undefined,
    /** Action records of this frame (undefined for Query/Select/Table item frames). */
    readonly records: Map<string, ActionRun> | undefined,
    /** The loop this frame is an iteration of. */
    readonly loop: ActionPlan | undefined,
    readonly index: number,
    readonly hasItem: boolean,
    readonly itemValue: unknown,
    /** Order of this frame's tasks at one instant (loop positions and iteration indexes). */
    readonly key: TaskKey,
  ) {}

  /** The run's top frame. */
  static root(run: RunState): Frame {
    return new Frame(run, undefined, new Map(), undefined, 0, false, undefined, []);
  }

  /** A frame for one iteration of a loop. */
  iteration(loop: ActionPlan, index: number, hasItem: boolean, item: unknown): Frame {
    return new Frame(this.run, this, new Map(), loop, index, hasItem, item, [...this.key, loop.index, index]);
  }

  /** A frame where `item()` is `item` (Query, Select, Table). */
  withItem(item: unknown, index: number): Frame {
    return new Frame(this.run, this, undefined, undefined, index, true, item, this.key);
  }

  /** The task order of an action in this frame. */
  keyOf(a: ActionPlan): TaskKey {
    return this.key.length ? [...this.key, a.index] : (a.rootKey ??= [a.index]);
  }

  /** The nearest frame that holds records. */
  get store(): Map<string, ActionRun> {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.records) return f.records;
    throw new Error("no record store");
  }

  /** The record of an action as seen from here (this iteration first, then outer ones). */
  lookup(name: string): ActionRun | undefined {
    for (let f: Frame | undefined = this; f; f = f.parent) {
      const hit = f.records?.get(name);
      if (hit) return hit;
    }
    return undefined;
  }

  private planOf(name: string): ActionPlan | undefined {
    const plan = this.run.plan;
    return plan.byName.get(name) ?? plan.byLowerName.get(name.toLowerCase());
  }

  now(): Date {
    return new Date(this.run.clockMs);
  }

  nowTicks(): number {
    return this.run.nowTicks;
  }

  newGuid(): string {
    return randomGuid(this.run.random);
  }

  random(): number {
    return this.run.random();
  }

  trigger(): OperationRecord | undefined {
    return this.run.triggerOp;
  }

  action(name: string): OperationRecord | undefined {
    const p = this.planOf(name);
    if (!p) return undefined;
    return this.lookup(p.name)?.operation(this.run);
  }

  hasAction(name: string): boolean {
    return this.planOf(name) !== undefined;
  }

  result(name: string): OperationRecord[] | undefined {
    const p = this.planOf(name);
    if (!p || p.children.length === 0) return undefined;
    const own = this.lookup(p.name);
    if (!own) return undefined;
    const tops = p.children.flatMap((s) => s.order);
    const out: OperationRecord[] = [];
    if (own.iterations) {
      // Loops: one entry per top-level action, whose `outputs` lists that action's record in every iteration
      // (functions reference, result() example). Its status: Failed if any iteration's failed, else the last.
      for (const t of tops) {
        const perIteration = own.iterations.map((it) => it.records.get(t.name)).filter((r): r is ActionRun => r !== undefined);
        if (perIteration.length === 0) continue;
        const failed = perIteration.find((r) => r.status === "Failed" || r.status === "TimedOut");
        const last = perIteration[perIteration.length - 1]!;
        out.push({
          name: t.name,
          status: (failed ?? last).status,
          startTime: this.run.iso(perIteration[0]!.startMs),
          endTime: this.run.iso(last.endMs),
          outputs: perIteration.map((r) => r.operation(this.run)),
        });
      }
      return out;
    }
    for (const t of tops) {
      const r = this.lookup(t.name);
      if (r) out.push(r.operation(this.run));
    }
    return out;
  }

  item(): unknown {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.hasItem) return f.itemValue;
    return undefined;
  }

  items(loop: string): { found: true; value: unknown } | { found: false } {
    const lower = loop.toLowerCase();
    for (let f: Frame | undefined = this; f; f = f.parent) {
      if (f.loop && f.hasItem && f.loop.name.toLowerCase() === lower) return { found: true, value: f.itemValue };
    }
    return { found: false };
  }

  iterationIndex(loop: string): number | undefined {
    const lower = loop.toLowerCase();
    for (let f: Frame | undefined = this; f; f = f.parent) {
      if (f.loop && f.loop.name.toLowerCase() === lower) return f.index;
    }
    return undefined;
  }

  variable(name: string): { found: true; value: unknown } | { found: false } {
    const v = this.run.variables.get(name.toLowerCase());
    return v ? { found: true, value: v.value } : { found: false };
  }

  parameter(name: string): { found: true; value: unknown } | { found: false } {
    const params = this.run.parameters;
    if (params.has(name)) return { found: true, value: params.get(name) };
    const lower = name.toLowerCase();
    for (const [key, value] of params) if (key.toLowerCase() === lower) return { found: true, value };
    return { found: false };
  }

  workflow(): unknown {
    return this.run.workflowInfo;
  }

  callbackUrl(): string {
    return this.run.callbackUrlValue;
  }

  currentAction(): OperationRecord | undefined {
    return this.run.current;
  }
}

/** An executor runs one action that is due, starting at `startMs`, and returns its record (its `endMs` may be later). */
export type Executor = (action: ActionPlan, frame: Frame, startMs: number) => ActionRun;

/** Executors by lower-case action type (filled by the modules in `actions/`). */
export const EXECUTORS = new Map<string, Executor>();

/** Register an executor for one or more lower-case action types. */
export function register(kinds: string[], executor: Executor): void {
  for (const kind of kinds) EXECUTORS.set(kind, executor);
}

/**
 * How a container ends: its record, and whether the run's termination cut work inside it short (a container that
 * does not enclose the Terminate is then Cancelled).
 */
export type ContainerDone = (record: ActionRun, cut: boolean) => void;

/**
 * A container starts its child scopes on the clock and calls `done` when they have ended. It throws
 * `EvaluationError` only before it starts anything (the action then fails at once).
 */
export type ContainerExecutor = (action: ActionPlan, frame: Frame, startMs: number, done: ContainerDone) => void;

/** Container executors by lower-case action type. */
export const CONTAINERS = new Map<string, ContainerExecutor>();

/** Register a container executor. */
export function registerContainer(kinds: string[], executor: ContainerExecutor): void {
  for (const kind of kinds) CONTAINERS.set(kind, executor);
}
