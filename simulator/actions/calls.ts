/**
 * Call actions, answered by mocks: ApiConnection, ApiConnectionWebhook, Http, HttpWebhook, Function, Workflow,
 * Power Automate's OpenApiConnection and Logic Apps Standard's ServiceProvider (built-in connectors). Retries follow `retryPolicy` on simulated time; every attempt is a
 * call in the record. A call no mock answers fails its action with `UnmockedCall`.
 */
import { isObject, type Obj } from "../../wdl/walk";
import { parseDuration } from "../duration";
import { EvaluationError } from "../expression/evaluate";
import { checkResponse, describeCall, findMock, suggestMock, type CallSite } from "../mocks";
import type { ActionPlan } from "../plan";
import { isRetryable, resolveRetry, statusName } from "../retry";
import { ActionRun, register, type Frame, type RunState } from "../state";
import type { CallRecord, MockRequest, MockResponse, RetryEntry } from "../types";

/** Consumption's outbound request timeout, used when a mock never answers and the action sets no limit. */
const DEFAULT_TIMEOUT_MS = 120_000;

/** The managed API behind a `$connections` key: `…/managedApis/<api>` in the value's `id`, else the key. */
export function apiOf(run: RunState, key: string): string {
  let api = run.connectionApis.get(key);
  if (api !== undefined) return api;
  const connections = run.connections;
  let entry: unknown;
  if (isObject(connections)) {
    entry = connections[key];
    if (entry === undefined) {
      const lower = key.toLowerCase();
      const k = Object.keys(connections).find((c) => c.toLowerCase() === lower);
      if (k !== undefined) entry = connections[k];
    }
  }
  const id = isObject(entry) && typeof entry.id === "string" ? entry.id : undefined;
  const m = id ? /managedApis\/([A-Za-z0-9_.-]+)/i.exec(id) : null;
  api = m ? m[1]!.toLowerCase() : key.toLowerCase().replace(/[_-]\d+$/, "");
  run.connectionApis.set(key, api);
  return api;
}

function connectorOf(a: ActionPlan, run: RunState): string {
  if (a.apiName) return a.apiName;
  if (a.referenceName !== undefined) {
    const ref = run.connectionReferences?.[a.referenceName];
    const name = isObject(ref) && isObject(ref.api) && typeof ref.api.name === "string" ? ref.api.name : a.referenceName;
    return name.toLowerCase().replace(/^shared_/, "");
  }
  if (a.connectionKey !== undefined) return apiOf(run, a.connectionKey);
  return "unknown";
}

function str(value: unknown, what: string, a: ActionPlan): string {
  if (typeof value !== "string") throw new EvaluationError("InvalidTemplate", `The '${what}' of action '${a.name}' must be a string.`);
  return value;
}

