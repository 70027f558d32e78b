/**
 * Bundled scenarios of collect-investigation-package: the collection is polled until it Succeeded and the package
 * URI commented; a collection that ends Failed; MDE's "already in progress"; audit mode (nothing polled).
 */
import { ALREADY_IN_PROGRESS, COMMENT_CALL, MAIL_CALL, addComment, getHosts, getMachine, machineAction, machineActionCall, sendMail } from "./common";
import { MACHINE_ID, PACKAGE_URI, sampleHost, sampleIncidentEvent, sampleMachineActionOf } from "./samples";
import type { CallPattern, Scenario, ScenarioMock } from "./types";

const PLAYBOOK = "collect-investigation-package";
const host = sampleHost("fin-ws-042", { DnsDomain: "contoso.com", MdatpDeviceId: MACHINE_ID });
const trigger = sampleIncidentEvent([host]);
const base: ScenarioMock[] = [getHosts([host]), addComment, sendMail, getMachine([])];
const comment = (...texts: string[]) => [{ call: COMMENT_CALL, texts }];

const COLLECT = machineActionCall("collectInvestigationPackage");
const POLL: CallPattern = ["wdatp", "get", "/api/machineactions/{id}"];
const PACKAGE: CallPattern = ["wdatp", "get", "/api/machineactions/*/getPackageUri"];
const collect = machineAction("collectInvestigationPackage", 201, sampleMachineActionOf("CollectInvestigationPackage", "Pending"));
/** `GET /api/machineactions/{id}` answers these statuses, one per read (the last repeats). */
const poll = (...statuses: ("InProgress" | "Succeeded" | "Failed")[]): ScenarioMock => ({
  connector: "wdatp",
  method: "get",
  path: "/api/machineactions/{id}",
  responses: statuses.map((s) => ({ status: 200, body: sampleMachineActionOf("CollectInvestigationPackage", s) })),
});
const packageUri: ScenarioMock = { connector: "wdatp", method: "get", path: "/api/machineactions/{id}/getPackageUri", response: { status: 200, body: { value: PACKAGE_URI } } };

export const collectInvestigationPackageScenarios: readonly Scenario[] = [
  {
    playbook: PLAYBOOK,
    name: "collected",
    title: "Collection in progress, then Succeeded: the package URI is commented on the incident and emailed",
    options: { mode: "enforce" },
    trigger,
    mocks: [...base, collect, packageUri, poll("InProgress", "Succeeded")],
    expect: {
      status: "Succeeded",
      succeeded: ["Collect_investigation_package", "Until_the_collection_ends", "Get_package_download_URI", "Comment_outcome_on_incident", "Email_outcome"],
      calls: [COLLECT, POLL, PACKAGE, COMMENT_CALL, MAIL_CALL],
      bodies: comment("<b>fin-ws-042</b>: collected", PACKAGE_URI),
      emailSubjects: ["investigation package"],
    },
  },
  {
    playbook: PLAYBOOK,
    name: "collection-fails",
    title: "The collection ends Failed: no package URI, the failure is commented and the run ends Failed",
    options: { mode: "enforce" },
    trigger,
    mocks: [...base, collect, packageUri, poll("InProgress", "Failed")],
    expect: { status: "Failed", notRun: ["Get_package_download_URI"], calls: [COLLECT, POLL], noCalls: [PACKAGE], bodies: comment("<b>fin-ws-042</b>: failed", "is Failed") },
  },
  {
    playbook: PLAYBOOK,
    name: "already-in-progress",
    title: "MDE answers 400 'Action is already in progress': nothing polled, commented as such",
    options: { mode: "enforce" },
    trigger,
    mocks: [...base, machineAction("collectInvestigationPackage", 400, ALREADY_IN_PROGRESS)],
    expect: { status: "Succeeded", notRun: ["Until_the_collection_ends", "Mark_run_failed"], noCalls: [POLL], bodies: comment("<b>fin-ws-042</b>: already in progress") },
  },
  {
    playbook: PLAYBOOK,
    name: "audit",
    title: "Audit mode: no collection request and no polling, the comment says 'would collect'",
    options: { mode: "audit" },
    trigger,
    mocks: base,
    expect: { status: "Succeeded", succeeded: ["Collect_investigation_package"], noCalls: [COLLECT, POLL], bodies: comment("would collect an investigation package (audit mode, nothing changed)") },
  },
];
