/** The catalog playbooks' scenarios, written as a playbook author would: typed mocks, assertions on calls. */
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../scenarios/check";
import { findCatalogEntry, isolateOnHighSeverity, scheduledAdvancedHunting } from "../../playbooks/catalog";
import { SCENARIO_PARAMETERS, sampleAlert, sampleMachine, sampleMachineAction, scenarios } from "../../playbooks/catalog/scenarios";
import { mocks, simulate, type Mock, type MockRequest } from "../../simulator";

const ALERT = sampleAlert("High") as { id: string; title: string; machineId: string };
const params = { notifyTo: "soc@contoso.com; secops@contoso.com", senderMailbox: "mde-automation@contoso.com" };
const trigger = { body: { id: ALERT.id, machineId: ALERT.machineId } };

/** Mail sent through Graph, captured from the requests (the mail steps hide their inputs in the record). */
interface SentMail {
  sender: string;
  subject: string;
  content: string;
  to: string[];
  importance?: string;
}

function mailbox(): { sent: SentMail[]; mock: Mock } {
  const sent: SentMail[] = [];
  const mock = mocks.graphMail.sendMail((req: MockRequest) => {
    const message = (req.body as { message: { subject: string; body: { content: string }; toRecipients: { emailAddress: { address: string } }[]; importance?: string } }).message;
    sent.push({
      sender: req.pathParams.sender!,
      subject: message.subject,
      content: message.body.content,
      to: message.toRecipients.map((r) => r.emailAddress.address),
      ...(message.importance ? { importance: message.importance } : {}),
    });
    return { status: 202 };
  });
  return { sent, mock };
}

function isolateScenario(severity: "High" | "Medium", tags: string[], isolate: Mock, options: { mode?: "enforce" | "audit"; excludedTags?: string[] } = {}) {
  const box = mailbox();
  const playbook = isolateOnHighSeverity({ mode: options.mode });
  const run = simulate(playbook.definition, {
    trigger,
    parameters: { ...params, ...(options.excludedTags ? { excludedTags: options.excludedTags } : {}) },
    now: "2026-11-27T08:15:00Z",
    mocks: [
      mocks.defender.getAlert({ status: 200, body: sampleAlert(severity) }),
      mocks.defender.getMachine({ status: 200, body: sampleMachine(tags) }),
      isolate,
      box.mock,
    ],
  });
  return { run, sent: box.sent, playbook };
}

const isolated = mocks.defender.isolateMachine({ status: 201, body: sampleMachineAction() });

