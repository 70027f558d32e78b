/**
 * Power Automate export: each definition in the Power Automate form, and an importable unmanaged Power Platform
 * solution zip holding them.
 *
 * The Power Automate form (checked against the flow files of microsoft/coe-starter-kit in
 * ../shared/corpus/power-automate): `ApiConnection` → `OpenApiConnection` and `ApiConnectionWebhook` →
 * `OpenApiConnectionWebhook`, addressed by `host {apiId, connectionName, operationId}` with flattened
 * `parameters` (path segments by name, queries by name, body fields as `<bodyParameter>/<field>`) and
 * `authentication: "@parameters('$authentication')"`; the flow file carries `connectionReferences` that point at
 * the solution's connection references. Power Automate has no managed identity for Http actions, so Http calls
 * with managed-identity authentication become the "HTTP with Microsoft Entra ID (preauthorized)" connector
 * (`shared_webcontents` `InvokeHttp`, as in the corpus), which runs as the connection's user.
 *
 * Same input, same bytes: ids are name-based UUIDs, the zip has fixed timestamps and a fixed file order.
 */
import { strToU8, zipSync, type ZipOptions } from "fflate";
import { create } from "xmlbuilder2";
import { toCanonicalJson } from "../playbooks/kit/render";
import { apiOfConnectionKey, findApiOperation, findWebhookOperation, type ApiOperationInfo } from "../operations";
import { WORKFLOW_SCHEMA, connectionKeyOfInputs, emptyValueOfType, templateExpressions, tryParseTemplate, walkStrings, type Expr } from "../wdl";
import { isObject, type Obj } from "../wdl/walk";
import { API_DISPLAY_NAMES } from "./connections";
import { uuidV5 } from "./guid";
import { QueryValueError, urlWithQueries } from "./query-url";

