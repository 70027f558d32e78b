/**
 * The real third-party corpora (../shared/corpus and ../shared/corpus-extra): real playbooks produce no errors,
 * and the known-defective files produce exactly their defects. Every finding below was checked by hand against
 * the file (see the comments); the catalog playbooks produce no diagnostics at all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { toArmTemplate } from "../../exporters/arm";
import { catalog } from "../../playbooks/catalog";
import { ruleInfo, validate, validateBytes, validateDocument } from "../../validators";
import { resolvePointer } from "../../wdl/pointer";
import { runCli } from "../support/cli";
import { CORPUS, CORPUS_EXTRA, corpusExtraFiles, corpusExtraIndex, corpusFiles, corpusIndex, readJson } from "../support/paths";

const rel = (file: string) => path.relative(CORPUS, file).split(path.sep).join("/");

/** Every diagnostic of the defective files, as "code pointer", in report order. */
const EXPECTED: Record<string, string[]> = {
  // Not workflows: MDE API payloads.
  "fixtures/mde-advancedqueries-run.request.json": ["unknown-document "],
  "fixtures/mde-advancedqueries-run.response.json": ["unknown-document "],
  "fixtures/mde-alert-get-single.response.json": ["unknown-document "],
  "fixtures/mde-isolate-machine.request.json": ["unknown-document "],
  "fixtures/mde-machineaction-get.response.json": ["unknown-document "],
  "fixtures/mde-machineaction-getpackageuri.response.json": ["unknown-document "],
  // Invalid JSON as published: "osPlatform": "Windows10" "Windows11".
  "fixtures/mde-machine-get-by-id.response.json": ["json-syntax "],
  // The designer mock increments 'var1', but its only InitializeVariable declares 'goalOwner'.
  "logicapps-samples/logicappsux-allscopenodes.json": [
    "Conditional_Case/actions/Condition/actions/Increment_variable_4",
    "ForEach_Case/actions/ForEach/actions/ForEach_Action_1",
    "ForEach_Case/actions/ForEach/actions/ForEach_nested/actions/ForEach_Action_2",
    "ForEach_Case/actions/ForEach/actions/ForEach_nested/actions/ForEach_Action_3",
    "Scope_Case/actions/Scope/actions/Scope_Action_1",
    "Scope_Case/actions/Scope/actions/Scope_Action_2",
    "Scope_Case/actions/Scope/actions/Scope_nested/actions/Scope_Action_3",
    "DoUntil_Case/actions/Until/actions/Until_Action_1",
    "DoUntil_Case/actions/Until/actions/Until_Action_2",
    "DoUntil_Case/actions/Until/actions/Until_Nested/actions/Until_Action_3",
  ].map((p) => `variable-undeclared /definition/actions/Switch/cases/${p}/inputs/name`),
  "sentinel-mde/dismiss-upstream-events.json": [
    // Http actions authenticate with the managed identity, but the workflow resource has no identity.
    "workflow-identity-missing /resources/2/properties/definition/actions/For_each/actions/Get_incident_relation_data/inputs/authentication/type",
    // INDEX.json: $connections['azuremonitorlogs_1'] is used but never declared.
    "connection-key-missing /resources/2/properties/definition/actions/For_each/actions/Switch/cases/Case/actions/For_each_2/actions/Run_query_and_list_results/inputs/host/connection/name",
    // Raw authentication with [parameters('McasAccessToken')]: the token lands in the deployed definition.
    "secure-data-missing /resources/2/properties/definition/actions/For_each/actions/Switch/cases/Case_3/actions/For_each_4/actions/Condition/actions/Resolve_MCAS_Alert",
    "arm-secret-inlined /resources/2/properties/definition/actions/For_each/actions/Switch/cases/Case_3/actions/For_each_4/actions/Condition/actions/Resolve_MCAS_Alert/inputs/authentication/value",
    "secure-data-missing /resources/2/properties/definition/actions/For_each/actions/Switch/cases/Case_3/actions/For_each_4/actions/Condition/else/actions/Dismiss_MCAS_Alert",
    "arm-secret-inlined /resources/2/properties/definition/actions/For_each/actions/Switch/cases/Case_3/actions/For_each_4/actions/Condition/else/actions/Dismiss_MCAS_Alert/inputs/authentication/value",
    "connection-key-missing /resources/2/properties/definition/actions/For_each/actions/Switch/cases/Case_3/actions/For_each_4/actions/Run_query_and_list_results_3/inputs/host/connection/name",
  ],
  // A client secret read from Key Vault and sent in an Http authentication, both without secureData.
  "sentinel-mde/get-mdatpvulnerabilities-crlf.json": [
    "secure-data-missing /resources/0/properties/definition/actions/For_each_Sentinel_host/actions/For_each_MDATP_host/actions/HTTP",
    "secure-data-missing /resources/0/properties/definition/actions/Get_secret",
  ],
  // authentication.secret is [parameters('Secret')], a plain string ARM parameter baked into the definition; the
  // same Http action POSTs https://api.security.microsoft.com/api/advancedHunting/run, the legacy Defender XDR
  // advanced hunting API whose retirement began in January 2026 (MC1220762).
  "sentinel-mde/get-mdefileactivitywithin30mins.json": [
    "deprecated-mde-advanced-hunting-api /resources/3/properties/definition/actions/For_each/actions/HTTP",
    "secure-data-missing /resources/3/properties/definition/actions/For_each/actions/HTTP",
    "arm-secret-inlined /resources/3/properties/definition/actions/For_each/actions/HTTP/inputs/authentication/secret",
  ],
  // INDEX.json: both connection resources are managedApis/azuread while $connections says azuresentinel / wdatp.
  "sentinel-mde/incident-status-sync-to-wdatp.json": [
    "arm-connection-api-mismatch /resources/2/properties/parameters/$connections/value/azuresentinel/id",
    "arm-connection-api-mismatch /resources/2/properties/parameters/$connections/value/wdatp/id",
  ],
  // Copy-paste defect: the comment reads body('Actions_-_Restrict_app_execution'), but the action that ran is
  // 'Actions_-_Remove_app_execution_restriction'; no action has the referenced name.
  "sentinel-mde/remove-mdeappexecution-alert.json": [
    "reference-missing /resources/2/properties/definition/actions/For_each/actions/Condition/actions/Add_comment_to_incident_(V3)/inputs/body/message",
  ],
  // INDEX.json: the miswired connections of Advanced-SNOW-Teams-Integration, plus two more defects of the
  // third workflow: it ends with a Response but its trigger is the Sentinel incident webhook, and its
  // managed-identity connection has no identity on the workflow resource.
  "sentinel-other/advanced-snow-teams-integration.json": [
    "arm-connection-duplicate /resources/3",
    "arm-connection-not-in-template /resources/6/properties/parameters/$connections/value/arm/connectionId",
    "connection-key-unused /resources/6/properties/parameters/$connections/value/azuresentinel",
    "arm-mi-connection-not-alternative /resources/4/properties",
    "response-without-request-trigger /resources/7/properties/definition/actions/Response",
    "arm-connection-api-mismatch /resources/7/properties/parameters/$connections/value/azuresentinel/id",
    "workflow-identity-missing /resources/7/properties/parameters/$connections/value/azuresentinel/connectionProperties/authentication/type",
  ],
  // The template's definition declares Teams_Id once and Channel_Id twice more after the first pair (lines 331 and
  // 571 repeat Channel_Id, 554 repeats Teams_Id): JSON parsers keep the last of each, silently.
  "sentinel-other/send-analyticalruleshealthnotifications.json": [
    "json-duplicate-key /resources/0/properties/definition/actions/Channel_Id",
    "json-duplicate-key /resources/0/properties/definition/actions/Teams_Id",
    "json-duplicate-key /resources/0/properties/definition/actions/Channel_Id",
  ],
  // Http actions authenticate with the managed identity; the workflow resource declares no identity.
  "sentinel-other/export-incidents-with-comments.json": [
    "workflow-identity-missing /resources/1/properties/definition/actions/For_each/actions/Check_if_incident_has_additional_comments/actions/Get_Incident_Comments/inputs/authentication/type",
  ],
};

