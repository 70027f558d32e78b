/**
 * Bundled scenarios for the catalog playbooks: sample MDE payloads, the mocks (in the mock-file form the
 * simulator and `playbook-kit simulate --mocks` read) and what each run must do. `npm start` runs them, and the
 * simulator's scenario tests assert them. The samples use the MDE API's field names; the values are made up.
 */
import type { PlaybookMode } from "../kit";
import type { CatalogBuildOptions } from "./index";

/** A mock in the simulator's JSON file form. */
export type ScenarioMock =
  | { connector: string; method: string; path: string; response: { status: number; body?: unknown } }
  | { http: { method: string; uri: string }; response: { status: number; body?: unknown } };

/** A call pattern: managed API (or `http`), method, path or URI pattern with `{name}` and `*`. */
export type CallPattern = readonly [connector: string, method: string, pathOrUri: string];

/** One scenario. */
export interface Scenario {
  playbook: string;
  /** Short id, e.g. `high`. */
  name: string;
  /** What it shows. */
  title: string;
  /** Build options for running it on its own (tests). */
  options: CatalogBuildOptions;
  /** The modes whose builds it holds for (default: `options.mode`, else `enforce`); the report runs those only. */
  modes?: readonly PlaybookMode[];
  /** Trigger outputs (`--trigger` file content). */
  trigger: { headers?: Record<string, string>; body: unknown };
  mocks: ScenarioMock[];
  /** Parameter values on top of the environment's. */
  params?: Record<string, unknown>;
  expect: {
    /** The run's status, when the scenario states it. */
    status?: "Succeeded" | "Failed";
    /** Actions that must have Succeeded. */
    succeeded?: string[];
    /** Actions that must not have run (Skipped or absent). */
    notRun?: string[];
    /** Calls that must have been made. */
    calls?: CallPattern[];
    /** Calls that must not have been made. */
    noCalls?: CallPattern[];
    /** Texts that must appear in the subject of an email the run sent. */
    emailSubjects?: string[];
  };
}

const MACHINE_ID = "4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31";
const ALERT_ID = "da638361244155467261_-1094386455";

/** A sample alert with the MDE API's fields. */
export function sampleAlert(severity: "High" | "Medium" | "Low" | "Informational"): Record<string, unknown> {
  return {
    id: ALERT_ID,
    incidentId: 4242,
    investigationId: null,
    assignedTo: null,
    severity,
    status: "New",
    classification: null,
    determination: null,
    investigationState: "PendingApproval",
    detectionSource: "WindowsDefenderAtp",
    detectorId: "9f0c3b1e-6a2d-4c7b-8e5f-1a2b3c4d5e6f",
    category: "CommandAndControl",
    threatFamilyName: null,
    threatName: null,
    title: "Connection to a known command-and-control server",
    description: "A process on the device connected to an address that threat intelligence associates with command-and-control infrastructure.",
    alertCreationTime: "2026-11-27T08:14:02.1234567Z",
    firstEventTime: "2026-11-27T08:12:40.5120000Z",
    lastEventTime: "2026-11-27T08:12:41.0080000Z",
    lastUpdateTime: "2026-11-27T08:14:03.2Z",
    resolvedTime: null,
    machineId: MACHINE_ID,
    computerDnsName: "fin-ws-042.contoso.com",
    rbacGroupName: "Finance",
    aadTenantId: "72f988bf-0000-4000-8000-2d7cd011db47",
    mitreTechniques: ["T1071.001"],
    relatedUser: { userName: "jdoe", domainName: "CONTOSO" },
    comments: [],
    evidence: [],
  };
}

/** A sample device; `machineTags` decides whether it is excluded. */
export function sampleMachine(machineTags: string[]): Record<string, unknown> {
  return {
    id: MACHINE_ID,
    computerDnsName: "fin-ws-042.contoso.com",
    firstSeen: "2025-03-02T09:00:11.0000000Z",
    lastSeen: "2026-11-27T08:13:55.0000000Z",
    osPlatform: "Windows11",
    version: "23H2",
    osProcessor: "x64",
    lastIpAddress: "10.20.4.42",
    lastExternalIpAddress: "203.0.113.17",
    osBuild: 22631,
    healthStatus: "Active",
    rbacGroupId: 12,
    rbacGroupName: "Finance",
    riskScore: "High",
    exposureLevel: "Medium",
    isAadJoined: true,
    aadDeviceId: "0b9c6f3e-1d2a-4b5c-9e8f-7a6b5c4d3e2f",
    machineTags,
  };
}

/** A machine action as isolate returns it. */
export function sampleMachineAction(status: "Pending" | "Succeeded" = "Pending"): Record<string, unknown> {
  return {
    id: "b3f1e2d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    type: "Isolate",
    scope: "Selective",
    requestor: "playbook-kit",
    requestorComment: `Isolated by playbook-kit for MDE alert ${ALERT_ID}`,
    status,
    machineId: MACHINE_ID,
    computerDnsName: "fin-ws-042.contoso.com",
    creationDateTimeUtc: "2026-11-27T08:14:10.0000000Z",
    lastUpdateDateTimeUtc: "2026-11-27T08:14:10.0000000Z",
    relatedFileInfo: null,
  };
}

