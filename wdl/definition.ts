/**
 * TypeScript model of a Logic Apps (Consumption) / Power Automate workflow definition.
 *
 * Unions are discriminated by `type`. The model describes what the kit emits (canonical casing);
 * readers of third-party JSON (validators, simulator) treat input as `unknown` and narrow it themselves.
 */

/** The only `$schema` the service accepts for a definition (Azure/logicapps#694). */
export const WORKFLOW_SCHEMA =
  "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#";

/** Any JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Statuses a `runAfter` entry can wait for, in canonical order and casing. */
export const RUN_AFTER_STATUSES = ["Succeeded", "Failed", "Skipped", "TimedOut"] as const;
/** One `runAfter` status. */
export type RunAfterStatus = (typeof RUN_AFTER_STATUSES)[number];
/** `runAfter`: predecessor name → statuses it must end in. */
export type RunAfter = { [predecessor: string]: RunAfterStatus[] };

/** Definition parameter types, as the service writes them. */
export const PARAMETER_TYPES = ["String", "SecureString", "Int", "Float", "Bool", "Array", "Object", "SecureObject"] as const;
/** One definition parameter type. */
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** A definition parameter declaration. */
export interface ParameterDeclaration {
  type: ParameterType;
  defaultValue?: Json;
  allowedValues?: Json[];
  metadata?: { description?: string; [key: string]: Json | undefined };
}

/** A whole workflow definition. */
export interface WorkflowDefinition {
  $schema: string;
  contentVersion: string;
  parameters?: { [name: string]: ParameterDeclaration };
  triggers: { [name: string]: Trigger };
  actions: Actions;
  outputs?: { [name: string]: { type: ParameterType; value: Json } };
  staticResults?: JsonObject;
}

/** A map of actions by name (a scope's body). */
export type Actions = { [name: string]: Action };

/** Retry policy inside `inputs`. */
export type RetryPolicy =
  | { type: "none" }
  | { type: "default" }
  | { type: "fixed"; count: number; interval: string }
  | { type: "exponential"; count: number; interval: string; minimumInterval?: string; maximumInterval?: string };

/** Authentication for Http actions and triggers. */
export type HttpAuthentication =
  | { type: "ManagedServiceIdentity"; audience?: string; identity?: string }
  | { type: "ActiveDirectoryOAuth"; tenant: string; audience: string; clientId: string; secret?: string; authority?: string }
  | { type: "Basic"; username: string; password: string }
  | { type: "ClientCertificate"; pfx: string; password?: string }
  | { type: "Raw"; value: string };

/** `runtimeConfiguration` settings shared by actions and triggers. */
export interface RuntimeConfiguration {
  concurrency?: { repetitions?: number; runs?: number; maximumWaitingRuns?: number };
  secureData?: { properties: ("inputs" | "outputs")[] };
  paginationPolicy?: { minimumItemCount: number };
  staticResult?: { name: string; staticResultOptions: "Enabled" | "Disabled" };
  contentTransfer?: { transferMode: "Chunked" };
}

/** Fields every action may carry. */
export interface ActionBase {
  runAfter?: RunAfter;
  description?: string;
  runtimeConfiguration?: RuntimeConfiguration;
  operationOptions?: string;
  trackedProperties?: JsonObject;
  limit?: { timeout?: string; count?: number };
  metadata?: JsonObject;
}

/** `host.connection.name` of a managed API call. */
export interface ConnectionHost {
  connection: { name: string };
}

/** Call a managed connector (Logic Apps Consumption form). */
export interface ApiConnectionAction extends ActionBase {
  type: "ApiConnection";
  inputs: {
    host: ConnectionHost;
    method: string;
    path: string;
    body?: Json;
    queries?: { [key: string]: Json };
    headers?: { [key: string]: Json };
    retryPolicy?: RetryPolicy;
    authentication?: Json;
  };
}

/** Subscribe to a managed connector webhook (action form). */
export interface ApiConnectionWebhookAction extends ActionBase {
  type: "ApiConnectionWebhook";
  inputs: { host: ConnectionHost; path: string; body?: Json; queries?: { [key: string]: Json }; headers?: { [key: string]: Json } };
}

/** HTTP request inputs (Http action and trigger). */
export interface HttpInputs {
  method: string;
  uri: string;
  headers?: { [key: string]: Json };
  queries?: { [key: string]: Json };
  body?: Json;
  authentication?: HttpAuthentication;
  retryPolicy?: RetryPolicy;
  cookie?: string;
}

/** Call an HTTP endpoint. */
export interface HttpAction extends ActionBase {
  type: "Http";
  inputs: HttpInputs;
}

