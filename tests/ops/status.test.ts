import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run as runStatus } from "../../cli/commands/status";
import { UserError } from "../../errors";
import { builtWorkflows, type BuiltWorkflow } from "../../ops/targets";
import { FakeArm } from "./fake-arm";
import { toArmTemplate } from "../../exporters/arm";
import { loadEnvironment } from "../../playbooks/env";
import { deployTemplate, designerResave, deployedParameters, ENV, ENV_ROOT, fakeConnection, RESOURCE_GROUP } from "./support";

type Obj = Record<string, unknown>;

const fake = new FakeArm(undefined, [RESOURCE_GROUP]);
let workflows: BuiltWorkflow[];

beforeAll(async () => {
  await fake.start();
  workflows = builtWorkflows(ENV, ENV_ROOT);
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.workflows.get(RESOURCE_GROUP.toLowerCase())!.clear();
  fake.requests.length = 0;
});

function deployAsBuilt(w: BuiltWorkflow, definition: unknown = designerResave(w.built.definition), state = w.state) {
  fake.deploy(RESOURCE_GROUP, w.workflowName, { definition, parameters: deployedParameters(w, fake.subscription, RESOURCE_GROUP), state });
}

async function status(format: "text" | "json" = "json", token?: string) {
  let out = "";
  const code = await runStatus(
    { subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, env: ENV, format },
    { connection: fakeConnection(fake, token), root: ENV_ROOT, stdout: (t) => (out += t) },
  );
  return { code, out, json: format === "json" ? (JSON.parse(out) as { workflows: { workflow: string; status: string; differences: Obj[] }[] }) : undefined };
}

