import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../errors";
import { createLogicClient } from "../../ops/client";
import { run as runRemote, validateRemotely, validationRequest } from "../../ops/remote-validate";
import { builtWorkflows, type BuiltWorkflow } from "../../ops/targets";
import { SECRET_PLACEHOLDER } from "../../playbooks/env";
import { FakeArm, serviceLikeValidator } from "./fake-arm";
import { ENV, ENV_ROOT, fakeConnection, RESOURCE_GROUP } from "./support";

type Obj = Record<string, unknown>;
const fake = new FakeArm(undefined, [RESOURCE_GROUP]);
const ids = { subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, location: "westeurope" };

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
});

async function remote(env: string | undefined, format?: string) {
  let out = "";
  const code = await runRemote(
    { subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, location: "westeurope", ...(env ? { env } : {}), ...(format ? { format } : {}) },
    { connection: fakeConnection(fake), root: ENV_ROOT, stdout: (t) => (out += t) },
  );
  return { code, out };
}

describe("validate --remote against the fake ARM server", () => {
  it("posts every built definition of the environment to the validate API and accepts a 200", async () => {
    const { code, out } = await remote(ENV);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "ok       isolate-on-high-severity (validated as isolate-on-high-severity-ops in westeurope)",
        "ok       scheduled-advanced-hunting (validated as scheduled-advanced-hunting-ops in westeurope)",
        "2 definition(s) validated by the service: 2 valid, 0 rejected.",
        "",
      ].join("\n"),
    );
    expect(fake.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", `/subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/locations/westeurope/workflows/isolate-on-high-severity-ops/validate`],
      ["POST", `/subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/locations/westeurope/workflows/scheduled-advanced-hunting-ops/validate`],
    ]);
    // The body is the REST workflow shape: the built definition and the environment's values.
    const body = fake.requests[0]!.body as { location: string; properties: Obj };
    const isolate = builtWorkflows(ENV, ENV_ROOT)[0]!;
    expect(body.location).toBe("westeurope");
    expect(body.properties.definition).toEqual(JSON.parse(isolate.built.render()));
    expect((body.properties.parameters as Obj).isolationType).toEqual({ value: "Selective" });
    expect(((body.properties.parameters as Obj).$connections as { value: Obj }).value.wdatp).toEqual({
      connectionId: `/subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Web/connections/isolate-on-high-severity-ops-wdatp`,
      connectionName: "isolate-on-high-severity-ops-wdatp",
      id: `/subscriptions/${fake.subscription}/providers/Microsoft.Web/locations/westeurope/managedApis/wdatp`,
      connectionProperties: { authentication: { type: "ManagedServiceIdentity" } },
    });
  });

  it("validates the catalog without --env, filling parameters that have no default", async () => {
    const { code } = await remote(undefined, "json");
    expect(code).toBe(0);
    const params = (fake.requests[0]!.body as { properties: { parameters: Obj } }).properties.parameters;
    expect(params.notifyTo).toEqual({ value: "placeholder" });
    expect(params.isolationType).toBeUndefined(); // has a default
  });

  it("reports a 400 readably: code and the service's message, exit code 1", async () => {
    const [isolate, hunting] = builtWorkflows(ENV, ENV_ROOT) as [BuiltWorkflow, BuiltWorkflow];
    const broken = JSON.parse(JSON.stringify(isolate.built.definition)) as Obj;
    ((broken.actions as Obj).Severity_is_High as Obj).runAfter = { Get_alrt: ["Succeeded"] };
    const brokenWorkflow: BuiltWorkflow = { ...isolate, built: { ...isolate.built, definition: broken as never } };
    const results = await validateRemotely(createLogicClient(fakeConnection(fake)), ids, [brokenWorkflow, hunting], fake.endpoint);
    expect(results).toEqual([
      {
        playbook: "isolate-on-high-severity",
        workflow: "isolate-on-high-severity-ops",
        valid: false,
        code: "InvalidTemplate",
        message: "The template validation failed: 'The 'runAfter' property of template action 'Severity_is_High' at line '1' and column '116' contains non-existent action: 'Get_alrt'.'.",
      },
      { playbook: "scheduled-advanced-hunting", workflow: "scheduled-advanced-hunting-ops", valid: true },
    ]);
    const badValue: BuiltWorkflow = { ...hunting, parameters: { ...hunting.parameters, recurrenceFrequency: "Fortnight" } };
    const [rejected] = await validateRemotely(createLogicClient(fakeConnection(fake)), ids, [badValue], fake.endpoint);
    expect(rejected!.valid).toBe(false);
    expect(rejected!.message).toContain("The value 'Fortnight' is not part of the allowed value(s): 'Minute,Hour,Day,Week,Month'");
  });

  it("exits 1 and prints the rejection when the service answers 400", async () => {
    fake.validator = (name) => (name.startsWith("isolate") ? { code: "InvalidTemplate", message: "The template validation failed: 'The\n template action 'Get_alert' is not valid.'." } : undefined);
    try {
      const { code, out } = await remote(ENV);
      expect(code).toBe(1);
      expect(out).toContain("invalid  isolate-on-high-severity: InvalidTemplate: The template validation failed: 'The template action 'Get_alert' is not valid.'.");
      expect(out).toContain("2 definition(s) validated by the service: 1 valid, 1 rejected.");
    } finally {
      fake.validator = serviceLikeValidator;
    }
  });

  it("needs the subscription, resource group and location, and explains an unreachable endpoint", async () => {
    const usage = await runRemote({ subscription: fake.subscription }).catch((e: unknown) => e);
    expect(usage).toBeInstanceOf(UserError);
    expect((usage as UserError).message).toBe("validate --remote needs --resource-group, --location.");
    const unreachable = await runRemote(
      { subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, location: "westeurope", env: ENV },
      { connection: { ...fakeConnection(fake), endpoint: "https://127.0.0.1:9" }, root: ENV_ROOT },
    ).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(UserError);
    expect((unreachable as UserError).exitCode).toBe(2);
    expect((unreachable as UserError).message).toMatch(/^could not reach Azure Resource Manager at https:\/\/127\.0\.0\.1:9 while validating isolate-on-high-severity-ops in westeurope: /);
  });

  it("stands in for Pulumi secrets it cannot read with a value the declaration accepts", async () => {
    const [isolate, hunting] = builtWorkflows(ENV, ENV_ROOT) as [BuiltWorkflow, BuiltWorkflow];
    const secretIsolation: BuiltWorkflow = { ...isolate, parameters: { ...isolate.parameters, isolationType: SECRET_PLACEHOLDER } };
    const secretQuery: BuiltWorkflow = { ...hunting, parameters: { ...hunting.parameters, huntingQuery: SECRET_PLACEHOLDER } };
    const results = await validateRemotely(createLogicClient(fakeConnection(fake)), ids, [secretIsolation, secretQuery], fake.endpoint);
    expect(results.map((r) => [r.workflow, r.valid, r.message])).toEqual([
      ["isolate-on-high-severity-ops", true, undefined],
      ["scheduled-advanced-hunting-ops", true, undefined],
    ]);
    const sent = fake.requests.map((r) => (r.body as { properties: { parameters: Obj } }).properties.parameters);
    expect(sent[0]!.isolationType).toEqual({ value: "Full" }); // an allowed value, not the placeholder
    expect(JSON.stringify(sent)).not.toContain(SECRET_PLACEHOLDER);
  });

  it("builds the request from the built definition without changing it", () => {
    const [isolate] = builtWorkflows(ENV, ENV_ROOT);
    const before = isolate!.built.render();
    const request = validationRequest(isolate!, ids);
    expect(request.definition).toBe(isolate!.built.definition);
    expect(request.state).toBe("Enabled");
    expect(isolate!.built.render()).toBe(before);
  });
});
