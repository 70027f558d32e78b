/**
 * The logical calls of a run: each request is matched to the catalogue operation it calls, and a retry attempt
 * continues the call its first attempt opened, so a call's responses hold every attempt. Exploration and replay
 * both log calls this way, so a property judges a replayed run exactly as it judged the explored one.
 */
import { findCalledOperation } from "../operations";
import type { MockRequest, MockResponse } from "../simulator";
import type { ExploredCall } from "./run";

/** Logs the calls of one run. */
export class CallLog {
  readonly calls: ExploredCall[] = [];
  private readonly open = new Map<string, ExploredCall>();
  private readonly perAction = new Map<string, number>();

  /** The call `req` belongs to; `ordinal` is the action's call count before it (its key in choices). */
  callOf(req: MockRequest): { call: ExploredCall; fresh: boolean; ordinal: number } {
    const identity = `${req.action}\u0000${req.path ?? req.uri}\u0000${JSON.stringify(req.body ?? null)}`;
    const earlier = req.attempt > 0 ? this.open.get(identity) : undefined;
    if (earlier) return { call: earlier, fresh: false, ordinal: -1 };
    const ordinal = this.perAction.get(req.action) ?? 0;
    this.perAction.set(req.action, ordinal + 1);
    const request = req.kind === "connector" ? { connector: req.connector, method: req.method, path: req.path } : { method: req.method, uri: req.uri };
    const found = findCalledOperation(request);
    const call: ExploredCall = { action: req.action, request, operation: found?.operation, target: found?.pathParameters ?? {}, responses: [], succeeded: false };
    this.calls.push(call);
    this.open.set(identity, call);
    return { call, fresh: true, ordinal };
  }

  /** Record the answer to one attempt of `call`. */
  answered(call: ExploredCall, response: MockResponse): void {
    call.responses.push(response.timedOut ? { timedOut: true } : response.body === undefined ? { status: response.status } : { status: response.status, body: response.body });
    call.succeeded = !response.timedOut && response.status < 300;
  }
}
