/**
 * Work out what a document is (bare definition, workflow resource, ARM template, Power Automate flow,
 * Logic Apps Standard workflow.json) and list the workflow definitions inside it, each with the pointer of
 * its definition in the document as given and the context the rules need ($connections values, the
 * connection resources of an ARM template, …).
 */
import { joinPointer } from "../wdl/pointer";
import { isObject, type Obj, someAction } from "../wdl/walk";

/** The kinds the CLI reports. */
export type InputKind = "definition" | "workflow" | "arm-template" | "power-automate-flow" | "invalid-json";

/** Which product the definition is written for: some rules depend on it. */
export type Flavor = "consumption" | "standard" | "power-automate";

/** One connection entry: a `$connections` value or a Power Automate / gallery connection reference. */
export interface ConnectionEntry {
  key: string;
  pointer: string;
  value: unknown;
}

/** Where the workflow's connection values come from. */
export interface ConnectionValues {
  source: "$connections" | "connectionReferences" | "defaultValue";
  pointer: string;
  /** Lower-cased key → entry (keys are compared case-insensitively, as the runtime reads JSON properties). */
  entries: Map<string, ConnectionEntry>;
}

/** One resource of an ARM template: `resources` is an array, or (languageVersion 2.0) an object of symbolic names. */
export interface ArmResource {
  /** The array index, or the symbolic name. */
  key: string;
  pointer: string;
  resource: Obj;
}

/** A `Microsoft.Web/connections` resource of an ARM template. */
export interface ArmConnectionResource {
  pointer: string;
  resource: Obj;
  /** The `name` as written. */
  name: string;
  /** Normalised name used to match `resourceId('Microsoft.Web/connections', <name>)`. */
  nameKey: string;
  /** Managed API named by `properties.api.id` (lower-cased), when it can be read. */
  api: string | undefined;
}

/** The ARM template around a workflow resource. */
export interface ArmContext {
  template: Obj;
  /** Every resource object of the template, in document order. */
  resources: ArmResource[];
  connections: ArmConnectionResource[];
}

/** One workflow definition to validate, with its context. */
export interface WorkflowTarget {
  name: string;
  flavor: Flavor;
  /** The definition value (may be anything; the schema reports a non-object). */
  definition: unknown;
  /** Pointer of the definition in the document as given. */
  pointer: string;
  /** True inside an ARM template: `[...]` strings are deploy-time values, `[[` is a literal `[`. */
  arm: boolean;
  /** The resource that holds the definition (workflow resource, ARM resource, flow file). */
  resource?: Obj;
  resourcePointer?: string;
  /** `properties.parameters` of the resource (parameter values). */
  parameterValues?: { pointer: string; values: Obj };
  /** Connection values, when the document carries them. */
  connections?: ConnectionValues;
  /** The ARM template (only for `arm-template`). */
  armContext?: ArmContext;
  /** Logic Apps Standard: the names in the app's parameters.json, lower-cased, when the caller read it. */
  appParameters?: ReadonlyMap<string, string>;
}

/** What `detect` found. `kind` is `undefined` when the document is no workflow document at all. */
export interface Detection {
  kind: Exclude<InputKind, "invalid-json"> | undefined;
  targets: WorkflowTarget[];
}

/** True for an ARM template expression string: `[...]` but not the `[[` escape. */
export function isArmExpression(value: unknown): boolean {
  return typeof value === "string" && value.length >= 2 && value.charCodeAt(0) === 91 && value.charCodeAt(1) !== 91 && value.endsWith("]");
}

/** The managed API name in an API id such as `…/managedApis/wdatp` (also inside ARM `concat(…)`), lower-cased. */
export function managedApiName(id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  const m = /managedApis\/([A-Za-z0-9_.-]+)/i.exec(id) ?? /\/apis\/shared_([A-Za-z0-9_.-]+)/i.exec(id);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Normalise an ARM expression (or literal) so two spellings of the same name compare equal. */
export function armNameKey(name: string): string {
  const inner = isArmExpression(name) ? name.slice(1, -1) : `'${name.replace(/'/g, "''")}'`;
  return inner.replace(/\s+/g, "").toLowerCase();
}

/** Split the top-level arguments of an ARM function call text such as `resourceId('a', f('b', 'c'))`. */
export function armCallArgs(text: string, fn: string): string[] | undefined {
  const t = text.trim();
  if (!t.toLowerCase().startsWith(`${fn.toLowerCase()}(`) || !t.endsWith(")")) return undefined;
  const body = t.slice(fn.length + 1, -1);
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === "'") {
        if (body[i + 1] === "'") i++;
        else quoted = false;
      }
    } else if (c === "'") quoted = true;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      args.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(body.slice(start).trim());
  return args;
}