const alertTrigger = { body: { id: ALERT_ID, machineId: MACHINE_ID } };
const getAlert = (severity: "High" | "Medium"): ScenarioMock => ({ connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: sampleAlert(severity) } });
const getMachine = (tags: string[]): ScenarioMock => ({ connector: "wdatp", method: "get", path: "/api/machines/{id}", response: { status: 200, body: sampleMachine(tags) } });
const isolate = (status: number, body: unknown): ScenarioMock => ({ connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status, body } });
const sendMail: ScenarioMock = { http: { method: "POST", uri: "https://graph.microsoft.com/v1.0/users/*/sendMail" }, response: { status: 202 } };

const ISOLATE_CALL: CallPattern = ["wdatp", "post", "/api/machines/*/isolate"];
const MAIL_CALL: CallPattern = ["http", "POST", "https://graph.microsoft.com/v1.0/users/*/sendMail"];

/** Every bundled scenario, in report order. */
export const scenarios: readonly Scenario[] = [
  {
    playbook: "isolate-on-high-severity",
    name: "high",
    title: "High alert: the device is isolated and the SOC is emailed",
    options: { mode: "enforce" },
    trigger: alertTrigger,
    mocks: [getAlert("High"), getMachine(["finance"]), isolate(201, sampleMachineAction()), sendMail],
    expect: { status: "Succeeded", succeeded: ["Get_alert", "Get_machine", "Isolate_machine", "Notify_isolated"], notRun: ["Notify_isolation_failed"], calls: [ISOLATE_CALL, MAIL_CALL], emailSubjects: ["Isolated"] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "medium",
    title: "Medium alert: nothing destructive, no email",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: alertTrigger,
    mocks: [getAlert("Medium"), getMachine(["finance"]), isolate(201, sampleMachineAction()), sendMail],
    expect: { status: "Succeeded", succeeded: ["Get_alert"], notRun: ["Get_machine", "Isolate_machine"], noCalls: [ISOLATE_CALL, MAIL_CALL] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "excluded",
    title: "Excluded device (tag domain-controller): no isolation, an 'excluded' notice",
    options: { mode: "enforce" },
    modes: ["enforce", "audit"],
    trigger: alertTrigger,
    mocks: [getAlert("High"), getMachine(["domain-controller", "tier-0"]), isolate(201, sampleMachineAction()), sendMail],
    params: { excludedTags: ["domain-controller"] },
    expect: { status: "Succeeded", succeeded: ["Notify_excluded"], notRun: ["Isolate_machine"], calls: [MAIL_CALL], noCalls: [ISOLATE_CALL], emailSubjects: ["Excluded from isolation"] },
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
      isolate(400, { error: { code: "ActiveRequestAlreadyExists", message: "Action is already in progress", target: "b3f1e2d4" } }),
      sendMail,
    ],
    expect: { status: "Failed", succeeded: ["Notify_isolation_failed", "Mark_run_failed"], notRun: ["Notify_isolated"], calls: [ISOLATE_CALL, MAIL_CALL], emailSubjects: ["Isolation FAILED"] },
  },
  {
    playbook: "isolate-on-high-severity",
    name: "audit",
    title: "Audit mode: no isolation, the email says 'would isolate'",
    options: { mode: "audit" },
    trigger: alertTrigger,
    mocks: [getAlert("High"), getMachine(["finance"]), sendMail],
    expect: { status: "Succeeded", succeeded: ["Isolate_machine", "Notify_would_isolate"], calls: [MAIL_CALL], noCalls: [ISOLATE_CALL], emailSubjects: ["would isolate"] },
  },
  {
    playbook: "scheduled-advanced-hunting",
    name: "rows",
    title: "Hunting query returns rows: they are emailed as an HTML table",
    options: {},
    trigger: { body: null },
    mocks: [
      {
        http: { method: "POST", uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery" },
        response: {
          status: 200,
          body: {
            schema: [
              { name: "Timestamp", type: "DateTime" },
              { name: "DeviceName", type: "String" },
              { name: "AccountName", type: "String" },
              { name: "ProcessCommandLine", type: "String" },
            ],
            results: [
              { Timestamp: "2026-11-27T07:41:12.0000000Z", DeviceName: "fin-ws-042", AccountName: "jdoe", ProcessCommandLine: "powershell.exe -EncodedCommand SQBFAFgA" },
              { Timestamp: "2026-11-27T07:52:30.0000000Z", DeviceName: "hr-ws-007", AccountName: "asmith", ProcessCommandLine: "pwsh.exe -EncodedCommand JABzAD0A" },
            ],
          },
        },
      },
      sendMail,
    ],
    expect: { status: "Succeeded", succeeded: ["Run_hunting_query", "Create_HTML_table", "Email_results"], calls: [MAIL_CALL], emailSubjects: ["2 result(s)"] },
  },
  {
    playbook: "scheduled-advanced-hunting",
    name: "no-rows",
    title: "Hunting query returns no rows: no email",
    options: {},
    trigger: { body: null },
    mocks: [{ http: { method: "POST", uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery" }, response: { status: 200, body: { schema: [], results: [] } } }, sendMail],
    expect: { status: "Succeeded", succeeded: ["Run_hunting_query"], notRun: ["Email_results"], noCalls: [MAIL_CALL] },
  },
];

/** The modes whose builds a scenario holds for. */
export function scenarioModes(scenario: Scenario): readonly PlaybookMode[] {
  return scenario.modes ?? [scenario.options.mode ?? "enforce"];
}

/** Parameter values used when an environment gives none (notify settings). */
export const SCENARIO_PARAMETERS: Record<string, unknown> = {
  notifyTo: "soc@contoso.com;secops@contoso.com",
  senderMailbox: "mde-automation@contoso.com",
};
