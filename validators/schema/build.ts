/**
 * Our JSON Schema (draft-07) for Logic Apps / Power Automate workflow definitions.
 *
 * No official schema exists (the `$schema` URL of a definition does not resolve; ../shared/reference/wdl.md §1),
 * so this one is derived from the workflow definition language reference and the action/trigger reference
 * (learn.microsoft.com/azure/logic-apps/logic-apps-workflow-actions-triggers), cross-checked against the corpus.
 *
 * Triggers and actions are discriminated by `type` (an if/then/else chain), compared case-insensitively (real files
 * write `wait`). Inside a known type, unknown keys fail `additionalProperties: false`, which the validator reports
 * as a warning; an unknown type reaches `#/definitions/unknownActionType` / `unknownTriggerType`, also a warning.
 * Everything else is an error. Values that an expression string may replace accept strings too.
 *
 * `generate.ts` writes this schema to `definition.schema.json` and compiles it (ajv strict mode) to the standalone
 * module `validate-definition.generated.ts`, so the CLI does not load or run ajv at start-up.
 */

type Schema = Record<string, unknown> | boolean;

/** Pattern matching any of the words, case-insensitively (ajv patterns take no flags). */
export function caseInsensitive(...words: string[]): string {
  const one = (word: string) =>
    [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return `^(?:${words.map(one).join("|")})$`;
}

/** Matches a string the engine evaluates: `@expr` (not `@@`, not the one-character literal `@`) or text with `@{expr}`. */
const EXPRESSION = "@(?!@)[\\s\\S]+|[\\s\\S]*@\\{[\\s\\S]*";

/** A string that must be one of `words` (any case) or an expression; `title` carries the list for messages. */
function oneOf(...words: string[]): Schema {
  const pattern = caseInsensitive(...words).replace(/\)\$$/, `|${EXPRESSION})$`);
  return { type: "string", pattern, title: `one of ${words.join(", ")} (any case), or an expression` };
}

const ANY: Schema = true;
const STR: Schema = { type: "string" };
const OBJ: Schema = { type: "object" };
const OBJ_OR_EXPR: Schema = { type: ["object", "string"] };
const INT_OR_EXPR: Schema = { type: ["integer", "string"] };
const ARRAY_OR_EXPR: Schema = { type: ["array", "string"] };
const CONDITION: Schema = { type: ["string", "object", "boolean"] };