/** A definition that cannot be expressed in the Power Automate form. */
export class PowerAutomateExportError extends Error {
  override readonly name = "PowerAutomateExportError";
  constructor(
    message: string,
    /** JSON pointer of the action or trigger at fault. */
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** What the exporter needs of a playbook (a built `Playbook` fits). */
export interface FlowSource {
  readonly name: string;
  readonly description: string;
  readonly definition: unknown;
}

/** Body parameter names of operations whose swagger names it something other than `body`. */
const BODY_PARAMETERS: Record<string, string> = {
  "office365/SendEmailV2": "emailMessage",
};

/** The Http-with-Entra-ID connector that stands in for managed-identity Http calls. */
const WEB_CONTENTS = { api: "webcontents", operationId: "InvokeHttp" };

/** Keys of an action that are not its inputs and carry over unchanged. */
const CARRIED_KEYS = ["description", "runAfter", "runtimeConfiguration", "operationOptions", "trackedProperties", "limit", "metadata", "conditions", "splitOn", "recurrence"];

export const POWER_APPS_API_PREFIX = "/providers/Microsoft.PowerApps/apis/";

/** `shared_<api>`, the Power Platform name of a managed API. */
export function sharedApiName(api: string): string {
  return `shared_${api.toLowerCase()}`;
}

/** Flatten a body into `prefix/field/...` keys (objects only; arrays and expressions stay whole). */
function flatten(prefix: string, value: unknown, out: Obj): void {
  if (isObject(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}/${k}`, v, out);
  } else {
    out[prefix] = value;
  }
}

function host(api: string, operationId: string): Obj {
  return { apiId: `${POWER_APPS_API_PREFIX}${sharedApiName(api)}`, connectionName: sharedApiName(api), operationId };
}

/** Copy the keys that carry over, in a fixed order after `type` and `inputs`. */
function carry(from: Obj, to: Obj): Obj {
  for (const key of CARRIED_KEYS) if (from[key] !== undefined) to[key] = from[key];
  return to;
}

/** State of one conversion. */
interface Context {
  /** Managed APIs used, in first-use order. */
  apis: string[];
}

function useApi(ctx: Context, api: string): void {
  if (!ctx.apis.includes(api)) ctx.apis.push(api);
}

function apiConnection(node: Obj, pointer: string, ctx: Context, webhook: boolean): Obj {
  const inputs = isObject(node.inputs) ? node.inputs : {};
  const key = connectionKeyOfInputs(inputs);
  if (!key) throw new PowerAutomateExportError(`${pointer} has no @parameters('$connections')[...] connection reference in inputs.host.connection.name.`, pointer);
  const api = apiOfConnectionKey(key);
  const path = typeof inputs.path === "string" ? inputs.path : "";
  const parameters: Obj = {};
  let operationId: string;
  if (webhook) {
    const op = findWebhookOperation(api, path);
    if (!op) throw new PowerAutomateExportError(`${pointer} subscribes to ${api} ${path}, a webhook the kit has no Power Automate operationId for.`, pointer);
    operationId = op.operationId;
    if (isObject(inputs.body)) {
      // The platform supplies the callback URL of an OpenApiConnectionWebhook itself.
      for (const [k, v] of Object.entries(inputs.body)) if (k.toLowerCase() !== "notificationurl") flatten(`body/${k}`, v, parameters);
    }
  } else {
    const method = typeof inputs.method === "string" ? inputs.method : "";
    const found = findApiOperation(api, method, path);
    if (!found) {
      throw new PowerAutomateExportError(
        `${pointer} calls ${api} ${method.toUpperCase()} ${path}, which no connector declaration describes, so its Power Automate operationId is unknown.`,
        pointer,
      );
    }
    const op: ApiOperationInfo = found.operation;
    operationId = op.operationId;
    Object.assign(parameters, found.pathParameters);
    if (isObject(inputs.queries)) for (const [k, v] of Object.entries(inputs.queries)) parameters[k] = v;
    if (isObject(inputs.headers)) for (const [k, v] of Object.entries(inputs.headers)) parameters[k] = v;
    if (inputs.body !== undefined) flatten(BODY_PARAMETERS[`${api}/${op.operationId}`] ?? "body", inputs.body, parameters);
  }
  useApi(ctx, api);
  const newInputs: Obj = { host: host(api, operationId), parameters, authentication: "@parameters('$authentication')" };
  if (inputs.retryPolicy !== undefined) newInputs.retryPolicy = inputs.retryPolicy;
  return carry(node, { type: webhook ? "OpenApiConnectionWebhook" : "OpenApiConnection", inputs: newInputs });
}

function managedIdentityHttp(node: Obj, pointer: string, ctx: Context): Obj {
  const inputs = isObject(node.inputs) ? node.inputs : {};
  // The connector takes one URL: the queries go into it, each value URI-encoded.
  let url = inputs.uri;
  if (inputs.queries !== undefined) {
    if (!isObject(inputs.queries) || typeof inputs.uri !== "string") {
      throw new PowerAutomateExportError(`${pointer} passes 'queries' the kit cannot fold into the URI: give them as an object of values, or put them into the URI.`, pointer);
    }
    try {
      url = urlWithQueries(inputs.uri, inputs.queries);
    } catch (error) {
      if (!(error instanceof QueryValueError)) throw error;
      throw new PowerAutomateExportError(`${pointer} passes 'queries' the kit cannot fold into the URI (${error.message}): put them into the URI.`, pointer);
    }
  }
  const parameters: Obj = { "request/method": inputs.method, "request/url": url };
  if (inputs.headers !== undefined) parameters["request/headers"] = inputs.headers;
  if (inputs.body !== undefined) parameters["request/body"] = inputs.body;
  useApi(ctx, WEB_CONTENTS.api);
  const newInputs: Obj = { host: host(WEB_CONTENTS.api, WEB_CONTENTS.operationId), parameters, authentication: "@parameters('$authentication')" };
  if (inputs.retryPolicy !== undefined) newInputs.retryPolicy = inputs.retryPolicy;
  return carry(node, { type: "OpenApiConnection", inputs: newInputs });
}

function isManagedIdentityHttp(node: Obj): boolean {
  const inputs = node.inputs;
  return (
    typeof node.type === "string" &&
    node.type.toLowerCase() === "http" &&
    isObject(inputs) &&
    isObject(inputs.authentication) &&
    typeof inputs.authentication.type === "string" &&
    inputs.authentication.type.toLowerCase() === "managedserviceidentity"
  );
}

function convertNode(node: Obj, pointer: string, ctx: Context): Obj {
  const type = typeof node.type === "string" ? node.type.toLowerCase() : "";
  if (type === "apiconnection") return apiConnection(node, pointer, ctx, false);
  if (type === "apiconnectionwebhook") return apiConnection(node, pointer, ctx, true);
  if (isManagedIdentityHttp(node)) return managedIdentityHttp(node, pointer, ctx);
  const out: Obj = { ...node };
  const children = (actions: unknown, at: string) => (isObject(actions) ? convertActions(actions, at, ctx) : actions);
  if (type === "if") {
    if (node.actions !== undefined) out.actions = children(node.actions, `${pointer}/actions`);
    if (isObject(node.else)) out.else = { ...node.else, actions: children(node.else.actions, `${pointer}/else/actions`) };
  } else if (type === "switch") {
    if (isObject(node.cases)) {
      const cases: Obj = {};
      for (const [name, c] of Object.entries(node.cases)) cases[name] = isObject(c) ? { ...c, actions: children(c.actions, `${pointer}/cases/${name}/actions`) } : c;
      out.cases = cases;
    }
    if (isObject(node.default)) out.default = { ...node.default, actions: children(node.default.actions, `${pointer}/default/actions`) };
  } else if (type === "foreach" || type === "until" || type === "scope") {
    if (node.actions !== undefined) out.actions = children(node.actions, `${pointer}/actions`);
  }
  return out;
}

function convertActions(actions: Obj, pointer: string, ctx: Context): Obj {
  const out: Obj = {};
  for (const [name, action] of Object.entries(actions)) out[name] = isObject(action) ? convertNode(action, `${pointer}/${name}`, ctx) : action;
  return out;
}

/** True when a `parameters('name')` reference to the parameter is left anywhere in the value. */
function referencesParameter(value: unknown, name: string): boolean {
  let found = false;
  walkStrings(value, "", (text) => {
    if (found || !text.includes(name)) return;
    const parsed = tryParseTemplate(text);
    if (!parsed.ok) return;
    const visit = (e: Expr): void => {
      if (e.kind === "call") {
        if (e.name.toLowerCase() === "parameters" && e.args[0]?.kind === "string" && e.args[0].value === name) found = true;
        e.args.forEach(visit);
      } else if (e.kind === "member") visit(e.target);
      else if (e.kind === "index") {
        visit(e.target);
        visit(e.index);
      }
    };
    templateExpressions(parsed.template).forEach(visit);
  });
  return found;
}

/** A flow file and what it needs. */
export interface PowerAutomateFlow {
  /** The `Workflows/<Name>-<GUID>.json` document. */
  document: Obj;
  /** Managed APIs it uses (sorted), each needing a connection reference. */
  apis: string[];
  /** Definition parameters that had no default: set them in the flow after import. */
  parametersToSet: string[];
}

/** Logical name of the solution's connection reference for an API. */
export function connectionReferenceName(api: string, prefix: string): string {
  return `${prefix}_shared${api.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}

/** Convert a definition to a Power Automate flow file. Throws `PowerAutomateExportError` naming the action at fault. */
export function toPowerAutomateFlow(definition: unknown, options: { publisherPrefix?: string } = {}): PowerAutomateFlow {
  const prefix = options.publisherPrefix ?? DEFAULT_SOLUTION.publisherPrefix;
  if (!isObject(definition)) throw new PowerAutomateExportError("The definition is not a JSON object.", "");
  const ctx: Context = { apis: [] };
  const triggers: Obj = {};
  if (isObject(definition.triggers)) {
    for (const [name, trigger] of Object.entries(definition.triggers)) triggers[name] = isObject(trigger) ? convertNode(trigger, `/triggers/${name}`, ctx) : trigger;
  }
  const actions = isObject(definition.actions) ? convertActions(definition.actions, "/actions", ctx) : {};

  const parameters: Obj = {
    $connections: { defaultValue: {}, type: "Object" },
    $authentication: { defaultValue: {}, type: "SecureObject" },
  };
  const parametersToSet: string[] = [];
  const body = { triggers, actions };
  if (isObject(definition.parameters)) {
    for (const [name, decl] of Object.entries(definition.parameters)) {
      if (name === "$connections" || name === "$authentication" || !isObject(decl)) continue;
      if (!referencesParameter(body, name) && !referencesParameter(definition.outputs, name)) continue; // e.g. managedIdentity once Http calls moved to a connector
      const copy: Obj = { ...decl };
      if (copy.defaultValue === undefined) {
        copy.defaultValue = emptyValueOfType(typeof decl.type === "string" ? decl.type : "String");
        parametersToSet.push(name);
      }
      // Power Automate flow files write `defaultValue` before `type`.
      const ordered: Obj = { defaultValue: copy.defaultValue, type: copy.type };
      for (const [k, v] of Object.entries(copy)) if (!(k in ordered)) ordered[k] = v;
      parameters[name] = ordered;
    }
  }
  const apis = [...ctx.apis].sort();
  const connectionReferences: Obj = {};
  for (const api of apis) {
    connectionReferences[sharedApiName(api)] = {
      api: { name: sharedApiName(api) },
      connection: { connectionReferenceLogicalName: connectionReferenceName(api, prefix) },
      runtimeSource: "embedded",
    };
  }
  const flowDefinition: Obj = {
    $schema: typeof definition.$schema === "string" ? definition.$schema : WORKFLOW_SCHEMA,
    contentVersion: typeof definition.contentVersion === "string" ? definition.contentVersion : "1.0.0.0",
    parameters,
    triggers,
    actions,
    outputs: isObject(definition.outputs) ? definition.outputs : {},
  };
  return { document: { properties: { connectionReferences, definition: flowDefinition }, schemaVersion: "1.0.0.0" }, apis, parametersToSet };
}

/** Solution identity. */
export interface SolutionOptions {
  uniqueName: string;
  displayName: string;
  /** Four-part version, e.g. `1.0.0.0`. */
  version: string;
  publisherUniqueName: string;
  publisherDisplayName: string;
  /** Customization prefix (2-8 lower-case letters or digits, starting with a letter). */
  publisherPrefix: string;
  /** Option value prefix, 10000-99999. */
  optionValuePrefix: number;
}

export const DEFAULT_SOLUTION: SolutionOptions = {
  uniqueName: "PlaybookKitMDE",
  displayName: "playbook-kit MDE playbooks",
  version: "1.0.0.0",
  publisherUniqueName: "playbookkit",
  publisherDisplayName: "playbook-kit",
  publisherPrefix: "pbk",
  optionValuePrefix: 72593,
};

/** One flow in the solution. */
export interface SolutionFlow {
  name: string;
  /** Workflow id (lower-case GUID). */
  id: string;
  /** Path inside the zip. */
  file: string;
  apis: string[];
  parametersToSet: string[];
}

/** The solution: zip bytes and what is in it. */
export interface PowerAutomateSolution {
  zip: Uint8Array;
  /** File name to write, `<UniqueName>_<version with underscores>.zip`. */
  fileName: string;
  /** Paths inside the zip, in zip order. */
  entries: string[];
  flows: SolutionFlow[];
  /** Managed APIs with a connection reference, sorted. */
  apis: string[];
}

/** `isolate-on-high-severity` → `IsolateOnHighSeverity` (flow file names carry no dashes or spaces). */
export function flowFileBaseName(name: string): string {
  const base = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return base || "Flow";
}

/** The deterministic workflow id of a flow. */
export function flowId(name: string): string {
  return uuidV5(`power-automate-flow:${name}`);
}

const XML_DECLARATION = { version: "1.0", encoding: "utf-8" } as const;
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

function xml(doc: ReturnType<typeof create>): string {
  return `${doc.end({ prettyPrint: true, indent: "  ", newline: "\n" })}\n`;
}

function contentTypesXml(): string {
  const doc = create(XML_DECLARATION).ele("http://schemas.openxmlformats.org/package/2006/content-types", "Types");
  doc.ele("Default", { Extension: "xml", ContentType: "application/octet-stream" }).up();
  doc.ele("Default", { Extension: "json", ContentType: "application/octet-stream" }).up();
  return xml(doc.doc());
}

function solutionXml(solution: SolutionOptions, flows: readonly SolutionFlow[]): string {
  const root = create(XML_DECLARATION).ele("ImportExportXml", {
    version: "9.2.0.0",
    SolutionPackageVersion: "9.2",
    languagecode: "1033",
    generatedBy: "CrmLive",
    "xmlns:xsi": XSI,
  });
  const manifest = root.ele("SolutionManifest");
  manifest.ele("UniqueName").txt(solution.uniqueName);
  manifest.ele("LocalizedNames").ele("LocalizedName", { description: solution.displayName, languagecode: "1033" });
  manifest.ele("Descriptions");
  manifest.ele("Version").txt(solution.version);
  manifest.ele("Managed").txt("0");
  const publisher = manifest.ele("Publisher");
  publisher.ele("UniqueName").txt(solution.publisherUniqueName);
  publisher.ele("LocalizedNames").ele("LocalizedName", { description: solution.publisherDisplayName, languagecode: "1033" });
  publisher.ele("Descriptions");
  publisher.ele("EMailAddress", { "xsi:nil": "true" });
  publisher.ele("SupportingWebsiteUrl", { "xsi:nil": "true" });
  publisher.ele("CustomizationPrefix").txt(solution.publisherPrefix);
  publisher.ele("CustomizationOptionValuePrefix").txt(String(solution.optionValuePrefix));
  publisher.ele("Addresses");
  const roots = manifest.ele("RootComponents");
  for (const flow of flows) roots.ele("RootComponent", { type: "29", id: `{${flow.id}}`, behavior: "0" });
  manifest.ele("MissingDependencies");
  return xml(root.doc());
}

function customizationsXml(flows: readonly SolutionFlow[], sources: ReadonlyMap<string, FlowSource>, apis: readonly string[], prefix: string): string {
  const root = create(XML_DECLARATION).ele("ImportExportXml", { "xmlns:xsi": XSI });
  root.ele("Entities");
  root.ele("Roles");
  const workflows = root.ele("Workflows");
  for (const flow of flows) {
    const w = workflows.ele("Workflow", { WorkflowId: `{${flow.id}}`, Name: flow.name });
    w.ele("JsonFileName").txt(`/${flow.file}`);
    const fields: [string, string][] = [
      ["Type", "1"],
      ["Subprocess", "0"],
      ["Category", "5"],
      ["Mode", "0"],
      ["Scope", "4"],
      ["OnDemand", "0"],
      ["TriggerOnCreate", "0"],
      ["TriggerOnDelete", "0"],
      ["AsyncAutodelete", "0"],
      ["SyncWorkflowLogOnFailure", "0"],
      // Imported switched off: connections must be set and values filled before it runs.
      ["StateCode", "0"],
      ["StatusCode", "1"],
      ["RunAs", "1"],
      ["IsTransacted", "1"],
      ["IntroducedVersion", "1.0"],
      ["IsCustomizable", "1"],
      ["BusinessProcessType", "0"],
      ["IsCustomProcessingStepAllowedForOtherPublishers", "1"],
      ["ModernFlowType", "0"],
      ["PrimaryEntity", "none"],
    ];
    for (const [k, v] of fields) w.ele(k).txt(v);
    w.ele("LocalizedNames").ele("LocalizedName", { languagecode: "1033", description: flow.name });
    const description = sources.get(flow.name)?.description;
    if (description) w.ele("Descriptions").ele("Description", { languagecode: "1033", description });
  }
  root.ele("FieldSecurityProfiles");
  root.ele("Templates");
  root.ele("EntityMaps");
  root.ele("EntityRelationships");
  root.ele("OrganizationSettings");
  root.ele("optionsets");
  root.ele("CustomControls");
  root.ele("EntityDataProviders");
  const refs = root.ele("connectionreferences");
  for (const api of apis) {
    const ref = refs.ele("connectionreference", { connectionreferencelogicalname: connectionReferenceName(api, prefix) });
    ref.ele("connectionreferencedisplayname").txt(`${API_DISPLAY_NAMES[api] ?? api} (playbook-kit)`);
    ref.ele("connectorid").txt(`${POWER_APPS_API_PREFIX}${sharedApiName(api)}`);
    ref.ele("iscustomizable").txt("1");
    ref.ele("promptingbehavior").txt("0");
    ref.ele("statecode").txt("0");
    ref.ele("statuscode").txt("1");
  }
  root.ele("Languages").ele("Language").txt("1033");
  return xml(root.doc());
}

/** Zip entry timestamp: 1980-01-01 00:00 in local time, so DOS date fields are the same in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Build the unmanaged solution zip of the given flows. Throws `PowerAutomateExportError` for an action it cannot convert. */
export function buildPowerAutomateSolution(sources: readonly FlowSource[], solution: Partial<SolutionOptions> = {}): PowerAutomateSolution {
  const options: SolutionOptions = { ...DEFAULT_SOLUTION, ...solution };
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(options.version)) throw new Error(`Solution version '${options.version}' must have four numeric parts, e.g. 1.0.0.0.`);
  const sorted = [...sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seen = new Set<string>();
  const flows: SolutionFlow[] = [];
  const documents = new Map<string, string>();
  const allApis = new Set<string>();
  for (const source of sorted) {
    if (seen.has(source.name)) throw new Error(`Two playbooks are named '${source.name}'.`);
    seen.add(source.name);
    let flow: PowerAutomateFlow;
    try {
      flow = toPowerAutomateFlow(source.definition, { publisherPrefix: options.publisherPrefix });
    } catch (error) {
      if (error instanceof PowerAutomateExportError) throw new PowerAutomateExportError(`${source.name}: ${error.message}`, error.pointer);
      throw error;
    }
    const id = flowId(source.name);
    const file = `Workflows/${flowFileBaseName(source.name)}-${id.toUpperCase()}.json`;
    flows.push({ name: source.name, id, file, apis: flow.apis, parametersToSet: flow.parametersToSet });
    documents.set(file, toCanonicalJson(flow.document));
    for (const api of flow.apis) allApis.add(api);
  }
  const apis = [...allApis].sort();
  const byName = new Map(sorted.map((s) => [s.name, s]));
  const entries: [string, string][] = [
    ["solution.xml", solutionXml(options, flows)],
    ["customizations.xml", customizationsXml(flows, byName, apis, options.publisherPrefix)],
    ...flows.map((f): [string, string] => [f.file, documents.get(f.file)!]),
    ["[Content_Types].xml", contentTypesXml()],
  ];
  const fileOptions: ZipOptions = { level: 6, mtime: FIXED_MTIME };
  const zipInput: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [name, text] of entries) zipInput[name] = [strToU8(text), fileOptions];
  const zip = zipSync(zipInput, fileOptions);
  return { zip, fileName: `${options.uniqueName}_${options.version.replace(/\./g, "_")}.zip`, entries: entries.map(([n]) => n), flows, apis };
}
