/** release-incident-hosts, restrict-app-execution-incident-hosts, scan-incident-hosts: requests, outcomes, audit mode, permissions. */
import { describe, expect, it } from "vitest";
import { releaseIncidentHosts, restrictAppExecutionIncidentHosts, scanIncidentHosts } from "../../playbooks/catalog";
import { sampleMachine, sampleMachineAction } from "../../playbooks/catalog/scenarios";
import type { Playbook } from "../../playbooks/kit";
import { mocks, simulate, type Mock } from "../../simulator";

const ID = "4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31";
const params = { notifyTo: "soc@contoso.com", senderMailbox: "mde@contoso.com", sendEmail: false };
const incident = { object: { id: "/subscriptions/s/incidents/1", properties: { incidentNumber: 7, title: "C2", relatedEntities: [] } } };

function run(playbook: Playbook, action: Mock, parameters: Record<string, unknown> = {}, tags: string[] = []) {
  const comments: string[] = [];
  const record = simulate(playbook.definition, {
    trigger: { body: incident },
    parameters: { ...params, ...parameters },
    mocks: [
      mocks.sentinel.getHosts({ status: 200, body: { Hosts: [{ HostName: "fin-ws-042", MdatpDeviceId: ID }] } as never }),
      mocks.sentinel.addIncidentComment((req) => (comments.push((req.body as { message: string }).message), { status: 200, body: {} })),
      mocks.defender.getMachine({ status: 200, body: sampleMachine(tags) as never }),
      action,
    ],
  });
  return { record, comments };
}

const accepted = { status: 201, body: sampleMachineAction() as never };

describe("release-incident-hosts", () => {
  it("POSTs /unisolate with the comment MDE records, and comments 'released'", () => {
    const { record, comments } = run(releaseIncidentHosts(), mocks.defender.releaseMachine(accepted));
    expect(record.status).toBe("Succeeded");
    const [call] = record.callsTo("wdatp", "post", `/api/machines/${ID}/unisolate`);
    expect(call!.body).toEqual({ Comment: "Released by playbook-kit for Microsoft Sentinel incident 7: C2" });
    expect(comments).toEqual([expect.stringContaining("<b>fin-ws-042</b>: released — MDE device")]);
  });

  it("needs Machine.Isolate in enforce mode and not in audit mode, where the release is a record", () => {
    const roles = (p: Playbook) => p.declaredPermissions.map((x) => x.role);
    expect(roles(releaseIncidentHosts())).toContain("Machine.Isolate");
    const audit = releaseIncidentHosts({ mode: "audit" });
    expect(roles(audit)).not.toContain("Machine.Isolate");
    expect(audit.auditedSteps).toEqual(["Release_machine"]);
    expect(audit.parameterNames).not.toContain("excludedTags");
    const { record, comments } = run(audit, mocks.defender.releaseMachine(accepted));
    expect(record.callsTo("wdatp", "post")).toEqual([]);
    expect(comments[0]).toContain("would release (audit mode, nothing changed)");
  });
});

describe("restrict-app-execution-incident-hosts", () => {
  it("POSTs /restrictCodeExecution and comments the restriction", () => {
    const { record, comments } = run(restrictAppExecutionIncidentHosts(), mocks.defender.restrictAppExecution(accepted));
    expect(record.callsTo("wdatp", "post", `/api/machines/${ID}/restrictCodeExecution`)).toHaveLength(1);
    expect(comments[0]).toContain("<b>fin-ws-042</b>: app execution restricted");
    expect(restrictAppExecutionIncidentHosts().declaredPermissions.map((p) => p.role)).toContain("Machine.RestrictExecution");
  });

  it("skips a device with an excluded tag", () => {
    const { record, comments } = run(restrictAppExecutionIncidentHosts(), mocks.defender.restrictAppExecution(accepted), { excludedTags: ["tier0"] }, ["tier0", "finance"]);
    expect(record.callsTo("wdatp", "post")).toEqual([]);
    expect(comments[0]).toContain("excluded — MDE device");
    expect(comments[0]).toContain("(tier0, finance)");
  });

  it("a 400 'already in progress' is a comment, not a failed run", () => {
    const busy = mocks.defender.restrictAppExecution({ status: 400, body: { error: { code: "ActiveRequestAlreadyExists", message: "Action is already in progress" } } });
    const { record, comments } = run(restrictAppExecutionIncidentHosts(), busy);
    expect(record.status).toBe("Succeeded");
    expect(comments[0]).toContain("already in progress");
  });
});

describe("scan-incident-hosts", () => {
  it("POSTs /runAntiVirusScan with ScanType from the parameter (default Full)", () => {
    for (const [scanType, expected] of [[undefined, "Full"], ["Quick", "Quick"]] as const) {
      const { record, comments } = run(scanIncidentHosts(), mocks.defender.runAntivirusScan(accepted), scanType ? { scanType } : {});
      const [call] = record.callsTo("wdatp", "post", `/api/machines/${ID}/runAntiVirusScan`);
      expect(call!.body).toEqual({ Comment: "Scan started by playbook-kit for Microsoft Sentinel incident 7: C2", ScanType: expected });
      expect(comments[0]).toContain(`scan type ${expected}:`);
      expect(comments[0]).toContain("<b>fin-ws-042</b>: scan started");
    }
  });

  it("a scan failing with 500 after the retries is commented and fails the run", () => {
    const { record, comments } = run(scanIncidentHosts(), mocks.defender.runAntivirusScan({ status: 500, body: { error: { code: "InternalServerError", message: "boom" } } }));
    expect(record.callsTo("wdatp", "post", "/api/machines/*/runAntiVirusScan").length).toBeGreaterThan(1);
    expect(comments[0]).toContain("failed — MDE device");
    expect(comments[0]).toContain("MDE answered HTTP 500");
    expect(record.status).toBe("Failed");
    expect(record.error?.code).toBe("ScanFailed");
  });
});