/** An object with exactly these properties (unknown ones are reported as warnings). */
function closed(properties: Record<string, Schema>, required: string[] = []): Record<string, unknown> {
  const s: Record<string, unknown> = { type: "object", properties, additionalProperties: false };
  if (required.length) s.required = required;
  return s;
}

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** Shared definitions (`$defs`) other than the per-type schemas. */
function sharedDefs(): Record<string, Schema> {
  return {
    actionMap: { type: "object", additionalProperties: ref("action") },
    triggerMap: { type: "object", additionalProperties: ref("trigger") },
    runAfter: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    limit: closed({ count: INT_OR_EXPR, timeout: STR }),
    runtimeConfiguration: closed({
      concurrency: closed({ runs: INT_OR_EXPR, maximumWaitingRuns: INT_OR_EXPR, repetitions: INT_OR_EXPR }),
      secureData: closed({ properties: { type: "array", items: oneOf("inputs", "outputs") } }, ["properties"]),
      paginationPolicy: closed({ minimumItemCount: INT_OR_EXPR }),
      staticResult: closed({ name: STR, staticResultOptions: oneOf("Enabled", "Disabled") }, ["name"]),
      contentTransfer: closed({ transferMode: oneOf("Chunked") }),
      requestOptions: closed({ timeout: STR }),
    }),
    retryPolicy: {
      type: ["object", "string"],
      properties: { type: oneOf("none", "default", "fixed", "exponential"), count: INT_OR_EXPR, interval: STR, minimumInterval: STR, maximumInterval: STR },
      additionalProperties: false,
    },
    authentication: {
      type: ["object", "string"],
      properties: {
        type: oneOf("ManagedServiceIdentity", "ActiveDirectoryOAuth", "Basic", "ClientCertificate", "Raw"),
        audience: STR,
        identity: STR,
        tenant: STR,
        clientId: STR,
        secret: STR,
        authority: STR,
        credentialType: STR,
        username: STR,
        password: STR,
        pfx: STR,
        value: STR,
      },
      additionalProperties: false,
    },
    recurrence: closed(
      {
        frequency: oneOf("Second", "Minute", "Hour", "Day", "Week", "Month"),
        interval: INT_OR_EXPR,
        startTime: STR,
        endTime: STR,
        timeZone: STR,
        schedule: closed({ hours: ARRAY_OR_EXPR, minutes: ARRAY_OR_EXPR, weekDays: ARRAY_OR_EXPR, monthDays: ARRAY_OR_EXPR, monthlyOccurrences: ARRAY_OR_EXPR }),
      },
      ["frequency", "interval"],
    ),
    connectionHost: closed(
      {
        connection: closed({ name: STR, referenceName: STR }),
        api: OBJ,
      },
      ["connection"],
    ),
    openApiHost: closed({ apiId: STR, connectionName: STR, operationId: STR, connection: OBJ }),
    httpRequest: closed(
      {
        method: STR,
        uri: STR,
        headers: OBJ_OR_EXPR,
        queries: OBJ_OR_EXPR,
        body: ANY,
        authentication: ref("authentication"),
        retryPolicy: ref("retryPolicy"),
        cookie: STR,
      },
      ["method", "uri"],
    ),
    apiConnectionInputs: closed(
      {
        host: ref("connectionHost"),
        method: STR,
        path: STR,
        body: ANY,
        queries: OBJ_OR_EXPR,
        headers: OBJ_OR_EXPR,
        retryPolicy: ref("retryPolicy"),
        authentication: ref("authentication"),
        pathTemplate: OBJ,
      },
      ["host", "method", "path"],
    ),
    apiConnectionWebhookInputs: closed(
      {
        host: ref("connectionHost"),
        method: STR,
        path: STR,
        body: ANY,
        queries: OBJ_OR_EXPR,
        headers: OBJ_OR_EXPR,
        retryPolicy: ref("retryPolicy"),
        authentication: ref("authentication"),
        schema: OBJ,
      },
      ["host"],
    ),
    openApiInputs: closed(
      { host: ref("openApiHost"), parameters: OBJ_OR_EXPR, authentication: ANY, retryPolicy: ref("retryPolicy") },
      ["host"],
    ),
    webhookInputs: closed({ subscribe: ref("httpRequest"), unsubscribe: ref("httpRequest") }, ["subscribe"]),
    serviceProviderInputs: closed(
      { parameters: OBJ_OR_EXPR, serviceProviderConfiguration: closed({ connectionName: STR, operationId: STR, serviceProviderId: STR }, ["operationId"]) },
      ["serviceProviderConfiguration"],
    ),
    branch: closed({ actions: ref("actionMap") }),
  };
}

/** Keys every action may carry. */
const ACTION_COMMON: Record<string, Schema> = {
  type: STR,
  runAfter: ref("runAfter"),
  description: STR,
  runtimeConfiguration: ref("runtimeConfiguration"),
  operationOptions: STR,
  trackedProperties: OBJ_OR_EXPR,
  metadata: OBJ,
};

/** One known action type: its extra top-level keys and required keys. */
interface TypeSpec {
  props: Record<string, Schema>;
  required?: string[];
}

const LIMIT = { limit: ref("limit") };

/**
 * Where a Workflow action sends its request. Consumption: `workflow.id` (resource id) and `triggerName`;
 * Standard "Invoke a workflow in this workflow app": `workflow.id` (the workflow's name) alone; Power Automate
 * "Run a Child Flow": `workflowReferenceName`. Without `workflowReferenceName`, `workflow` is required.
 */
