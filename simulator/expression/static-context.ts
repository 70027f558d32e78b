/**
 * A fixed `EvalContext` for `playbook-kit eval` and unit tests: values come from the input, GUIDs and
 * random numbers from a seeded generator, the clock from `now` (default 2024-01-01T00:00:00Z, so output
 * is deterministic).
 */
import type { EvalContext, OperationRecord } from "./context";
import { createRandom } from "../random";
import { instantMs, subMillisecondTicks } from "./dotnet-datetime";
import { findProperty, isPlainObject } from "./values";

/** Input of `createStaticContext`. Every member is optional. */
export interface StaticContextInput {
  /** `variables('name')`. */
  variables?: Record<string, unknown>;
  /** `parameters('name')`. */
  parameters?: Record<string, unknown>;
  /** The clock: an ISO timestamp or a Date. Default 2024-01-01T00:00:00Z. */
  now?: string | Date;
  /** The trigger record; `{outputs: {body, headers}}` is enough. */
  trigger?: Partial<OperationRecord>;
  /** Action records by name; a record without `status` counts as Succeeded. */
  actions?: Record<string, Partial<OperationRecord>>;
  /** `items('loop')` values by loop name. */
  items?: Record<string, unknown>;
  /** `item()`: the innermost current item. */
  item?: unknown;
  /** `iterationIndexes('loop')` values by loop name. */
  iterationIndexes?: Record<string, number>;
  /** `result('scope')` arrays by scope name. */
  results?: Record<string, OperationRecord[]>;
  /** `workflow()`. */
  workflow?: unknown;
  /** `listCallbackUrl()`. */
  callbackUrl?: string;
  /** Seed for `guid()` and `rand()`. Default 1. */
  seed?: number;
  /** GUIDs to hand out first (then seeded ones). */
  guids?: string[];
  /** `action()` inside a webhook unsubscribe / trackedProperties / Until condition. */
  currentAction?: Partial<OperationRecord>;
}

const DEFAULT_NOW = "2024-01-01T00:00:00Z";

/** A version-4-shaped GUID from a random source. */
export function guidFrom(random: () => number): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function lookup(map: Record<string, unknown> | undefined, name: string): { found: true; value: unknown } | { found: false } {
  if (!map) return { found: false };
  const hit = findProperty(map, name);
  return hit.found ? { found: true, value: hit.value } : { found: false };
}

function record(name: string, partial: Partial<OperationRecord>): OperationRecord {
  // Name and status first: adding keys after a spread is a slow path in V8.
  const out = { name, status: "Succeeded", ...partial } as OperationRecord;
  if (out.name === undefined) out.name = name;
  if (out.status === undefined) out.status = "Succeeded";
  return out;
}

/** Build a context from plain values. */
export function createStaticContext(input: StaticContextInput = {}): EvalContext {
  const nowValue = input.now ?? DEFAULT_NOW;
  // A time without an offset is UTC (never the host's local time), so results are the same on every machine.
  const now = new Date(nowValue instanceof Date ? nowValue.getTime() : typeof nowValue === "string" ? (instantMs(nowValue) ?? NaN) : NaN);
  if (Number.isNaN(now.getTime())) throw new RangeError(`The context's 'now' value '${String(nowValue)}' is not a valid timestamp`);
  const random = createRandom(input.seed ?? 1);
  const guidRandom = createRandom((input.seed ?? 1) ^ 0x5bd1e995);
  const guids = [...(input.guids ?? [])];
  const actions: Record<string, OperationRecord> = {};
  for (const [name, partial] of Object.entries(input.actions ?? {})) if (isPlainObject(partial)) actions[name] = record(name, partial);
  const trigger = input.trigger ? record("manual", input.trigger) : undefined;
  const ticks = typeof nowValue === "string" ? subMillisecondTicks(nowValue) : 0;
  return {
    now: () => new Date(now.getTime()),
    nowTicks: () => ticks,
    newGuid: () => guids.shift() ?? guidFrom(guidRandom),
    random,
    trigger: () => trigger,
    action(name) {
      const hit = findProperty(actions, name);
      return hit.found ? (hit.value as OperationRecord) : undefined;
    },
    hasAction: (name) => findProperty(actions, name).found || (input.results ? findProperty(input.results, name).found : false),
    result(name) {
      const hit = input.results ? findProperty(input.results, name) : { found: false as const };
      return hit.found ? (hit.value as OperationRecord[]) : undefined;
    },
    item: () => input.item,
    items: (loop) => lookup(input.items, loop),
    iterationIndex(loop) {
      const hit = lookup(input.iterationIndexes, loop);
      return hit.found ? (hit.value as number) : undefined;
    },
    variable: (name) => lookup(input.variables, name),
    parameter: (name) => lookup(input.parameters, name),
    workflow: () =>
      input.workflow ?? {
        id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Logic/workflows/playbook",
        name: "playbook",
        type: "Microsoft.Logic/workflows",
        location: "westeurope",
        run: { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Logic/workflows/playbook/runs/08585000000000000000000000000CU00", name: "08585000000000000000000000000CU00", type: "Microsoft.Logic/workflows/runs" },
        tags: {},
      },
    callbackUrl: () => input.callbackUrl ?? "https://prod-00.westeurope.logic.azure.com:443/workflows/00000000000000000000000000000000/triggers/manual/run?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=simulated",
    currentAction: () => (input.currentAction ? record(input.currentAction.name ?? "current", input.currentAction) : undefined),
  };
}