describe("isolate-on-high-severity", () => {
  it("High → the device is isolated (Full) and the SOC is emailed", () => {
    const { run, sent } = isolateScenario("High", ["finance"], isolated);
    expect(run.status).toBe("Succeeded");
    expect(run.callsTo("wdatp", "get", "/api/alerts/{id}")).toHaveLength(1);
    const calls = run.callsTo("wdatp", "post", "/api/machines/*/isolate");
    expect(calls).toEqual([
      {
        action: "Isolate_machine",
        connector: "wdatp",
        method: "post",
        path: `/api/machines/${ALERT.machineId}/isolate`,
        body: { Comment: `Isolated by playbook-kit for MDE alert ${ALERT.id}: ${ALERT.title}`, IsolationType: "Full" },
      },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ sender: "mde-automation@contoso.com", subject: "MDE: Isolated fin-ws-042.contoso.com", to: ["soc@contoso.com", "secops@contoso.com"], importance: "high" });
    expect(sent[0]!.content).toContain("The device was isolated (Full). Machine action b3f1e2d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f, status Pending.");
    expect(run.action("Notify_isolation_failed").status).toBe("Skipped");
  });

  it("Medium → nothing destructive and no email", () => {
    const { run, sent } = isolateScenario("Medium", ["finance"], isolated);
    expect(run.status).toBe("Succeeded");
    expect(run.action("Severity_is_High").inputs).toEqual({ expressionResult: false });
    expect(run.action("Get_machine").status).toBe("Skipped");
    expect(run.action("Isolate_machine").status).toBe("Skipped");
    expect(run.callsTo("wdatp", "post")).toEqual([]);
    expect(run.callsTo("http")).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("an excluded tag → no isolation, an 'excluded' notice", () => {
    const { run, sent } = isolateScenario("High", ["domain-controller", "tier-0"], isolated, { excludedTags: ["domain-controller"] });
    expect(run.status).toBe("Succeeded");
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")).toEqual([]);
    expect(run.action("Isolate_machine").status).toBe("Skipped");
    expect(sent.map((m) => m.subject)).toEqual(["MDE: Excluded from isolation: fin-ws-042.contoso.com"]);
    expect(sent[0]!.content).toContain('it is excluded by its tags (["domain-controller","tier-0"])');
  });

  it("audit mode → no isolation call, an audit record of the request, the email says it would isolate", () => {
    const { run, sent, playbook } = isolateScenario("High", ["finance"], isolated, { mode: "audit" });
    expect(playbook.destructiveSteps).toEqual([]);
    expect(run.has("Notify_would_isolate")).toBe(true);
    expect(run.action("Isolate_machine").status).toBe("Succeeded");
    expect(run.action("Isolate_machine").outputs).toEqual({
      mode: "audit",
      wouldCall: "Actions - Isolate machine",
      operation: "isolateMachine",
      request: {
        connector: "wdatp",
        method: "post",
        path: `/api/machines/${ALERT.machineId}/isolate`,
        body: { Comment: `Isolated by playbook-kit for MDE alert ${ALERT.id}: ${sampleAlert("High").title}`, IsolationType: "Full" },
      },
    });
    expect(run.callsTo("wdatp", "post")).toEqual([]);
    expect(sent.map((m) => m.subject)).toEqual(["MDE: Audit: would isolate fin-ws-042.contoso.com"]);
    expect(sent[0]!.content).toContain("Audit mode: the playbook would isolate this device (isolation type Full). Nothing was changed.");
  });

  it("isolate returns 400 → the failure is emailed and the run is marked Failed", () => {
    const rejected = mocks.defender.isolateMachine({ status: 400, body: { error: { code: "ActiveRequestAlreadyExists", message: "Action is already in progress" } } });
    const { run, sent } = isolateScenario("High", ["finance"], rejected);
    expect(run.action("Isolate_machine").status).toBe("Failed");
    expect(run.action("Isolate_machine").code).toBe("BadRequest");
    // 400 is not retried.
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")).toHaveLength(1);
    expect(run.action("Notify_isolated").status).toBe("Skipped");
    expect(sent.map((m) => m.subject)).toEqual(["MDE: Isolation FAILED: fin-ws-042.contoso.com"]);
    expect(sent[0]!.content).toContain('Isolation failed with HTTP status 400: {"error":{"code":"ActiveRequestAlreadyExists","message":"Action is already in progress"}}');
    expect(run.status).toBe("Failed");
    expect(run.error).toEqual({ code: "IsolationFailed", message: `Isolation of ${ALERT.machineId} failed for alert ${ALERT.id}.` });
  });

  it("a throttled isolate (429, then 201) is retried on simulated time and succeeds", () => {
    const throttled = mocks.defender.isolateMachine([{ status: 429 }, { status: 201, body: sampleMachineAction() }]);
    const { run, sent } = isolateScenario("High", ["finance"], throttled);
    expect(run.status).toBe("Succeeded");
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")).toHaveLength(2);
    expect(run.action("Isolate_machine").retryHistory?.map((h) => h.code)).toEqual(["TooManyRequests"]);
    expect(run.endTime).toBe("2026-11-27T08:15:07.500Z");
    expect(sent).toHaveLength(1);
  });

  it("Selective isolation comes from the parameter", () => {
    const playbook = isolateOnHighSeverity();
    const run = simulate(playbook.definition, {
      trigger,
      parameters: { ...params, isolationType: "Selective" },
      mocks: [mocks.defender.getAlert({ status: 200, body: sampleAlert("High") }), mocks.defender.getMachine({ status: 200, body: sampleMachine([]) }), isolated, mailbox().mock],
    });
    expect((run.callsTo("wdatp", "post", "/api/machines/*/isolate")[0]!.body as { IsolationType: string }).IsolationType).toBe("Selective");
  });
});

describe("scheduled-advanced-hunting", () => {
  const query = (results: Record<string, unknown>[]) => mocks.defender.runHuntingQuery({ status: 200, body: { schema: [], results } });

  it("rows → an email with an HTML table of the rows", () => {
    const box = mailbox();
    const rows = [
      { Timestamp: "2026-11-27T07:41:12Z", DeviceName: "fin-ws-042", AccountName: "jdoe", ProcessCommandLine: "powershell.exe -EncodedCommand SQBFAFgA" },
      { Timestamp: "2026-11-27T07:52:30Z", DeviceName: "hr-ws-007", AccountName: "asmith", ProcessCommandLine: "pwsh.exe -EncodedCommand <x>" },
    ];
    const run = simulate(scheduledAdvancedHunting().definition, { parameters: params, mocks: [query(rows), box.mock] });
    expect(run.status).toBe("Succeeded");
    const hunt = run.callsTo("http", "post", "https://graph.microsoft.com/v1.0/security/runHuntingQuery");
    expect((hunt[0]!.body as { Query: string }).Query).toContain("DeviceProcessEvents");
    expect(box.sent).toHaveLength(1);
    expect(box.sent[0]!.subject).toBe("MDE hunting: 2 result(s)");
    expect(box.sent[0]!.content).toBe(
      "<p>The scheduled Advanced Hunting query returned 2 row(s).</p>" +
        "<table><thead><tr><th>Timestamp</th><th>DeviceName</th><th>AccountName</th><th>ProcessCommandLine</th></tr></thead><tbody>" +
        "<tr><td>2026-11-27T07:41:12Z</td><td>fin-ws-042</td><td>jdoe</td><td>powershell.exe -EncodedCommand SQBFAFgA</td></tr>" +
        "<tr><td>2026-11-27T07:52:30Z</td><td>hr-ws-007</td><td>asmith</td><td>pwsh.exe -EncodedCommand &lt;x&gt;</td></tr>" +
        "</tbody></table>",
    );
  });

  it("0 rows → no email", () => {
    const box = mailbox();
    const run = simulate(scheduledAdvancedHunting().definition, { parameters: params, mocks: [query([]), box.mock] });
    expect(run.status).toBe("Succeeded");
    expect(run.action("Email_results").status).toBe("Skipped");
    expect(run.callsTo("http", "post", "https://graph.microsoft.com/v1.0/users/*/sendMail")).toEqual([]);
    expect(box.sent).toEqual([]);
  });

  it("a failing query fails the run without an email", () => {
    const box = mailbox();
    const run = simulate(scheduledAdvancedHunting().definition, {
      parameters: params,
      mocks: [mocks.defender.runHuntingQuery({ status: 403, body: { error: { code: "Forbidden", message: "missing ThreatHunting.Read.All" } } }), box.mock],
    });
    expect(run.status).toBe("Failed");
    expect(run.action("Run_hunting_query").code).toBe("Forbidden");
    expect(box.sent).toEqual([]);
  });
});

describe("the bundled scenarios (npm start) behave as they say", () => {
  it.each(scenarios.map((s) => [`${s.playbook}/${s.name}`, s] as const))("%s", (_name, scenario) => {
    const playbook = findCatalogEntry(scenario.playbook)!.create(scenario.options);
    const outcome = checkScenario(scenario, playbook, SCENARIO_PARAMETERS);
    expect(outcome.problems).toEqual([]);
    expect(outcome.run.status).toBe(scenario.expect.status);
  });
});
