/**
 * What a connector operation is, as data: the API it calls (managed connector + method + path, or an Http URI
 * with a token audience), the permissions the workflow's identity needs, and what the call means for a SOC
 * (destructive, a notification, deprecated). The builder, the validator, the simulator's typed mocks, the
 * exporters and the stacks all read these declarations; none of them needs the builder to do so. `output` is the
 * response body's runtime shape; the phantom `~out` type is inferred from it, so the two always agree.
 */
import type { Infer, Shape, Typed } from "./shape";

/** An application role (Entra ID) the workflow's identity needs on a resource application's service principal. */
export interface AppRolePermission {
  /** Optional: a permission without `kind` is an app role (the manifest's original `{resource, role}` form). */
  readonly kind?: "appRole";
  readonly resource: "WindowsDefenderATP" | "MicrosoftGraph";
  readonly role: string;
}

/** Where an Azure RBAC role is assigned: the environment's Microsoft Sentinel workspace. */
export type AzureRoleScope = "sentinelWorkspace";

/** An Azure RBAC built-in role the workflow's identity needs on an Azure scope (the Sentinel workspace). */
export interface AzureRolePermission {
  readonly kind: "azureRole";
  /** The Azure service the role is about. */
  readonly resource: "MicrosoftSentinel";
  /** The built-in role's name, e.g. `Microsoft Sentinel Responder` (ids: `AZURE_ROLE_DEFINITION_IDS`). */
  readonly role: "Microsoft Sentinel Reader" | "Microsoft Sentinel Responder";
  readonly scope: AzureRoleScope;
}

/**
 * What the workflow's identity needs for one call: an app role or an Azure RBAC role. Both carry string
 * `resource` and `role` (the manifest's and the diff's `{resource, role}` contract); `kind` tells them apart.
 */
export type Permission = AppRolePermission | AzureRolePermission;

/** True for an Azure RBAC role (as opposed to an app role). */
export function isAzureRole(permission: Permission): permission is AzureRolePermission {
  return permission.kind === "azureRole";
}

/** True for an Entra ID app role. */
export function isAppRole(permission: Permission): permission is AppRolePermission {
  return permission.kind !== "azureRole";
}

/** The stable identity of a permission (sort and de-duplication key). */
export function permissionKey(permission: Permission): string {
  return isAzureRole(permission) ? `${permission.resource}/${permission.role}@${permission.scope}` : `${permission.resource}/${permission.role}`;
}

/** A plain copy of a permission in its canonical JSON form (`kind` and `scope` only for Azure roles). */
export function canonicalPermission(permission: Permission): Permission {
  return isAzureRole(permission)
    ? { kind: "azureRole", resource: permission.resource, role: permission.role, scope: permission.scope }
    : { resource: permission.resource, role: permission.role };
}

/** HTTP-style methods as managed-connector declarations write them. */
export type ApiMethod = "get" | "post" | "patch" | "put" | "delete";
/** Methods of the Http action. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface OperationBase<Out> {
  /** Our name for it, e.g. `isolateMachine`. */
  readonly name: string;
  /** The designer's name, e.g. `Actions - Isolate machine`. */
  readonly title: string;
  readonly permissions: readonly Permission[];
  /** True when the call changes a device, alert or indicator in a way a SOC must approve. */
  readonly destructive: boolean;
  /** True when the call tells a person something (an email, a Teams message, a comment). */
  readonly notification?: boolean;
  /** Set when Microsoft deprecated the operation: what to use instead and when it stops working. */
  readonly deprecated?: string;
  /** The response body's shape (catalogue operations always have one; an author's own operation may not). */
  readonly output?: Typed<Out, Shape>;
  /** The HTTP status of a successful call (200 when not set). */
  readonly successStatus?: number;
  /** Phantom: the response body type (types only; never set at run time). */
  readonly "~out"?: Out;
}

/** A managed-connector operation (Logic Apps `ApiConnection`). */
export interface ApiOperationInfo<Out = unknown> extends OperationBase<Out> {
  readonly kind: "api";
  /** Managed API name, e.g. `wdatp`. */
  readonly connector: string;
  /** Power Automate operationId, and whether a public source confirms it. */
  readonly operationId: string;
  readonly operationIdConfirmed: boolean;
  readonly method: ApiMethod;
  /** Path relative to the connection, with `{name}` segments, e.g. `/api/machines/{id}/isolate`. */
  readonly path: string;
}

/** An operation called with the built-in Http action and the managed identity. */
export interface HttpOperationInfo<Out = unknown> extends OperationBase<Out> {
  readonly kind: "http";
  readonly method: HttpMethod;
  /** Absolute URI with `{name}` segments. */
  readonly uri: string;
  /** Token audience for managed-identity authentication. */
  readonly audience: string;
}

/** Any declared operation. */
export type OperationInfo<Out = unknown> = ApiOperationInfo<Out> | HttpOperationInfo<Out>;

/** The response body type of an operation. */
export type OutputOf<O> = O extends OperationBase<infer R> ? R : never;

/** A catalogue declaration: `output` is required and gives the operation its response type. */
type Declaration<D, S> = Omit<D, "kind" | "output" | "~out"> & { readonly output: S };

/** Declare a managed-connector operation; its response type is the type of its `output` shape. */
export function apiOperationInfo<S extends Typed<unknown, Shape>>(declaration: Declaration<ApiOperationInfo, S>): ApiOperationInfo<Infer<S>> {
  return { kind: "api", ...declaration } as ApiOperationInfo<Infer<S>>;
}

/** Declare an operation made with the Http action and the managed identity; its response type is its `output` shape's. */
export function httpOperationInfo<S extends Typed<unknown, Shape>>(declaration: Declaration<HttpOperationInfo, S>): HttpOperationInfo<Infer<S>> {
  return { kind: "http", ...declaration } as HttpOperationInfo<Infer<S>>;
}

/** A webhook trigger of a managed connector (`ApiConnectionWebhook`): what it subscribes to and what it delivers. */
export interface WebhookTriggerInfo<Out = unknown> {
  readonly kind: "webhook";
  /** Our name for it, e.g. `alertCreated`. */
  readonly name: string;
  readonly connector: string;
  /** The designer's name. */
  readonly title: string;
  readonly method: "post";
  /** Subscription path relative to the connection. */
  readonly path: string;
  readonly operationId: string;
  readonly operationIdConfirmed: boolean;
  /** Where the operationId comes from. */
  readonly source: string;
  /** What the workflow's identity needs to subscribe (none for most connectors; Sentinel needs Reader). */
  readonly permissions?: readonly Permission[];
  /** The shape of the trigger body each firing delivers. */
  readonly output: Typed<Out, Shape>;
  /** Phantom: the trigger body type (types only; never set at run time). */
  readonly "~out"?: Out;
}

/** Declare a webhook trigger; its body type is the type of its `output` shape. */
export function webhookTriggerInfo<S extends Typed<unknown, Shape>>(declaration: Declaration<WebhookTriggerInfo, S>): WebhookTriggerInfo<Infer<S>> {
  return { kind: "webhook", ...declaration } as WebhookTriggerInfo<Infer<S>>;
}
