/**
 * The simulation budget (issue 15.1): how much one run may do before it stops with `SimulationBudgetError`, and how
 * many iterations of each loop its record keeps. The defaults sit far above real playbooks: the service's own limits
 * allow a Foreach of 100,000 items and an Until of 5,000 iterations, and nesting them is legal, so only a budget
 * keeps a run from taking minutes or all memory.
 */
import { isObject } from "../wdl/walk";
import { parseDuration } from "./duration";
import { SimulationError } from "./errors";

/** Limits on one simulated run (every field optional; see `DEFAULT_BUDGET`). */
export interface SimulationBudget {
  /** Actions run or skipped, every iteration counted. */
  actions?: number;
  /** Simulated time from the start of the run: an ISO 8601 duration or milliseconds. */
  time?: string | number;
  /** Entries held for the run record: action records (in the iterations kept) and calls. */
  records?: number;
  /** Iterations each loop's record keeps: the first half and the last half of this number (at least 2). */
  iterations?: number;
  /** Characters of JSON the record holds in inputs, outputs and call bodies (the iterations kept; each value counted whole). */
  characters?: number;
}

/**
 * Defaults. 1,000,000 actions is ten actions for each of the 100,000 items the service allows in one Foreach (a few
 * seconds of simulation); P90D is the service's run duration limit; 500,000 record entries keep `--format json`
 * well inside one JavaScript string; 100 iterations per loop (first 50, last 50) is more than anyone reads;
 * 400,000,000 characters of values (four of the service's 100 MB messages) keep the record's compact JSON under V8's
 * longest string (536,870,888 characters) with the entries' own fields added, where real runs hold a few MB.
 */
export const DEFAULT_BUDGET = { actions: 1_000_000, time: "P90D", records: 500_000, iterations: 100, characters: 400_000_000 } as const;

/** The budget of one run, resolved. */
export interface Budget {
  actions: number;
  timeMs: number;
  timeText: string;
  records: number;
  /** Characters of values the record may hold. */
  characters: number;
  /** Iterations kept at the start and at the end of each loop's record. */
  keepFirst: number;
  keepLast: number;
}

const KEYS = new Set(["actions", "time", "records", "iterations", "characters"]);

function count(value: unknown, name: string, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new SimulationError("InvalidOptions", `The budget's '${name}' must be an integer of at least ${min}; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Check and resolve `options.budget`. */
export function resolveBudget(given: unknown): Budget {
  if (given !== undefined && !isObject(given)) throw new SimulationError("InvalidOptions", "The budget must be an object: {actions?, time?, records?, iterations?, characters?}.");
  const b = (given ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!KEYS.has(key)) throw new SimulationError("InvalidOptions", `The budget has no '${key}' (it has actions, time, records, iterations, characters).`);
  const time = b.time ?? DEFAULT_BUDGET.time;
  const timeMs = typeof time === "number" ? time : parseDuration(time);
  if (timeMs === undefined || !Number.isFinite(timeMs) || timeMs <= 0) {
    throw new SimulationError("InvalidOptions", `The budget's 'time' must be an ISO 8601 duration such as 'P90D' or a number of milliseconds; got ${JSON.stringify(time)}.`);
  }
  const iterations = count(b.iterations ?? DEFAULT_BUDGET.iterations, "iterations", 2);
  return {
    actions: count(b.actions ?? DEFAULT_BUDGET.actions, "actions", 1),
    timeMs,
    timeText: typeof time === "number" ? `${time} ms` : String(time),
    records: count(b.records ?? DEFAULT_BUDGET.records, "records", 1),
    characters: count(b.characters ?? DEFAULT_BUDGET.characters, "characters", 1),
    keepFirst: Math.ceil(iterations / 2),
    keepLast: Math.floor(iterations / 2),
  };
}

/** Which budget ran out. */
export type BudgetKind = "actions" | "time" | "records" | "characters";

/** One loop the run was in when a budget ran out (0-based iteration). */
export interface BudgetLoop {
  name: string;
  type: "Foreach" | "Until";
  iteration: number;
}

const HOW: Record<BudgetKind, { option: string; flag: string }> = {
  actions: { option: "actions: N", flag: "--max-actions N" },
  time: { option: "time: 'P180D'", flag: "--max-time P180D" },
  records: { option: "records: N", flag: "--max-records N" },
  characters: { option: "characters: N", flag: "--max-record-chars N" },
};

/** A run went past its budget; it is stopped, not recorded. */
export class SimulationBudgetError extends SimulationError {
  /** The outermost loop the run was in (the loop that used up the budget), if any. */
  readonly loop: string | undefined;
  constructor(
    /** Which budget ran out. */
    readonly budget: BudgetKind,
    /** Its value (for `time`, in milliseconds). */
    readonly limit: number,
    /** The loops the run was in, outermost first. */
    readonly loops: readonly BudgetLoop[],
    what: string,
  ) {
    const where = loops.length ? ` in ${loops.map((l) => `iteration ${(l.iteration + 1).toLocaleString("en-US")} of ${l.type} '${l.name}'`).join(" › ")}` : "";
    super(
      "SimulationBudget",
      `${what}${where}. Real runs rarely come near it; if this one should, raise it: simulate(target, {budget: {${HOW[budget].option}}}) or playbook-kit simulate ${HOW[budget].flag}.`,
    );
    this.loop = loops[0]?.name;
  }
}
