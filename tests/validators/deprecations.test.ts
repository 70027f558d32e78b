/**
 * The deprecation rules (validators/rules/deprecations.ts, data in operations/deprecations.ts): they fire on exactly
 * the corpus files that call a retired operation, their messages carry the date, the source and the replacement,
 * `--strict` fails on them, and no catalog playbook (every mode, and its ARM export) triggers one.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { toArmTemplate } from "../../exporters/arm";
import { DEPRECATIONS } from "../../operations";
import { catalog } from "../../playbooks/catalog";
import { RULES, validate, validateDocument, validateText } from "../../validators";
import { runCli } from "../support/cli";
import { CORPUS, CORPUS_EXTRA, jsonFiles, SHARED } from "../support/paths";
import { armTemplate, connectionEntry, connectionResource, def, http } from "./helpers";

const CODES = RULES.map((r) => r.code).filter((c) => c.startsWith("deprecated-"));
const deprecationsOf = <D extends { code: string }>(diagnostics: readonly D[]): D[] => diagnostics.filter((d) => d.code.startsWith("deprecated-"));

/** A wdatp connector action through the `$connections` key `key`. */
const wdatp = (key: string, method: string, p: string, body?: unknown) => ({
  type: "ApiConnection",
  inputs: { host: { connection: { name: `@parameters('$connections')['${key}']['connectionId']` } }, method, path: p, ...(body !== undefined ? { body } : {}) },
  runAfter: {},
});
const withConnections = (actions: Record<string, unknown>) => def(actions, { parameters: { $connections: { type: "Object", defaultValue: {} } } });

