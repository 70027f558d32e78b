/** Sentinel playbooks chosen for control flow (Table, Http with a managed identity, Foreach), run end to end. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { simulate, type Mock } from "../../simulator";
import { CORPUS, readJson } from "../support/paths";

const load = (file: string) => readJson(path.join(CORPUS, file));

describe("sentinel-other/send-analyticalruleshealthnotifications.json (Recurrence, Http, ParseJson, Foreach, HTML Table)", () => {
  const template = load("sentinel-other/send-analyticalruleshealthnotifications.json");
  // Template parameters without defaults are given as ARM parameter values; the rest keep their defaults.
  const armParameters = { AzureSentinelWorkspaceName: "ws1", AzureSentinelResourceGroupName: "rg1", MailingList: "soc@contoso.com" };
  const rule = (name: string, displayName: string, enabled: boolean) => ({
    id: `/rules/${name}`,
    name,
    etag: "e",
    type: "Microsoft.SecurityInsights/alertRules",
    kind: "Scheduled",
    properties: { displayName, enabled, description: `${displayName} failed`, query: "DeviceProcessEvents | take 1", severity: "High" },
  });
  const mocks = (rules: unknown[]): Mock[] => [
    { http: { method: "GET", uri: "https://management.azure.com/subscriptions/*/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{ws}/providers/Microsoft.SecurityInsights/alertRules" }, response: { status: 200, body: { value: rules } } },
    { connector: "office365", method: "post", path: "/v2/Mail", response: { status: 200 } },
    { connector: "teams", method: "post", path: "/beta/teams/conversation/message/poster/{poster}/location/{location}", response: { status: 201 } },
  ];

  it("emails and posts an HTML table of the auto-disabled rules", () => {
    const run = simulate(template, { armParameters, mocks: mocks([rule("r1", "AUTO DISABLED Rare process", false), rule("r2", "Healthy rule", true)]) });
    expect(run.status).toBe("Succeeded");
    // The workspace and resource group come from ARM parameter values; the subscription id stays an opaque ARM literal.
    expect(run.callsTo("http")[0]!.uri).toBe(
      "https://management.azure.com/subscriptions/[subscription().subscriptionId]/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/ws1/providers/Microsoft.SecurityInsights/alertRules?api-version=2020-01-01",
    );
    const table =
      "<table><thead><tr><th>Rule Name</th><th>Reason</th><th>KQL Query</th><th>Severity</th></tr></thead><tbody><tr><td>AUTO DISABLED Rare process</td><td>AUTO DISABLED Rare process failed</td><td>DeviceProcessEvents | take 1</td><td>High</td></tr></tbody></table>";
    expect((run.action("Create_HTML_table").outputs as { body: string }).body).toBe(table);
    const mail = run.callsTo("office365", "post", "/v2/Mail")[0]!.body as Record<string, string>;
    expect(mail.To).toBe("soc@contoso.com");
    expect(mail.Importance).toBe("High");
    expect(mail.Body).toContain(table);
    const post = run.callsTo("teams")[0]!;
    expect(post.path).toBe("/beta/teams/conversation/message/poster/Flow%20bot/location/Channel");
    expect((post.body as { recipient: unknown }).recipient).toEqual({ channelId: "ChannelId", groupId: "TeamsId" });
  });

  it("sends nothing when no rule was auto-disabled", () => {
    const run = simulate(template, { armParameters, mocks: mocks([rule("r2", "Healthy rule", true)]) });
    expect(run.status).toBe("Succeeded");
    expect(run.action("Condition_2").inputs).toEqual({ expressionResult: false });
    expect(run.calls.map((c) => c.action)).toEqual(["HTTP"]);
  });
});

describe("sentinel-other/restrict-mdeurl-alert.json (Foreach + Http indicators with a managed identity)", () => {
  const template = load("sentinel-other/restrict-mdeurl-alert.json");
  const trigger = { body: { WorkspaceSubscriptionId: "s", WorkspaceResourceGroup: "r", WorkspaceId: "w", SystemAlertId: "a", TimeGenerated: "2024-01-01T10:00:00Z", Entities: [] } };
  const mocks: Mock[] = [
    { connector: "azuresentinel", method: "get", response: { status: 200, body: { id: "/incidents/3", properties: { incidentNumber: 3, title: "Phishing", severity: "Medium" } } } },
    { connector: "azuresentinel", method: "post", path: "/entities/url", response: { status: 200, body: { URLs: [{ Url: "http://bad.example/x" }, { Url: "http://evil.example" }] } } },
    { http: { method: "POST", uri: "https://api.securitycenter.windows.com/api/indicators" }, response: (req) => ({ status: 200, body: { id: (req.body as { indicatorValue: string }).indicatorValue } }) },
    { connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: { status: 200 } },
  ];

  it("submits one AlertAndBlock indicator per URL, expiring 90 days after the alert, and comments", () => {
    const run = simulate(template, { trigger, mocks });
    expect(run.status).toBe("Succeeded");
    const indicators = run.callsTo("http", "post", "https://api.securitycenter.windows.com/api/indicators").map((c) => c.body as Record<string, string>);
    expect(indicators.map((i) => i.indicatorValue)).toEqual(["http://bad.example/x", "http://evil.example"]);
    expect(indicators[0]).toMatchObject({ action: "AlertAndBlock", indicatorType: "Url", description: "3-Phishing", severity: "Medium", expirationTime: "2024-03-31T10:00:00Z" });
    // guid() titles come from the seed: different per call, the same on every run.
    expect(indicators[0]!.title).not.toBe(indicators[1]!.title);
    expect(simulate(template, { trigger, mocks }).calls).toEqual(run.calls);
    expect(run.callsTo("azuresentinel", "post", "/Incidents/Comment").map((c) => (c.body as { message: string }).message)).toEqual([
      "<p>http://bad.example/x was added to MDE Indicators with action: AlertandBlock via playbook.</p>",
      "<p>http://evil.example was added to MDE Indicators with action: AlertandBlock via playbook.</p>",
    ]);
  });
});
