/**
 * The run record: plain JSON fields (what `--format json` prints) plus helpers for tests
 * (`run.action('Isolate_machine').status`, `run.callsTo('wdatp', 'post', '/api/machines/*\/isolate')`).
 */
import { compilePattern, matchPattern } from "./mocks";
import type { ActionRecord, CallRecord, IterationRecord, RunError, RunRecordData, RunStatus, TriggerRecord } from "./types";

/** What the record knows of each declared action. */
export interface DeclaredAction {
  /** Lower-case action type. */
  type: string;
  /** The enclosing container action, if any. */
  parent?: string;
}

/** A simulated run. Own fields are the JSON record; methods are helpers. */
export class RunRecord implements RunRecordData {
  status: RunStatus;
  error?: RunError;
  startTime: string;
  endTime: string;
  trigger: TriggerRecord;
  actions: Record<string, ActionRecord>;
  calls: CallRecord[];
  /** Every action the definition declares: its type and the container it sits in. */
  readonly #declared: Map<string, DeclaredAction>;
  readonly #triggerName: string | undefined;

  constructor(data: RunRecordData, declared: Map<string, DeclaredAction>, triggerName?: string) {
    this.status = data.status;
    if (data.error) this.error = data.error;
    this.startTime = data.startTime;
    this.endTime = data.endTime;
    this.trigger = data.trigger;
    this.actions = data.actions;
    this.calls = data.calls;
    this.#declared = declared;
    this.#triggerName = triggerName;
  }

  /** The trigger's name in the definition. */
  get triggerName(): string | undefined {
    return this.#triggerName;
  }

  /** Every declared action in definition order (depth first), with its type and container. */
  declaredActions(): ReadonlyMap<string, DeclaredAction> {
    return this.#declared;
  }

  private canonical(name: string): string {
    if (this.#declared.has(name)) return name;
    const lower = name.toLowerCase();
    for (const key of this.#declared.keys()) if (key.toLowerCase() === lower) return key;
    const names = [...this.#declared.keys()];
    throw new Error(`The definition has no action '${name}'. Its actions are: ${names.join(", ") || "(none)"}.`);
  }

  /** True when the action has a record (it ran or was skipped). Throws for a name the definition does not declare. */
  has(name: string): boolean {
    return this.actions[this.canonical(name)] !== undefined;
  }

  /**
   * The record of an action (for an action inside a loop: its last iteration; see `iterations()`).
   * Throws for an undeclared name, or for an action that has no record (its loop ran no iteration).
   */
  action(name: string): ActionRecord {
    const key = this.canonical(name);
    const record = this.actions[key];
    if (!record) {
      const parent = this.#declared.get(key)?.parent;
      throw new Error(`Action '${key}' has no record in this run${parent ? `: it sits in '${parent}', which ran no iteration that reached it` : ""}.`);
    }
    return record;
  }

  /** The iterations of a Foreach or Until loop (empty when it ran none or was skipped). */
  iterations(loop: string): IterationRecord[] {
    return this.action(loop).iterations ?? [];
  }

  /**
   * Calls to a managed API (`'wdatp'`), or of a kind (`'http'`, `'function'`, `'workflow'`, `'serviceProvider'`),
   * optionally filtered by method (case-insensitive; a ServiceProvider's is its operationId) and a path, URI or
   * service provider id pattern (`{name}`, `*`, `**`, URL-decoded).
   */
  callsTo(target: string, method?: string, pattern?: string): CallRecord[] {
    const lower = target.toLowerCase();
    const compiled = pattern === undefined ? undefined : compilePattern(pattern);
    return this.calls.filter((c) => {
      if (lower === "serviceprovider") {
        if (c.serviceProvider === undefined) return false;
      } else if (lower === "http" || lower === "function" || lower === "workflow") {
        if (c.connector !== undefined || c.uri === undefined) return false;
      } else if (c.connector?.toLowerCase() !== lower) {
        return false;
      }
      if (method !== undefined && c.method.toLowerCase() !== method.toLowerCase()) return false;
      if (compiled) {
        const subject = c.connector !== undefined ? c.path : (c.serviceProvider ?? c.uri);
        if (subject === undefined || !matchPattern(compiled, subject)) return false;
      }
      return true;
    });
  }

  /** Calls made by one action (every attempt and iteration). */
  callsFrom(action: string): CallRecord[] {
    const key = this.canonical(action);
    return this.calls.filter((c) => c.action === key);
  }

  /**
   * Every call no mock answered (`UnmockedCall`), loop iterations included, even where a failure handler
   * absorbed the failure and the run Succeeded: a scenario with one is not testing what it claims to.
   */
  unmockedCalls(): { action: string; message: string }[] {
    const out: { action: string; message: string }[] = [];
    const seen = new Set<string>();
    const visit = (actions: Record<string, ActionRecord>) => {
      for (const [name, record] of Object.entries(actions)) {
        if (record.code === "UnmockedCall" && record.error) {
          const key = `${name}\u0000${record.error.message}`;
          if (!seen.has(key)) out.push({ action: name, message: record.error.message });
          seen.add(key);
        }
        for (const iteration of record.iterations ?? []) visit(iteration.actions);
      }
    };
    visit(this.actions);
    return out;
  }

  /** The outputs of the Response action that ran, if any: `{statusCode, headers, body}`. */
  get response(): unknown {
    for (const [name, declared] of this.#declared) {
      if (declared.type !== "response") continue;
      const record = this.actions[name];
      if (record?.status === "Succeeded") return record.outputs;
    }
    return undefined;
  }

  /** The plain JSON record. */
  toJSON(): RunRecordData {
    const out: RunRecordData = { status: this.status } as RunRecordData;
    if (this.error) out.error = this.error;
    out.startTime = this.startTime;
    out.endTime = this.endTime;
    out.trigger = this.trigger;
    out.actions = this.actions;
    out.calls = this.calls;
    return out;
  }
}
