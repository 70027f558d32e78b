/**
 * Bundled scenarios of release-incident-hosts, restrict-app-execution-incident-hosts and scan-incident-hosts: the
 * action requested for a resolved device, an unresolved host, MDE's "already in progress", a failing action, an
 * excluded device (restrict only) and audit mode. Device resolution itself is covered by isolate-incident-hosts.
 */
import { ALREADY_IN_PROGRESS, COMMENT_CALL, MAIL_CALL, addComment, findMachines, getHosts, getMachine, machineAction, machineActionCall, sendMail } from "./common";
import { MACHINE_ID, sampleHost, sampleIncidentEvent } from "./samples";
import type { Scenario, ScenarioMock } from "./types";

const byId = sampleHost("fin-ws-042", { DnsDomain: "contoso.com", MdatpDeviceId: MACHINE_ID });
const byName = sampleHost("fin-ws-042");
const incident = (host: Record<string, unknown>) => ({ trigger: sampleIncidentEvent([host]), base: [getHosts([host]), addComment, sendMail] as ScenarioMock[] });
const one = incident(byId);
const unknown = incident(byName);
const comment = (...texts: string[]) => [{ call: COMMENT_CALL, texts }];

const release = machineActionCall("unisolate");
const restrict = machineActionCall("restrictCodeExecution");
const scan = machineActionCall("runAntiVirusScan");

export const releaseIncidentHostsScenarios: readonly Scenario[] = [
  {
    playbook: "release-incident-hosts",
    name: "released",
    title: "Host with MdatpDeviceId: the device is released from isolation, the outcome commented and emailed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("unisolate", 201)],
    expect: { status: "Succeeded", succeeded: ["Release_machine", "Comment_outcome_on_incident", "Email_outcome"], calls: [release, COMMENT_CALL, MAIL_CALL], bodies: comment("<b>fin-ws-042</b>: released"), emailSubjects: ["host release"] },
  },
  {
    playbook: "release-incident-hosts",
    name: "not-found",
    title: "Host name MDE does not know: nothing released, the comment says why",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: unknown.trigger,
    mocks: [...unknown.base, findMachines([])],
    expect: { status: "Succeeded", notRun: ["Release_machine"], noCalls: [release], bodies: comment("<b>fin-ws-042</b>: not found", "no release requested") },
  },
  {
    playbook: "release-incident-hosts",
    name: "already-in-progress",
    title: "MDE answers 400 'Action is already in progress': commented as such, the run succeeds",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("unisolate", 400, ALREADY_IN_PROGRESS)],
    expect: { status: "Succeeded", notRun: ["Mark_run_failed"], calls: [release], bodies: comment("<b>fin-ws-042</b>: already in progress") },
  },
  {
    playbook: "release-incident-hosts",
    name: "release-fails",
    title: "Release answers 500 on every retry: the failure is commented and the run ends Failed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("unisolate", 500, { error: { code: "InternalServerError", message: "An error occurred" } })],
    expect: { status: "Failed", succeeded: ["Comment_outcome_on_incident", "Mark_run_failed"], calls: [release], bodies: comment("<b>fin-ws-042</b>: failed", "HTTP 500") },
  },
  {
    playbook: "release-incident-hosts",
    name: "audit",
    title: "Audit mode: no release request, the comment says 'would release'",
    options: { mode: "audit" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([])],
    expect: { status: "Succeeded", succeeded: ["Release_machine", "Comment_outcome_on_incident"], noCalls: [release], bodies: comment("would release (audit mode, nothing changed)"), emailSubjects: ["(audit)"] },
  },
];

export const restrictAppExecutionIncidentHostsScenarios: readonly Scenario[] = [
  {
    playbook: "restrict-app-execution-incident-hosts",
    name: "restricted",
    title: "Host with MdatpDeviceId: app execution is restricted, the outcome commented and emailed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine(["finance"]), machineAction("restrictCodeExecution", 201)],
    expect: { status: "Succeeded", succeeded: ["Restrict_app_execution", "Email_outcome"], calls: [restrict, COMMENT_CALL, MAIL_CALL], bodies: comment("<b>fin-ws-042</b>: app execution restricted"), emailSubjects: ["app execution restriction"] },
  },
  {
    playbook: "restrict-app-execution-incident-hosts",
    name: "excluded",
    title: "Device tagged do-not-restrict: excluded, nothing restricted",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: one.trigger,
    mocks: [...one.base, getMachine(["do-not-restrict"])],
    params: { excludedTags: ["do-not-restrict"] },
    expect: { status: "Succeeded", notRun: ["Restrict_app_execution"], noCalls: [restrict], bodies: comment("<b>fin-ws-042</b>: excluded", "do-not-restrict") },
  },
  {
    playbook: "restrict-app-execution-incident-hosts",
    name: "already-in-progress",
    title: "MDE answers 400 'Action is already in progress': commented as such, the run succeeds",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("restrictCodeExecution", 400, ALREADY_IN_PROGRESS)],
    expect: { status: "Succeeded", notRun: ["Mark_run_failed"], calls: [restrict], bodies: comment("<b>fin-ws-042</b>: already in progress") },
  },
  {
    playbook: "restrict-app-execution-incident-hosts",
    name: "audit",
    title: "Audit mode: no restriction request, the comment says 'would restrict app execution'",
    options: { mode: "audit" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([])],
    expect: { status: "Succeeded", succeeded: ["Restrict_app_execution"], noCalls: [restrict], bodies: comment("would restrict app execution (audit mode, nothing changed)") },
  },
];

export const scanIncidentHostsScenarios: readonly Scenario[] = [
  {
    playbook: "scan-incident-hosts",
    name: "scan-started",
    title: "Host with MdatpDeviceId: a Full antivirus scan is started, the outcome commented and emailed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("runAntiVirusScan", 201)],
    expect: {
      status: "Succeeded",
      succeeded: ["Run_antivirus_scan", "Email_outcome"],
      calls: [scan, COMMENT_CALL, MAIL_CALL],
      bodies: [{ call: scan, texts: ["Full"] }, ...comment("<b>fin-ws-042</b>: scan started", "scan type Full")],
      emailSubjects: ["antivirus scan"],
    },
  },
  {
    playbook: "scan-incident-hosts",
    name: "quick-scan",
    title: "scanType Quick: the scan request says Quick",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("runAntiVirusScan", 201)],
    params: { scanType: "Quick" },
    expect: { status: "Succeeded", bodies: [{ call: scan, texts: ["Quick"] }, ...comment("scan type Quick")] },
  },
  {
    playbook: "scan-incident-hosts",
    name: "scan-fails",
    title: "Scan answers 500 on every retry: the failure is commented and the run ends Failed",
    options: { mode: "enforce" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([]), machineAction("runAntiVirusScan", 500, { error: { code: "InternalServerError", message: "An error occurred" } })],
    expect: { status: "Failed", succeeded: ["Comment_outcome_on_incident", "Mark_run_failed"], bodies: comment("<b>fin-ws-042</b>: failed") },
  },
  {
    playbook: "scan-incident-hosts",
    name: "audit",
    title: "Audit mode: no scan request, the comment says 'would start a scan'",
    options: { mode: "audit" },
    trigger: one.trigger,
    mocks: [...one.base, getMachine([])],
    expect: { status: "Succeeded", succeeded: ["Run_antivirus_scan"], noCalls: [scan], bodies: comment("would start a scan (audit mode, nothing changed)") },
  },
];
