import { describe, expect, it } from "vitest";
import { SimulationError, simulate } from "../../simulator";
import { api, compose, def } from "./support";

const definition = def(
  {
    Who: compose("@parameters('team')"),
    Call: api("defender", "get", "/api/alerts/1", { runAfter: { Who: ["Succeeded"] } }),
  },
  { parameters: { $connections: { type: "Object", defaultValue: {} }, team: { type: "String", defaultValue: "blue" } } },
);

const connections = {
  defender: { connectionId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/connections/wdatp-x", id: "/subscriptions/s/providers/Microsoft.Web/locations/westeurope/managedApis/wdatp" },
};
const wdatpOk = [{ connector: "wdatp", response: { status: 200 } }];

describe("targets", () => {
  it("a bare definition uses parameter defaults; options override them", () => {
    expect(simulate(definition, { mocks: [{ connector: "defender", response: { status: 200 } }] }).action("Who").outputs).toBe("blue");
    expect(simulate(definition, { parameters: { team: "red" }, mocks: [{ connector: "defender", response: { status: 200 } }] }).action("Who").outputs).toBe("red");
  });

  it("rejects values for undeclared parameters (typo guard)", () => {
    expect(() => simulate(definition, { parameters: { teem: "x" } })).toThrow(/declares no parameter 'teem'/);
  });

  it("a declared parameter with no defaultValue needs a value: a SimulationError before the run, not a failed action", () => {
    const needs = def({ Who: compose("@parameters('notifyTo')") }, { parameters: { notifyTo: { type: "SecureString" }, cc: { type: "String" }, team: { type: "String", defaultValue: "blue" } } });
    expect(() => simulate(needs)).toThrow(SimulationError);
    expect(() => simulate(needs, { parameters: { notifyTo: "soc@contoso.com" } })).toThrow(/parameter 'cc' has no defaultValue and no value was given: pass it in the parameters/);
    expect(() => simulate(needs)).toThrow(/parameters 'notifyTo', 'cc' have no defaultValue/);
    expect(simulate(needs, { parameters: { notifyTo: "soc@contoso.com", cc: "" }, revealSecureData: true }).action("Who").outputs).toBe("soc@contoso.com");
  });

  it("a workflow resource brings its parameter values, $connections included", () => {
    const resource = { name: "wf1", location: "northeurope", type: "Microsoft.Logic/workflows", properties: { definition, parameters: { $connections: { value: connections }, team: { value: "green" } } } };
    const run = simulate(resource, { mocks: wdatpOk });
    expect(run.action("Who").outputs).toBe("green");
    expect(run.calls[0]!.connector).toBe("wdatp");
    expect(run.status).toBe("Succeeded");
  });

  it("a Standard workflow.json ({definition, kind})", () => {
    const run = simulate({ definition, kind: "Stateful" }, { mocks: [{ connector: "defender", response: { status: 200 } }] });
    expect(run.action("Who").outputs).toBe("blue");
  });

  it("an ARM template: [parameters('x')] strings take template defaults, other [..] strings stay opaque literals", () => {
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      parameters: { PlaybookName: { type: "string", defaultValue: "Isolate-Playbook" }, Owner: { type: "string", defaultValue: "soc@contoso.com" } },
      variables: { Team: "purple" },
      resources: [
        { type: "Microsoft.Web/connections", name: "x" },
        {
          type: "Microsoft.Logic/workflows",
          name: "[parameters('PlaybookName')]",
          location: "[resourceGroup().location]",
          properties: {
            definition: def(
              {
                Owner: compose("[parameters('Owner')]"),
                Team: compose("[variables('Team')]", { Owner: ["Succeeded"] }),
                Opaque: compose("[concat('/v3/teams/@{encodeURIComponent(', parameters('TeamsId'), ')}')]", { Team: ["Succeeded"] }),
                Escaped: compose("[[not ARM]", { Opaque: ["Succeeded"] }),
                Name: compose("@workflow().name", { Escaped: ["Succeeded"] }),
                Call: api("wdatp", "get", "/api/alerts/1", { runAfter: { Name: ["Succeeded"] } }),
              },
              { parameters: { $connections: { type: "Object", defaultValue: {} } } },
            ),
            parameters: {
              $connections: {
                value: {
                  wdatp: {
                    connectionId: "[resourceId('Microsoft.Web/connections', variables('MDATPConnectionName'))]",
                    id: "[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', resourceGroup().location, '/managedApis/wdatp')]",
                  },
                },
              },
            },
          },
        },
      ],
    };
    const run = simulate(template, { mocks: wdatpOk });
    expect(run.action("Owner").outputs).toBe("soc@contoso.com");
    expect(run.action("Team").outputs).toBe("purple");
    expect(run.action("Opaque").outputs).toBe("[concat('/v3/teams/@{encodeURIComponent(', parameters('TeamsId'), ')}')]");
    expect(run.action("Escaped").outputs).toBe("[not ARM]");
    expect(run.action("Name").outputs).toBe("Isolate-Playbook");
    expect(run.calls[0]!.connector).toBe("wdatp");
    expect(simulate(template, { mocks: wdatpOk, armParameters: { owner: "other@contoso.com" } }).action("Owner").outputs).toBe("other@contoso.com");
  });

  it("an ARM template without a workflow resource, or with a wrong resource name, is an InvalidTarget", () => {
    expect(() => simulate({ resources: [] })).toThrow(SimulationError);
    const t = { resources: [{ type: "Microsoft.Logic/workflows", name: "a", properties: { definition } }] };
    expect(() => simulate(t, { resource: "b" })).toThrow(/no workflow resource named 'b'; it has: a/);
  });

  it("workflow() and listCallbackUrl() describe the simulated workflow", () => {
    const run = simulate(def({ W: compose({ w: "@workflow()", url: "@listCallbackUrl()" }) }), { workflowName: "wf", location: "eastus" });
    const out = run.action("W").outputs as { w: { name: string; id: string; location: string; run: { name: string } }; url: string };
    expect(out.w.name).toBe("wf");
    expect(out.w.location).toBe("eastus");
    expect(out.w.id).toMatch(/\/providers\/Microsoft\.Logic\/workflows\/wf$/);
    expect(out.w.run.name).toMatch(/^0858\d{16}CU\d{2}$/);
    expect(out.url).toMatch(/^https:\/\/prod-00\.eastus\.logic\.azure\.com:443\/workflows\/[0-9a-f]{32}\/triggers\/manual\/paths\/invoke\?/);
  });

  it("options are checked", () => {
    expect(() => simulate(definition, { now: "yesterday" })).toThrow(/'now' must be an ISO timestamp/);
    expect(() => simulate(definition, { trigger: [] as unknown as { body: unknown } })).toThrow(/trigger outputs must be an object/);
  });
});
