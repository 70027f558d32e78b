/**
 * Exact JSON of the operations declared for what the corpus calls (IP / domain statistics, the legacy Sentinel case
 * actions, Outlook's shared-mailbox and first send, Teams replies, Flow bot messages and cards): each call renders
 * exactly the given action, and called with the arguments `import` reads off a corpus action it renders that
 * action's `inputs` again. Also what each one means for a SOC (permissions, notification, deprecation).
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { defender, outlook, sentinel, teams } from "../../playbooks/connectors";
import { raw } from "../../playbooks/kit";
import type { ActionSpec } from "../../playbooks/kit/operation";
import { requiredPermissions, type OperationInfo } from "../../operations";
import { walkActions } from "../../wdl";
import { CORPUS, CORPUS_EXTRA, readJson } from "../support/paths";
import { buildWith } from "../kit/support";

type Obj = Record<string, any>;

/** Every action of every workflow of a corpus file, by name. */
function corpusActions(file: string): Record<string, Obj> {
  const template = readJson(file) as Obj;
  const out: Record<string, Obj> = {};
  for (const r of template.resources.filter((x: Obj) => String(x.type).toLowerCase() === "microsoft.logic/workflows")) {
    walkActions(r.properties.definition.actions, "/actions", (v) => void (out[v.name] = v.action as Obj));
  }
  return out;
}

/** The one rendered action of a call, as the built definition holds it. */
function rendered(spec: ActionSpec<unknown>): Obj {
  return buildWith((flow) => void flow.step("Call", spec)).definition.actions.Call as Obj;
}

/** `inputs` without the connection (its `$connections` key is the template's own). */
const request = (action: Obj): Obj => {
  const { host: _h, ...rest } = action.inputs;
  return rest;
};

const connection = (api: string) => ({ connection: { name: `@parameters('$connections')['${api}']['connectionId']` } });