function objectOr(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/** One call's evaluated request. */
interface Prepared {
  site: CallSite;
  body: unknown;
  headers: Record<string, unknown>;
  queries: Record<string, unknown>;
  inputs: unknown;
}

function delayOf(response: MockResponse): number {
  if (response.delay === undefined) return 0;
  return typeof response.delay === "number" ? response.delay : (parseDuration(response.delay) ?? 0);
}

/** Run the call (with retries) and build the action's record. */
function perform(a: ActionPlan, frame: Frame, start: number, call: Prepared): ActionRun {
  const run = frame.run;
  const r = new ActionRun(a, "Succeeded", start, start).setInputs(call.inputs);
  const record = (): CallRecord => {
    const c = { action: a.name } as CallRecord;
    if (call.site.connector !== undefined) c.connector = call.site.connector;
    if (call.site.uri !== undefined && call.site.kind !== "serviceProvider") c.uri = call.site.uri;
    c.method = call.site.method;
    if (call.site.path !== undefined) c.path = call.site.path;
    if (call.site.kind === "serviceProvider") c.serviceProvider = call.site.uri!;
    if (call.body !== undefined) c.body = a.secureInputs && !run.reveal ? SECURED : call.body;
    return c;
  };
  const found = findMock(run.mocks, call.site);
  if (!found) {
    run.addCall(record(), start, frame);
    return r.fail("UnmockedCall", `No mock answers the call ${describeCall(call.site)} made by action '${a.name}'. Add a mock such as ${suggestMock(call.site)}.`);
  }
  const policy = a.retryPolicy ? resolveRetry(a.retryPolicy(frame)) : resolveRetry(undefined);
  if (typeof policy === "string") return r.fail("InvalidTemplate", `Action '${a.name}': ${policy}`);
  const { mock, pathParams } = found;
  const history: RetryEntry[] = [];
  let t = start;
  for (let attempt = 0; ; attempt++) {
    const callIndex = run.mockCounts[mock.index]!++;
    const reply = mock.replies[Math.min(callIndex, mock.replies.length - 1)]!;
    let response: MockResponse;
    if (typeof reply === "function") {
      const request: MockRequest = {
        action: a.name,
        kind: call.site.kind,
        method: call.site.method,
        headers: call.headers,
        queries: call.queries,
        pathParams,
        attempt,
        callIndex,
      };
      if (call.site.connector !== undefined) request.connector = call.site.connector;
      if (call.site.operation !== undefined) request.operation = call.site.operation;
      if (call.site.path !== undefined) request.path = call.site.path;
      if (call.site.uri !== undefined) request.uri = call.site.uri;
      if (call.body !== undefined) request.body = call.body;
      response = checkResponse(reply(request), `Mock ${mock.index}: the handler's response for action '${a.name}'`);
    } else {
      response = reply;
    }
    run.addCall(record(), t, frame);
    const attemptStart = t;
    t += delayOf(response);
    const limit = a.timeoutMs ?? (response.timedOut ? DEFAULT_TIMEOUT_MS : undefined);
    if (response.timedOut || (limit !== undefined && t - start > limit)) {
      r.endMs = start + (limit ?? 0);
      r.status = "TimedOut";
      r.code = "ActionTimedOut";
      r.error = { code: "ActionTimedOut", message: `The action '${a.name}' timed out waiting for ${describeCall(call.site)}.` };
      if (history.length) r.retryHistory = history;
      return r;
    }
    const status = response.status;
    if (isRetryable(status) && attempt < policy.count) {
      history.push({ startTime: run.iso(attemptStart), endTime: run.iso(t), code: statusName(status), error: { code: statusName(status), message: `${describeCall(call.site)} returned ${status}.` } });
      t += policy.delay(attempt + 1);
      continue;
    }
    r.endMs = t;
    r.code = statusName(status);
    r.setOutputs({ statusCode: status, headers: response.headers ?? {}, body: response.body });
    if (history.length) r.retryHistory = history;
    if (status >= 400) r.fail(statusName(status), `${describeCall(call.site)} returned ${status} (${statusName(status)}).`);
    r.code = statusName(status);
    return r;
  }
}

/** Shown instead of inputs/outputs hidden by `secureData`. */
export const SECURED = "Content not shown due to security configuration.";

function evaluated(a: ActionPlan, frame: Frame): Obj {
  const inputs = a.inputs ? a.inputs(frame) : {};
  if (!isObject(inputs)) throw new EvaluationError("InvalidTemplate", `The inputs of action '${a.name}' must be an object.`);
  return inputs;
}

register(["apiconnection"], (a, frame, start) => {
  const inputs = evaluated(a, frame);
  const method = str(inputs.method ?? "get", "method", a).toLowerCase();
  const path = str(inputs.path ?? "/", "path", a);
  return perform(a, frame, start, {
    site: { kind: "connector", action: a.name, connector: connectorOf(a, frame.run), method, path },
    body: inputs.body,
    headers: objectOr(inputs.headers),
    queries: objectOr(inputs.queries),
    inputs,
  });
});

register(["apiconnectionwebhook"], (a, frame, start) => {
  // The subscription call; the mock's response body stands for the callback the webhook waits for.
  const inputs = evaluated(a, frame);
  const path = str(inputs.path ?? "/", "path", a);
  return perform(a, frame, start, {
    site: { kind: "connector", action: a.name, connector: connectorOf(a, frame.run), method: "post", path },
    body: inputs.body,
    headers: objectOr(inputs.headers),
    queries: objectOr(inputs.queries),
    inputs,
  });
});

register(["openapiconnection", "openapiconnectionwebhook"], (a, frame, start) => {
  const inputs = evaluated(a, frame);
  const host = isObject(a.raw.inputs) && isObject(a.raw.inputs.host) ? a.raw.inputs.host : {};
  const operation = typeof host.operationId === "string" ? host.operationId : "";
  return perform(a, frame, start, {
    site: { kind: "connector", action: a.name, connector: connectorOf(a, frame.run), operation, method: operation },
    body: inputs.parameters,
    headers: {},
    queries: {},
    inputs,
  });
});

register(["http"], (a, frame, start) => {
  const inputs = evaluated(a, frame);
  const method = str(inputs.method ?? "GET", "method", a).toUpperCase();
  const uri = str(inputs.uri, "uri", a);
  return perform(a, frame, start, {
    site: { kind: "http", action: a.name, method, uri },
    body: inputs.body,
    headers: objectOr(inputs.headers),
    queries: objectOr(inputs.queries),
    inputs,
  });
});

register(["httpwebhook"], (a, frame, start) => {
  // The subscribe request; the mock's response body stands for the callback.
  const inputs = evaluated(a, frame);
  const subscribe = isObject(inputs.subscribe) ? inputs.subscribe : {};
  const method = str(subscribe.method ?? "POST", "subscribe.method", a).toUpperCase();
  const uri = str(subscribe.uri, "subscribe.uri", a);
  return perform(a, frame, start, {
    site: { kind: "http", action: a.name, method, uri },
    body: subscribe.body,
    headers: objectOr(subscribe.headers),
    queries: objectOr(subscribe.queries),
    inputs,
  });
});

register(["function"], (a, frame, start) => {
  const inputs = evaluated(a, frame);
  const fn = isObject(inputs.function) ? inputs.function : {};
  const id = str(fn.id ?? "", "function.id", a);
  const relative = typeof inputs.relativePath === "string" && inputs.relativePath ? `/${inputs.relativePath.replace(/^\//, "")}` : "";
  const method = str(inputs.method ?? "POST", "method", a).toUpperCase();
  return perform(a, frame, start, {
    site: { kind: "function", action: a.name, method, uri: `${id}${relative}` },
    body: inputs.body,
    headers: objectOr(inputs.headers),
    queries: objectOr(inputs.queries),
    inputs,
  });
});

register(["workflow"], (a, frame, start) => {
  const inputs = evaluated(a, frame);
  const host = isObject(a.raw.inputs) && isObject(a.raw.inputs.host) ? a.raw.inputs.host : {};
  const id = isObject(host.workflow) && typeof host.workflow.id === "string" ? host.workflow.id : "";
  const trigger = typeof host.triggerName === "string" ? host.triggerName : "manual";
  return perform(a, frame, start, {
    site: { kind: "workflow", action: a.name, method: "POST", uri: id, trigger },
    body: inputs.body,
    headers: objectOr(inputs.headers),
    queries: objectOr(inputs.queries),
    inputs,
  });
});

register(["serviceprovider"], (a, frame, start) => {
  // Logic Apps Standard built-in connectors: `inputs.serviceProviderConfiguration` names the provider and operation;
  // `inputs.parameters` is what the operation gets.
  const inputs = evaluated(a, frame);
  const config = isObject(inputs.serviceProviderConfiguration) ? inputs.serviceProviderConfiguration : {};
  const id = str(config.serviceProviderId ?? "", "serviceProviderConfiguration.serviceProviderId", a);
  const operation = str(config.operationId ?? "", "serviceProviderConfiguration.operationId", a);
  return perform(a, frame, start, {
    site: { kind: "serviceProvider", action: a.name, uri: id, operation, method: operation },
    body: inputs.parameters,
    headers: {},
    queries: {},
    inputs,
  });
});
