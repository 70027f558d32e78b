/**
 * Turn connector operation declarations into builder functions. A declaration is data (method, path,
 * permissions, …) plus a `request` function mapping typed arguments to path parameters, queries and body.
 */
import type { ApiOperationInfo, HttpOperationInfo, OperationInfo, WebhookTriggerInfo } from "../../operations";
import { BuildError } from "../kit/errors";
import {
  connectionRef,
  fillTemplate,
  managedIdentity,
  type ActionSpec,
  type ApiOperation,
  type HttpOperation,
  type Input,
  type Operation,
  type OperationArgs,
  type OperationOutput,
  type RequestParts,
  type TriggerSpec,
} from "../kit/operation";

/** A catalogue operation made callable: `request` maps the builder's typed arguments to path, queries and body. */
export function callable<Out, Args>(info: ApiOperationInfo<Out>, request: (args: Args) => RequestParts): ApiOperation<Args, Out>;
export function callable<Out, Args>(info: HttpOperationInfo<Out>, request: (args: Args) => RequestParts): HttpOperation<Args, Out>;
export function callable<Out, Args>(info: OperationInfo<Out>, request: (args: Args) => RequestParts): Operation<Args, Out> {
  return { ...info, request } as Operation<Args, Out>;
}

/** Declare a managed-connector operation that is not in the catalogue (an author's own connector). */
export function apiOperation<Args, Out>(declaration: Omit<ApiOperation<Args, Out>, "kind">): ApiOperation<Args, Out> {
  return { kind: "api", ...declaration };
}

/** Declare an Http + managed-identity operation that is not in the catalogue. */
export function httpOperation<Args, Out>(declaration: Omit<HttpOperation<Args, Out>, "kind">): HttpOperation<Args, Out> {
  return { kind: "http", ...declaration };
}

/** Drop undefined entries; undefined when nothing is left. */
function compact(record: Record<string, Input> | undefined): Record<string, Input> | undefined {
  if (!record) return undefined;
  const out: Record<string, Input> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

function requestInputs(parts: RequestParts): Record<string, Input> {
  const inputs: Record<string, Input> = {};
  const headers = compact(parts.headers);
  const queries = compact(parts.queries);
  if (headers) inputs.headers = headers;
  if (queries) inputs.queries = queries;
  if (parts.body !== undefined) inputs.body = parts.body;
  return inputs;
}

/** Make the step spec for one call of an operation. */
export function invoke<O extends Operation>(op: O, args: OperationArgs<O>): ActionSpec<OperationOutput<O>> {
  const parts = op.request(args);
  if (op.kind === "api") {
    const inputs: Record<string, Input> = {
      host: { connection: { name: connectionRef(op.connector) } },
      method: op.method,
      path: fillTemplate(op.path, parts.params),
      ...requestInputs(parts),
    };
    return { title: op.title, action: { type: "ApiConnection", inputs }, connectors: [op.connector], permissions: op.permissions, destructive: op.destructive, operation: op };
  }
  const inputs: Record<string, Input> = {
    method: op.method,
    uri: fillTemplate(op.uri, parts.params),
    ...requestInputs(parts),
    authentication: managedIdentity(op.audience),
  };
  return { title: op.title, action: { type: "Http", inputs }, connectors: [], permissions: op.permissions, destructive: op.destructive, operation: op };
}

/** The builder function of one operation; `operation` is its declaration (for properties and tooling). */
export type OperationBuilder<O extends Operation> = ((args: OperationArgs<O>) => ActionSpec<OperationOutput<O>>) & { readonly operation: O };

/** Builder functions for every operation of a connector, plus the declarations themselves. */
export type ConnectorApi<Ops extends Record<string, Operation>> = {
  readonly [K in keyof Ops]: OperationBuilder<Ops[K]>;
} & { readonly operations: Ops };

/** Bundle operation declarations into a connector module. */
export function connector<Ops extends Record<string, Operation>>(operations: Ops): ConnectorApi<Ops> {
  const api: Record<string, unknown> = { operations };
  for (const [key, op] of Object.entries(operations)) {
    if (key === "operations") throw new BuildError("reserved-operation-name", "An operation cannot be named 'operations'.");
    api[key] = Object.assign((args: never) => invoke(op, args), { operation: op });
  }
  return api as ConnectorApi<Ops>;
}

/** A webhook trigger on a managed connector: the catalogue declaration and the subscription body. */
export function apiWebhookTrigger<Out>(declaration: WebhookTriggerInfo<Out>, body: Record<string, Input>, permissions: TriggerSpec["permissions"] = []): TriggerSpec<Out> {
  return {
    title: declaration.title,
    trigger: {
      type: "ApiConnectionWebhook",
      inputs: { host: { connection: { name: connectionRef(declaration.connector) } }, path: declaration.path, body },
    },
    connectors: [declaration.connector],
    permissions,
    output: declaration.output,
  };
}