const WORKFLOW_HOST: Schema = {
  ...closed({ triggerName: STR, workflow: closed({ id: STR }, ["id"]), workflowReferenceName: STR }),
  if: { properties: { workflowReferenceName: true }, required: ["workflowReferenceName"] },
  else: { properties: { workflow: true }, required: ["workflow"] },
};

/** The content an XML, flat-file or Liquid operation works on, and where its schema or map comes from. */
const ARTIFACT = { content: ANY, integrationAccount: OBJ, schema: OBJ, map: OBJ };

/**
 * An operation whose inputs the actions reference does not spell out (integration-account B2B operations,
 * Standard built-ins documented only in the designer): `inputs` must be an object, its keys are not checked.
 */
const OPEN: TypeSpec = { props: { inputs: OBJ_OR_EXPR, ...LIMIT }, required: ["inputs"] };
const nameValue = (valueRequired: boolean): TypeSpec => ({
  props: { inputs: closed({ name: STR, value: ANY }, valueRequired ? ["name", "value"] : ["name"]) },
  required: ["inputs"],
});

/** Known action types (canonical casing) and what each may hold. */
export const ACTION_SPECS: Record<string, TypeSpec> = {
  ApiConnection: { props: { inputs: ref("apiConnectionInputs"), ...LIMIT }, required: ["inputs"] },
  ApiConnectionWebhook: { props: { inputs: ref("apiConnectionWebhookInputs"), ...LIMIT }, required: ["inputs"] },
  OpenApiConnection: { props: { inputs: ref("openApiInputs"), ...LIMIT }, required: ["inputs"] },
  OpenApiConnectionWebhook: { props: { inputs: ref("openApiInputs"), ...LIMIT }, required: ["inputs"] },
  Http: { props: { inputs: ref("httpRequest"), ...LIMIT }, required: ["inputs"] },
  HttpWebhook: { props: { inputs: ref("webhookInputs"), ...LIMIT }, required: ["inputs"] },
  Function: {
    props: {
      inputs: closed(
        {
          // Consumption names the function by resource id; Standard by a connections.json entry.
          function: closed({ id: STR, connectionName: STR }),
          method: STR,
          body: ANY,
          headers: OBJ_OR_EXPR,
          queries: OBJ_OR_EXPR,
          relativePath: STR,
          retryPolicy: ref("retryPolicy"),
          authentication: ref("authentication"),
        },
        ["function"],
      ),
      ...LIMIT,
    },
    required: ["inputs"],
  },
  Workflow: {
    props: {
      inputs: closed(
        {
          host: WORKFLOW_HOST,
          body: ANY,
          headers: OBJ_OR_EXPR,
          retryPolicy: ref("retryPolicy"),
          authentication: ref("authentication"),
        },
        ["host"],
      ),
      ...LIMIT,
    },
    required: ["inputs"],
  },
  If: { props: { expression: CONDITION, actions: ref("actionMap"), else: ref("branch") }, required: ["expression"] },
  Switch: {
    props: {
      expression: { type: ["string", "integer", "number", "boolean"] },
      cases: { type: "object", additionalProperties: closed({ case: { type: ["string", "number", "boolean"] }, actions: ref("actionMap") }, ["case"]) },
      default: ref("branch"),
    },
    required: ["expression"],
  },
  Foreach: { props: { foreach: ARRAY_OR_EXPR, actions: ref("actionMap") }, required: ["foreach"] },
  Until: { props: { expression: CONDITION, actions: ref("actionMap"), ...LIMIT }, required: ["expression"] },
  Scope: { props: { actions: ref("actionMap") } },
  Compose: { props: { inputs: ANY }, required: ["inputs"] },
  InitializeVariable: {
    props: {
      inputs: closed(
        {
          variables: {
            type: "array",
            items: closed({ name: STR, type: oneOf("array", "boolean", "float", "integer", "object", "string"), value: ANY }, ["name", "type"]),
          },
        },
        ["variables"],
      ),
    },
    required: ["inputs"],
  },
  SetVariable: nameValue(true),
  IncrementVariable: nameValue(false),
  DecrementVariable: nameValue(false),
  AppendToArrayVariable: nameValue(true),
  AppendToStringVariable: nameValue(true),
  ParseJson: { props: { inputs: closed({ content: ANY, schema: { type: ["object", "boolean", "string"] } }, ["content", "schema"]) }, required: ["inputs"] },
  Query: { props: { inputs: closed({ from: ANY, where: CONDITION }, ["from", "where"]) }, required: ["inputs"] },
  Select: { props: { inputs: closed({ from: ANY, select: ANY }, ["from", "select"]) }, required: ["inputs"] },
  Table: {
    props: { inputs: closed({ from: ANY, format: oneOf("CSV", "HTML"), columns: ARRAY_OR_EXPR }, ["from", "format"]) },
    required: ["inputs"],
  },
  Join: { props: { inputs: closed({ from: ANY, joinWith: STR }, ["from", "joinWith"]) }, required: ["inputs"] },
  Response: {
    props: { kind: STR, inputs: closed({ statusCode: INT_OR_EXPR, headers: OBJ_OR_EXPR, body: ANY, schema: ANY }, ["statusCode"]) },
    required: ["inputs"],
  },
  Terminate: {
    props: { inputs: closed({ runStatus: oneOf("Succeeded", "Failed", "Cancelled"), runError: closed({ code: STR, message: STR }) }, ["runStatus"]) },
    required: ["inputs"],
  },
  Wait: {
    props: {
      inputs: closed({
        interval: closed({ count: INT_OR_EXPR, unit: oneOf("Second", "Minute", "Hour", "Day", "Week", "Month") }, ["count", "unit"]),
        until: closed({ timestamp: STR }, ["timestamp"]),
      }),
    },
    required: ["inputs"],
  },
  Expression: { props: { kind: STR, inputs: OBJ_OR_EXPR }, required: ["kind", "inputs"] },
  JavaScriptCode: { props: { inputs: closed({ code: STR, explicitDependencies: OBJ }, ["code"]) }, required: ["inputs"] },
  ServiceProvider: { props: { inputs: ref("serviceProviderInputs"), ...LIMIT }, required: ["inputs"] },
  InvokeFunction: { props: { inputs: closed({ functionName: STR, parameters: OBJ_OR_EXPR }, ["functionName"]) }, required: ["inputs"] },
  // Standard inline code (the script sits in a file beside workflow.json).
  CSharpScriptCode: OPEN,
  PowerShellCode: OPEN,
  // XML, flat-file and Liquid operations: Consumption reads the schema or map from an integration account,
  // Standard (`source: LogicApp`) from the app's artifacts.
  Xslt: { props: { inputs: closed({ ...ARTIFACT, transformOptions: STR, xsltParameters: OBJ_OR_EXPR }, ["content"]), ...LIMIT }, required: ["inputs"] },
  XmlValidation: { props: { inputs: closed(ARTIFACT, ["content"]), ...LIMIT }, required: ["inputs"] },
  FlatFileDecoding: { props: { inputs: closed({ ...ARTIFACT, mode: STR }, ["content"]), ...LIMIT }, required: ["inputs"] },
  FlatFileEncoding: { props: { inputs: closed({ ...ARTIFACT, emptyNodeGenerationMode: STR, mode: STR }, ["content"]), ...LIMIT }, required: ["inputs"] },
  Liquid: { props: { kind: STR, inputs: closed(ARTIFACT, ["content"]), ...LIMIT }, required: ["inputs"] },
  XmlParse: OPEN,
  XmlCompose: OPEN,
  IntegrationAccountArtifactLookup: {
    props: { inputs: closed({ artifactType: STR, artifactName: STR }, ["artifactType", "artifactName"]), ...LIMIT },
    required: ["inputs"],
  },
  As2Encode: OPEN,
  As2Decode: OPEN,
  RosettaNetEncode: OPEN,
  RosettaNetDecode: OPEN,
  RosettaNetWaitForResponse: OPEN,
  SwiftEncode: OPEN,
  SendToBatch: {
    props: {
      inputs: closed({ batchName: STR, content: ANY, partitionName: STR, messageId: STR, host: WORKFLOW_HOST }, ["batchName", "content"]),
      ...LIMIT,
    },
    required: ["inputs"],
  },
  ApiManagement: {
    props: {
      inputs: closed({
        api: OBJ,
        method: STR,
        pathTemplate: OBJ,
        body: ANY,
        headers: OBJ_OR_EXPR,
        queries: OBJ_OR_EXPR,
        subscriptionKey: STR,
        authentication: ref("authentication"),
        retryPolicy: ref("retryPolicy"),
      }),
      ...LIMIT,
    },
    required: ["inputs"],
  },
  // AI operations: documents and text for agents and retrieval.
  ParseDocument: OPEN,
  ChunkText: OPEN,
  // An agent loop: the model picks tools; each tool holds actions, walked like any nested actions.
  Agent: {
    props: {
      inputs: OBJ_OR_EXPR,
      tools: {
        type: "object",
        additionalProperties: closed({ type: STR, description: STR, agentParameterSchema: { type: ["object", "boolean"] }, actions: ref("actionMap") }),
      },
      ...LIMIT,
    },
  },
};

