/**
 * What a step is made of before it gets a name: the action JSON (values may be expressions), the connector it
 * uses, the permissions it needs and whether it changes anything. Connector operations are small declarations
 * that produce these specs.
 */
import type { ApiMethod, ApiOperationInfo, HttpOperationInfo, OperationInfo, Permission, Shape } from "../../operations";
import { ast } from "../../wdl";
import { BuildError } from "./errors";
import { EXPR, expr, interpolate, isExpr, toAst, type Expr, type ExprLike, type Interpolable } from "./expr";

declare const OUT: unique symbol;
declare const ARGS: unique symbol;

export type { Permission, ApiMethod };

/** An action or trigger input value: JSON in which any value may be an expression. */
export type Input =
  | string
  | number
  | boolean
  | null
  | undefined
  | Expr<unknown>
  | readonly Input[]
  | { readonly [key: string]: Input };

/** An action before it is placed: `action` is its JSON without `runAfter`. */
export interface ActionSpec<Out = unknown> {
  /** Default label when the author gives none. */
  readonly title: string;
  readonly action: { readonly type: string; readonly [key: string]: Input };
  /** Managed APIs used through `$connections`. */
  readonly connectors: readonly string[];
  readonly permissions: readonly Permission[];
  /** True when the step changes a device, alert or mailbox state in a way a SOC must approve. */
  readonly destructive: boolean;
  /** The connector operation the step calls, when it calls one (what it returns, whether it notifies). */
  readonly operation?: OperationInfo;
  readonly [OUT]?: Out;
}

/** A trigger before it is placed. */
export interface TriggerSpec<Out = unknown> {
  readonly title: string;
  readonly trigger: { readonly type: string; readonly [key: string]: Input };
  readonly connectors: readonly string[];
  readonly permissions: readonly Permission[];
  /** The shape of the body each firing delivers, when known. */
  readonly output?: Shape;
  readonly [OUT]?: Out;
}

/** What an operation's request function returns. */
export interface RequestParts {
  /** Values for `{name}` segments of the path or URI. */
  params?: Record<string, ExprLike<string>>;
  queries?: Record<string, Input>;
  body?: Input;
  headers?: Record<string, Input>;
}

/** A catalogue operation with the function that maps the builder's typed arguments to its request. */
interface Callable<Args> {
  readonly request: (args: Args) => RequestParts;
  readonly [ARGS]?: Args;
}

/** A managed-connector operation (Logic Apps `ApiConnection`) the builder can call. */
export type ApiOperation<Args = unknown, Out = unknown> = ApiOperationInfo<Out> & Callable<Args>;

/** An operation called with the built-in Http action and the managed identity, callable from the builder. */
export type HttpOperation<Args = unknown, Out = unknown> = HttpOperationInfo<Out> & Callable<Args>;

/** Any connector operation. */
export type Operation<Args = any, Out = any> = ApiOperation<Args, Out> | HttpOperation<Args, Out>;
/** The argument type of an operation. */
export type OperationArgs<O> = O extends ApiOperation<infer A, infer _R> ? A : O extends HttpOperation<infer A, infer _R> ? A : never;
/** The response body type of an operation. */
export type OperationOutput<O> = O extends ApiOperation<infer _A, infer R> ? R : O extends HttpOperation<infer _A, infer R> ? R : never;

/** `@parameters('$connections')['api']['connectionId']`, the connection reference of a managed API. */
export function connectionRef(api: string): Expr<string> {
  const conn = ast.index(ast.index(ast.call("parameters", ast.str("$connections")), ast.str(api)), ast.str("connectionId"));
  return expr<string>(conn, [{ kind: "param", name: "$connections" }]);
}

/** The managed-identity parameter every MI-authenticated Http step reads. */
export const MANAGED_IDENTITY_PARAMETER = "managedIdentity";

/** Http `authentication` with the workflow's managed identity for a token audience. */
export function managedIdentity(audience: string): Input {
  return {
    type: "ManagedServiceIdentity",
    identity: expr<string>(ast.call("parameters", ast.str(MANAGED_IDENTITY_PARAMETER)), [{ kind: "param", name: MANAGED_IDENTITY_PARAMETER }]),
    audience,
  };
}

/**
 * True for a value that is already one `encodeUriComponent(…)` call in any spelling (the designer writes
 * `encodeURIComponent`): it is placed as it is, not encoded twice.
 */
function alreadyEncoded(value: Expr<unknown>): boolean {
  const node = value[EXPR].node;
  return node !== undefined && node.kind === "call" && /^encodeur[il]component$/i.test(node.name) && node.args.length === 1;
}

/** Fill `{name}` segments of a path or URI; expressions are wrapped in `encodeUriComponent`, literals are percent-encoded. */
export function fillTemplate(template: string, params: Record<string, ExprLike<string>> = {}): ExprLike<string> {
  const seq: Interpolable[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
    const value = params[m[1]!];
    if (value === undefined) throw new BuildError("missing-path-parameter", `The path ${template} needs a value for {${m[1]}}.`);
    seq.push(template.slice(last, m.index));
    last = m.index! + m[0].length;
    seq.push(isExpr(value) ? (alreadyEncoded(value) ? value : expr<string>(ast.call("encodeUriComponent", toAst(value)), value[EXPR].deps)) : encodeURIComponent(value));
  }
  seq.push(template.slice(last));
  const filled = interpolate(seq);
  const parts = filled[EXPR].parts!;
  return parts.length === 1 && typeof parts[0] === "string" ? parts[0] : parts.length === 0 ? "" : filled;
}