/** Validate a file as the CLI does (bytes decoded, UTF-8 or UTF-16). */
function run(file: string) {
  return validateBytes(fs.readFileSync(file), { name: path.basename(file, ".json"), fileName: path.basename(file) }).report;
}

describe("corpus", () => {
  const files = corpusFiles();
  const index = new Map(corpusIndex().map((e) => [e.file, e]));

  it("covers every corpus file listed in INDEX.json", () => {
    expect(files.map(rel).sort()).toEqual([...index.keys()].sort());
    for (const name of Object.keys(EXPECTED)) expect(index.has(name), name).toBe(true);
  });

  it.each(files.map((f) => [rel(f), f]))("%s: exactly the expected diagnostics", (name, file) => {
    const report = run(file);
    const got = report.workflows.flatMap((w) => w.diagnostics.map((d) => `${d.code} ${d.pointer}`));
    expect(got).toEqual(EXPECTED[name] ?? []);
  });

  it.each(files.map((f) => [rel(f), f]))("%s: kind matches INDEX.json and pointers resolve", (name, file) => {
    const entry = index.get(name)!;
    const report = run(file);
    const expectedKind =
      entry.kind === "fixture"
        ? entry.valid_json
          ? "definition"
          : "invalid-json"
        : entry.kind === "definition"
          ? "workflow" // gallery templates ({properties: {definition}}) and Standard workflow.json files
          : entry.kind;
    expect(report.kind).toBe(expectedKind);
    if (report.kind === "invalid-json") return;
    const doc = readJson(file);
    for (const d of report.workflows.flatMap((w) => w.diagnostics)) expect(resolvePointer(doc, d.pointer).found, d.pointer).toBe(true);
  });

  it("the real playbooks (everything but fixtures and the files with real defects) produce zero errors", () => {
    // Files with a defect that breaks deployment or a run; the others may carry warnings only.
    const defective = new Set([
      "sentinel-mde/incident-status-sync-to-wdatp.json",
      "sentinel-mde/dismiss-upstream-events.json",
      "sentinel-other/advanced-snow-teams-integration.json",
      "sentinel-mde/remove-mdeappexecution-alert.json",
      "logicapps-samples/logicappsux-allscopenodes.json",
    ]);
    const clean = files.filter((f) => !rel(f).startsWith("fixtures/") && !defective.has(rel(f)));
    expect(clean.length).toBeGreaterThanOrEqual(25);
    for (const file of clean) {
      const errors = run(file).workflows.flatMap((w) => w.diagnostics.filter((d) => d.severity === "error"));
      expect(errors, rel(file)).toEqual([]);
    }
  });

  it("names ARM workflows by their resource name and points through /resources/N/properties/definition", () => {
    const report = run(path.join(CORPUS, "sentinel-other/advanced-snow-teams-integration.json"));
    expect(report.workflows.map((w) => [w.name, w.pointer])).toEqual([
      ["[parameters('PlaybookName')]", "/resources/5/properties/definition"],
      ["[concat(parameters('PlaybookName'),'-function-getListOfTaggedPlaybooks')]", "/resources/6/properties/definition"],
      ["[concat(parameters('PlaybookName'),'-ip-checkIPOnVirusTotal')]", "/resources/7/properties/definition"],
    ]);
  });

  it("the issue's known defects carry actionable messages", () => {
    const messages = (name: string) => run(path.join(CORPUS, name)).workflows.flatMap((w) => w.diagnostics.map((d) => d.message));
    expect(messages("sentinel-mde/incident-status-sync-to-wdatp.json").join("\n")).toMatch(/says managed API 'wdatp'.*is for 'azuread'/);
    expect(messages("sentinel-mde/dismiss-upstream-events.json").join("\n")).toMatch(/Connection 'azuremonitorlogs_1' is used here .* Did you mean 'azuremonitorlogs'\?/);
    expect(messages("sentinel-other/advanced-snow-teams-integration.json").join("\n")).toMatch(/says managed API 'azuresentinel'.*VirusTotalConnectionName.*is for 'virustotal'/);
  });

  it("the BOM file parses (a byte order mark is accepted) and is clean", () => {
    const report = run(path.join(CORPUS, "logicapps-samples/testframework-requestresponse-bom.json"));
    expect(report.kind).toBe("workflow");
    expect(report.workflows[0]!.diagnostics).toEqual([]);
  });

  it("the invalid fixture reports line 7, column 31 (the second adjacent string)", () => {
    const report = run(path.join(CORPUS, "fixtures/mde-machine-get-by-id.response.json"));
    expect(report.workflows[0]!.diagnostics[0]).toMatchObject({ code: "json-syntax", line: 7, column: 31 });
  });
});

