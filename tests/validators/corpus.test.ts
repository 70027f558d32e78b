/**
 * The real third-party corpus (../shared/corpus): real playbooks produce no errors, and the known-defective
 * files produce exactly their defects. Every finding below was checked by hand against the file (see the
 * comments); the catalog playbooks produce no diagnostics at all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { toArmTemplate } from "../../exporters/arm";
import { catalog } from "../../playbooks/catalog";
import { validate, validateDocument, validateText } from "../../validators";
import { resolvePointer } from "../../wdl/pointer";
import { CORPUS, corpusFiles, corpusIndex, readJson } from "../support/paths";

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
  // authentication.secret is [parameters('Secret')], a plain string ARM parameter baked into the definition.
  "sentinel-mde/get-mdefileactivitywithin30mins.json": [
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
  // Http actions authenticate with the managed identity; the workflow resource declares no identity.
  "sentinel-other/export-incidents-with-comments.json": [
    "workflow-identity-missing /resources/1/properties/definition/actions/For_each/actions/Check_if_incident_has_additional_comments/actions/Get_Incident_Comments/inputs/authentication/type",
  ],
};

function run(file: string) {
  return validateText(fs.readFileSync(file, "utf8"), { name: path.basename(file, ".json") }).report;
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
