/** Bundled scenarios of graph-alert-triage: new High alerts are set in progress, commented and emailed; none sends nothing. */
import { MAIL_CALL, sendMail } from "./common";
import { sampleGraphAlert } from "./samples";
import type { CallPattern, Scenario, ScenarioMock } from "./types";

const ALERTS = "https://graph.microsoft.com/v1.0/security/alerts_v2";
const LIST: CallPattern = ["http", "GET", ALERTS];
const UPDATE: CallPattern = ["http", "PATCH", `${ALERTS}/*`];
const COMMENT: CallPattern = ["http", "POST", `${ALERTS}/*/comments`];
const list = (alerts: unknown[]): ScenarioMock => ({ http: { method: "GET", uri: ALERTS }, response: { status: 200, body: { value: alerts } } });
const update: ScenarioMock = { http: { method: "PATCH", uri: `${ALERTS}/*` }, response: { status: 200, body: { status: "inProgress" } } };
const comment: ScenarioMock = { http: { method: "POST", uri: `${ALERTS}/*/comments` }, response: { status: 200, body: { value: [] } } };

export const graphAlertTriageScenarios: readonly Scenario[] = [
  {
    playbook: "graph-alert-triage",
    name: "new-alerts",
    title: "Two new High alerts since the last run: each set to inProgress and commented, the SOC emailed the list",
    options: {},
    trigger: { body: null },
    mocks: [list([sampleGraphAlert(1, "Suspicious PowerShell command line"), sampleGraphAlert(2, "Ransomware behavior detected")]), update, comment, sendMail],
    expect: {
      status: "Succeeded",
      succeeded: ["List_new_alerts", "Alert_table", "Email_triaged_alerts"],
      calls: [LIST, UPDATE, COMMENT, MAIL_CALL],
      bodies: [
        { call: UPDATE, texts: ["inProgress"] },
        { call: COMMENT, texts: ["Triaged by playbook-kit graph-alert-triage"] },
      ],
      emailSubjects: ["2 new high alert(s) triaged"],
    },
  },
  {
    playbook: "graph-alert-triage",
    name: "no-alerts",
    title: "No new High alert since the last run: nothing updated, no email",
    options: {},
    trigger: { body: null },
    mocks: [list([]), update, comment, sendMail],
    expect: { status: "Succeeded", succeeded: ["List_new_alerts"], notRun: ["Email_triaged_alerts"], calls: [LIST], noCalls: [UPDATE, COMMENT, MAIL_CALL] },
  },
];
