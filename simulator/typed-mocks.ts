/**
 * Typed mocks generated from the connector declarations: `mocks.defender.isolateMachine({status: 201, body: {...}})`
 * answers the operation's method + path (managed connector) or method + URI (Http operation); the body is typed
 * from the operation's output (deep-partial, or an `{error}` body for failures). Pass an array for a sequence
 * (call n gets entry n; the last repeats), or a function of the request.
 */
import { OPERATIONS, type OperationInfo, type OutputOf } from "../operations";
import type { Mock, MockRequest } from "./types";

/** Every property optional, recursively (tests give only the fields a playbook reads). */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** The error body MDE and Graph return (`{"error": {"code", "message"}}`). */
export interface ErrorBody {
  error: { code?: string; message?: string; [key: string]: unknown };
}

/** A response typed by the operation's output. */
export interface TypedResponse<Out> {
  status: number;
  body?: DeepPartial<Out> | ErrorBody;
  headers?: Record<string, unknown>;
  delay?: string | number;
  timedOut?: boolean;
}

/** A typed response, or a function of the request returning one. */
export type TypedReply<Out> = TypedResponse<Out> | ((request: MockRequest) => TypedResponse<Out>);

/** Restrict a typed mock. */
export interface TypedMockOptions {
  /** Answer only calls made by this action. */
  action?: string;
}

/** A mock factory for one operation. */
export type OperationMock<O> = (reply: TypedReply<OutputOf<O>> | readonly TypedReply<OutputOf<O>>[], options?: TypedMockOptions) => Mock;

type Registry = typeof OPERATIONS;

/** `mocks.<connector>.<operation>(reply)` for every declared operation. */
export type TypedMocks = {
  readonly [C in keyof Registry]: { readonly [O in keyof Registry[C]]: OperationMock<Registry[C][O]> };
};

function mockFor(op: OperationInfo): OperationMock<OperationInfo> {
  return (reply, options = {}) => {
    const answer = Array.isArray(reply) ? { responses: [...reply] } : { response: reply };
    const restrict = options.action !== undefined ? { action: options.action } : {};
    if (op.kind === "api") return { connector: op.connector, method: op.method, path: op.path, ...answer, ...restrict } as Mock;
    return { http: { method: op.method, uri: op.uri }, ...answer, ...restrict } as Mock;
  };
}

function build(): TypedMocks {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, entry] of Object.entries(OPERATIONS)) {
    const ops: Record<string, unknown> = {};
    for (const [name, op] of Object.entries(entry as Record<string, OperationInfo>)) ops[name] = mockFor(op);
    out[key] = ops;
  }
  return out as unknown as TypedMocks;
}

/** Typed mocks for every connector operation the kit declares. */
export const mocks: TypedMocks = build();
