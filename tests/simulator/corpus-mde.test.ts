/** Real Sentinel / MDE playbooks (ARM templates from Azure/Azure-Sentinel) run end to end against mocks. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { simulate, type Mock } from "../../simulator";
import { CORPUS, readJson } from "../support/paths";

const load = (file: string) => readJson(path.join(CORPUS, file));

describe("sentinel-mde/solutions-isolate-mdemachine-alert.json (Foreach + If, isolate)", () => {
  const template = load("sentinel-mde/solutions-isolate-mdemachine-alert.json");
  const alert = { WorkspaceSubscriptionId: "sub1", WorkspaceResourceGroup: "rg1", WorkspaceId: "ws1", SystemAlertId: "al/1", Entities: [{ Type: "host" }] };
  const mocks = (isolateStatus = 201): Mock[] => [
    {
      connector: "azuresentinel",
      method: "get",
      path: "/Incidents/subscriptions/{sub}/resourceGroups/{rg}/workspaces/{ws}/alerts/{alert}",
      response: (req) => ({ status: 200, body: { id: `/incidents/for-${req.pathParams.alert}`, properties: { incidentNumber: 42, title: "Suspicious PowerShell" } } }),
    },
    { connector: "azuresentinel", method: "post", path: "/entities/host", response: { status: 200, body: { Hosts: [{ HostName: "pc1", MdatpDeviceId: "dev-1" }, { HostName: "pc2" }] } } },
    { connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status: isolateStatus, body: { id: "ma-1", status: "Pending" } } },
    { connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: { status: 200 } },
  ];

  it("isolates only hosts with an MDE device id and comments on the incident for each host", () => {
    const run = simulate(template, { trigger: { body: alert }, mocks: mocks() });
    expect(run.status).toBe("Succeeded");
    expect(run.calls[0]!.path).toBe("/Incidents/subscriptions/sub1/resourceGroups/rg1/workspaces/ws1/alerts/al%2F1");
    const isolations = run.callsTo("wdatp", "post", "/api/machines/{id}/isolate");
    expect(isolations).toHaveLength(1);
    expect(isolations[0]!.path).toBe("/api/machines/dev-1/isolate");
    expect(isolations[0]!.body).toEqual({ Comment: "Isolated from playbook for Microsoft Sentinel Incident:  42 - Suspicious PowerShell", IsolationType: "Full" });
    const comments = run.callsTo("azuresentinel", "post", "/Incidents/Comment").map((c) => c.body as { incidentArmId: string; message: string });
    expect(comments.map((c) => c.incidentArmId)).toEqual(["/incidents/for-al/1", "/incidents/for-al/1"]);
    expect(comments[0]!.message).toBe("<p>pc1 was isolated in MDE and the status was Pending</p>");
    expect(comments[1]!.message).toContain("pc2 does not have MDEDeviceID");
    const its = run.iterations("For_each");
    expect(its[0]!.actions["Actions_-_Isolate_machine"]!.status).toBe("Succeeded");
    expect(its[1]!.actions["Actions_-_Isolate_machine"]!.status).toBe("Skipped");
  });

  it("a failed isolation fails the loop and the run, and the success comment is skipped", () => {
    const run = simulate(template, { trigger: { body: alert }, mocks: mocks(400) });
    expect(run.status).toBe("Failed");
    expect(run.iterations("For_each")[0]!.actions["Add_comment_to_incident_(V3)"]!.status).toBe("Skipped");
    expect(run.action("For_each").status).toBe("Failed");
  });
});

describe("sentinel-mde/get-mdeinvestigationpackage-incident.json (Foreach + Until + lower-case wait)", () => {
  const template = load("sentinel-mde/get-mdeinvestigationpackage-incident.json");

  function mocks(): Mock[] {
    const polls: Record<string, number> = {};
    return [
      { connector: "azuresentinel", method: "post", path: "/entities/host", response: { status: 200, body: { Hosts: [{ HostName: "pc1" }, { HostName: "pc2" }] } } },
      { connector: "wdatp", method: "get", path: "/api/machines/{name}", response: (r) => ({ status: 200, body: { id: `m-${r.pathParams.name}` } }) },
      {
        connector: "wdatp",
        method: "post",
        path: "/api/machines/{id}/collectInvestigationPackage",
        response: (r) => ({ status: 201, body: { id: `ma-${r.pathParams.id}`, status: "Pending" } }),
      },
      { connector: "wdatp", method: "get", path: "/api/machineactions/{id}/getPackageUri", response: (r) => ({ status: 200, body: { value: `https://pkg.example/${r.pathParams.id}.zip` } }) },
      {
        connector: "wdatp",
        method: "get",
        path: "/api/machineactions/{id}",
        response: (r) => {
          const n = (polls[r.pathParams.id!] = (polls[r.pathParams.id!] ?? 0) + 1);
          return { status: 200, body: { id: r.pathParams.id, status: n < 3 ? "InProgress" : "Succeeded" } };
        },
      },
      { connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: { status: 200 } },
      { connector: "teams", method: "post", path: "/v3/beta/teams/{team}/channels/{channel}/messages", response: { status: 201 } },
    ];
  }

  // The Teams path is the ARM expression "[concat('/v3/beta/teams/@{encodeURIComponent(', parameters('TeamsId'),
  // ')}/channels/…')]": the deployment writes the parameter into a workflow expression, so the value must be an
  // expression literal ('…', quotes included).
  const teamsIds = { TeamsId: "'team-1'", TeamsChannelId: "'chan 1'" };

  it("collects a package per host, polls until the machine action succeeds, then comments and posts to Teams", () => {
    const trigger = { body: { object: { id: "/incidents/inc-9", properties: { incidentNumber: 9, relatedEntities: [{ kind: "Host" }] } } } };
    const run = simulate(template, { trigger, mocks: mocks(), armParameters: teamsIds });
    expect(run.status).toBe("Succeeded");
    expect(run.callsTo("wdatp", "post", "/api/machines/{id}/collectInvestigationPackage").map((c) => c.path)).toEqual([
      "/api/machines/m-pc1/collectInvestigationPackage",
      "/api/machines/m-pc2/collectInvestigationPackage",
    ]);
    // The two iterations run at the same time and share the variable MachineActionStatus (docs,
    // logic-apps-control-flow-loops: Foreach iterations run in parallel by default; "to get predictable results from
    // operations on variables during each loop iteration, run the iterations sequentially"). pc1's third poll sets it
    // to Succeeded at 1:00, so pc2's Until, checking at 1:00, stops after two polls: the published template's race.
    const polled = run.callsTo("wdatp", "get", "/api/machineactions/{id}").map((c) => c.path);
    expect(polled).toEqual(["ma-m-pc1", "ma-m-pc2", "ma-m-pc1", "ma-m-pc2", "ma-m-pc1"].map((id) => `/api/machineactions/${id}`));
    const its = run.iterations("For_each");
    expect(its.map((i) => i.actions.Until!.iterations!.length)).toEqual([3, 2]);
    expect(its.map((i) => i.actions.Until!.endTime)).toEqual(["2024-01-01T00:01:30.000Z", "2024-01-01T00:01:00.000Z"]);
    expect(run.endTime).toBe("2024-01-01T00:01:30.000Z");
    const teams = run.callsTo("teams").map((c) => c.body as { subject: string; body: { content: string } });
    // Calls are in simulated-time order: pc2 posts at 1:00, pc1 at 1:30.
    expect(teams.map((t) => t.body.content)).toEqual([
      "<p>The investigation package is ready for download at https://pkg.example/ma-m-pc2.zip</p>",
      "<p>The investigation package is ready for download at https://pkg.example/ma-m-pc1.zip</p>",
    ]);
    expect(teams[0]!.subject).toBe("MDATP Investgation Package for 9 is Ready");
    expect(run.callsTo("teams").map((c) => c.path)).toEqual(["/v3/beta/teams/team-1/channels/chan%201/messages", "/v3/beta/teams/team-1/channels/chan%201/messages"]);
  });

  it("with the template's placeholder defaults the deployed Teams path is not a valid expression: the post fails", () => {
    const trigger = { body: { object: { id: "/incidents/inc-9", properties: { incidentNumber: 9, relatedEntities: [{ kind: "Host" }] } } } };
    const run = simulate(template, { trigger, mocks: mocks() });
    const post = run.iterations("For_each")[0]!.actions["Post_a_message_(V3)"]!;
    expect(post.status).toBe("Failed");
    expect(post.error!.code).toBe("InvalidTemplate");
    expect(post.error!.message).toContain("encodeURIComponent(Enter the Teams Group ID)");
    expect(run.status).toBe("Failed");
  });

  it("run sequentially, each host polls until its own action succeeded (three polls each, one after the other)", () => {
    const sequential = structuredClone(template) as { resources: { type: string; properties: { definition: { actions: Record<string, Record<string, unknown>> } } }[] };
    const workflow = sequential.resources.find((r) => r.type === "Microsoft.Logic/workflows")!;
    workflow.properties.definition.actions.For_each!.operationOptions = "Sequential";
    const trigger = { body: { object: { id: "/incidents/inc-9", properties: { incidentNumber: 9, relatedEntities: [{ kind: "Host" }] } } } };
    const run = simulate(sequential, { trigger, mocks: mocks() });
    expect(run.iterations("For_each").map((i) => i.actions.Until!.iterations!.length)).toEqual([3, 3]);
    expect(run.endTime).toBe("2024-01-01T00:03:00.000Z");
  });

  it("stops polling at the Until limit when the action never finishes", () => {
    const never: Mock[] = [{ connector: "wdatp", method: "get", path: "/api/machineactions/{id}", response: { status: 200, body: { status: "InProgress" } } }, ...mocks()];
    const run = simulate(template, { trigger: { body: { object: { id: "i", properties: { incidentNumber: 1 } } } }, mocks: never });
    const until = run.iterations("For_each")[0]!.actions.Until!;
    // limit.count is 60 and limit.timeout PT1H: with a 30 s wait per poll the count is hit first (60 × 30 s = 30 min).
    expect(until.iterations).toHaveLength(60);
    expect(until.endTime).toBe("2024-01-01T00:30:00.000Z");
  });
});

describe("sentinel-mde/incident-status-sync-to-wdatp.json (If with a structured contains)", () => {
  const template = load("sentinel-mde/incident-status-sync-to-wdatp.json");
  const trigger = { body: { WorkspaceSubscriptionId: "s", WorkspaceResourceGroup: "r", WorkspaceId: "w", SystemAlertId: "a1", ProviderAlertId: "da637" } };
  const mocks = (products: string[]): Mock[] => [
    { connector: "azuresentinel", method: "get", response: { status: 200, body: { id: "/incidents/7", properties: { additionalData: { alertProductNames: products } } } } },
    { connector: "azuresentinel", method: "put", path: "/Incidents", response: { status: 200 } },
    { connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: { id: "da637", status: "New" } } },
    { connector: "wdatp", method: "patch", path: "/api/alerts/{id}", response: { status: 200, body: { id: "da637", status: "Resolved" } } },
  ];

  it("closes the incident and resolves the MDE alert when the incident came from MDE", () => {
    const run = simulate(template, { trigger, mocks: mocks(["Microsoft Defender Advanced Threat Protection"]) });
    expect(run.status).toBe("Succeeded");
    expect((run.callsTo("azuresentinel", "put", "/Incidents")[0]!.body as { incidentArmId: string; status: string }).status).toBe("Closed");
    const patch = run.callsTo("wdatp", "patch", "/api/alerts/{id}");
    expect(patch).toEqual([{ action: "Alerts_-_Update_alert_2", connector: "wdatp", method: "patch", path: "/api/alerts/da637", body: { status: "Resolved" } }]);
  });

  it("leaves MDE alone for other products", () => {
    const run = simulate(template, { trigger, mocks: mocks(["Azure Active Directory Identity Protection"]) });
    expect(run.status).toBe("Succeeded");
    expect(run.callsTo("wdatp")).toHaveLength(0);
    expect(run.action("Alerts_-_Update_alert_2").status).toBe("Skipped");
  });
});
