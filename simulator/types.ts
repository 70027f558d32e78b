/** Public types of the simulator: options, mocks, and the run record's JSON shape. */
import type { SimulationBudget } from "./budget";

/** Final status of an action, an iteration or a run. */
export type Status = "Succeeded" | "Failed" | "Skipped" | "TimedOut" | "Cancelled";

/** `{code, message}` as run history shows errors. */
export interface RunError {
  code: string;
  message: string;
}

/** One retried attempt of a call action (as run history's `retryHistory`). */
export interface RetryEntry {
  startTime: string;
  endTime: string;
  code: string;
  error?: RunError;
}

/** One iteration of a Foreach or Until loop. */
export interface IterationRecord {
  index: number;
  status: Status;
  startTime: string;
  endTime: string;
  /** The Foreach item (absent for Until). */
  item?: unknown;
  /** Records of the actions inside the loop body, for this iteration (nested loops carry their own iterations). */
  actions: Record<string, ActionRecord>;
}

/** The record of one action. */
export interface ActionRecord {
  status: Status;
  code?: string;
  error?: RunError;
  inputs?: unknown;
  outputs?: unknown;
  startTime: string;
  endTime: string;
  /** Earlier attempts of a call that was retried (the record's own fields describe the last attempt). */
  retryHistory?: RetryEntry[];
  /** Loop iterations, in index order (Foreach and Until only); a long loop keeps its first and last ones. */
  iterations?: IterationRecord[];
  /** How many iterations ran, when `iterations` leaves some out (see the budget's `iterations`). */
  iterationCount?: number;
}

/** One outgoing call (each retry attempt is one call). */
export interface CallRecord {
  /** The action that made the call. */
  action: string;
  /** Managed API name (`wdatp`, `office365`) for ApiConnection / ApiConnectionWebhook / OpenApiConnection. */
  connector?: string;
  /** Evaluated URI for Http / HttpWebhook; the function or workflow id for Function / Workflow. */
  uri?: string;
  /** HTTP method: lower-case for connectors, upper-case for Http; the operationId for OpenApiConnection. */
  method: string;
  /** Evaluated connector path (as sent, URL-encoded). */
  path?: string;
  /** The `serviceProviderId` of a ServiceProvider action (`method` is its operationId). */
  serviceProvider?: string;
  body?: unknown;
}

/** The trigger's part of a run record. */
export interface TriggerRecord {
  inputs?: unknown;
  outputs?: unknown;
}

/** Run status, including `Skipped` when trigger conditions did not let the run start. */
export type RunStatus = "Succeeded" | "Failed" | "Cancelled" | "Skipped";

/** The JSON shape of a simulated run (what `--format json` prints). */
export interface RunRecordData {
  status: RunStatus;
  /** Why a run Failed or was Cancelled (Terminate's runError, or `ActionFailed`). */
  error?: RunError;
  startTime: string;
  endTime: string;
  trigger: TriggerRecord;
  actions: Record<string, ActionRecord>;
  calls: CallRecord[];
}

// ---- mocks --------------------------------------------------------------------------------------

/** The request a mock sees. */
export interface MockRequest {
  /** The calling action. */
  action: string;
  /** `connector`, `http`, `function`, `workflow` or `serviceProvider` (Logic Apps Standard built-in connectors). */
  kind: "connector" | "http" | "function" | "workflow" | "serviceProvider";
  /** Managed API name (connector calls). */
  connector?: string;
  /** OperationId (Power Automate OpenApiConnection and ServiceProvider calls). */
  operation?: string;
  method: string;
  /** Connector path as sent (URL-encoded). */
  path?: string;
  /** Http URI, the function / workflow id, or the `serviceProviderId`. */
  uri?: string;
  body?: unknown;
  headers: Record<string, unknown>;
  queries: Record<string, unknown>;
  /** Values of the pattern's `{name}` segments, URL-decoded. */
  pathParams: Record<string, string>;
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number;
  /** How many earlier calls this mock has answered in this run. */
  callIndex: number;
}

/** What a mock answers. */
export interface MockResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, unknown>;
  /** Simulated time the call takes: ISO 8601 duration or milliseconds. */
  delay?: string | number;
  /** The call never answers: the action ends TimedOut. */
  timedOut?: boolean;
}

/** A fixed response or a function of the request. */
export type MockReply = MockResponse | ((request: MockRequest) => MockResponse);

/** Responses: one for every call, or a sequence (call n gets entry n; the last one repeats). */
interface MockAnswer {
  response?: MockReply;
  responses?: MockReply[];
  /** Restrict the mock to one action (by name). */
  action?: string;
}

/** A managed-connector call: API name (`*` for any) + method + path pattern (`/api/machines/{id}/isolate`, `*`). */
export interface ConnectorMock extends MockAnswer {
  connector: string;
  method?: string;
  path?: string;
  /** OperationId (Power Automate OpenApiConnection). */
  operation?: string;
}

/** An Http call: method + URI pattern (`https://graph.microsoft.com/*`). */
export interface HttpMock extends MockAnswer {
  http: { method?: string; uri?: string };
}

/** A Function action: function id pattern (+ method). */
export interface FunctionMock extends MockAnswer {
  function: { id?: string; method?: string };
}

/** A Workflow (nested Logic App) action: workflow id pattern + trigger name. */
export interface WorkflowMock extends MockAnswer {
  workflow: { id?: string; trigger?: string };
}

/**
 * A Logic Apps Standard built-in connector call (`type: ServiceProvider`): a pattern for its `serviceProviderId`
 * (`/serviceProviders/serviceBus`; `{name}`, `*` and `**` as for paths) and its `operationId` (case-insensitive).
 */
export interface ServiceProviderMock extends MockAnswer {
  serviceProvider: { id?: string; operation?: string };
}

/** Any call made by one named action (also the only way to mock an action type the simulator does not run). */
export interface ActionMock extends MockAnswer {
  action: string;
}

/** One mock. Mocks are tried in order; the first that matches answers. */
export type Mock = ConnectorMock | HttpMock | FunctionMock | WorkflowMock | ServiceProviderMock | ActionMock;

// ---- options ------------------------------------------------------------------------------------

/** Options of `simulate()`. */
export interface SimulateOptions {
  /** The trigger's outputs: `{headers?, body}` (other keys such as `queries` are kept). */
  trigger?: { headers?: Record<string, unknown>; body?: unknown; [key: string]: unknown };
  /** Mocked calls, tried in order. */
  mocks?: readonly Mock[];
  /** Definition parameter values by name; they override defaults and values from a workflow resource. */
  parameters?: Record<string, unknown>;
  /** Start of the simulated clock (ISO timestamp or Date). Default 2024-01-01T00:00:00Z. */
  now?: string | Date;
  /** Seed for GUIDs, `rand()` and run ids. Default 1. */
  seed?: number | string;
  /** `workflow().name` (default: the resource name, else `simulated-workflow`). */
  workflowName?: string;
  /** `workflow().id` (default: a resource id built from the name). */
  workflowId?: string;
  /** `workflow().location`. Default `westeurope`. */
  location?: string;
  /** Which `Microsoft.Logic/workflows` resource of an ARM template to run (by name); default the first. */
  resource?: string;
  /** ARM template parameter values, used for `[parameters('x')]` strings (default: the template's defaults). */
  armParameters?: Record<string, unknown>;
  /** Keep inputs and outputs that `secureData` hides in the record (for tests; run history hides them). */
  revealSecureData?: boolean;
  /** Limits on the run (actions, simulated time, record entries) and iterations kept per loop; see `DEFAULT_BUDGET`. */
  budget?: SimulationBudget;
}