describe("catalog playbooks", () => {
  it.each(catalog.flatMap((entry) => (entry.hasModes ? (["enforce", "audit"] as const) : ([undefined] as const)).map((mode) => [entry.name, mode] as const)))(
    "%s (%s) produces zero diagnostics",
    (name, mode) => {
      const entry = catalog.find((e) => e.name === name)!;
      const playbook = entry.create(mode ? { mode } : {});
      expect(validate(playbook.definition)).toEqual([]);
    },
  );

  it.each(catalog.map((entry) => [entry.name]))("%s exported as an ARM template produces zero diagnostics", (name) => {
    const playbook = catalog.find((e) => e.name === name)!.create({});
    const report = validateDocument(toArmTemplate(playbook));
    expect(report.kind).toBe("arm-template");
    expect(report.workflows.length).toBe(1);
    expect(report.workflows[0]!.diagnostics).toEqual([]);
  });
});

const relExtra = (file: string) => path.relative(CORPUS_EXTRA, file).split(path.sep).join("/");

/** Each workflow's pointer prefix in a Defender for Cloud template. */
const at = (resource: number, rest: string) => `/resources/${resource}/properties/${rest}`;

/**
 * corpus-extra: every diagnostic of the files that have one, as "code pointer", in report order. Each was checked
 * by hand against the file; the comment says what is wrong. Errors are defects that break the deployment or the
 * run; warnings are risks the file really has.
 */
