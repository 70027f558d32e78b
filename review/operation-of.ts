/**
 * What a step does, in words, from the operation catalogue: the declared operation behind a managed-connector
 * call (`findApiOperation`) or a managed-identity Http call (the catalogue's Http URIs; MDE REST hosts also
 * answer the connector's paths), with a label such as "Isolate machine — Defender" and whether it is
 * destructive. Built-in actions get the designer's name for them ("Condition", "For each", …).
 */
import { connectionKeyOfInputs, isObject, type Obj } from "../wdl";
import { allOperations, apiOfConnectionKey, destructiveCall, findApiOperation, findWebhookOperation, isAuditRecord, matchPath, type OperationInfo } from "../operations";

/** What a step does. */
export interface StepKind {
  /** "Isolate machine — Defender", "Condition", "HTTP POST graph.microsoft.com". */
  label: string;
  /** The catalogue operation behind it, when known. */
  operation?: OperationInfo;
  /** The service it calls ("Defender", "Graph", "Outlook", …), for calls. */
  service?: string;
  destructive: boolean;
}

/** Display names of managed APIs. */
const SERVICES: Record<string, string> = { wdatp: "Defender", office365: "Outlook", teams: "Teams", azuresentinel: "Sentinel", microsoftgraphsecurity: "Graph Security" };

/** The designer's names of built-in action types (lower-cased keys). */
const BUILT_INS: Record<string, string> = {
  if: "Condition",
  switch: "Switch",
  foreach: "For each",
  until: "Until",
  scope: "Scope",
  compose: "Compose",
  select: "Select",
  query: "Filter array",
  table: "Create HTML table",
  join: "Join",
  parsejson: "Parse JSON",
  terminate: "Terminate",
  response: "Response",
  wait: "Delay",
  initializevariable: "Initialize variable",
  setvariable: "Set variable",
  appendtoarrayvariable: "Append to array variable",
  appendtostringvariable: "Append to string variable",
  incrementvariable: "Increment variable",
  decrementvariable: "Decrement variable",
  workflow: "Call a workflow",
  function: "Call a function",
  request: "When an HTTP request is received",
  recurrence: "Recurrence",
};

const MDE_HOST = /^https:\/\/api(-[a-z]+)?\.(securitycenter\.(microsoft|windows)|security\.microsoft)\.com(?=\/|$)/i;
const HTTP_OPERATIONS = allOperations()
  .map((o) => o.operation)
  .filter((o) => o.kind === "http");

/** The operation title without the designer's group prefix and version suffix: "Actions - Isolate machine" → "Isolate machine". */
function shortTitle(title: string): string {
  return title
    .replace(/^[A-Za-z ]+ - /, "")
    .replace(/\s*\(V\d+\)$/, "")
    .replace(/ with Microsoft Graph$/, "");
}

function serviceOfUri(uri: string): string {
  if (MDE_HOST.test(uri)) return "Defender API";
  if (/^https:\/\/graph\.microsoft\.com\//i.test(uri)) return "Graph";
  const host = /^https?:\/\/([^/]+)/i.exec(uri)?.[1];
  return host && !host.includes("@") ? host : "HTTP";
}

/** The catalogue operation behind an Http call. */
function httpOperation(method: string, uri: string): OperationInfo | undefined {
  const wanted = uri.replace(MDE_HOST, "https://api.securitycenter.microsoft.com").split("?")[0]!;
  for (const op of HTTP_OPERATIONS) if (op.method === method.toUpperCase() && matchPath(op.uri, wanted)) return op;
  if (MDE_HOST.test(uri)) {
    const path = wanted.replace(/^https:\/\/[^/]+/, "");
    return findApiOperation("wdatp", method, path)?.operation;
  }
  return undefined;
}

/** A call's kind; destructive also when the catalogue's routes say so for a call with no declared operation. */
function callKind(node: Obj, operation: OperationInfo | undefined, service: string, fallback: string): StepKind {
  const destructive = operation?.destructive === true || destructiveCall(node) !== undefined;
  if (!operation) return { label: `${fallback} — ${service}`, service, destructive };
  return { label: `${shortTitle(operation.title)} — ${service}`, operation, service, destructive };
}

/** What an action or trigger does, from its type and inputs. Never throws. */
export function kindOf(node: Obj): StepKind {
  const type = typeof node.type === "string" ? node.type : "";
  const lower = type.toLowerCase();
  const inputs = isObject(node.inputs) ? node.inputs : {};
  const method = typeof inputs.method === "string" ? inputs.method : "";
  if (lower === "apiconnection" || lower === "apiconnectionwebhook") {
    const key = connectionKeyOfInputs(inputs);
    const api = key ? apiOfConnectionKey(key) : "";
    const service = SERVICES[api] ?? (api || "connector");
    const path = typeof inputs.path === "string" ? inputs.path : "";
    if (lower === "apiconnectionwebhook") {
      const webhook = findWebhookOperation(api, path);
      const title = webhook ? shortTitle(webhook.title).replace(/^Trigger when/, "When") : `Webhook ${path || "subscription"}`;
      return { label: `${title} — ${service}`, service, destructive: false };
    }
    return callKind(node, findApiOperation(api, method || "get", path)?.operation, service, `${method.toUpperCase() || "call"} ${path}`.trim());
  }
  if (lower === "http" || lower === "httpwebhook") {
    const uri = typeof inputs.uri === "string" ? inputs.uri : "";
    const service = serviceOfUri(uri);
    return callKind(node, httpOperation(method || "GET", uri), service, `HTTP ${method.toUpperCase() || "GET"}`);
  }
  if (lower === "compose" && isAuditRecord(node.inputs)) {
    return { label: `Audit record — would ${shortTitle(node.inputs.wouldCall).replace(/^[A-Z]/, (c) => c.toLowerCase())}`, destructive: false };
  }
  if (lower === "terminate") {
    const status = isObject(node.inputs) && typeof node.inputs.runStatus === "string" ? node.inputs.runStatus : "";
    return { label: status ? `Terminate (${status})` : "Terminate", destructive: false };
  }
  if (lower === "recurrence") {
    const r = isObject(node.recurrence) ? node.recurrence : {};
    // "every 1 Hour" only when both are literal (a parameter-driven schedule shows as plain Recurrence).
    const literal = (v: unknown) => typeof v === "number" || (typeof v === "string" && !v.startsWith("@"));
    const every = literal(r.interval) && literal(r.frequency) ? ` every ${String(r.interval)} ${String(r.frequency)}` : "";
    return { label: `Recurrence${every}`, destructive: false };
  }
  return { label: BUILT_INS[lower] ?? (type || "unknown type"), destructive: false };
}
