/** Builders for minimal documents used by the validator tests. */
import { WORKFLOW_SCHEMA } from "../../wdl/definition";

type Obj = Record<string, unknown>;

/** A definition with a Request trigger (so Response and triggerBody() are fine) and the given actions. */
export function def(actions: Obj, extra: Obj = {}): Obj {
  return {
    $schema: WORKFLOW_SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: {},
    triggers: { manual: { type: "Request", kind: "Http", inputs: { schema: {} } } },
    actions,
    outputs: {},
    ...extra,
  };
}

/** A Compose action. */
export function compose(inputs: unknown, runAfter: Obj = {}): Obj {
  return { type: "Compose", inputs, runAfter };
}

/** An Http action. */
export function http(inputs: Obj, extra: Obj = {}): Obj {
  return { type: "Http", inputs: { method: "GET", uri: "https://api.example.com/x", ...inputs }, runAfter: {}, ...extra };
}

/** `n` Scopes nested in each other with a Compose innermost. */
export function nested(n: number): Obj {
  let inner: Obj = { Innermost: compose("x") };
  for (let i = n; i >= 1; i--) inner = { [`Scope_${i}`]: { type: "Scope", actions: inner, runAfter: {} } };
  return inner;
}

const API = (api: string) => `[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', resourceGroup().location, '/managedApis/${api}')]`;

/** A `Microsoft.Web/connections` resource named `[variables('<name>')]` for a managed API. */
export function connectionResource(name: string, api: string, properties: Obj = {}): Obj {
  return {
    type: "Microsoft.Web/connections",
    apiVersion: "2016-06-01",
    name: `[variables('${name}')]`,
    location: "[resourceGroup().location]",
    properties: { displayName: name, customParameterValues: {}, api: { id: API(api) }, ...properties },
  };
}

/** A `$connections` value entry pointing at the connection resource `<name>`. */
export function connectionEntry(name: string, api: string, managedIdentity = false): Obj {
  return {
    connectionId: `[resourceId('Microsoft.Web/connections', variables('${name}'))]`,
    connectionName: `[variables('${name}')]`,
    id: API(api),
    ...(managedIdentity ? { connectionProperties: { authentication: { type: "ManagedServiceIdentity" } } } : {}),
  };
}

/** A definition that calls the MDE connector through `$connections['<key>']`. */
export function connectorDefinition(key = "wdatp", extraActions: Obj = {}): Obj {
  return def(
    {
      Get_alert: {
        type: "ApiConnection",
        inputs: { host: { connection: { name: `@parameters('$connections')['${key}']['connectionId']` } }, method: "get", path: "/api/alerts/@{encodeURIComponent(triggerBody()?['id'])}" },
        runAfter: {},
      },
      ...extraActions,
    },
    { parameters: { $connections: { type: "Object", defaultValue: {} } } },
  );
}

/** An ARM template with connection resources and one workflow resource. */
export function armTemplate(options: { definition: unknown; connections?: Obj; resources?: Obj[]; identity?: Obj | null; parameters?: Obj }): Obj {
  const workflow: Obj = {
    type: "Microsoft.Logic/workflows",
    apiVersion: "2017-07-01",
    name: "[parameters('PlaybookName')]",
    location: "[resourceGroup().location]",
    properties: {
      state: "Enabled",
      definition: options.definition,
      parameters: { ...(options.connections ? { $connections: { value: options.connections } } : {}), ...(options.parameters ?? {}) },
    },
  };
  if (options.identity !== null) workflow.identity = options.identity ?? { type: "SystemAssigned" };
  return {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { PlaybookName: { type: "string", defaultValue: "pb" } },
    variables: {},
    resources: [...(options.resources ?? []), workflow],
  };
}

/** A workflow resource (`{properties: {definition, parameters}}`). */
export function workflowResource(definition: unknown, parameters: Obj = {}, extra: Obj = {}): Obj {
  return { type: "Microsoft.Logic/workflows", name: "wf", identity: { type: "SystemAssigned" }, properties: { definition, parameters }, ...extra };
}
