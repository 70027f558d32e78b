/**
 * A fake Azure Resource Manager for the Logic Apps REST API (api-version 2019-05-01) on 127.0.0.1 over HTTPS with
 * a self-signed certificate made at test time (openssl). It serves the real response shapes: workflow get and
 * list, runs list with `nextLink` paging, run actions list, and validate (200, or 400 with the service's
 * `{error: {code, message}}` body), checks the bearer token and the api-version, and records every request.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";

/** A self-signed certificate for 127.0.0.1, written to a fresh temporary folder. */
export function makeCertificate(): { key: string; cert: string; certFile: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-arm-"));
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    { stdio: "ignore" },
  );
  return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8"), certFile, dir };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A recorded request. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body?: unknown;
}

/** A run as the test describes it; the server renders the REST shape. */
export interface FakeRun {
  name: string;
  status: "Succeeded" | "Failed" | "Running" | "Cancelled" | "TimedOut";
  startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  actions?: FakeAction[];
}

/** A run action. */
export interface FakeAction {
  name: string;
  status: string;
  startTime: string;
  endTime?: string;
  code?: string;
  error?: { code: string; message: string };
}

/**
 * A misbehaviour of the server, for tests of the client's limits: never answer (or answer the headers and stall
 * the body), ask for a retry after `seconds`, list pages whose `nextLink` is the page's own URL, or answer a
 * `bytes`-long JSON body streamed in chunks (never held in memory).
 */
export type Fault =
  | { kind: "hang"; stage: "headers" | "body" }
  | { kind: "retry-after"; seconds: string }
  | { kind: "self-next-link" }
  | { kind: "huge-body"; bytes: number; contentLength: boolean };

/** What validate answers: undefined accepts. */
export type Validator = (workflowName: string, body: Obj) => { code: string; message: string } | undefined;

const API_VERSION = "2019-05-01";

/**
 * The service's own checks this fake reproduces: the `$schema`, `runAfter` naming siblings, parameter values only
 * for declared parameters, a value (or default) for every parameter, and allowed values.
 */
export const serviceLikeValidator: Validator = (_name, body) => {
  const properties = isObj(body.properties) ? body.properties : {};
  const definition = properties.definition;
  if (!isObj(definition)) return { code: "InvalidRequestContent", message: "The request content is not valid and could not be deserialized: 'definition' is missing." };
  if (typeof definition.$schema !== "string" || !definition.$schema.includes("2016-06-01/workflowdefinition.json")) {
    return { code: "InvalidTemplate", message: "The template validation failed: the '$schema' of the definition is not supported." };
  }
  const checkScope = (actions: unknown): { code: string; message: string } | undefined => {
    if (!isObj(actions)) return undefined;
    for (const [name, action] of Object.entries(actions)) {
      if (!isObj(action)) continue;
      if (isObj(action.runAfter)) {
        for (const pred of Object.keys(action.runAfter)) {
          if (!(pred in actions)) {
            return {
              code: "InvalidTemplate",
              message: `The template validation failed: 'The 'runAfter' property of template action '${name}' at line '1' and column '${100 + name.length}' contains non-existent action: '${pred}'.'.`,
            };
          }
        }
      }
      for (const child of [action.actions, isObj(action.else) ? action.else.actions : undefined, isObj(action.default) ? action.default.actions : undefined]) {
        const r = checkScope(child);
        if (r) return r;
      }
      if (isObj(action.cases)) for (const c of Object.values(action.cases)) if (isObj(c)) {
        const r = checkScope(c.actions);
        if (r) return r;
      }
    }
    return undefined;
  };
  const scope = checkScope(definition.actions);
  if (scope) return scope;
  const decls = isObj(definition.parameters) ? definition.parameters : {};
  const values = isObj(properties.parameters) ? properties.parameters : {};
  const undeclared = Object.keys(values).filter((k) => !(k in decls));
  if (undeclared.length) {
    return { code: "InvalidTemplate", message: `The workflow parameters '${undeclared.join("', '")}' are not valid; they are not declared in the definition and can not be provided.` };
  }
  for (const [name, decl] of Object.entries(decls)) {
    if (!isObj(decl)) continue;
    const given = isObj(values[name]) ? (values[name] as Obj).value : undefined;
    if (given === undefined && decl.defaultValue === undefined) {
      return { code: "InvalidTemplate", message: `The template validation failed: 'The value for the template parameter '${name}' at line '1' and column '1' is not provided.'.` };
    }
    if (given !== undefined && Array.isArray(decl.allowedValues) && !decl.allowedValues.some((a) => JSON.stringify(a) === JSON.stringify(given))) {
      return {
        code: "InvalidTemplate",
        message: `The template validation failed: 'The provided value for the template parameter '${name}' at line '1' and column '1' is not valid. The value '${String(given)}' is not part of the allowed value(s): '${decl.allowedValues.join(",")}'.'.`,
      };
    }
  }
  return undefined;
};