/** Subscribe/unsubscribe HTTP webhook. */
export interface HttpWebhookAction extends ActionBase {
  type: "HttpWebhook";
  inputs: { subscribe: HttpInputs; unsubscribe?: HttpInputs };
}

/** Structured condition, as the designer writes it (`{and:[{equals:[a,b]}]}`). */
export type Condition =
  | { and: Condition[] }
  | { or: Condition[] }
  | { not: Condition }
  | { [comparison in ComparisonName]?: [Json, Json] };
/** Comparison names usable in a structured condition. */
export type ComparisonName = "equals" | "greater" | "greaterOrEquals" | "less" | "lessOrEquals" | "contains" | "startsWith" | "endsWith";

/** If/else. */
export interface IfAction extends ActionBase {
  type: "If";
  expression: Condition | string;
  actions: Actions;
  else?: { actions: Actions };
}

/** One Switch case. */
export interface SwitchCase {
  case: string | number;
  actions: Actions;
}

/** Switch on a value. */
export interface SwitchAction extends ActionBase {
  type: "Switch";
  expression: string;
  cases: { [name: string]: SwitchCase };
  default?: { actions: Actions };
}

/** Loop over an array. */
export interface ForeachAction extends ActionBase {
  type: "Foreach";
  foreach: string | Json[];
  actions: Actions;
}

/** Do-until loop. */
export interface UntilAction extends ActionBase {
  type: "Until";
  expression: Condition | string;
  limit?: { count?: number; timeout?: string };
  actions: Actions;
}

/** Group actions. */
export interface ScopeAction extends ActionBase {
  type: "Scope";
  actions: Actions;
}

/** Produce a value. */
export interface ComposeAction extends ActionBase {
  type: "Compose";
  inputs: Json;
}

/** Variable types for InitializeVariable. */
export type VariableType = "string" | "integer" | "float" | "boolean" | "array" | "object";

/** Declare variables (top level only). */
export interface InitializeVariableAction extends ActionBase {
  type: "InitializeVariable";
  inputs: { variables: { name: string; type: VariableType; value?: Json }[] };
}

/** Set a variable. */
export interface SetVariableAction extends ActionBase {
  type: "SetVariable";
  inputs: { name: string; value: Json };
}

/** Increment a numeric variable. */
export interface IncrementVariableAction extends ActionBase {
  type: "IncrementVariable";
  inputs: { name: string; value?: Json };
}

/** Decrement a numeric variable. */
export interface DecrementVariableAction extends ActionBase {
  type: "DecrementVariable";
  inputs: { name: string; value?: Json };
}

/** Append to an array variable. */
export interface AppendToArrayVariableAction extends ActionBase {
  type: "AppendToArrayVariable";
  inputs: { name: string; value: Json };
}

/** Append to a string variable. */
export interface AppendToStringVariableAction extends ActionBase {
  type: "AppendToStringVariable";
  inputs: { name: string; value: Json };
}

/** Parse JSON content against a schema. */
export interface ParseJsonAction extends ActionBase {
  type: "ParseJson";
  inputs: { content: Json; schema: Json };
}

/** Filter an array. */
export interface QueryAction extends ActionBase {
  type: "Query";
  inputs: { from: Json; where: string };
}

/** Map an array. */
export interface SelectAction extends ActionBase {
  type: "Select";
  inputs: { from: Json; select: Json };
}

/** Render an array as a CSV or HTML table. */
export interface TableAction extends ActionBase {
  type: "Table";
  inputs: { from: Json; format: "CSV" | "HTML"; columns?: { header?: string; value: Json }[] };
}

/** Join an array into a string. */
export interface JoinAction extends ActionBase {
  type: "Join";
  inputs: { from: Json; joinWith: string };
}

/** Answer a Request trigger. */
export interface ResponseAction extends ActionBase {
  type: "Response";
  kind?: string;
  inputs: { statusCode: Json; headers?: { [key: string]: Json }; body?: Json; schema?: Json };
}

/** Stop the run. */
export interface TerminateAction extends ActionBase {
  type: "Terminate";
  inputs: { runStatus: "Succeeded" | "Failed" | "Cancelled"; runError?: { code?: string; message?: string } };
}

/** Delay. */
export interface WaitAction extends ActionBase {
  type: "Wait";
  inputs: { interval: { count: Json; unit: "Second" | "Minute" | "Hour" | "Day" | "Week" | "Month" } } | { until: { timestamp: Json } };
}

/** Call an Azure Function. */
export interface FunctionAction extends ActionBase {
  type: "Function";
  inputs: {
    function: { id: string };
    method?: string;
    body?: Json;
    headers?: { [key: string]: Json };
    queries?: { [key: string]: Json };
    relativePath?: string;
    retryPolicy?: RetryPolicy;
  };
}

