/** graph-alert-triage: the window and filter, update + comment per alert, the email, nothing when there are none. */
import { describe, expect, it } from "vitest";
import { graphAlertTriage } from "../../playbooks/catalog";
import { sampleGraphAlert } from "../../playbooks/catalog/scenarios";
import { requiredPermissions } from "../../operations";
import { mocks, simulate, type MockRequest } from "../../simulator";

type Obj = Record<string, any>;
const params = { notifyTo: "soc@contoso.com", senderMailbox: "mde@contoso.com" };

function run(alerts: unknown[], parameters: Record<string, unknown> = {}) {
  const lists: MockRequest[] = [];
  const subjects: string[] = [];
  const record = simulate(graphAlertTriage().definition, {
    trigger: { body: null },
    now: "2026-11-27T08:15:00Z",
    parameters: { ...params, ...parameters },
    mocks: [
      mocks.graphSecurity.listAlerts((req) => (lists.push(req), { status: 200, body: { value: alerts as never } })),
      mocks.graphSecurity.updateAlert({ status: 200, body: { status: "inProgress" } }),
      mocks.graphSecurity.addAlertComment({ status: 200, body: { value: [] } }),
      mocks.graphMail.sendMail((req) => (subjects.push((req.body as { message: { subject: string } }).message.subject), { status: 202 })),
    ],
  });
  return { record, lists, subjects };
}

describe("graph-alert-triage", () => {
  it("runs on a Recurrence and asks alerts_v2 for new alerts of the severity created since the last run, less the overlap", () => {
    const definition = graphAlertTriage().definition as Obj;
    expect(definition.triggers.Recurrence).toEqual({ type: "Recurrence", recurrence: { frequency: "@parameters('recurrenceFrequency')", interval: "@parameters('recurrenceInterval')" } });
    const { lists } = run([]);
    expect(lists).toHaveLength(1);
    // Every 15 minutes with a 5-minute overlap: the window starts 20 minutes before 08:15.
    expect(lists[0]!.queries).toMatchObject({ $filter: "severity eq 'high' and status eq 'new' and createdDateTime ge 2026-11-27T07:55:00Z", $orderby: "createdDateTime asc", $top: 50 });
    const hourly = run([], { recurrenceFrequency: "Hour", recurrenceInterval: 2, overlapMinutes: 0, severity: "medium" });
    expect(hourly.lists[0]!.queries!.$filter).toBe("severity eq 'medium' and status eq 'new' and createdDateTime ge 2026-11-27T06:15:00Z");
  });

  it("sets each alert's status, comments on it, and emails the count", () => {
    const a = sampleGraphAlert(1, "Suspicious PowerShell command line") as { id: string };
    const b = sampleGraphAlert(2, "Ransomware behavior detected") as { id: string };
    const { record, subjects } = run([a, b], { triageStatus: "resolved" });
    expect(record.status).toBe("Succeeded");
    for (const alert of [a, b]) {
      const [update] = record.callsTo("http", "PATCH", `https://graph.microsoft.com/v1.0/security/alerts_v2/${alert.id}`);
      expect(update!.body).toEqual({ status: "resolved" });
      const [comment] = record.callsTo("http", "POST", `https://graph.microsoft.com/v1.0/security/alerts_v2/${alert.id}/comments`);
      expect(comment!.body).toEqual({ "@odata.type": "microsoft.graph.security.alertComment", comment: "Triaged by playbook-kit graph-alert-triage: status set to resolved; the SOC was emailed." });
    }
    expect(subjects).toEqual(["Defender XDR: 2 new high alert(s) triaged"]);
  });

  it("no new alert: no update, no comment, no email", () => {
    const { record, subjects } = run([]);
    expect(record.status).toBe("Succeeded");
    expect(record.callsTo("http", "PATCH")).toEqual([]);
    expect(subjects).toEqual([]);
  });

  it("needs the Graph alert roles and Mail.Send, and neither Sentinel nor a deprecated operation", () => {
    const playbook = graphAlertTriage();
    expect(requiredPermissions(playbook.definition).map((p) => `${p.resource}/${p.role}`).sort()).toEqual([
      "MicrosoftGraph/Mail.Send",
      "MicrosoftGraph/SecurityAlert.Read.All",
      "MicrosoftGraph/SecurityAlert.ReadWrite.All",
    ]);
    expect(playbook.connectors).toEqual([]);
    expect(playbook.destructiveSteps).toEqual([]);
  });
});