/** The fake server. */
export class FakeArm {
  readonly requests: RecordedRequest[] = [];
  /** Workflow resources by resource group, then name (as the service returns them). */
  readonly workflows = new Map<string, Map<string, Obj>>();
  /** Runs by workflow name (newest first). */
  readonly runs = new Map<string, FakeRun[]>();
  runsPageSize = 2;
  actionsPageSize = 3;
  token = "fake-token";
  validator: Validator = serviceLikeValidator;
  /** Applied to every authorised request while set. */
  fault?: Fault;
  private server?: https.Server;
  private certificate?: ReturnType<typeof makeCertificate>;
  endpoint = "";

  constructor(
    readonly subscription = "00000000-0000-0000-0000-000000000001",
    readonly resourceGroups: string[] = ["rg-mde-playbooks-dev"],
  ) {
    for (const rg of resourceGroups) this.workflows.set(rg.toLowerCase(), new Map());
  }

  /** PEM of the certificate clients must trust. */
  get ca(): string {
    return this.certificate!.cert;
  }

  /** File holding the certificate (for NODE_EXTRA_CA_CERTS). */
  get caFile(): string {
    return this.certificate!.certFile;
  }

  /** Store a deployed workflow: definition, parameter values (REST shape) and state. */
  deploy(resourceGroup: string, name: string, properties: { definition: unknown; parameters?: Obj; state?: string }): void {
    const id = `/subscriptions/${this.subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Logic/workflows/${name}`;
    this.workflows.get(resourceGroup.toLowerCase())!.set(name.toLowerCase(), {
      properties: {
        provisioningState: "Succeeded",
        createdTime: "2025-03-01T08:00:00.0000000Z",
        changedTime: "2025-03-02T09:30:00.0000000Z",
        state: properties.state ?? "Enabled",
        version: "08584712345678901234567890123",
        accessEndpoint: `https://prod-01.westeurope.logic.azure.com:443/workflows/0123456789abcdef0123456789abcdef`,
        endpointsConfiguration: { workflow: { outgoingIpAddresses: [{ address: "20.0.0.1" }], accessEndpointIpAddresses: [{ address: "20.0.0.2" }] }, connector: { outgoingIpAddresses: [{ address: "20.0.0.3" }] } },
        sku: { name: "Consumption" },
        definition: properties.definition,
        parameters: properties.parameters ?? {},
      },
      id,
      name,
      type: "Microsoft.Logic/workflows",
      location: "westeurope",
      tags: {},
      identity: { type: "SystemAssigned", principalId: "11111111-2222-3333-4444-555555555555", tenantId: "66666666-7777-8888-9999-000000000000" },
    });
  }