/** Call a nested Logic App. */
export interface WorkflowAction extends ActionBase {
  type: "Workflow";
  inputs: {
    host: { triggerName: string; workflow: { id: string } };
    body?: Json;
    headers?: { [key: string]: Json };
    retryPolicy?: RetryPolicy;
  };
}

/** Every action type the kit models. */
export type Action =
  | ApiConnectionAction
  | ApiConnectionWebhookAction
  | HttpAction
  | HttpWebhookAction
  | IfAction
  | SwitchAction
  | ForeachAction
  | UntilAction
  | ScopeAction
  | ComposeAction
  | InitializeVariableAction
  | SetVariableAction
  | IncrementVariableAction
  | DecrementVariableAction
  | AppendToArrayVariableAction
  | AppendToStringVariableAction
  | ParseJsonAction
  | QueryAction
  | SelectAction
  | TableAction
  | JoinAction
  | ResponseAction
  | TerminateAction
  | WaitAction
  | FunctionAction
  | WorkflowAction;

/** The `type` discriminant of every modelled action. */
export type ActionType = Action["type"];

/** All modelled action types, in a stable order. */
export const ACTION_TYPES: readonly ActionType[] = [
  "ApiConnection",
  "ApiConnectionWebhook",
  "Http",
  "HttpWebhook",
  "If",
  "Switch",
  "Foreach",
  "Until",
  "Scope",
  "Compose",
  "InitializeVariable",
  "SetVariable",
  "IncrementVariable",
  "DecrementVariable",
  "AppendToArrayVariable",
  "AppendToStringVariable",
  "ParseJson",
  "Query",
  "Select",
  "Table",
  "Join",
  "Response",
  "Terminate",
  "Wait",
  "Function",
  "Workflow",
];

/** Recurrence schedule. */
export interface Recurrence {
  frequency: "Second" | "Minute" | "Hour" | "Day" | "Week" | "Month";
  interval: number | string;
  startTime?: string;
  timeZone?: string;
  schedule?: { hours?: number[]; minutes?: number[]; weekDays?: string[]; monthDays?: number[] };
}

/** Fields every trigger may carry. */
export interface TriggerBase {
  description?: string;
  conditions?: { expression: string }[];
  splitOn?: string;
  runtimeConfiguration?: RuntimeConfiguration;
  operationOptions?: string;
  metadata?: JsonObject;
}

/** Run on a schedule. */
export interface RecurrenceTrigger extends TriggerBase {
  type: "Recurrence";
  recurrence: Recurrence;
}

/** Run on an incoming HTTP request. */
export interface RequestTrigger extends TriggerBase {
  type: "Request";
  kind: string;
  inputs?: { method?: string; relativePath?: string; schema?: Json };
}

/** Poll a managed connector. */
export interface ApiConnectionTrigger extends TriggerBase {
  type: "ApiConnection";
  inputs: { host: ConnectionHost; method: string; path: string; queries?: { [key: string]: Json }; body?: Json };
  recurrence: Recurrence;
}

/** Managed connector webhook subscription. */
export interface ApiConnectionWebhookTrigger extends TriggerBase {
  type: "ApiConnectionWebhook";
  inputs: { host: ConnectionHost; path: string; body?: Json; queries?: { [key: string]: Json } };
}

/** Poll an HTTP endpoint. */
export interface HttpTrigger extends TriggerBase {
  type: "Http";
  inputs: HttpInputs;
  recurrence: Recurrence;
}

/** HTTP webhook subscription. */
export interface HttpWebhookTrigger extends TriggerBase {
  type: "HttpWebhook";
  inputs: { subscribe: HttpInputs; unsubscribe?: HttpInputs };
}

/** Every trigger type the kit models. */
export type Trigger =
  | RecurrenceTrigger
  | RequestTrigger
  | ApiConnectionTrigger
  | ApiConnectionWebhookTrigger
  | HttpTrigger
  | HttpWebhookTrigger;

/** The `type` discriminant of every modelled trigger. */
export type TriggerType = Trigger["type"];

/** All modelled trigger types. */
export const TRIGGER_TYPES: readonly TriggerType[] = ["Recurrence", "Request", "ApiConnection", "ApiConnectionWebhook", "Http", "HttpWebhook"];

/** The empty value of a parameter type (`0`, `false`, `[]`, `{}` or `""`); types are compared case-insensitively. */
export function emptyValueOfType(type: string): Json {
  switch (type.toLowerCase()) {
    case "int":
    case "float":
      return 0;
    case "bool":
      return false;
    case "array":
      return [];
    case "object":
    case "secureobject":
      return {};
    default:
      return "";
  }
}