describe("MDE IP and domain statistics", () => {
  it("GET /api/ips/{ip}/stats and /api/domains/{domain}/stats with lookBackHours", () => {
    expect(rendered(defender.getIpStats({ ip: "10.0.0.1", lookBackHours: 48 }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("wdatp"), method: "get", path: "/api/ips/10.0.0.1/stats", queries: { lookBackHours: 48 } },
      runAfter: {},
    });
    expect(rendered(defender.getDomainStats({ domain: "contoso.com" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("wdatp"), method: "get", path: "/api/domains/contoso.com/stats" },
      runAfter: {},
    });
  });

  it("render Get-MDEStatistics' calls again, and need Ip.Read.All / URL.Read.All", () => {
    const corpus = corpusActions(path.join(CORPUS, "sentinel-mde/get-mdestatistics-alert.json"));
    const ip = rendered(defender.getIpStats({ ip: raw("@encodeURIComponent(items('For_each')?['Address'])"), lookBackHours: 720 }));
    const domain = rendered(defender.getDomainStats({ domain: raw("@encodeURIComponent(items('For_each_2')?['DnsDomain'])"), lookBackHours: 720 }));
    expect(request(ip)).toStrictEqual(request(corpus["Ips_-_Get_the_statistics_for_the_given_ip_address"]!));
    expect(request(domain)).toStrictEqual(request(corpus["Domains_-_Get_the_statistics_for_the_given_domain_name"]!));
    const definition = buildWith((flow) => {
      flow.step("Ip", defender.getIpStats({ ip: "10.0.0.1" }));
      flow.step("Domain", defender.getDomainStats({ domain: "contoso.com" }));
    }).definition;
    expect(requiredPermissions(definition)).toEqual([
      { resource: "WindowsDefenderATP", role: "Ip.Read.All" },
      { resource: "WindowsDefenderATP", role: "URL.Read.All" },
    ]);
  });
});

describe("the legacy Sentinel case actions", () => {
  const ad4iot = corpusActions(path.join(CORPUS, "sentinel-mde/ad4iot-tritondetectionandresponse.json"));
  const vulnerabilities = corpusActions(path.join(CORPUS, "sentinel-mde/get-mdatpvulnerabilities-crlf.json"));
  const encoded = (e: string) => raw(`@encodeURIComponent(${e})`);
  const incidentCase = {
    subscriptionId: encoded("triggerBody()?['workspaceInfo']?['SubscriptionId']"),
    workspaceId: encoded("triggerBody()?['workspaceId']"),
    resourceGroup: encoded("triggerBody()?['workspaceInfo']?['ResourceGroupName']"),
    kind: encoded("'Incident'"),
    caseNumber: encoded("triggerBody()?['object']?['properties']?['incidentNumber']"),
  };

  it("address a case by subscription, workspace, resource group, kind and number in the path", () => {
    const literal = { subscriptionId: "s", workspaceId: "w", resourceGroup: "rg", kind: "Incident", caseNumber: 42 };
    expect(rendered(sentinel.legacyChangeIncidentStatus({ ...literal, status: "Closed", closeReason: "FalsePositive", closeReasonText: "t" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("azuresentinel"), method: "put", path: "/Case/s/w/rg/Incident/42/Status/Closed", body: { CloseReason: "FalsePositive", CloseReasonText: "t" } },
      runAfter: {},
    });
    expect(rendered(sentinel.legacyChangeIncidentSeverity({ ...literal, severity: "High" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("azuresentinel"), method: "put", path: "/Case/s/w/rg/Incident/42/Severity/High" },
      runAfter: {},
    });
    expect(rendered(sentinel.legacyAddIncidentComment({ ...literal, comment: "seen" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("azuresentinel"), method: "put", path: "/Comment/s/w/rg/Incident/42", body: { Value: "seen" } },
      runAfter: {},
    });
    expect(rendered(sentinel.legacyAlertGetIncident({ alertId: "a", subscriptionId: "s", workspaceId: "w", resourceGroup: "rg" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("azuresentinel"), method: "get", path: "/Cases/a/s/w/rg" },
      runAfter: {},
    });
  });

  it("render AD4IoT-Triton's and Get-MDATPVulnerabilities' calls again", () => {
    const close = sentinel.legacyChangeIncidentStatus({
      ...incidentCase,
      status: encoded("'Closed'"),
      closeReason: "BenignPositive",
      closeReasonText: "Authorized PC",
    });
    expect(request(rendered(close))).toStrictEqual(request(ad4iot["Resolve_incident_-_Authorized_PC"]!));
    expect(request(rendered(sentinel.legacyChangeIncidentSeverity({ ...incidentCase, severity: encoded("'Critical'") })))).toStrictEqual(
      request(ad4iot.Change_incident_severity_to_critical!),
    );
    const comment = "PLC Proggraming occured from a non-engineering workstation, that was remotly accessed by an unauthorized IT PC";
    expect(request(rendered(sentinel.legacyAddIncidentComment({ ...incidentCase, comment })))).toStrictEqual(request(ad4iot.Enrich_incident_with_investigation_details!));
    const get = sentinel.legacyAlertGetIncident({
      alertId: encoded("triggerBody()?['SystemAlertId']"),
      subscriptionId: encoded("triggerBody()?['WorkspaceSubscriptionId']"),
      workspaceId: encoded("triggerBody()?['WorkspaceId']"),
      resourceGroup: encoded("triggerBody()?['WorkspaceResourceGroup']"),
    });
    expect(request(rendered(get))).toStrictEqual(request(vulnerabilities["Alert_-_Get_incident"]!));
  });

  it("read with Reader, write with Responder; writes are notifications; all are marked deprecated", () => {
    const ops = sentinel.operations;
    const legacy: OperationInfo[] = [ops.legacyAlertGetIncident, ops.legacyChangeIncidentStatus, ops.legacyChangeIncidentSeverity, ops.legacyAddIncidentComment];
    expect(legacy.map((o) => [o.name, o.permissions.map((p) => p.role), o.notification ?? false, o.destructive])).toEqual([
      ["legacyAlertGetIncident", ["Microsoft Sentinel Reader"], false, false],
      ["legacyChangeIncidentStatus", ["Microsoft Sentinel Responder"], true, false],
      ["legacyChangeIncidentSeverity", ["Microsoft Sentinel Responder"], true, false],
      ["legacyAddIncidentComment", ["Microsoft Sentinel Responder"], true, false],
    ]);
    for (const o of legacy) expect(o.deprecated).toMatch(/updateIncident \/ addIncidentComment/);
  });
});

describe("Outlook: every field templates send, the shared mailbox, the first Send an email", () => {
  it("Send an email (V2) with Cc, Bcc, From, ReplyTo, Sensitivity, attachments and IsHtml", () => {
    const mail = outlook.sendEmail({
      to: "a@contoso.com",
      subject: "s",
      body: "<p>b</p>",
      cc: "c@contoso.com",
      bcc: "d@contoso.com",
      from: "soc@contoso.com",
      replyTo: "r@contoso.com",
      importance: "High",
      sensitivity: "Confidential",
      attachments: [{ name: "report.csv", contentBytes: "YQ==" }],
      isHtml: true,
    });
    expect(rendered(mail)).toStrictEqual({
      type: "ApiConnection",
      inputs: {
        host: connection("office365"),
        method: "post",
        path: "/v2/Mail",
        body: {
          To: "a@contoso.com",
          Subject: "s",
          Body: "<p>b</p>",
          Cc: "c@contoso.com",
          Bcc: "d@contoso.com",
          ReplyTo: "r@contoso.com",
          Importance: "High",
          Sensitivity: "Confidential",
          Attachments: [{ Name: "report.csv", ContentBytes: "YQ==" }],
          IsHtml: true,
          From: "soc@contoso.com",
        },
      },
      runAfter: {},
    });
  });

  it("no attachments, no Attachments member", () => {
    expect(rendered(outlook.sendEmail({ to: "a@contoso.com", subject: "s", body: "b", attachments: [] })).inputs.body).toStrictEqual({ To: "a@contoso.com", Subject: "s", Body: "b" });
  });

  it("renders Secure Score's mail with its attachment again", () => {
    const corpus = corpusActions(path.join(CORPUS_EXTRA, "defender-for-cloud/secure-score-securescoreovertimereport-azuredeploy.json"));
    const mail = outlook.sendEmail({
      to: raw("@parameters('emailtosend')"),
      subject: "Weekly Secure Score Progress Report",
      body: raw("<p>@{variables('EmailBody')}</p>"),
      attachments: [{ name: raw("@body('Comparisonscore')?['attachmentName']"), contentBytes: raw("@{body('Comparisonscore')?['attachmentContent']}") }],
    });
    expect(request(rendered(mail))).toStrictEqual(request(corpus["Send_an_email_(V2)"]!));
  });

  it("from a shared mailbox: POST /v2/SharedMailbox/Mail with MailboxAddress", () => {
    expect(rendered(outlook.sendSharedMailboxEmail({ mailbox: "soc@contoso.com", to: "a@contoso.com", subject: "s", body: "b" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("office365"), method: "post", path: "/v2/SharedMailbox/Mail", body: { MailboxAddress: "soc@contoso.com", To: "a@contoso.com", Subject: "s", Body: "b" } },
      runAfter: {},
    });
  });

  it("the first Send an email: POST /Mail, marked deprecated", () => {
    expect(rendered(outlook.sendEmailV1({ to: "a@contoso.com", subject: "s", body: "b" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("office365"), method: "post", path: "/Mail", body: { To: "a@contoso.com", Subject: "s", Body: "b" } },
      runAfter: {},
    });
    expect(outlook.operations.sendEmailV1.deprecated).toMatch(/Send an email \(V2\)/);
    expect(outlook.operations.sendSharedMailboxEmail.deprecated).toBeUndefined();
  });
});

describe("Teams: replies, Flow bot messages, cards, user notifications", () => {
  const channel = { poster: "Flow bot" as const, location: "Channel" as const, teamId: "t1", channelId: "c1" };

  it("a reply in a channel thread", () => {
    expect(rendered(teams.replyToChannelMessage({ teamId: "t1", channelId: "c1", messageId: "m1", html: "<p>r</p>" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: { host: connection("teams"), method: "post", path: "/v2/beta/teams/t1/channels/c1/messages/m1/replies", body: { body: { content: "<p>r</p>", contentType: "html" } } },
      runAfter: {},
    });
  });

  it("Post message in a chat or channel, and Post card: poster and location in the path, the channel in recipient", () => {
    expect(rendered(teams.postMessage({ ...channel, html: "<p>m</p>" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: {
        host: connection("teams"),
        method: "post",
        path: "/beta/teams/conversation/message/poster/Flow%20bot/location/Channel",
        body: { recipient: { groupId: "t1", channelId: "c1" }, messageBody: "<p>m</p>" },
      },
      runAfter: {},
    });
    expect(rendered(teams.postCard({ ...channel, poster: "User", card: "{}" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: {
        host: connection("teams"),
        method: "post",
        path: "/v1.0/teams/conversation/adaptivecard/poster/User/location/Channel",
        body: { recipient: { groupId: "t1", channelId: "c1" }, messageBody: "{}" },
      },
      runAfter: {},
    });
  });

  it("renders Send-AnalyticalRulesHealthNotifications' Flow bot post again", () => {
    const corpus = corpusActions(path.join(CORPUS, "sentinel-other/send-analyticalruleshealthnotifications.json"));
    const source = corpus.Post_message_in_a_chat_or_channel!;
    const post = teams.postMessage({
      poster: raw("@encodeURIComponent('Flow bot')"),
      location: raw("@encodeURIComponent('Channel')"),
      teamId: raw("@variables('TeamsId')"),
      channelId: raw("@variables('ChannelId')"),
      html: raw(source.inputs.body.messageBody),
    });
    expect(request(rendered(post))).toStrictEqual(request(source));
  });

  it("the Flow bot's notification to users, marked deprecated", () => {
    expect(rendered(teams.notifyUser({ to: "a@contoso.com", title: "T", message: "M" }))).toStrictEqual({
      type: "ApiConnection",
      inputs: {
        host: connection("teams"),
        method: "post",
        path: "/flowbot/actions/notification/recipienttypes/user",
        body: { recipient: { to: "a@contoso.com" }, messageTitle: "T", messageBody: "M" },
      },
      runAfter: {},
    });
    expect(teams.operations.notifyUser.deprecated).toMatch(/postMessage/);
  });

  it("every messaging operation is a notification, needs no app role, and destroys nothing", () => {
    const ops: OperationInfo[] = [...Object.values(teams.operations), ...Object.values(outlook.operations)];
    expect(ops.map((o) => [o.name, o.notification, o.permissions.length, o.destructive])).toEqual(ops.map((o) => [o.name, true, 0, false]));
    expect(new Set(ops.map((o) => (o.kind === "api" ? `${o.connector}/${o.operationId}` : o.name))).size).toBe(ops.length);
  });
});