  async start(): Promise<string> {
    this.certificate = makeCertificate();
    this.server = https.createServer({ key: this.certificate.key, cert: this.certificate.cert }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.endpoint = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    if (this.certificate) fs.rmSync(this.certificate.dir, { recursive: true, force: true });
  }

  private handle(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.endpoint);
      const query = Object.fromEntries(url.searchParams.entries());
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const record: RecordedRequest = { method: req.method ?? "GET", path: decodeURIComponent(url.pathname), query };
      if (req.headers.authorization) record.authorization = req.headers.authorization;
      if (body !== undefined) record.body = body;
      this.requests.push(record);
      const send = (status: number, payload?: unknown) => {
        const data = payload === undefined ? "" : JSON.stringify(payload);
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ms-request-id": `req-${this.requests.length}` });
        res.end(data);
      };
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        send(401, { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } });
        return;
      }
      if (query["api-version"] !== API_VERSION) {
        send(400, { error: { code: "InvalidApiVersionParameter", message: `The api-version '${query["api-version"]}' is invalid.` } });
        return;
      }
      if (this.fault) return this.misbehave(this.fault, url, res);
      this.route(record, url, send);
    });
  }

  private misbehave(fault: Fault, url: URL, res: import("node:http").ServerResponse): void {
    const json = { "content-type": "application/json; charset=utf-8" };
    switch (fault.kind) {
      case "hang":
        if (fault.stage === "body") {
          res.writeHead(200, json);
          res.write('{"value": [');
        }
        return; // the connection stays open until the client gives up or the server stops
      case "retry-after":
        res.writeHead(429, { ...json, "retry-after": fault.seconds });
        res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "Rate limit exceeded." } }));
        return;
      case "self-next-link":
        res.writeHead(200, json);
        res.end(JSON.stringify({ value: [], nextLink: url.toString() }));
        return;
      case "huge-body": {
        const head = '{"value": [], "padding": "';
        const tail = '"}';
        res.writeHead(200, fault.contentLength ? { ...json, "content-length": String(fault.bytes) } : json);
        const chunk = "x".repeat(64 * 1024);
        let left = fault.bytes - head.length - tail.length;
        res.write(head);
        const pump = (): void => {
          while (left > 0) {
            const n = Math.min(left, chunk.length);
            left -= n;
            if (!res.write(n === chunk.length ? chunk : chunk.slice(0, n))) {
              res.once("drain", pump);
              return;
            }
          }
          res.end(tail);
        };
        res.on("error", () => undefined);
        pump();
        return;
      }
    }
  }

  private route(record: RecordedRequest, url: URL, send: (status: number, payload?: unknown) => void): void {
    const p = record.path;
    const base = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Logic\/(.*)$/i.exec(p);
    if (!base) return send(404, { error: { code: "NotFound", message: `No route for ${p}` } });
    const [, subscription, rg, rest] = base as unknown as [string, string, string, string];
    if (subscription !== this.subscription) return send(404, { error: { code: "SubscriptionNotFound", message: `The subscription '${subscription}' could not be found.` } });
    const group = this.workflows.get(rg.toLowerCase());
    if (!group) return send(404, { error: { code: "ResourceGroupNotFound", message: `Resource group '${rg}' could not be found.` } });
    const notFound = (name: string) =>
      send(404, {
        error: {
          code: "ResourceNotFound",
          message: `The Resource 'Microsoft.Logic/workflows/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
        },
      });
    let m: RegExpExecArray | null;
    if (record.method === "GET" && /^workflows$/i.test(rest)) return send(200, { value: [...group.values()] });
    if (record.method === "GET" && (m = /^workflows\/([^/]+)$/i.exec(rest))) {
      const wf = group.get(m[1]!.toLowerCase());
      return wf ? send(200, wf) : notFound(m[1]!);
    }
    if (record.method === "GET" && (m = /^workflows\/([^/]+)\/runs$/i.exec(rest))) {
      const name = m[1]!;
      if (!group.has(name.toLowerCase())) return notFound(name);
      const all = this.runs.get(name.toLowerCase()) ?? [];
      const skip = Number(record.query.$skiptoken ?? "0");
      const page = all.slice(skip, skip + this.runsPageSize);
      const payload: Obj = { value: page.map((r) => this.runShape(rg, name, r)) };
      if (skip + this.runsPageSize < all.length) {
        const next = new URL(url.toString());
        next.searchParams.set("$skiptoken", String(skip + this.runsPageSize));
        payload.nextLink = next.toString();
      }
      return send(200, payload);
    }
    if (record.method === "GET" && (m = /^workflows\/([^/]+)\/runs\/([^/]+)\/actions$/i.exec(rest))) {
      const [, name, runName] = m as unknown as [string, string, string];
      const run = (this.runs.get(name.toLowerCase()) ?? []).find((r) => r.name === runName);
      if (!run) return send(404, { error: { code: "WorkflowRunNotFound", message: `The workflow '${name}' run '${runName}' could not be found.` } });
      const all = run.actions ?? [];
      const skip = Number(record.query.$skiptoken ?? "0");
      const page = all.slice(skip, skip + this.actionsPageSize);
      const payload: Obj = { value: page.map((a) => this.actionShape(rg, name, runName, a)) };
      if (skip + this.actionsPageSize < all.length) {
        const next = new URL(url.toString());
        next.searchParams.set("$skiptoken", String(skip + this.actionsPageSize));
        payload.nextLink = next.toString();
      }
      return send(200, payload);
    }
    if (record.method === "POST" && (m = /^locations\/([^/]+)\/workflows\/([^/]+)\/validate$/i.exec(rest))) {
      const verdict = this.validator(m[2]!, isObj(record.body) ? record.body : {});
      return verdict ? send(400, { error: verdict }) : send(200);
    }
    return send(404, { error: { code: "NotFound", message: `No route for ${record.method} ${p}` } });
  }

  private runShape(rg: string, workflow: string, run: FakeRun): Obj {
    const properties: Obj = {
      waitEndTime: run.startTime,
      startTime: run.startTime,
      status: run.status,
      correlation: { clientTrackingId: run.name },
      workflow: {
        id: `/subscriptions/${this.subscription}/resourceGroups/${rg}/providers/Microsoft.Logic/workflows/${workflow}/versions/08584712345678901234567890123`,
        name: "08584712345678901234567890123",
        type: "Microsoft.Logic/workflows/versions",
      },
      trigger: { name: "Trigger", startTime: run.startTime, endTime: run.startTime, status: "Succeeded" },
      outputs: {},
    };
    if (run.endTime) properties.endTime = run.endTime;
    if (run.error) {
      properties.code = run.error.code;
      properties.error = run.error;
    }
    return {
      properties,
      id: `/subscriptions/${this.subscription}/resourceGroups/${rg}/providers/Microsoft.Logic/workflows/${workflow}/runs/${run.name}`,
      name: run.name,
      type: "Microsoft.Logic/workflows/runs",
    };
  }

  private actionShape(rg: string, workflow: string, run: string, action: FakeAction): Obj {
    const properties: Obj = {
      startTime: action.startTime,
      status: action.status,
      code: action.code ?? (action.status === "Succeeded" ? "OK" : action.status === "Skipped" ? "ActionSkipped" : "NotSpecified"),
      trackingId: `${action.name}-tracking`,
      clientTrackingId: run,
    };
    if (action.endTime) properties.endTime = action.endTime;
    if (action.error) properties.error = action.error;
    return {
      properties,
      id: `/subscriptions/${this.subscription}/resourceGroups/${rg}/providers/Microsoft.Logic/workflows/${workflow}/runs/${run}/actions/${action.name}`,
      name: action.name,
      type: "Microsoft.Logic/workflows/runs/actions",
    };
  }
}