/** Keys every trigger may carry. */
const TRIGGER_COMMON: Record<string, Schema> = {
  type: STR,
  description: STR,
  conditions: { type: "array", items: closed({ expression: STR, dependsOn: ANY }, ["expression"]) },
  splitOn: STR,
  splitOnConfiguration: OBJ,
  runtimeConfiguration: ref("runtimeConfiguration"),
  operationOptions: STR,
  metadata: OBJ,
  correlation: OBJ,
  trackedProperties: OBJ_OR_EXPR,
};

const POLLING = { recurrence: ref("recurrence"), evaluatedRecurrence: ref("recurrence") };

/** Known trigger types (canonical casing) and what each may hold. */
export const TRIGGER_SPECS: Record<string, TypeSpec> = {
  // The designer can leave an empty `inputs` on a Recurrence trigger; the service ignores it.
  Recurrence: { props: { ...POLLING, inputs: closed({}) }, required: ["recurrence"] },
  // Like Recurrence, but each run covers one time window and missed windows are run later.
  SlidingWindow: { props: { ...POLLING, inputs: OBJ }, required: ["recurrence"] },
  Batch: {
    props: { kind: STR, inputs: closed({ mode: STR, configurations: OBJ, batchGroupName: STR }, ["mode"]) },
    required: ["inputs"],
  },
  ServiceProvider: { props: { inputs: ref("serviceProviderInputs"), ...POLLING }, required: ["inputs"] },
  Request: {
    props: {
      kind: STR,
      inputs: closed({ method: STR, relativePath: STR, schema: { type: ["object", "boolean"] }, headersSchema: OBJ, triggerAuthenticationType: STR }),
    },
  },
  ApiConnection: { props: { inputs: ref("apiConnectionInputs"), ...POLLING }, required: ["inputs", "recurrence"] },
  ApiConnectionWebhook: { props: { inputs: ref("apiConnectionWebhookInputs") }, required: ["inputs"] },
  ApiConnectionNotification: { props: { inputs: ref("apiConnectionWebhookInputs") }, required: ["inputs"] },
  Http: { props: { inputs: ref("httpRequest"), ...POLLING }, required: ["inputs", "recurrence"] },
  HttpWebhook: { props: { inputs: ref("webhookInputs") }, required: ["inputs"] },
  OpenApiConnection: { props: { inputs: ref("openApiInputs"), ...POLLING }, required: ["inputs"] },
  OpenApiConnectionWebhook: { props: { inputs: ref("openApiInputs") }, required: ["inputs"] },
  OpenApiConnectionNotification: { props: { inputs: ref("openApiInputs") }, required: ["inputs"] },
};

