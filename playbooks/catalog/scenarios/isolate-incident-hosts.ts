/**
 * Bundled scenarios of isolate-incident-hosts: each way a host entity resolves to an MDE device (MdatpDeviceId,
 * MdeDeviceId under additionalData, FQDN lookup, ambiguous or unknown host name), exclusion by tag, MDE's
 * "already in progress" answer, an isolation that keeps failing, two hosts, and audit mode.
 */
import { ALREADY_IN_PROGRESS, COMMENT_CALL, MAIL_CALL, addComment, findMachines, getHosts, getMachine, machineAction, machineActionCall, sendMail } from "./common";
import { MACHINE_ID, sampleHost, sampleIncidentEvent, sampleMachine } from "./samples";
import type { CallPattern, Scenario, ScenarioMock } from "./types";

const PLAYBOOK = "isolate-incident-hosts";
const ISOLATE = machineActionCall("isolate");
const GET_BY_ID: CallPattern = ["wdatp", "get", `/api/machines/${MACHINE_ID}`];
const byId = sampleHost("fin-ws-042", { DnsDomain: "contoso.com", MdatpDeviceId: MACHINE_ID });
const comment = (...texts: string[]) => [{ call: COMMENT_CALL, texts }];
/** One incident with these hosts: its trigger, and the Get Hosts, comment and mail mocks. */
const incident = (hosts: Record<string, unknown>[]) => ({ trigger: sampleIncidentEvent(hosts), base: [getHosts(hosts), addComment, sendMail] as ScenarioMock[] });

const one = incident([byId]);
const additional = incident([sampleHost("dc-01", { additionalData: { MdeDeviceId: MACHINE_ID } })]);
const fqdn = incident([sampleHost("fin-ws-042", { DnsDomain: "contoso.com" })]);
const shortName = incident([sampleHost("fin-ws-042")]);
const OTHER_ID = "9bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a39";
const two = incident([byId, sampleHost("hr-ws-007", { MdatpDeviceId: OTHER_ID })]);
const machineById = (id: string, name: string): ScenarioMock => ({ connector: "wdatp", method: "get", path: `/api/machines/${id}`, response: { status: 200, body: { ...sampleMachine([]), id, computerDnsName: name } } });

export const isolateIncidentHostsScenarios: readonly Scenario[] = [
  {
    playbook: PLAYBOOK,
    name: "mdatp-device-id",
    title: "Host with MdatpDeviceId: the device is read by id, isolated, and the outcome commented and emailed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine(["finance"]), machineAction("isolate", 201)],
    expect: { status: "Succeeded", succeeded: ["Isolate_machine", "Comment_outcome_on_incident", "Email_outcome"], calls: [GET_BY_ID, ISOLATE, COMMENT_CALL, MAIL_CALL], bodies: comment("<b>fin-ws-042</b>: isolated"), emailSubjects: ["host isolation"] },
  },
  {
    playbook: PLAYBOOK,
    name: "additional-data-excluded",
    title: "MdeDeviceId under additionalData, device tagged domain-controller: excluded, not isolated",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: additional.trigger,
    mocks: [...additional.base, getMachine(["domain-controller"])],
    params: { excludedTags: ["domain-controller"] },
    expect: { status: "Succeeded", notRun: ["Isolate_machine"], calls: [GET_BY_ID, COMMENT_CALL], noCalls: [ISOLATE], bodies: comment("<b>dc-01</b>: excluded", "domain-controller") },
  },
  {
    playbook: PLAYBOOK,
    name: "fqdn-lookup",
    title: "Host without a device id: found by FQDN (computerDnsName filter) and isolated",
    options: { mode: "enforce" },
    trigger: fqdn.trigger,
    mocks: [...fqdn.base, findMachines([sampleMachine([])]), machineAction("isolate", 201)],
    expect: { status: "Succeeded", succeeded: ["Find_machines_by_FQDN", "Isolate_machine"], notRun: ["Get_machine_by_device_id"], calls: [["wdatp", "get", "/api/machines"], ISOLATE], bodies: comment("<b>fin-ws-042</b>: isolated") },
  },
  {
    playbook: PLAYBOOK,
    name: "ambiguous",
    title: "Host name shared by two MDE machines: ambiguous, nothing isolated, the comment names both",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: shortName.trigger,
    mocks: [...shortName.base, findMachines([sampleMachine([]), { ...sampleMachine([]), id: OTHER_ID }])],
    expect: { status: "Succeeded", succeeded: ["Find_machines_by_host_name"], notRun: ["Isolate_machine"], noCalls: [ISOLATE], bodies: comment("ambiguous", OTHER_ID) },
  },
  {
    playbook: PLAYBOOK,
    name: "not-found",
    title: "Host name MDE does not know: not found, nothing isolated",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: shortName.trigger,
    mocks: [...shortName.base, findMachines([])],
    expect: { status: "Succeeded", notRun: ["Isolate_machine"], noCalls: [ISOLATE], bodies: comment("<b>fin-ws-042</b>: not found") },
  },
  {
    playbook: PLAYBOOK,
    name: "already-in-progress",
    title: "MDE answers 400 'Action is already in progress': commented as such, the run succeeds",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("isolate", 400, ALREADY_IN_PROGRESS)],
    expect: { status: "Succeeded", notRun: ["Mark_run_failed"], calls: [ISOLATE, COMMENT_CALL], bodies: comment("<b>fin-ws-042</b>: already in progress") },
  },
  {
    playbook: PLAYBOOK,
    name: "isolate-fails",
    title: "Isolation answers 500 on every retry: the failure is commented and the run ends Failed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("isolate", 500, { error: { code: "InternalServerError", message: "An error occurred" } })],
    expect: { status: "Failed", succeeded: ["Comment_outcome_on_incident", "Mark_run_failed"], calls: [ISOLATE], bodies: comment("<b>fin-ws-042</b>: failed", "HTTP 500") },
  },
  {
    playbook: PLAYBOOK,
    name: "two-hosts",
    title: "Two hosts in one incident: both isolated, one comment naming both",
    options: { mode: "enforce" },
    trigger: two.trigger,
    mocks: [...two.base, machineById(MACHINE_ID, "fin-ws-042.contoso.com"), machineById(OTHER_ID, "hr-ws-007.contoso.com"), machineAction("isolate", 201)],
    expect: {
      status: "Succeeded",
      calls: [["wdatp", "post", `/api/machines/${MACHINE_ID}/isolate`], ["wdatp", "post", `/api/machines/${OTHER_ID}/isolate`]],
      bodies: comment("<b>fin-ws-042</b>: isolated", "<b>hr-ws-007</b>: isolated"),
    },
  },
  {
    playbook: PLAYBOOK,
    name: "audit",
    title: "Audit mode: no isolation request, the comment and the email say 'would isolate'",
    options: { mode: "audit" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([])],
    expect: { status: "Succeeded", succeeded: ["Isolate_machine", "Comment_outcome_on_incident"], noCalls: [ISOLATE], bodies: comment("would isolate (audit mode, nothing changed)"), emailSubjects: ["(audit)"] },
  },
];
