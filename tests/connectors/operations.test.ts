import { describe, expect, it } from "vitest";
import { CONNECTORS, defender, graphMail, outlook, teams } from "../../playbooks/connectors";
import { invoke } from "../../playbooks/connectors/define";
import type { Operation } from "../../playbooks/kit";
import { requiredPermissions } from "../../operations";
import { buildWith } from "../kit/support";

/** Example arguments for every declared operation. */
const EXAMPLES: Record<string, unknown> = {
  getAlert: { alertId: "da637472900382838869_1364969609" },
  listAlerts: { filter: "severity eq 'High'", top: 5 },
  updateAlert: { alertId: "a1", status: "Resolved", classification: "TruePositive" },
  getMachine: { machineId: "1e5bc9d7e4" },
  listMachines: { filter: "healthStatus eq 'Active'" },
  isolateMachine: { machineId: "m1", comment: "isolate", isolationType: "Selective" },
  releaseMachine: { machineId: "m1", comment: "release" },
  restrictAppExecution: { machineId: "m1", comment: "restrict" },
  unrestrictAppExecution: { machineId: "m1", comment: "unrestrict" },
  runAntivirusScan: { machineId: "m1", comment: "scan", scanType: "Full" },
  tagMachine: { machineId: "m1", tag: "Compromised", action: "Add" },
  collectInvestigationPackage: { machineId: "m1", comment: "collect" },
  getInvestigationPackageUri: { machineActionId: "ma1" },
  startInvestigation: { machineId: "m1", comment: "investigate" },
  getMachineAction: { machineActionId: "ma1" },
  getFileStats: { fileHash: "ff836cfb1af40252bd2a2ea843032e99a5b262ed", lookBackHours: 48 },
  getIpStats: { ip: "10.0.0.1", lookBackHours: 48 },
  getDomainStats: { domain: "contoso.com" },
  runAdvancedQuery: { query: "DeviceEvents | take 1" },
  runHuntingQuery: { query: "DeviceEvents | take 1" },
  sendEmail: { to: "soc@contoso.com", subject: "s", body: "<p>b</p>" },
  sendMail: { sender: "soc@contoso.com", to: [{ emailAddress: { address: "a@contoso.com" } }], subject: "s", html: "<p>b</p>" },
  sendSharedMailboxEmail: { mailbox: "soc@contoso.com", to: "a@contoso.com", subject: "s", body: "b" },
  sendEmailV1: { to: "soc@contoso.com", subject: "s", body: "b" },
  postChannelMessage: { teamId: "t1", channelId: "c1", html: "<p>hi</p>" },
  replyToChannelMessage: { teamId: "t1", channelId: "c1", messageId: "m1", html: "<p>hi</p>" },
  postMessage: { poster: "Flow bot", location: "Channel", teamId: "t1", channelId: "c1", html: "<p>hi</p>" },
  postCard: { poster: "User", location: "Channel", teamId: "t1", channelId: "c1", card: "{}" },
  notifyUser: { to: "a@contoso.com", message: "hi" },
  submitIndicator: { indicatorValue: "1.2.3.4", indicatorType: "IpAddress", action: "Block", title: "t", description: "d" },
  getLogonUsers: { machineId: "m1" },
  // Operations whose name another connector uses too are keyed `<connector>.<name>`.
  "sentinel.getHosts": { entities: "@triggerBody()?['object']?['properties']?['relatedEntities']" },
  "sentinel.getAccounts": { entities: [] },
  "sentinel.getIPs": { entities: [] },
  "sentinel.getURLs": { entities: [] },
  "sentinel.getFileHashes": { entities: [] },
  "sentinel.getIncident": { incidentArmId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/Incidents/i" },
  "sentinel.alertGetIncident": { subscriptionId: "s", resourceGroup: "rg", workspaceId: "w", alertId: "a" },
  "sentinel.updateIncident": { incidentArmId: "i", status: "Active" },
  "sentinel.addIncidentComment": { incidentArmId: "i", message: "<p>m</p>" },
  "sentinel.legacyAlertGetIncident": { alertId: "a", subscriptionId: "s", workspaceId: "w", resourceGroup: "rg" },
  "sentinel.legacyChangeIncidentStatus": { subscriptionId: "s", workspaceId: "w", resourceGroup: "rg", kind: "Incident", caseNumber: 1, status: "Closed" },
  "sentinel.legacyChangeIncidentSeverity": { subscriptionId: "s", workspaceId: "w", resourceGroup: "rg", kind: "Incident", caseNumber: 1, severity: "High" },
  "sentinel.legacyAddIncidentComment": { subscriptionId: "s", workspaceId: "w", resourceGroup: "rg", kind: "Incident", caseNumber: 1, comment: "c" },
  "graphSecurity.getAlert": { alertId: "da637" },
  "graphSecurity.listAlerts": { filter: "severity eq 'high'", top: 50 },
  "graphSecurity.updateAlert": { alertId: "da637", status: "inProgress" },
  "graphSecurity.addAlertComment": { alertId: "da637", comment: "c" },
  "graphSecurity.getIncident": { incidentId: "2972395" },
  "graphSecurity.listIncidents": { top: 10 },
  "graphSecurity.updateIncident": { incidentId: "2972395", status: "active" },
  "graphSecurity.addIncidentComment": { incidentId: "2972395", comment: "c" },
  "graphSecurity.runHuntingQuery": { query: "DeviceEvents | take 1" },
};

const example = (key: string, name: string): unknown => EXAMPLES[`${key}.${name}`] ?? EXAMPLES[name];

const operations = Object.entries(CONNECTORS).flatMap(([key, c]) => Object.values(c.operations as Record<string, Operation>).map((op) => ({ key, op })));

describe("every connector operation", () => {
  it("has an example here", () => {
    expect(operations.filter(({ key, op }) => example(key, op.name) === undefined).map(({ key, op }) => `${key}.${op.name}`)).toEqual([]);
  });

  for (const { key, op } of operations) {
    it(`${key}.${op.name}: renders its method and path, and its permissions are what the definition implies`, () => {
      const playbook = buildWith((flow) => void flow.step("Call", invoke(op, example(key, op.name) as never)));
      const action = playbook.definition.actions.Call as { type: string; inputs: { method: string; path?: string; uri?: string } };
      if (op.kind === "api") {
        expect(action.type).toBe("ApiConnection");
        expect(action.inputs.method).toBe(op.method);
        expect(action.inputs.path).toMatch(new RegExp(`^${op.path.replace(/\{[a-zA-Z]+\}/g, "[^/]+").replace(/[()]/g, "\\$&")}$`));
        expect(playbook.connectors).toEqual([op.connector]);
      } else {
        expect(action.type).toBe("Http");
        expect(action.inputs.method).toBe(op.method);
        expect(playbook.connectors).toEqual([]);
      }
      expect(requiredPermissions(playbook.definition)).toEqual([...op.permissions]);
    });
  }
});

describe("exact renderings", () => {
  it("isolate", () => {
    expect(defender.isolateMachine({ machineId: "m 1", comment: "Isolated", isolationType: "Full" }).action).toMatchObject({
      type: "ApiConnection",
      inputs: { method: "post", path: "/api/machines/m%201/isolate", body: { Comment: "Isolated", IsolationType: "Full" } },
    });
    const playbook = buildWith((flow) => void flow.step("Isolate", defender.isolateMachine({ machineId: "m1", comment: "c", isolationType: "Full" })));
    expect(playbook.definition.actions.Isolate).toStrictEqual({
      type: "ApiConnection",
      inputs: {
        host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } },
        method: "post",
        path: "/api/machines/m1/isolate",
        body: { Comment: "c", IsolationType: "Full" },
      },
      runAfter: {},
    });
    expect(defender.operations.isolateMachine.destructive).toBe(true);
  });

  it("Graph sendMail with the managed identity", () => {
    const playbook = buildWith((flow) => void flow.step("Mail", graphMail.sendMail(EXAMPLES.sendMail as never)));
    expect(playbook.definition.actions.Mail).toStrictEqual({
      type: "Http",
      inputs: {
        method: "POST",
        uri: "https://graph.microsoft.com/v1.0/users/soc%40contoso.com/sendMail",
        body: {
          message: { subject: "s", body: { contentType: "HTML", content: "<p>b</p>" }, toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] },
          saveToSentItems: false,
        },
        authentication: { type: "ManagedServiceIdentity", identity: "@parameters('managedIdentity')", audience: "https://graph.microsoft.com" },
      },
      runAfter: {},
    });
  });

  it("Outlook Send an email (V2) and Teams Post a message (V3)", () => {
    expect(outlook.sendEmail({ to: "a@b.c", subject: "s", body: "b", importance: "High" }).action).toMatchObject({
      inputs: { method: "post", path: "/v2/Mail", body: { To: "a@b.c", Subject: "s", Body: "b", Importance: "High" } },
    });
    expect(teams.postChannelMessage({ teamId: "t", channelId: "c", html: "<p>x</p>", subject: "S" }).action).toMatchObject({
      inputs: { method: "post", path: "/v3/beta/teams/t/channels/c/messages", body: { body: { content: "<p>x</p>", contentType: "html" }, subject: "S" } },
    });
  });

  it("list operations put OData options in queries and drop unset ones", () => {
    expect(defender.listAlerts({ filter: "status eq 'New'", top: 10 }).action).toMatchObject({ inputs: { queries: { $filter: "status eq 'New'", $top: 10 } } });
    const rendered = buildWith((flow) => void flow.step("List", defender.listAlerts({}))).definition.actions.List as { inputs: object };
    expect(rendered.inputs).not.toHaveProperty("queries");
  });

  it("the deprecated connector Advanced Hunting action says so", () => {
    expect(defender.operations.runAdvancedQuery.deprecated).toMatch(/2027-02-01/);
  });
});