/**
 * The if/then/else chain that picks a type's schema: the first type whose name matches wins, so most actions are
 * decided after a few tests (types are ordered by how often real definitions use them). The final `else` is
 * reached only by an unknown type.
 */
function discriminated(
  specs: Record<string, TypeSpec>,
  common: Record<string, Schema>,
  prefix: string,
  first: readonly string[],
): { dispatch: Schema; defs: Record<string, Schema> } {
  const defs: Record<string, Schema> = {};
  const names = [...first.filter((n) => n in specs), ...Object.keys(specs).filter((n) => !first.includes(n))];
  const unknownName = prefix === "action" ? "unknownActionType" : "unknownTriggerType";
  defs[unknownName] = { type: "object", properties: { type: { enum: names } } };
  // Each link of the chain is its own definition, so the compiled validator only ever runs (and the engine only
  // compiles) the links an input reaches.
  names.forEach((name, i) => {
    const spec = specs[name]!;
    const defName = `${prefix}.${name}`;
    // Common keys are validated once by the base schema; here they only need to be allowed.
    const allowed = Object.fromEntries(Object.keys(common).map((k): [string, Schema] => [k, true]));
    defs[defName] = closed({ ...allowed, ...spec.props }, ["type", ...(spec.required ?? [])]);
    defs[`${prefix}Dispatch.${i}`] = {
      if: { type: "object", properties: { type: { type: "string", pattern: caseInsensitive(name) } }, required: ["type"] },
      then: ref(defName),
      else: ref(i + 1 < names.length ? `${prefix}Dispatch.${i + 1}` : unknownName),
    };
  });
  const chain = ref(`${prefix}Dispatch.0`);
  return { dispatch: chain, defs };
}

