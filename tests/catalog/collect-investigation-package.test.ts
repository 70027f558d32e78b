/** collect-investigation-package: the poll loop (shape as in the corpus template), the package URI comment, failures, audit. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { collectInvestigationPackage } from "../../playbooks/catalog";
import { PACKAGE_URI, sampleMachine, sampleMachineActionOf } from "../../playbooks/catalog/scenarios";
import { mocks, simulate, type Mock } from "../../simulator";
import { walkActions } from "../../wdl";
import { CORPUS, readJson } from "../support/paths";

type Obj = Record<string, any>;
const ID = "4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31";
const ACTION = "b3f1e2d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const params = { notifyTo: "soc@contoso.com", senderMailbox: "mde@contoso.com", sendEmail: false };
const incident = { object: { id: "/subscriptions/s/incidents/1", properties: { incidentNumber: 7, title: "C2", relatedEntities: [] } } };

/** Every action of a definition by name. */
function actionsOf(definition: Obj): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  walkActions(definition.actions, "", (v) => void (out[v.name] = v.action as Obj));
  return out;
}

function run(extra: Mock[], mode: "enforce" | "audit" = "enforce") {
  const comments: string[] = [];
  const record = simulate(collectInvestigationPackage({ mode }).definition, {
    trigger: { body: incident },
    parameters: params,
    mocks: [
      mocks.sentinel.getHosts({ status: 200, body: { Hosts: [{ HostName: "fin-ws-042", MdatpDeviceId: ID }] } as never }),
      mocks.sentinel.addIncidentComment((req) => (comments.push((req.body as { message: string }).message), { status: 200, body: {} })),
      mocks.defender.getMachine({ status: 200, body: sampleMachine([]) as never }),
      ...extra,
    ],
  });
  return { record, comments };
}

const collect = mocks.defender.collectInvestigationPackage({ status: 201, body: sampleMachineActionOf("CollectInvestigationPackage", "Pending") as never });
const statuses = (...s: ("InProgress" | "Succeeded" | "Failed" | "Cancelled")[]) => mocks.defender.getMachineAction(s.map((x) => ({ status: 200, body: sampleMachineActionOf("CollectInvestigationPackage", x) as never })));
const packageUri = mocks.defender.getInvestigationPackageUri({ status: 200, body: { value: PACKAGE_URI } });

describe("collect-investigation-package", () => {
  it("polls the machine action the way the corpus template does: GET /api/machineactions/{id} in an Until with a 30 s wait, limit 60 / PT1H", () => {
    const own = actionsOf(collectInvestigationPackage().definition as Obj);
    const corpus = readJson(path.join(CORPUS, "sentinel-mde", "get-mdeinvestigationpackage-incident.json")) as Obj;
    const theirs = actionsOf(corpus.resources.find((r: Obj) => r.type === "Microsoft.Logic/workflows").properties.definition);
    expect(own.Until_the_collection_ends!.limit).toEqual(theirs.Until!.limit);
    expect(own.Collect_investigation_package!.inputs.path).toMatch(/^\/api\/machines\/@\{encodeUriComponent\(.+\)\}\/collectInvestigationPackage$/);
    expect(theirs["Actions_-_Collect_investigation_package"]!.inputs.path).toMatch(/^\/api\/machines\/@\{encodeURIComponent\(.+\)\}\/collectInvestigationPackage$/);
    expect(Object.keys(own.Collect_investigation_package!.inputs.body)).toEqual(Object.keys(theirs["Actions_-_Collect_investigation_package"]!.inputs.body));
    expect(own.Get_machine_action!.inputs.path).toBe("/api/machineactions/@{encodeUriComponent(body('Collect_investigation_package')?['id'])}");
    expect(theirs["Actions_-_Get_single_machine_action"]!.inputs.path).toMatch(/^\/api\/machineactions\/@\{encodeURIComponent\(body\('Actions_-_Collect_investigation_package'\)\?\['id'\]\)\}$/);
    expect(own.Get_package_download_URI!.inputs.path).toBe("/api/machineactions/@{encodeUriComponent(body('Collect_investigation_package')?['id'])}/getPackageUri");
    expect(own.Wait_before_reading_the_status!.inputs).toEqual({ interval: { count: "@parameters('pollIntervalSeconds')", unit: "Second" } });
    expect(theirs.Delay!.inputs).toEqual({ interval: { count: 30, unit: "Second" } });
    expect((collectInvestigationPackage().definition as Obj).parameters.pollIntervalSeconds.defaultValue).toBe(30);
  });

  it("InProgress, then Succeeded: reads the status twice, gets the package URI once and comments it", () => {
    const { record, comments } = run([collect, statuses("InProgress", "Succeeded"), packageUri]);
    expect(record.status).toBe("Succeeded");
    expect(record.callsTo("wdatp", "get", `/api/machineactions/${ACTION}`)).toHaveLength(2);
    expect(record.callsTo("wdatp", "get", `/api/machineactions/${ACTION}/getPackageUri`)).toHaveLength(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`<b>fin-ws-042</b>: collected — MDE device ${ID}`);
    expect(comments[0]).toContain(`the package is ready at ${PACKAGE_URI}`);
  });

  it("a collection that ends Cancelled stops the polling, gets no URI, is commented and fails the run", () => {
    const { record, comments } = run([collect, statuses("InProgress", "Cancelled"), packageUri]);
    expect(record.callsTo("wdatp", "get", `/api/machineactions/${ACTION}`)).toHaveLength(2);
    expect(record.callsTo("wdatp", "get", "/api/machineactions/*/getPackageUri")).toEqual([]);
    expect(comments[0]).toContain("<b>fin-ws-042</b>: failed");
    expect(comments[0]).toContain(`(machine action ${ACTION}) is Cancelled`);
    expect(record.status).toBe("Failed");
    expect(record.error?.code).toBe("CollectionFailed");
  });

  it("a collection still in progress when the loop's limit is reached is reported 'still running', not as a failure", () => {
    const { record, comments } = run([collect, statuses("InProgress"), packageUri]);
    expect(record.callsTo("wdatp", "get", `/api/machineactions/${ACTION}`)).toHaveLength(60);
    expect(comments[0]).toContain("<b>fin-ws-042</b>: still running");
    expect(comments[0]).toContain("is InProgress");
    expect(record.status).toBe("Succeeded");
  });

  it("audit mode: no collection request, nothing polled, the comment says it would collect", () => {
    const playbook = collectInvestigationPackage({ mode: "audit" });
    expect(playbook.auditedSteps).toEqual(["Collect_investigation_package"]);
    expect(Object.keys(actionsOf(playbook.definition as Obj))).not.toContain("Until_the_collection_ends");
    expect(playbook.declaredPermissions.map((p) => p.role)).not.toContain("Machine.CollectForensics");
    const { record, comments } = run([collect, statuses("Succeeded"), packageUri], "audit");
    expect(record.calls.filter((c) => c.connector === "wdatp").map((c) => `${c.method} ${c.path}`)).toEqual([`get /api/machines/${ID}`]);
    expect(comments[0]).toContain("would collect an investigation package (audit mode, nothing changed)");
  });
});