const EXPECTED_EXTRA: Record<string, string[]> = {
  // Azure Policy definitions and a workbook that only mention Logic Apps: no workflow (a directory walk skips them).
  ...Object.fromEntries(
    [
      "remediation-scripts-diagnostic-logs-should-be-enabled-on-your-resource-event-hub-diagnostic-logs-in-logic-apps-should-be-enabled-azurepolicy.json",
      "remediation-scripts-diagnostic-logs-should-be-enabled-on-your-resource-log-analytics-diagnostic-logs-in-logic-apps-should-be-enabled-azurepolicy.json",
      "remediation-scripts-diagnostic-logs-should-be-enabled-on-your-resource-storage-account-diagnostic-logs-in-logic-apps-should-be-enabled-azurepolicy.json",
      "workbooks-azure-security-benchmark-v3-azuresecuritybenchmarkv3.json",
      "workflow-automation-configure-workflow-automation-in-scale-via-policy-workflow-automation-for-azure-security-center-alerts-policy-workflowautomationforascalertspolicy.json",
      "workflow-automation-configure-workflow-automation-in-scale-via-policy-workflow-automation-for-azure-security-center-recommendations-policy-workflowautomationforascrecommendationspolicy.json",
    ].map((f) => [`defender-for-cloud/${f}`, ["unknown-document "]]),
  ),
  // UTF-16 template: the expression @items('For_each_2')[resourceGroup().location] calls the ARM function
  // resourceGroup() inside a workflow expression, where no such function exists (the service rejects the definition).
  "defender-for-cloud/workflow-automation-secure-storage-remediation-securestorageremediation-template.json": [
    `unknown-function ${at(0, "definition/actions/For_each/actions/Condition_2/actions/For_each_2/actions/Condition/actions/Insert_row_(V2)/inputs/body/location")}`,
  ],
  // UTF-16 template: four actions read parameters('ActionGroupID'); the definition declares only AllAlertName and
  // Region, and the resource passes no value.
  "defender-for-cloud/workflow-automation-activity-log-alerts-for-ddos-activitylogalertsforddos-template.json": [
    "IfXRGnet_Present/actions/For_each_Alerts/actions/Condition_AlertPresent/else/actions/Switch/cases/Case/actions/Create_VNetAlert",
    "IfXRGnet_Present/actions/For_each_Alerts/actions/Condition_AlertPresent/else/actions/Switch/cases/Case_2/actions/Create_PublicIPAlert",
    "IfXRGnet_Present/else/actions/Condition_If_RG_Needs_to_be_created/actions/For_each_alert/actions/Switch_2/cases/Case/actions/HTTP_Create_VNetAlert",
    "IfXRGnet_Present/else/actions/Condition_If_RG_Needs_to_be_created/actions/For_each_alert/actions/Switch_2/cases/Case_2/actions/HTTP_Create_PublicIPAlert",
  ].map(
    (p) =>
      `parameter-undeclared ${at(0, `definition/actions/For_each_Subscriptions/actions/Condition_for_Active_Subscriptions/actions/${p}/inputs/body/properties/actions/actionGroups/0/actionGroupId`)}`,
  ),
  // $connections['sharepointonline_1'] is used, but the values supply 'sharepointonline' (which nothing uses).
  "defender-for-cloud/workflow-automation-export-ascrecommendationstocsv-azuredeploy.json": [
    `connection-key-missing ${at(3, "definition/actions/Create_file/inputs/host/connection/name")}`,
    `connection-key-unused ${at(3, "parameters/$connections/value/sharepointonline")}`,
  ],
  // The trigger is wrapped in a second "triggers" object, so the service sees a trigger named 'triggers' with no type.
  "defender-for-cloud/workflow-automation-open-devopstaskrecommendation-azuredeploy.json": [`schema-violation ${at(2, "definition/triggers/triggers")}`],
  // Copied from the Teams template: the Jira action uses $connections['jira'], the values supply ascalert and teams.
  "defender-for-cloud/workflow-automation-open-jiraissuealert-azuredeploy.json": [
    `connection-key-missing ${at(2, "definition/actions/Create_a_new_issue/inputs/host/connection/name")}`,
    `connection-key-unused ${at(2, "parameters/$connections/value/teams")}`,
  ],
  // Same copy: $connections['slack'] is used, the values supply ascalert and teams.
  "defender-for-cloud/workflow-automation-post-slackmessagealert-azuredeploy.json": [
    `connection-key-missing ${at(2, "definition/actions/Post_message/inputs/host/connection/name")}`,
    `connection-key-unused ${at(2, "parameters/$connections/value/teams")}`,
  ],
  // parameters('BCDR Admin Email') is read, but the definition declares 'Backup Admin Email'.
  "defender-for-cloud/workflow-automation-protect-azure-vm-backup-from-ransomware-azuredeploy.json": [
    `parameter-undeclared ${at(4, "definition/actions/For_each/actions/Is_affected_entity_a_host/actions/Is_the_host_protected/actions/Is_VM_Actively_Protected/actions/Send_Backup_Details_to_Backup_Admin/inputs/body/To")}`,
  ],
  // The alert trigger uses $connections['ascalert']; the values supply ascassessment and service-now.
  "defender-for-cloud/workflow-automation-create-snowincfromascalert-azuredeploy.json": [
    `connection-key-missing ${at(2, "definition/triggers/When_an_Azure_Security_Center_Alert_is_created_or_triggered/inputs/host/connection/name")}`,
    `connection-key-unused ${at(2, "parameters/$connections/value/ascassessment")}`,
  ],
  // The actions use office365_1 and arm_1; the values supply arm, azuretables and office365.
  "defender-for-cloud/workflow-automation-subscriptionmanagement-azuredeploy.json": [
    `connection-key-missing ${at(7, "definition/actions/Condition_2/actions/Send_an_email_(V2)/inputs/host/connection/name")}`,
    `connection-key-missing ${at(7, "definition/actions/Invoke_resource_operation/inputs/host/connection/name")}`,
    `connection-key-unused ${at(7, "parameters/$connections/value/arm")}`,
    `connection-key-unused ${at(7, "parameters/$connections/value/office365")}`,
  ],
  // $connections['arm'] is supplied (pointing at a connection the template does not deploy) but never used;
  // GetMDEDevices POSTs https://api.securitycenter.windows.com/api/advancedqueries/run, the legacy MDE advanced
  // hunting API being retired (MC1220762).
  "defender-for-cloud/workflow-automation-create-mdedevicetagarc-azuredeploy.json": [
    `deprecated-mde-advanced-hunting-api ${at(0, "definition/actions/GetMDEDevices")}`,
    `connection-key-unused ${at(0, "parameters/$connections/value/arm")}`,
    `arm-connection-not-in-template ${at(0, "parameters/$connections/value/arm/connectionId")}`,
  ],
  // GetMDEDevices POSTs https://api.securitycenter.windows.com/api/advancedqueries/run (legacy MDE advanced hunting
  // API, being retired: MC1220762); the file is otherwise clean.
  "defender-for-cloud/workflow-automation-create-mdedevicetagazure-azuredeploy.json": [`deprecated-mde-advanced-hunting-api ${at(0, "definition/actions/GetMDEDevices")}`],
  "defender-for-cloud/workflow-automation-sync-azurevmtags-mdedevicetags-azuredeploy.json": [`deprecated-mde-advanced-hunting-api ${at(0, "definition/actions/GetMDEDevices")}`],
  // Typo: the trigger uses $connections['ascassessment'], the values supply 'ascassement'.
  "defender-for-cloud/workflow-automation-open-jira-ticket-azuredeploy.json": [
    `connection-key-missing ${at(2, "definition/triggers/When_an_Azure_Security_Center_Recommendation_is_created_or_triggered/inputs/host/connection/name")}`,
    `connection-key-unused ${at(2, "parameters/$connections/value/ascassement")}`,
  ],
  // UTF-16 template: HTTP_5 sends the client secret read from Key Vault (the ARM variable holds the expression
  // @body('HTTP_3')['value'], so nothing is inlined) without secureData: the secret shows in run history.
  "defender-for-cloud/workflow-automation-regulatory-compliance-asc-regulatory-compliance.json": [`secure-data-missing ${at(0, "definition/actions/HTTP_5")}`],
  // The email action uses $connections['office365_1']; the values supply ascassessment and slack.
  "defender-for-cloud/workflow-automation-send-o365emailrecommendation-azuredeploy.json": [
    `connection-key-missing ${at(2, "definition/actions/Send_an_email_(V2)/inputs/host/connection/name")}`,
    `connection-key-unused ${at(2, "parameters/$connections/value/slack")}`,
  ],
  // An 85,589-character HTML template with short @{…} parts: whether the 8,192-character limit counts the
  // literal text is not documented (the template is published and deploys): a warning, not an error.
  "defender-for-cloud/workflow-automation-notify-sqlvulnerabilityreport-azuredeploy.json": [
    `template-too-long ${at(3, "definition/actions/For_each_subscription/actions/For_each_server/actions/Compose_email_template/inputs")}`,
  ],
  // parameters('GRC Team') is read for the Cc field; the definition declares only $connections and ComplianceEmailAddress.
  "defender-for-cloud/workflow-automation-notify-ascrecommendationsresourcetag-azuredeploy.json": [`parameter-undeclared ${at(2, "definition/actions/Send_an_email_(V2)/inputs/body/Cc")}`],
  // Http actions authenticate with the managed identity, but the workflow resource declares no identity.
  "defender-for-cloud/remediation-scripts-enable-the-built-in-vulnerability-assessment-solution-on-virtual-machines-powered-by-qualys-logic-app-azuredeploy.json": [
    `workflow-identity-missing ${at(0, "definition/actions/Get-Task_Findings/actions/For_each/actions/Condition/actions/HTTP_2/inputs/authentication/type")}`,
  ],
  "defender-for-cloud/remediation-scripts-function-app-should-only-be-accessible-over-https-logic-app-azuredeploy.json": [
    `workflow-identity-missing ${at(0, "definition/actions/For_each_-_Azure_Subscription/actions/For_each_Website/actions/Condition_check_httpsOnly_setting/actions/HTTP/inputs/authentication/type")}`,
  ],
  ...Object.fromEntries(
    ["remediation-scripts-install-monitoring-agent-on-vmss-logic-app-azuredeploy.json", "remediation-scripts-install-monitring-agent-on-vmss-logic-app-azuredeploy.json"].map((f) => [
      `defender-for-cloud/${f}`,
      [`workflow-identity-missing ${at(0, "definition/actions/For_each/actions/For_each_2/actions/For_each_3/actions/checkOS/actions/install_MMA_on_WINDOWS_SKU's_/inputs/authentication/type")}`],
    ]),
  ),
};