describe("status against the fake ARM server", () => {
  it("reports in sync when the deployed workflows differ only in what normalisation removes", async () => {
    for (const w of workflows) deployAsBuilt(w);
    const { code, json } = await status();
    expect(json!.workflows.map((w) => [w.workflow, w.status, w.differences.length])).toEqual([
      ["isolate-on-high-severity-ops", "in-sync", 0],
      ["scheduled-advanced-hunting-ops", "in-sync", 0],
    ]);
    expect(code).toBe(0);
    // It really asked the service, with the token, for the environment's workflow names.
    const gets = fake.requests.filter((r) => r.method === "GET").map((r) => r.path);
    expect(gets).toEqual([
      `/subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/workflows/isolate-on-high-severity-ops`,
      `/subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/workflows/scheduled-advanced-hunting-ops`,
    ]);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${fake.token}` && r.query["api-version"] === "2019-05-01")).toBe(true);
  });

  it("reports in sync for workflows deployed from the exported ARM templates (export arm --env)", async () => {
    const plan = loadEnvironment(ENV, { root: ENV_ROOT });
    for (const p of plan.playbooks) {
      const template = JSON.parse(JSON.stringify(toArmTemplate(p.playbook, { workflowName: p.workflowName, environment: ENV, parameterValues: p.parameters, state: p.state })));
      const deployed = deployTemplate(template, {
        subscription: fake.subscription,
        resourceGroup: RESOURCE_GROUP,
        location: "westeurope",
        parameters: { notifyTo: "soc@contoso.com", senderMailbox: "mde-automation@contoso.com" },
      });
      expect(deployed.name).toBe(p.workflowName);
      // What the service returns: secure values hidden.
      const returned = Object.fromEntries(Object.entries(deployed.parameters).map(([k, v]) => [k, ["notifyTo", "senderMailbox"].includes(k) ? { type: "SecureString" } : v]));
      fake.deploy(RESOURCE_GROUP, deployed.name, { definition: deployed.definition, parameters: returned, state: deployed.state });
    }
    const { code, json } = await status();
    expect(json!.workflows.map((w) => [w.workflow, w.status, w.differences])).toEqual([
      ["isolate-on-high-severity-ops", "in-sync", []],
      ["scheduled-advanced-hunting-ops", "in-sync", []],
    ]);
    expect(code).toBe(0);
  });

  it("reports drift with JSON pointers and exits 1", async () => {
    const [isolate, hunting] = workflows as [BuiltWorkflow, BuiltWorkflow];
    const edited = JSON.parse(JSON.stringify(isolate.built.definition)) as Obj;
    const high = (edited.actions as Obj).Severity_is_High as Obj;
    const excluded = (high.actions as Obj).Device_is_excluded as Obj;
    const isolateStep = ((excluded.else as Obj).actions as Obj).Isolate_machine as Obj;
    ((isolateStep.inputs as Obj).body as Obj).IsolationType = "Full"; // hard-coded in the portal
    (edited.actions as Obj).Debug_compose = { type: "Compose", inputs: "@triggerBody()", runAfter: { Get_alert: ["Succeeded"] } };
    fake.deploy(RESOURCE_GROUP, isolate.workflowName, {
      definition: designerResave(edited),
      parameters: { ...deployedParameters(isolate, fake.subscription, RESOURCE_GROUP), isolationType: { type: "String", value: "Full" } },
      state: "Disabled",
    });
    deployAsBuilt(hunting);

    const { code, json } = await status();
    expect(code).toBe(1);
    const drifted = json!.workflows[0]!;
    expect(drifted.status).toBe("drifted");
    expect(drifted.differences).toEqual([
      {
        pointer: "/definition/actions/Debug_compose",
        kind: "added",
        deployed: expect.objectContaining({ type: "Compose", inputs: "@triggerBody()", runAfter: { Get_alert: ["Succeeded"] } }),
      },
      {
        pointer: "/definition/actions/Severity_is_High/actions/Device_is_excluded/else/actions/Isolate_machine/inputs/body/IsolationType",
        kind: "changed",
        expected: "@parameters('isolationType')",
        deployed: "Full",
      },
      { pointer: "/parameters/isolationType", kind: "changed", expected: "Selective", deployed: "Full" },
      { pointer: "/state", kind: "changed", expected: "Enabled", deployed: "Disabled" },
    ]);
    expect(json!.workflows[1]!.status).toBe("in-sync");
  });

  it("compares parameter values as effective values: unset means the definition default", async () => {
    const [isolate, hunting] = workflows as [BuiltWorkflow, BuiltWorkflow];
    const parameters = deployedParameters(isolate, fake.subscription, RESOURCE_GROUP);
    delete parameters.managedIdentity; // "SystemAssigned", the definition default
    delete parameters.isolationType; // the environment wants "Selective"; unset it is the default "Full"
    fake.deploy(RESOURCE_GROUP, isolate.workflowName, { definition: isolate.built.definition, parameters });
    fake.deploy(RESOURCE_GROUP, hunting.workflowName, {
      definition: hunting.built.definition,
      parameters: { ...deployedParameters(hunting, fake.subscription, RESOURCE_GROUP), huntingQuery: { type: "String", value: (hunting.built.definition.parameters!.huntingQuery!.defaultValue) } },
    });
    const { json } = await status();
    expect(json!.workflows.map((w) => [w.workflow, w.differences])).toEqual([
      ["isolate-on-high-severity-ops", [{ pointer: "/parameters/isolationType", kind: "changed", expected: "Selective", deployed: "Full" }]],
      ["scheduled-advanced-hunting-ops", []],
    ]);
  });

  it("reports a workflow that is not deployed as missing and exits 1", async () => {
    deployAsBuilt(workflows[0]!);
    const { code, out } = await status("text");
    expect(code).toBe(1);
    expect(out).toContain("scheduled-advanced-hunting-ops  MISSING (not deployed)");
    expect(out).toMatch(/isolate-on-high-severity-ops\s+in sync/);
    expect(out).toContain("2 workflow(s): 1 in sync, 0 drifted, 1 missing.");
  });

  it("finds broken connection wiring and a missing secure value", async () => {
    const [isolate, hunting] = workflows as [BuiltWorkflow, BuiltWorkflow];
    const parameters = deployedParameters(isolate, fake.subscription, RESOURCE_GROUP);
    const wdatp = ((parameters.$connections as Obj).value as Obj).wdatp as Obj;
    wdatp.id = `/subscriptions/${fake.subscription}/providers/Microsoft.Web/locations/westeurope/managedApis/azuread`;
    delete wdatp.connectionProperties;
    delete parameters.notifyTo;
    fake.deploy(RESOURCE_GROUP, isolate.workflowName, { definition: isolate.built.definition, parameters });
    deployAsBuilt(hunting);
    const { code, out } = await status("text");
    expect(code).toBe(1);
    expect(out).toContain('changed  /parameters/$connections/wdatp/api: main "wdatp", deployed "azuread"');
    expect(out).toContain('changed  /parameters/$connections/wdatp/authentication: main "ManagedServiceIdentity", deployed null');
    expect(out).toContain('removed  /parameters/notifyTo: "(secure value)" (missing from the deployed workflow)');
    expect(out).not.toContain("soc@contoso.com"); // secure values are never printed
  });

  it("turns a rejected token into a message with exit code 2", async () => {
    for (const w of workflows) deployAsBuilt(w);
    const error = await status("json", "expired-token").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toMatch(/^Azure rejected the credentials while reading workflow isolate-on-high-severity-ops in resource group rg-mde-playbooks-ops \(401 InvalidAuthenticationToken: The access token is invalid\.\)/);
  });

  it("reports an unknown resource group as an error, not as missing workflows", async () => {
    let out = "";
    const error = await runStatus(
      { subscription: fake.subscription, resourceGroup: "rg-nope", env: ENV, format: "text" },
      { connection: fakeConnection(fake), root: ENV_ROOT, stdout: (t) => (out += t) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("the resource group does not exist (Resource group 'rg-nope' could not be found.)");
    expect(out).toBe("");
  });

  it("says which environment file is wrong", async () => {
    const error = await runStatus({ subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, env: "nope" }, { connection: fakeConnection(fake), root: ENV_ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("Pulumi.nope.yaml");
    expect(fake.requests).toEqual([]);
  });
});
