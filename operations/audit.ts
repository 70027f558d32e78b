/**
 * The audit record: what a destructive step becomes in `audit` mode. It is a Compose action whose inputs say
 * which call the step would have made (operation, connector or URI, method, path and body as evaluated at run
 * time), so run history, the simulator and the report all show what would have happened while nothing is
 * called. The builder writes it (`playbooks/kit/audit.ts`); the simulator's text view recognises it.
 */
import { isObject } from "../wdl";

/** The request an audit record describes: managed connector (`connector`, `path`) or Http (`uri`). */
export interface AuditRequest {
  connector?: string;
  method: string;
  path?: string;
  uri?: string;
  queries?: unknown;
  body?: unknown;
}

/** The inputs of an audit record's Compose action. */
export interface AuditRecordInputs {
  /** Always `audit`: marks the record. */
  mode: "audit";
  /** Title of the operation the step would have called, e.g. `Actions - Isolate machine`. */
  wouldCall: string;
  /** Catalogue name of the operation (`isolateMachine`), when the step called a declared operation. */
  operation?: string;
  request: AuditRequest;
}

/** True when a Compose action's (evaluated) inputs are an audit record. */
export function isAuditRecord(inputs: unknown): inputs is AuditRecordInputs {
  return isObject(inputs) && inputs.mode === "audit" && typeof inputs.wouldCall === "string" && isObject(inputs.request);
}

/** One-line description of an audit record's request: `wdatp post /api/machines/4bd2…/isolate`. */
export function describeAuditRequest(request: AuditRequest): string {
  if (request.connector !== undefined) return `${request.connector} ${request.method}${typeof request.path === "string" ? ` ${request.path}` : ""}`;
  return `${request.method}${typeof request.uri === "string" ? ` ${request.uri}` : ""}`;
}