/** The normalised connection name in `[resourceId('Microsoft.Web/connections', <name>)]`, if that is the form. */
export function connectionIdNameKey(connectionId: unknown): string | undefined {
  if (typeof connectionId !== "string" || !isArmExpression(connectionId)) return undefined;
  const args = armCallArgs(connectionId.slice(1, -1), "resourceId");
  if (!args) return undefined;
  const typeIndex = args.findIndex((a) => a.replace(/\s+/g, "").toLowerCase() === "'microsoft.web/connections'");
  if (typeIndex < 0 || typeIndex + 1 >= args.length) return undefined;
  return args[typeIndex + 1]!.replace(/\s+/g, "").toLowerCase();
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function lowerType(value: unknown): string {
  return typeof value === "string" ? value.toLowerCase() : "";
}

/** Connection values of a resource: `properties.parameters.$connections.value`, else `connectionReferences`. */
function resourceConnections(properties: Obj, propertiesPointer: string): ConnectionValues | undefined {
  const parameters = properties.parameters;
  if (isObject(parameters) && Object.prototype.hasOwnProperty.call(parameters, "$connections")) {
    const c = parameters.$connections;
    if (isObject(c) && isObject(c.value)) {
      return entriesOf(c.value, joinPointer(propertiesPointer, "parameters", "$connections", "value"), "$connections");
    }
    return undefined;
  }
  if (isObject(properties.connectionReferences)) {
    return entriesOf(properties.connectionReferences, joinPointer(propertiesPointer, "connectionReferences"), "connectionReferences");
  }
  return undefined;
}

function entriesOf(values: Obj, pointer: string, source: ConnectionValues["source"]): ConnectionValues {
  const entries = new Map<string, ConnectionEntry>();
  for (const [key, value] of Object.entries(values)) {
    const lower = key.toLowerCase();
    if (!entries.has(lower)) entries.set(lower, { key, pointer: joinPointer(pointer, key), value });
  }
  return { source, pointer, entries };
}

/** `$connections` default value of a bare definition, when it is a non-empty object. */
function defaultConnections(definition: unknown, pointer: string): ConnectionValues | undefined {
  if (!isObject(definition) || !isObject(definition.parameters)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(definition.parameters, "$connections")) return undefined;
  const decl = definition.parameters.$connections;
  if (!isObject(decl) || !isObject(decl.defaultValue) || Object.keys(decl.defaultValue).length === 0) return undefined;
  return entriesOf(decl.defaultValue, joinPointer(pointer, "parameters", "$connections", "defaultValue"), "defaultValue");
}

function parameterValues(properties: Obj, propertiesPointer: string): WorkflowTarget["parameterValues"] {
  return isObject(properties.parameters) ? { pointer: joinPointer(propertiesPointer, "parameters"), values: properties.parameters } : undefined;
}

/** True when an object looks like a bare workflow definition. */
export function looksLikeDefinition(value: Obj): boolean {
  if ("triggers" in value || "actions" in value) return true;
  return typeof value.$schema === "string" && /workflowdefinition\.json/i.test(value.$schema);
}

/**
 * The resource objects of an ARM template, with their pointers: `resources` is an array, or in a
 * `languageVersion: "2.0"` template (what Bicep writes for some features) an object keyed by symbolic name.
 */
export function armResources(template: Obj): ArmResource[] {
  const resources = template.resources;
  const out: ArmResource[] = [];
  if (Array.isArray(resources)) {
    resources.forEach((resource, index) => {
      if (isObject(resource)) out.push({ key: String(index), pointer: `/resources/${index}`, resource });
    });
  } else if (isObject(resources)) {
    for (const [key, resource] of Object.entries(resources)) if (isObject(resource)) out.push({ key, pointer: joinPointer("/resources", key), resource });
  }
  return out;
}

/** True for an ARM deployment template: `resources` as an array, or as an object in a languageVersion 2.0 template. */
function isArmTemplate(input: Obj): boolean {
  if (looksLikeDefinition(input)) return false;
  if (Array.isArray(input.resources)) return true;
  return isObject(input.resources) && (typeof input.languageVersion === "string" || (typeof input.$schema === "string" && /deploymentTemplate\.json/i.test(input.$schema)));
}

function armTemplateContext(template: Obj): ArmContext {
  const resources = armResources(template);
  const connections: ArmConnectionResource[] = [];
  for (const { pointer, resource } of resources) {
    if (lowerType(resource.type) !== "microsoft.web/connections" || typeof resource.name !== "string") continue;
    const properties = isObject(resource.properties) ? resource.properties : {};
    const api = isObject(properties.api) ? managedApiName(properties.api.id) : undefined;
    connections.push({ pointer, resource, name: resource.name, nameKey: armNameKey(resource.name), api });
  }
  return { template, resources, connections };
}

/**
 * Action and trigger types only Logic Apps Standard has (built-in operations of the single-tenant runtime):
 * a bare definition that uses one is a Standard workflow's definition.
 */
const STANDARD_ONLY_TYPES = new Set(["serviceprovider", "invokefunction", "csharpscriptcode", "powershellcode", "xmlparse", "xmlcompose"]);

/** True when an operation has a Standard-only shape: `host.connection.referenceName` (connections.json) or a local child workflow. */
function standardHost(item: Obj): boolean {
  const inputs = isObject(item.inputs) ? item.inputs : undefined;
  const host = inputs && isObject(inputs.host) ? inputs.host : undefined;
  if (!host) return false;
  if (isObject(host.connection) && typeof host.connection.referenceName === "string") return true;
  // "Invoke a workflow in this workflow app": host.workflow.id is the workflow's name, not a resource id.
  return lowerType(item.type) === "workflow" && isObject(host.workflow) && typeof host.workflow.id === "string" && !/[/[@]/.test(host.workflow.id) && host.triggerName === undefined;
}

/** True when a bare definition uses something only Logic Apps Standard has. */
export function hasStandardMarker(definition: Obj): boolean {
  const standard = (item: Obj) => STANDARD_ONLY_TYPES.has(lowerType(item.type)) || standardHost(item);
  if (isObject(definition.triggers) && Object.values(definition.triggers).some((t) => isObject(t) && standard(t))) return true;
  return someAction(definition.actions, standard);
}

/**
 * Detect the document kind and list its workflow definitions. Never throws. `fileName` (the base name the
 * document was read from) is a hint: a bare definition in a `workflow.json` is a Logic Apps Standard workflow's.
 */
export function detect(input: unknown, fallbackName: string, fileName?: string): Detection {
  if (!isObject(input)) return { kind: undefined, targets: [] };

  // ARM deployment template: every Microsoft.Logic/workflows resource.
  if (isArmTemplate(input)) {
    const context = armTemplateContext(input);
    const targets: WorkflowTarget[] = [];
    for (const { key, pointer: resourcePointer, resource } of context.resources) {
      if (lowerType(resource.type) !== "microsoft.logic/workflows") continue;
      const properties = isObject(resource.properties) ? resource.properties : {};
      const propertiesPointer = `${resourcePointer}/properties`;
      const target: WorkflowTarget = {
        name: str(resource.name) ?? `resources[${key}]`,
        flavor: "consumption",
        definition: properties.definition,
        pointer: `${propertiesPointer}/definition`,
        arm: true,
        resource,
        resourcePointer,
        armContext: context,
      };
      const values = parameterValues(properties, propertiesPointer);
      if (values) target.parameterValues = values;
      const connections = resourceConnections(properties, propertiesPointer);
      if (connections) target.connections = connections;
      targets.push(target);
    }
    return { kind: "arm-template", targets };
  }

  // A resource with properties.definition: Power Automate flow, or a Logic Apps workflow resource / gallery template.
  if (isObject(input.properties) && "definition" in input.properties) {
    const properties = input.properties;
    const isFlow =
      "schemaVersion" in input || (isObject(properties.connectionReferences) && !lowerType(input.type).startsWith("microsoft.logic/"));
    const target: WorkflowTarget = {
      name: str(input.name) ?? fallbackName,
      flavor: isFlow ? "power-automate" : "consumption",
      definition: properties.definition,
      pointer: "/properties/definition",
      arm: false,
      resource: input,
      resourcePointer: "",
    };
    const values = parameterValues(properties, "/properties");
    if (values) target.parameterValues = values;
    const connections = resourceConnections(properties, "/properties") ?? defaultConnections(properties.definition, "/properties/definition");
    if (connections) target.connections = connections;
    return { kind: isFlow ? "power-automate-flow" : "workflow", targets: [target] };
  }

  // Logic Apps Standard workflow.json: {definition, kind}.
  if ("definition" in input && ("kind" in input || isObject(input.definition)) && !looksLikeDefinition(input)) {
    return {
      kind: "workflow",
      targets: [{ name: fallbackName, flavor: "standard", definition: input.definition, pointer: "/definition", arm: false }],
    };
  }

  if (looksLikeDefinition(input)) {
    const standard = fileName?.toLowerCase() === "workflow.json" || hasStandardMarker(input);
    const target: WorkflowTarget = { name: fallbackName, flavor: standard ? "standard" : "consumption", definition: input, pointer: "", arm: false };
    const connections = defaultConnections(input, "");
    if (connections) target.connections = connections;
    return { kind: "definition", targets: [target] };
  }
  return { kind: undefined, targets: [] };
}
