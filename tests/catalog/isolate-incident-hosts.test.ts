/** isolate-incident-hosts scenarios: device resolution paths, exclusion, already in progress, failures. */
import { describe, expect, it } from "vitest";
import { isolateIncidentHosts } from "../../playbooks/catalog";
import { sampleMachine, sampleMachineAction } from "../../playbooks/catalog/scenarios";
import { mocks, simulate, type Mock } from "../../simulator";

const ID = "4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31";
const params = { notifyTo: "soc@contoso.com", senderMailbox: "mde@contoso.com", sendEmail: false };
const trigger = (hosts: Record<string, unknown>[]) => ({
  body: { object: { id: "/subscriptions/s/incidents/1", properties: { incidentNumber: 7, title: "C2", relatedEntities: [] } } },
  hosts,
});

function run(hosts: Record<string, unknown>[], extra: Mock[], parameters: Record<string, unknown> = {}) {
  const comments: string[] = [];
  const t = trigger(hosts);
  const record = simulate(isolateIncidentHosts().definition, {
    trigger: { body: t.body },
    parameters: { ...params, ...parameters },
    mocks: [
      mocks.sentinel.getHosts({ status: 200, body: { Hosts: hosts as never } }),
      mocks.sentinel.addIncidentComment((req) => (comments.push((req.body as { message: string }).message), { status: 200, body: {} })),
      ...extra,
    ],
  });
  return { record, comments };
}

describe("isolate-incident-hosts", () => {
  it("MdatpDeviceId → get machine by id → isolated, one comment", () => {
    const { record, comments } = run([{ HostName: "fin-ws-042", MdatpDeviceId: ID }], [
      mocks.defender.getMachine({ status: 200, body: sampleMachine([]) as never }),
      mocks.defender.isolateMachine({ status: 201, body: sampleMachineAction() as never }),
    ]);
    expect(record.status).toBe("Succeeded");
    expect(record.callsTo("wdatp", "post", "/api/machines/*/isolate")).toHaveLength(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("<b>fin-ws-042</b>: isolated");
  });

  it("no device id → FQDN lookup; ambiguous host name → no isolation", () => {
    const { record, comments } = run([{ HostName: "fin-ws-042", DnsDomain: "contoso.com" }], [
      mocks.defender.listMachines({ status: 200, body: { value: [sampleMachine([]), { ...sampleMachine([]), id: "other" }] } as never }),
    ]);
    expect(record.status).toBe("Succeeded");
    expect(record.callsTo("wdatp", "post")).toEqual([]);
    expect(comments[0]).toContain("ambiguous");
  });

  it("HTTP 400 already in progress → a comment, not a failed run", () => {
    const { record, comments } = run([{ HostName: "fin-ws-042", MdatpDeviceId: ID }], [
      mocks.defender.getMachine({ status: 200, body: sampleMachine([]) as never }),
      mocks.defender.isolateMachine({ status: 400, body: { error: { code: "ActiveRequestAlreadyExists", message: "Action is already in progress" } } }),
    ]);
    expect(record.status).toBe("Succeeded");
    expect(comments[0]).toContain("already in progress");
  });

  it("MdeDeviceId under additionalData; excluded tag → no isolation", () => {
    const { record, comments } = run([{ HostName: "dc-01", additionalData: { MdeDeviceId: ID } }], [mocks.defender.getMachine({ status: 200, body: sampleMachine(["domain-controller"]) as never })], { excludedTags: ["domain-controller"] });
    expect(record.callsTo("wdatp", "get", `/api/machines/${ID}`)).toHaveLength(1);
    expect(record.callsTo("wdatp", "post")).toEqual([]);
    expect(comments[0]).toContain("<b>dc-01</b>: excluded");
  });

  it("isolate failing with 500 after retries → commented, run Failed", () => {
    const { record, comments } = run([{ HostName: "fin-ws-042", MdatpDeviceId: ID }], [
      mocks.defender.getMachine({ status: 200, body: sampleMachine([]) as never }),
      mocks.defender.isolateMachine({ status: 500, body: { error: { code: "InternalServerError", message: "boom" } } }),
    ]);
    expect(record.callsTo("wdatp", "post", "/api/machines/*/isolate").length).toBeGreaterThan(1);
    expect(comments[0]).toContain("failed");
    expect(record.status).toBe("Failed");
  });

  it("two hosts in one incident → two isolations, one comment naming both", () => {
    const other = "9bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a39";
    const { record, comments } = run([{ HostName: "a", MdatpDeviceId: ID }, { HostName: "b", MdatpDeviceId: other }], [
      mocks.defender.getMachine((req) => ({ status: 200, body: { ...(sampleMachine([]) as object), id: req.pathParams.id } as never })),
      mocks.defender.isolateMachine({ status: 201, body: sampleMachineAction() as never }),
    ]);
    expect(record.status).toBe("Succeeded");
    expect(record.callsTo("wdatp", "post", "/api/machines/*/isolate")).toHaveLength(2);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("<b>a</b>: isolated");
    expect(comments[0]).toContain("<b>b</b>: isolated");
  });
});