describe("deprecation rules", () => {
  it("there is one warning rule per retirement in operations/deprecations.ts", () => {
    expect(CODES).toEqual(["deprecated-wdatp-advanced-hunting", "deprecated-mde-advanced-hunting-api", "deprecated-graph-security-alerts", "deprecated-wdatp-initiate-investigation"]);
    expect(CODES.length).toBe(DEPRECATIONS.length);
    for (const code of CODES) expect(RULES.find((r) => r.code === code)!.severity).toBe("warning");
  });

  it("fire on exactly the corpus files that call a retired operation, at the calling action", () => {
    const found: string[] = [];
    for (const file of [...jsonFiles(CORPUS), ...jsonFiles(CORPUS_EXTRA)]) {
      const report = validateText(fs.readFileSync(file, "utf8")).report;
      for (const d of deprecationsOf(report.workflows.flatMap((w) => w.diagnostics))) found.push(`${path.relative(SHARED, file).split(path.sep).join("/")} ${d.code} ${d.pointer}`);
    }
    // Found by grep: the corpus calls the legacy advanced hunting REST API over Http four times; no file calls the
    // connector's Advanced Hunting or Initiate investigation action, or Graph /security/alerts (cases below).
    expect(found).toEqual([
      "corpus/sentinel-mde/get-mdefileactivitywithin30mins.json deprecated-mde-advanced-hunting-api /resources/3/properties/definition/actions/For_each/actions/HTTP",
      "corpus-extra/defender-for-cloud/workflow-automation-create-mdedevicetagarc-azuredeploy.json deprecated-mde-advanced-hunting-api /resources/0/properties/definition/actions/GetMDEDevices",
      "corpus-extra/defender-for-cloud/workflow-automation-create-mdedevicetagazure-azuredeploy.json deprecated-mde-advanced-hunting-api /resources/0/properties/definition/actions/GetMDEDevices",
      "corpus-extra/defender-for-cloud/workflow-automation-sync-azurevmtags-mdedevicetags-azuredeploy.json deprecated-mde-advanced-hunting-api /resources/0/properties/definition/actions/GetMDEDevices",
    ]);
  });

  it("deprecated-wdatp-advanced-hunting: the connector action, with the date, the source and runHuntingQuery", () => {
    const [d, ...rest] = deprecationsOf(validate(withConnections({ Run_query: wdatp("wdatp", "post", "/api/advancedqueries/run", { Query: "DeviceInfo" }) })));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: "deprecated-wdatp-advanced-hunting", severity: "warning", pointer: "/actions/Run_query" });
    expect(d!.message).toContain("retirement: 2027-02-01");
    expect(d!.message).toContain("https://azure.github.io/Connectors-NodeJS-SDK/");
    expect(d!.message).toContain("Use Microsoft Graph runHuntingQuery (POST https://graph.microsoft.com/v1.0/security/runHuntingQuery");
    // Quiet on the other wdatp calls.
    expect(deprecationsOf(validate(withConnections({ Get_machine: wdatp("wdatp", "get", "/api/machines/@{encodeURIComponent('x')}") })))).toEqual([]);
  });

  it("deprecated-wdatp-advanced-hunting: a $connections key that is not the API name is mapped through its id (ARM template)", () => {
    const template = armTemplate({
      definition: withConnections({ Run_query: wdatp("mde", "post", "/api/advancedqueries/run", { Query: "DeviceInfo" }) }),
      resources: [connectionResource("WDATPConnection", "wdatp")],
      connections: { mde: connectionEntry("WDATPConnection", "wdatp") },
    });
    const codes = deprecationsOf(validateDocument(template).workflows.flatMap((w) => w.diagnostics)).map((d) => d.code);
    expect(codes).toEqual(["deprecated-wdatp-advanced-hunting"]);
  });

  it("deprecated-mde-advanced-hunting-api: Http on every MDE host and both paths; not runHuntingQuery", () => {
    for (const uri of ["https://api.securitycenter.windows.com/api/advancedqueries/run", "https://api.security.microsoft.com/api/advancedHunting/run"]) {
      const [d] = deprecationsOf(validate(def({ Q: http({ method: "POST", uri, body: { Query: "x" } }) })));
      expect(d?.code, uri).toBe("deprecated-mde-advanced-hunting-api");
      expect(d!.message).toContain("MC1220762");
      expect(d!.message).toContain("https://learn.microsoft.com/defender-endpoint/api/run-advanced-query-api");
    }
    expect(deprecationsOf(validate(def({ Q: http({ method: "POST", uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery", body: { Query: "x" } }) })))).toEqual([]);
  });

  it("deprecated-graph-security-alerts: /security/alerts (list, one, updateAlerts; v1.0 and beta), not alerts_v2 or incidents", () => {
    for (const [method, uri] of [
      ["GET", "https://graph.microsoft.com/v1.0/security/alerts?$top=10"],
      ["PATCH", "https://graph.microsoft.com/beta/security/alerts/@{triggerBody()?['id']}"],
      ["POST", "https://graph.microsoft.com/v1.0/security/alerts/updateAlerts"],
    ] as const) {
      const [d] = deprecationsOf(validate(def({ A: http({ method, uri }) })));
      expect(d?.code, uri).toBe("deprecated-graph-security-alerts");
      expect(d!.message).toContain("retirement: 2026-08-31");
      expect(d!.message).toContain("https://learn.microsoft.com/graph/alertsv1-alertsv2-migration");
      expect(d!.message).toContain("/security/alerts_v2 and /security/incidents");
    }
    for (const uri of ["https://graph.microsoft.com/v1.0/security/alerts_v2", "https://graph.microsoft.com/v1.0/security/incidents/1", "https://graph.microsoft.com/v1.0/security/alerts_v2/x/comments"]) {
      expect(deprecationsOf(validate(def({ A: http({ uri }) }))), uri).toEqual([]);
    }
  });

  it("deprecated-wdatp-initiate-investigation: names the connector's marking and startInvestigation", () => {
    const [d] = deprecationsOf(validate(withConnections({ I: wdatp("wdatp", "post", "/api/machines/@{encodeURIComponent('m')}/initiateInvestigation", { Comment: "c" }) })));
    expect(d?.code).toBe("deprecated-wdatp-initiate-investigation");
    expect(d!.message).toContain('"(to be deprecated)"');
    expect(d!.message).toContain("https://azure.github.io/Connectors-NodeJS-SDK/interfaces/generated_WdatpExtensions.InitiateInvestigationInput.html");
    expect(d!.message).toContain("/api/machines/{id}/startInvestigation");
    expect(deprecationsOf(validate(withConnections({ I: wdatp("wdatp", "post", "/api/machines/@{encodeURIComponent('m')}/startInvestigation", { Comment: "c" }) })))).toEqual([]);
  });

  it("validate --strict fails on a deprecation warning; without --strict it passes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-deprecated-"));
    try {
      const file = path.join(dir, "legacy-alerts.json");
      fs.writeFileSync(file, JSON.stringify(def({ A: http({ uri: "https://graph.microsoft.com/v1.0/security/alerts" }) })));
      const plain = runCli(["validate", file]);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain("deprecated-graph-security-alerts");
      expect(runCli(["validate", file, "--strict"]).code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("no catalog playbook calls a retired operation (every mode, and as an ARM template)", () => {
    expect(catalog.length).toBeGreaterThan(0);
    for (const entry of catalog) {
      for (const mode of entry.hasModes ? (["enforce", "audit"] as const) : ([undefined] as const)) {
        const playbook = entry.create(mode ? { mode } : {});
        expect(deprecationsOf(validate(playbook.definition)), `${entry.name} ${mode ?? ""}`).toEqual([]);
        expect(deprecationsOf(validateDocument(toArmTemplate(playbook)).workflows.flatMap((w) => w.diagnostics)), entry.name).toEqual([]);
      }
    }
  });
});
