/**
 * Run the stack program under `pulumi.runtime.setMocks` (no CLI, no cloud) and record every resource
 * registration — type, logical name, parent, inputs as the engine receives them — every provider call and
 * every component's registered outputs. Tests and the bench use it; `playbook-kit stack-mock <env>` (and
 * `node lib/stacks/testing.js <env>` in the current folder) runs the program the project's `Pulumi.yaml` names
 * (`main`; this kit's program without one) for `Pulumi.<env>.yaml` there, and prints a summary — in an author's
 * repository too (its `npm run stack:mock -- dev`).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, readEnvironmentConfig } from "../playbooks/env";
import { AZURE_SECURITY_INSIGHTS_APP_ID } from "../operations";
import { RESOURCE_APP_IDS } from "./principals";

/** Subscription, tenant and deployer the mocks pretend to be. */
export const MOCK_SUBSCRIPTION_ID = "11111111-2222-4333-8444-555555555555";
export const MOCK_TENANT_ID = "66666666-7777-4888-9999-000000000000";
export const MOCK_DEPLOYER_OBJECT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

/** Application roles of the mocked resource service principals (a realistic subset, all for applications). */
export const MOCK_APP_ROLES: Readonly<Record<string, readonly string[]>> = {
  [RESOURCE_APP_IDS.WindowsDefenderATP]: [
    "AdvancedQuery.Read.All",
    "Alert.Read.All",
    "Alert.ReadWrite.All",
    "File.Read.All",
    "Ip.Read.All",
    "Machine.CollectForensics",
    "Machine.Isolate",
    "Machine.LiveResponse",
    "Machine.Offboard",
    "Machine.Read.All",
    "Machine.ReadWrite.All",
    "Machine.RestrictExecution",
    "Machine.Scan",
    "Machine.StopAndQuarantine",
    "Ti.ReadWrite",
    "Ti.ReadWrite.All",
    "URL.Read.All",
    "User.Read.All",
    "Vulnerability.Read.All",
  ],
  [RESOURCE_APP_IDS.MicrosoftGraph]: [
    "Mail.Read",
    "Mail.Send",
    "SecurityAlert.Read.All",
    "SecurityAlert.ReadWrite.All",
    "SecurityIncident.Read.All",
    "SecurityIncident.ReadWrite.All",
    "ThreatHunting.Read.All",
    "User.Read.All",
  ],
  // Sentinel's first-party app (automation rules run playbooks as it): the stack only reads its object id.
  [AZURE_SECURITY_INSIGHTS_APP_ID]: [],
};

const SERVICE_PRINCIPAL_NAMES: Readonly<Record<string, string>> = {
  [RESOURCE_APP_IDS.WindowsDefenderATP]: "WindowsDefenderATP",
  [RESOURCE_APP_IDS.MicrosoftGraph]: "Microsoft Graph",
  [AZURE_SECURITY_INSIGHTS_APP_ID]: "Azure Security Insights",
};

/** A deterministic GUID derived from a seed (mock ids only). */
export function mockGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The object id the mocks give a service principal. */
export function mockServicePrincipalObjectId(clientId: string): string {
  return mockGuid(`service-principal:${clientId}`);
}

/** The app role id the mocks give a role of a service principal. */
export function mockAppRoleId(clientId: string, role: string): string {
  return mockGuid(`app-role:${clientId}:${role}`);
}

/** One resource registration as the engine received it. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** Parent URN, when parented. */
  parent?: string;
  /** Inputs, deserialized; secrets stay wrapped (see `isSecretValue`). */
  inputs: Record<string, unknown>;
}

/** One provider function call. */
export interface Invocation {
  token: string;
  inputs: Record<string, unknown>;
}

/** What a mocked run produced. */
export interface MockRun {
  env: string;
  registrations: Registration[];
  invocations: Invocation[];
  /** `registerOutputs` values of components, by URN. */
  componentOutputs: Record<string, Record<string, unknown>>;
  /** The program's exported outputs, resolved (secrets unwrapped). */
  outputs?: unknown;
  /** What the program threw, if anything (no resource is registered after a config error). */
  error?: Error;
  /** Unhandled promise rejections seen during the run. */
  unhandledRejections: unknown[];
}

/** Options of `runWithMocks`. */
export interface MockRunOptions {
  /** Stack (= environment) name. */
  env: string;
  /** The engine config map: `"playbook-kit:key"` → string (JSON text for objects and lists). */
  config: Record<string, string>;
  /** Keys to mark as Pulumi secrets. */
  secretKeys?: string[];
  /** Runs the program and returns its outputs; default: require the compiled `./index` afresh. */
  program?: () => unknown;
}

const SIG = pulumi.runtime.specialSigKey;
const SECRET = pulumi.runtime.specialSecretSig;

/** True for a secret as recorded in inputs (`{<sig>: <secret sig>, value}`). */
export function isSecretValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG] === SECRET;
}

