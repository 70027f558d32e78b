/**
 * The recorded workflow and connection inputs, mapped from Pulumi's inputs to the ARM resource shape, validate
 * against the ARM schemas in ../shared/schemas (`Microsoft.Logic/workflows` 2019-05-01,
 * `Microsoft.Web/connections` 2016-06-01) with ajv-draft-04.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { unwrapSecrets, type MockRun, type Registration } from "../../stacks/testing";
import { armSchemaValidators, logicSchema } from "../support/arm-schemas";
import { readJson, REPO, SCHEMAS } from "../support/paths";
import { expectClean, ofType, runStack, T } from "./support";

type Obj = Record<string, any>;


/** The Azure REST API version a generated azure-native resource uses (from its doc comment). */
function sdkApiVersion(file: string): string {
  const text = fs.readFileSync(path.join(REPO, "node_modules/@pulumi/azure-native", file), "utf8");
  return /Uses Azure REST API version (\d{4}-\d{2}-\d{2})\./.exec(text)![1]!;
}

const WORKFLOW_PROPERTIES = ["definition", "parameters", "state", "accessControl", "endpointsConfiguration", "integrationAccount", "integrationServiceEnvironment"];
const URL_PARTS = ["resourceGroupName"];

function only(inputs: Obj, keys: string[]): Obj {
  return Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
}

/** Every input must be placed somewhere, so the check sees everything that is sent. */
function expectAllMapped(inputs: Obj, mapped: string[]): void {
  expect(Object.keys(inputs).filter((k) => !mapped.includes(k))).toEqual([]);
}

/** `logic.Workflow` inputs → ARM `Microsoft.Logic/workflows` resource. */
function workflowToArm(reg: Registration): Obj {
  const i = unwrapSecrets(reg.inputs) as Obj;
  expectAllMapped(i, ["workflowName", "location", "tags", "identity", ...WORKFLOW_PROPERTIES, ...URL_PARTS]);
  return {
    type: "Microsoft.Logic/workflows",
    apiVersion: sdkApiVersion("logic/workflow.d.ts"),
    name: i.workflowName,
    location: i.location,
    tags: i.tags,
    // azure-native v3 takes user-assigned identities as a list; ARM as a map of id → {}.
    identity: i.identity.userAssignedIdentities
      ? { type: i.identity.type, userAssignedIdentities: Object.fromEntries(i.identity.userAssignedIdentities.map((id: string) => [id, {}])) }
      : i.identity,
    properties: only(i, WORKFLOW_PROPERTIES),
  };
}

/** Generic `resources.Resource` inputs → the ARM resource it creates. */
function genericToArm(reg: Registration): Obj {
  const i = unwrapSecrets(reg.inputs) as Obj;
  expectAllMapped(i, ["resourceProviderNamespace", "resourceType", "parentResourcePath", "resourceName", "apiVersion", "location", "kind", "tags", "properties", ...URL_PARTS]);
  expect(i.parentResourcePath).toBe("");
  return { type: `${i.resourceProviderNamespace}/${i.resourceType}`, apiVersion: i.apiVersion, name: i.resourceName, location: i.location, kind: i.kind, tags: i.tags, properties: i.properties };
}

/** `web.Connection` inputs → ARM `Microsoft.Web/connections`. */
function webConnectionToArm(reg: Registration): Obj {
  const i = unwrapSecrets(reg.inputs) as Obj;
  expectAllMapped(i, ["connectionName", "location", "tags", "properties", ...URL_PARTS]);
  return { type: "Microsoft.Web/connections", apiVersion: sdkApiVersion("web/connection.d.ts"), name: i.connectionName, location: i.location, tags: i.tags, properties: i.properties };
}

let check: ReturnType<typeof armSchemaValidators>;
const runs: Record<string, MockRun> = {};

beforeAll(async () => {
  check = armSchemaValidators("any");
  runs.dev = expectClean(await runStack("dev"));
  runs.prod = expectClean(await runStack("prod"));
  runs.outlook = expectClean(await runStack("dev", (raw) => void (raw.notify = { channel: "outlook", recipients: ["soc-dev@contoso.com"] })));
});

function errorsOf(validate: ValidateFunction, resource: Obj): string[] {
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe.each(["dev", "prod", "outlook"])("the %s run", (name) => {
  it("sends workflows that validate against Microsoft.Logic/workflows 2019-05-01", () => {
    const workflows = ofType(runs[name]!, T.workflow);
    expect(workflows.length).toBeGreaterThan(0);
    for (const wf of workflows) {
      const arm = workflowToArm(wf);
      expect(arm.apiVersion).toBe("2019-05-01");
      expect(errorsOf(check.workflow, arm), wf.name).toEqual([]);
    }
  });

  it("sends connections that validate against Microsoft.Web/connections 2016-06-01", () => {
    const connections = [...ofType(runs[name]!, T.genericResource).map(genericToArm), ...ofType(runs[name]!, T.webConnection).map(webConnectionToArm)];
    // wdatp and azuresentinel (isolate-incident-hosts), and office365 on the outlook channel.
    expect(connections.map((c) => String(c.name).split("-")[0]).sort()).toEqual(name === "outlook" ? ["azuresentinel", "office365", "wdatp"] : ["azuresentinel", "wdatp"]);
    for (const c of connections) {
      expect(c.type).toBe("Microsoft.Web/connections");
      expect(c.apiVersion).toBe("2016-06-01");
      expect(errorsOf(check.connection, c), c.name).toEqual([]);
    }
  });
});

describe("the schema check itself", () => {
  it("rejects what ARM would reject", () => {
    const wf = workflowToArm(ofType(runs.prod!, T.workflow)[0]!);
    expect(errorsOf(check.workflow, { ...wf, properties: { ...wf.properties, state: "Running" } }).length).toBeGreaterThan(0);
    expect(errorsOf(check.workflow, { ...wf, apiVersion: "2016-06-01" }).length).toBeGreaterThan(0);
    expect(errorsOf(check.workflow, { ...wf, properties: { ...wf.properties, parameters: { x: { type: "Text" } } } }).length).toBeGreaterThan(0);
    const conn = genericToArm(ofType(runs.prod!, T.genericResource)[0]!);
    expect(errorsOf(check.connection, { ...conn, properties: { ...conn.properties, api: "wdatp" } }).length).toBeGreaterThan(0);
    expect(errorsOf(check.connection, { ...conn, name: undefined }).length).toBeGreaterThan(0);
  });

  it("relaxes only the parameter value node, which as published rejects plain string values", () => {
    const original = readJson(path.join(SCHEMAS, "arm-2019-05-01-Microsoft.Logic.json")) as Obj;
    expect(original.definitions.WorkflowParameter.properties.value).toEqual({ type: "object", properties: {} });
    const relaxed = logicSchema("any");
    relaxed.definitions.WorkflowParameter.properties.value = original.definitions.WorkflowParameter.properties.value;
    expect(relaxed).toEqual(original);
    const strict = armSchemaValidators("as-published");
    const wf = workflowToArm(ofType(runs.prod!, T.workflow)[0]!);
    expect(errorsOf(strict.workflow, wf).some((e) => /\/properties\/parameters\/.+\/value must be object/.test(e))).toBe(true);
  });
});
