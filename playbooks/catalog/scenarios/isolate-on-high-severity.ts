/** Bundled scenarios of isolate-on-high-severity: a new MDE alert, by severity, exclusion, failure and audit mode. */
import { ALREADY_IN_PROGRESS, MAIL_CALL, getMachine, machineAction, machineActionCall, sendMail } from "./common";
import { ALERT_ID, MACHINE_ID, sampleAlert, sampleMachineAction } from "./samples";
import type { Scenario, ScenarioMock } from "./types";

const alertTrigger = { body: { id: ALERT_ID, machineId: MACHINE_ID } };
const getAlert = (severity: "High" | "Medium"): ScenarioMock => ({ connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: sampleAlert(severity) } });
const ISOLATE = machineActionCall("isolate");

export const isolateOnHighSeverityScenarios: readonly Scenario[] = [
  {
    playbook: "isolate-on-high-severity",
    name: "high",
    title: "High alert: the device is isolated and the SOC is emailed",
    options: { mode: "enforce" },
    trigger: alertTrigger,
    mocks: [getAlert("High"), getMachine(["finance"]), machineAction("isolate", 201, sampleMachineAction()), sendMail],
    expect: { status: "Succeeded", succeeded: ["Get_alert", "Get_machine", "Isolate_machine", "Notify_isolated"], notRun: ["Notify_isolation_failed"], calls: [ISOLATE, MAIL_CALL], emailSubjects: ["Isolated"] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "medium",
    title: "Medium alert: nothing destructive, no email",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: alertTrigger,
    mocks: [getAlert("Medium"), getMachine(["finance"]), machineAction("isolate", 201, sampleMachineAction()), sendMail],
    expect: { status: "Succeeded", succeeded: ["Get_alert"], notRun: ["Get_machine", "Isolate_machine"], noCalls: [ISOLATE, MAIL_CALL] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "excluded",
    title: "Excluded device (tag domain-controller): no isolation, an 'excluded' notice",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: alertTrigger,
    mocks: [getAlert("High"), getMachine(["domain-controller", "tier-0"]), machineAction("isolate", 201, sampleMachineAction()), sendMail],
    params: { excludedTags: ["domain-controller"] },
    expect: { status: "Succeeded", succeeded: ["Notify_excluded"], notRun: ["Isolate_machine"], calls: [MAIL_CALL], noCalls: [ISOLATE], emailSubjects: ["Excluded from isolation"] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "isolation-fails",
    title: "Isolation returns 400: the failure is emailed and the run is marked Failed",
    options: { mode: "enforce" },
    trigger: alertTrigger,
    mocks: [
      getAlert("High"),
      getMachine(["finance"]),
      machineAction("isolate", 400, ALREADY_IN_PROGRESS),
      sendMail,
    ],
    expect: { status: "Failed", succeeded: ["Notify_isolation_failed", "Mark_run_failed"], notRun: ["Notify_isolated"], calls: [ISOLATE, MAIL_CALL], emailSubjects: ["Isolation FAILED"] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "audit",
    title: "Audit mode: no isolation, the email says 'would isolate'",
    options: { mode: "audit" },
    trigger: alertTrigger,
    mocks: [getAlert("High"), getMachine(["finance"]), sendMail],
    expect: { status: "Succeeded", succeeded: ["Isolate_machine", "Notify_would_isolate"], calls: [MAIL_CALL], noCalls: [ISOLATE], emailSubjects: ["would isolate"] },
  },
];