/** Deep copy with every recorded secret replaced by its value. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

function resourceGroupId(name: unknown): string {
  return `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${String(name)}`;
}

/** Plausible provider state for a new resource: inputs plus the outputs the program reads. */
function mockState(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
  const inputs = args.inputs as Record<string, unknown>;
  const rg = resourceGroupId(inputs.resourceGroupName);
  switch (args.type) {
    case "azure-native:resources:ResourceGroup":
      return { id: resourceGroupId(inputs.resourceGroupName), state: { ...inputs, name: inputs.resourceGroupName } };
    case "azure-native:managedidentity:UserAssignedIdentity": {
      const id = `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${String(inputs.resourceName)}`;
      return { id, state: { ...inputs, name: inputs.resourceName, principalId: mockGuid(`principal:${id}`), clientId: mockGuid(`client:${id}`), tenantId: MOCK_TENANT_ID } };
    }
    case "azure-native:resources:Resource": {
      const id = `${rg}/providers/${String(inputs.resourceProviderNamespace)}/${String(inputs.resourceType)}/${String(inputs.resourceName)}`;
      return { id, state: { ...inputs, name: inputs.resourceName } };
    }
    case "azure-native:web:Connection": {
      const id = `${rg}/providers/Microsoft.Web/connections/${String(inputs.connectionName)}`;
      return { id, state: { ...inputs, name: inputs.connectionName } };
    }
    case "azure-native:logic:Workflow": {
      const id = `${rg}/providers/Microsoft.Logic/workflows/${String(inputs.workflowName)}`;
      const identity = inputs.identity as { type?: string; userAssignedIdentities?: string[] } | undefined;
      const identityState =
        identity?.type === "SystemAssigned"
          ? { type: "SystemAssigned", principalId: mockGuid(`principal:${id}`), tenantId: MOCK_TENANT_ID }
          : identity
            ? { type: identity.type, userAssignedIdentities: Object.fromEntries((identity.userAssignedIdentities ?? []).map((u) => [u, { principalId: mockGuid(`principal:${u}`), clientId: mockGuid(`client:${u}`) }])) }
            : undefined;
      return { id, state: { ...inputs, name: inputs.workflowName, ...(identityState ? { identity: identityState } : {}) } };
    }
    case "azure-native:monitor:DiagnosticSetting":
      return { id: `${String(inputs.resourceUri)}/providers/Microsoft.Insights/diagnosticSettings/${String(inputs.name)}`, state: { ...inputs } };
    case "azure-native:authorization:RoleAssignment":
      return { id: `${String(inputs.scope)}/providers/Microsoft.Authorization/roleAssignments/${String(inputs.roleAssignmentName)}`, state: { ...inputs, name: inputs.roleAssignmentName } };
    case "azure-native:securityinsights:AutomationRule": {
      const workspace = `${rg}/providers/Microsoft.OperationalInsights/workspaces/${String(inputs.workspaceName)}`;
      return { id: `${workspace}/providers/Microsoft.SecurityInsights/automationRules/${String(inputs.automationRuleId)}`, state: { ...inputs, name: inputs.automationRuleId } };
    }
    case "azuread:index/appRoleAssignment:AppRoleAssignment":
      return { id: mockGuid(`assignment:${String(inputs.principalObjectId)}:${String(inputs.appRoleId)}`), state: { ...inputs } };
    default:
      return { id: args.custom ? `${args.name}-id` : undefined, state: { ...inputs } };
  }
}

function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  switch (args.token) {
    case "azure-native:authorization:getClientConfig":
      return { subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID, clientId: mockGuid("deployer-app"), objectId: MOCK_DEPLOYER_OBJECT_ID };
    case "azure-native:resources:getResourceGroup":
      return { id: resourceGroupId(inputs.resourceGroupName), name: inputs.resourceGroupName, location: "westeurope", type: "Microsoft.Resources/resourceGroups" };
    case "azuread:index/getServicePrincipal:getServicePrincipal": {
      const clientId = String(inputs.clientId);
      const roles = MOCK_APP_ROLES[clientId];
      if (!roles) throw new Error(`mock: no service principal with client id ${clientId}`);
      return {
        id: mockServicePrincipalObjectId(clientId),
        objectId: mockServicePrincipalObjectId(clientId),
        clientId,
        displayName: SERVICE_PRINCIPAL_NAMES[clientId],
        appRoles: roles.map((value) => ({ value, id: mockAppRoleId(clientId, value), allowedMemberTypes: ["Application"], enabled: true, displayName: value, description: value })),
        appRoleIds: Object.fromEntries(roles.map((value) => [value, mockAppRoleId(clientId, value)])),
      };
    }
    default:
      throw new Error(`mock: unexpected provider call ${args.token}`);
  }
}

interface MonitorLike {
  registerResource(req: RegisterRequest, callback: (err: unknown, resp?: { getUrn(): string }) => void): unknown;
  registerResourceOutputs(req: OutputsRequest, callback: (err: unknown, resp?: unknown) => void): unknown;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): unknown;
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/** Resolve every Output inside a value. */
function resolve(value: unknown): Promise<unknown> {
  return new Promise((done) => {
    pulumi.output(value as pulumi.Input<Record<string, unknown>>).apply((v: unknown) => {
      done(v);
      return v;
    });
  });
}

