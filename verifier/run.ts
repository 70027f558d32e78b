/** What one explored run left behind: the record, each logical call (retries folded in) and the choices made. */
import type { OperationInfo } from "../operations";
import type { RunRecord, Mock } from "../simulator";
import type { Choice } from "./choices";

/** One call as the run made it: every attempt's response, and what it meant. */
export interface ExploredCall {
  readonly action: string;
  readonly request: { connector?: string; method: string; path?: string; uri?: string };
  readonly operation?: OperationInfo;
  /** The operation's `{name}` path values: what the call targets. */
  readonly target: Record<string, string>;
  /** Responses given, one per attempt. */
  readonly responses: { status?: number; body?: unknown; timedOut?: boolean }[];
  /** True when the last attempt was answered with a success status. */
  succeeded: boolean;
}

/** One explored run. */
export interface ExploredRun {
  readonly record: RunRecord;
  readonly calls: ExploredCall[];
  readonly trail: readonly Choice[];
  readonly trigger: { body?: unknown } | undefined;
  readonly params: Record<string, unknown>;
  /** Parameter values that differ from the defaults, and required ones. */
  readonly scenarioParams: Record<string, unknown>;
  readonly machineTags: ReadonlyMap<string, unknown>;
  /** Tags the world gave machines the run never fetched (a counterexample states them as a Get machine mock). */
  readonly worldTags: ReadonlyMap<string, unknown[]>;
  readonly excludedTags: readonly unknown[] | undefined;
  readonly audit: boolean;
  readonly definition: Record<string, unknown>;
}

/** A property's finding on one run. */
export interface Finding {
  readonly message: string;
  /** The offending action. */
  readonly action?: string;
}

/** One property = one function of a run. */
export interface Property {
  readonly code: string;
  readonly check: (run: ExploredRun) => Finding | undefined;
}

/** A static mock list that makes `simulate` replay a run. */
export function replayMocks(run: ExploredRun): Mock[] {
  const byAction = new Map<string, ExploredCall[]>();
  for (const c of run.calls) byAction.set(c.action, [...(byAction.get(c.action) ?? []), c]);
  const out: Mock[] = [];
  for (const [action, calls] of byAction) {
    const responses = calls.flatMap((c) => c.responses).map((r) => ({ ...r }));
    const answer = responses.every((r) => JSON.stringify(r) === JSON.stringify(responses[0])) ? { response: responses[0]! } : { responses };
    out.push({ action, ...answer } as Mock);
  }
  // The world's facts the run never asked for: what Get machine would answer (unused by the run itself).
  for (const [id, machineTags] of run.worldTags) out.push({ connector: "wdatp", method: "get", path: `/api/machines/${id}`, response: { status: 200, body: { id, machineTags } } });
  return out;
}