/** True for an expected "code pointer" whose code is an error. */
const isError = (finding: string) => ruleInfo(finding.split(" ")[0]!)!.severity === "error";

/** Files with a defect that breaks deployment or a run (an error above; not-a-workflow files aside). */
const DEFECTIVE_EXTRA = Object.entries(EXPECTED_EXTRA)
  .filter(([, found]) => found.some((f) => isError(f) && !f.startsWith("unknown-document")))
  .map(([file]) => file);

describe("corpus-extra (Defender for Cloud)", () => {
  const files = corpusExtraFiles();
  const index = new Map(corpusExtraIndex().map((e) => [e.file, e]));

  it("covers every file listed in INDEX.json", () => {
    expect(files.map(relExtra).sort()).toEqual([...index.keys()].sort());
    for (const name of Object.keys(EXPECTED_EXTRA)) expect(index.has(name), name).toBe(true);
  });

  it.each(files.map((f) => [relExtra(f), f]))("%s: exactly the expected diagnostics", (name, file) => {
    const report = run(file);
    expect(report.workflows.flatMap((w) => w.diagnostics.map((d) => `${d.code} ${d.pointer}`))).toEqual(EXPECTED_EXTRA[name] ?? []);
  });

  it.each(files.map((f) => [relExtra(f), f]))("%s: kind matches INDEX.json and pointers resolve", (name, file) => {
    const entry = index.get(name)!;
    const report = run(file);
    // INDEX.json could not read the UTF-16 files and calls them "definition"; they are ARM templates.
    const expectedKind = entry.kind === "not-a-workflow" ? "definition" : entry.bom === "utf-16" ? "arm-template" : entry.kind;
    expect(report.kind).toBe(expectedKind);
    const doc = readJson(file);
    for (const d of report.workflows.flatMap((w) => w.diagnostics)) expect(resolvePointer(doc, d.pointer).found, d.pointer).toBe(true);
  });

  it("the real playbooks (all but the not-a-workflow files and those with real defects) produce zero errors", () => {
    const notWorkflows = new Set([...index.values()].filter((e) => e.kind === "not-a-workflow").map((e) => e.file));
    const clean = files.filter((f) => !notWorkflows.has(relExtra(f)) && !DEFECTIVE_EXTRA.includes(relExtra(f)));
    expect(DEFECTIVE_EXTRA.length).toBe(12);
    expect(clean.length).toBe(files.length - notWorkflows.size - DEFECTIVE_EXTRA.length);
    for (const file of clean) {
      const errors = run(file).workflows.flatMap((w) => w.diagnostics.filter((d) => d.severity === "error"));
      expect(errors, relExtra(file)).toEqual([]);
    }
  });

  it("the edge cases INDEX.json describes are read: comments, UTF-16, the one-character string \"@\"", () => {
    const utf16 = [...index.values()].filter((e) => e.bom === "utf-16");
    expect(utf16.length).toBe(4);
    for (const e of utf16) expect(run(path.join(CORPUS_EXTRA, e.file)).kind, e.file).toBe("arm-template");
    const commented = [...index.values()].filter((e) => !e.valid_json && e.bom !== "utf-16");
    expect(commented.length).toBe(3);
    for (const e of commented) {
      const text = fs.readFileSync(path.join(CORPUS_EXTRA, e.file), "utf8");
      expect(text, e.file).toMatch(/^\s*\/\//m);
      expect(run(path.join(CORPUS_EXTRA, e.file)).workflows[0]!.diagnostics, e.file).toEqual([]);
    }
    const at = files.filter((f) => fs.readFileSync(f, "utf8").includes('"@"'));
    expect(at.length).toBeGreaterThanOrEqual(4);
    for (const f of at) expect(run(f).workflows.flatMap((w) => w.diagnostics).map((d) => d.code), relExtra(f)).not.toContain("expression-syntax");
  });

  it("the CLI walks the folder: not-a-workflow files skipped, the totals of the table above", () => {
    const r = runCli(["validate", CORPUS_EXTRA, "--format", "json"]);
    expect(r.code).toBe(1);
    const expected = Object.values(EXPECTED_EXTRA).flat().filter((f) => !f.startsWith("unknown-document"));
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 116, workflows: 114, errors: expected.filter(isError).length, warnings: expected.filter((f) => !isError(f)).length });
  });
});