/**
 * Run the program under mocks and record what it registers. Never throws for a program error: it is returned
 * in `error`, with whatever was registered before it.
 */
export async function runWithMocks(options: MockRunOptions): Promise<MockRun> {
  const registrations: Registration[] = [];
  const invocations: Invocation[] = [];
  const componentOutputs: Record<string, Record<string, unknown>> = {};
  const unhandledRejections: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandledRejections.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => mockState(args),
        call: (args) => {
          invocations.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
          return mockCall(args);
        },
      },
      CONFIG_NAMESPACE,
      options.env,
      false,
    );
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);

    // Wrap the mock monitor to see parents and component outputs (MockResourceArgs carries neither).
    const monitor = (pulumi.runtime as unknown as { getMonitor(): MonitorLike }).getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
      register(req, (err, resp) => {
        if (!err && resp) {
          registrations.push({
            urn: resp.getUrn(),
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            ...(req.getParent() ? { parent: req.getParent() } : {}),
            inputs: pulumi.runtime.deserializeProperties(req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0]) as Record<string, unknown>,
          });
        }
        callback(err, resp);
      });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
      componentOutputs[req.getUrn()] = req.getOutputs()?.toJavaScript() ?? {};
      return registerOutputs(req, callback);
    };

    const program =
      options.program ??
      (() => {
        const entry = require.resolve("./index");
        delete require.cache[entry];
        return require(entry) as unknown;
      });
    let outputs: unknown;
    let error: Error | undefined;
    try {
      outputs = await resolve(program());
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    await new Promise((r) => setImmediate(r));
    return { env: options.env, registrations, invocations, componentOutputs, ...(error ? { error } : { outputs }), unhandledRejections };
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

/**
 * SHA-256 over every registration (sorted by URN): equal digests mean identical types, names, parents and
 * inputs. Lets separate processes be compared.
 */
export function registrationsDigest(run: MockRun): string {
  const sorted = [...run.registrations].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return createHash("sha256").update(stableJson(sorted)).digest("hex");
}

/** JSON text with object keys sorted, so key order cannot make equal values differ. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What a mocked run would create, in one line for the command line: counts, workflows, app roles granted, the digest. */
export function mockRunSummary(run: MockRun): Record<string, unknown> {
  const workflows = run.registrations.filter((r) => r.type === "azure-native:logic:Workflow").map((r) => String(unwrapSecrets(r.inputs.workflowName))).sort();
  const reported = (run.outputs as { grantedPermissions?: { principal: string; resource: string; role: string }[] } | undefined)?.grantedPermissions ?? [];
  const granted = reported.map((g) => `${g.principal}: ${g.resource} ${g.role}`).sort();
  return { env: run.env, resources: run.registrations.length, workflows, granted, digest: registrationsDigest(run), error: run.error?.message, unhandledRejections: run.unhandledRejections.length };
}

/** The program `Pulumi.yaml` in `root` names (its `main`, as the Pulumi CLI runs it), or this kit's own. */
export function programOf(root: string): () => unknown {
  let main: string | undefined;
  const file = path.join(root, "Pulumi.yaml");
  if (fs.existsSync(file)) {
    const value = (parse(fs.readFileSync(file, "utf8")) as { main?: unknown } | null)?.main;
    if (typeof value === "string") main = path.resolve(root, value);
  }
  const entry = main ?? require.resolve("./index");
  return () => {
    delete require.cache[require.resolve(entry)];
    return require(entry) as unknown;
  };
}

/** The engine config map the Pulumi CLI would build from `Pulumi.<env>.yaml` (with `Pulumi.yaml` defaults). */
export function stackConfig(env: string, root = process.cwd()): Record<string, string> {
  const raw = readEnvironmentConfig(env, { root }) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
}

/**
 * Run the program of the `Pulumi.yaml` in `root` for `Pulumi.<env>.yaml` under mocks (as the Pulumi CLI would, with
 * `root` as the working folder) and give the one-line JSON summary and the exit code (1 when the program failed).
 * Throws the ConfigError of a stack file that cannot be read.
 */
export async function mockStackSummary(env: string, root = process.cwd()): Promise<{ line: string; code: number }> {
  const started = process.hrtime.bigint();
  const previous = process.cwd();
  try {
    process.chdir(root);
    const run = await runWithMocks({ env, config: stackConfig(env, root), program: programOf(root) });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { line: JSON.stringify({ ...mockRunSummary(run), programMs: Math.round(ms) }), code: run.error || run.unhandledRejections.length ? 1 : 0 };
  } finally {
    process.chdir(previous);
  }
}

if (require.main === module) {
  mockStackSummary(process.argv[2] ?? "dev").then(
    (r) => {
      process.stdout.write(`${r.line}\n`);
      process.exitCode = r.code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
