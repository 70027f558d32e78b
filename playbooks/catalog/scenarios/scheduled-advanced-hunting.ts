/** Bundled scenarios of scheduled-advanced-hunting: rows are emailed, no rows send nothing. */
import { MAIL_CALL, sendMail } from "./common";
import type { Scenario } from "./types";

export const scheduledAdvancedHuntingScenarios: readonly Scenario[] = [
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