/** Action and trigger types real definitions use most, tested first. */
const ACTIONS_FIRST = ["ApiConnection", "Compose", "If", "Foreach", "SetVariable", "InitializeVariable", "Http", "Scope", "AppendToArrayVariable", "Until"];
const TRIGGERS_FIRST = ["ApiConnectionWebhook", "Request", "Recurrence", "ApiConnection"];

/** Our schema $id. */
export const SCHEMA_ID = "urn:playbook-kit:schemas:workflow-definition";

/** Build the whole definition schema. */
export function definitionSchema(): Record<string, unknown> {
  const actions = discriminated(ACTION_SPECS, ACTION_COMMON, "action", ACTIONS_FIRST);
  const triggers = discriminated(TRIGGER_SPECS, TRIGGER_COMMON, "trigger", TRIGGERS_FIRST);
  const commonAction = { type: "object", properties: ACTION_COMMON, required: ["type"], allOf: [actions.dispatch] };
  const commonTrigger = { type: "object", properties: TRIGGER_COMMON, required: ["type"], allOf: [triggers.dispatch] };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: SCHEMA_ID,
    title: "Logic Apps / Power Automate workflow definition (playbook-kit)",
    description:
      "Workflow Definition Language definition: triggers and actions discriminated by type (case-insensitive). Unknown keys inside a known type and unknown types are reported as warnings by playbook-kit.",
    type: "object",
    properties: {
      $schema: STR,
      contentVersion: STR,
      description: STR,
      metadata: OBJ,
      parameters: {
        type: "object",
        additionalProperties: closed(
          {
            type: oneOf("String", "SecureString", "Int", "Float", "Bool", "Array", "Object", "SecureObject"),
            defaultValue: ANY,
            allowedValues: { type: "array" },
            metadata: OBJ,
          },
          ["type"],
        ),
      },
      triggers: ref("triggerMap"),
      actions: ref("actionMap"),
      outputs: {
        type: "object",
        additionalProperties: closed(
          { type: oneOf("String", "SecureString", "Int", "Float", "Bool", "Array", "Object", "SecureObject"), value: ANY, description: STR },
          ["type", "value"],
        ),
      },
      staticResults: OBJ,
    },
    additionalProperties: false,
    definitions: {
      action: commonAction,
      trigger: commonTrigger,
      ...sharedDefs(),
      ...actions.defs,
      ...triggers.defs,
    },
  };
}
