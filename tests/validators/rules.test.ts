/**
 * One test per rule: each fires on a minimal bad case and stays quiet on its good twin (the twin produces no
 * diagnostic at all). A last test checks that every catalogued code has a case here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseJsonText, RULES, validate, validateText } from "../../validators";
import { decodeText, firstInvalidUtf8 } from "../../validators/decode";
import { resolvePointer } from "../../wdl/pointer";
import { runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";
import {
  armTemplate,
  compose,
  connectionEntry,
  connectionResource,
  connectorDefinition,
  def,
  http,
  nested,
  workflowResource,
} from "./helpers";

interface Case {
  code: string;
  bad: unknown;
  good: unknown;
  /** Options for both (e.g. the app parameters a Standard workflow is read with). */
  options?: { appParameters?: string[] };
}

/** UTF-8 bytes of the text with each "é" written as the single Latin-1 byte 0xE9 (invalid in UTF-8). */
const notUtf8 = (text: string) => Buffer.concat(text.split("é").flatMap((part, i) => (i ? [Buffer.from([0xe9]), Buffer.from(part, "utf8")] : [Buffer.from(part, "utf8")])));
const secureParam = { token: { type: "SecureString" } };
const secureData = { runtimeConfiguration: { secureData: { properties: ["inputs"] } } };
const manyActions = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`A${i}`, compose(i)]));
const cases = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`Case_${i}`, { case: i, actions: { [`In_case_${i}`]: compose(i) } }]));

/** A wdatp connector action (connection key `wdatp`). */
const wdatpAction = (method: string, path: string, body?: unknown, runAfter = {}) => ({
  type: "ApiConnection",
  inputs: { host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } }, method, path, ...(body !== undefined ? { body } : {}) },
  runAfter,
});
/** An Http call with the managed identity (Graph or MDE). */
const graphHttp = (method: string, uri: string, body?: unknown) =>
  http({ method, uri, ...(body !== undefined ? { body } : {}), authentication: { type: "ManagedServiceIdentity", audience: new URL(uri).origin } });

const CASES: Case[] = [
  {
    code: "json-too-deep",
    bad: def({ A: compose(JSON.parse("[".repeat(300) + "]".repeat(300))) }),
    good: def({ A: compose(JSON.parse("[".repeat(200) + "]".repeat(200))) }),
  },
  {
    code: "unknown-document",
    bad: { id: "1", severity: "High" },
    good: def({}),
  },
  {
    code: "definition-not-inline",
    bad: armTemplate({ definition: "[variables('definition')]" }),
    good: armTemplate({ definition: def({}) }),
  },
  {
    code: "schema-violation",
    bad: def({ Call: { type: "Http", inputs: { method: "GET" }, runAfter: {} } }),
    good: def({ Call: http({}) }),
  },
  {
    code: "unknown-action-type",
    bad: def({ A: { type: "Composer", inputs: 1, runAfter: {} } }),
    good: def({ A: compose(1) }),
  },
  {
    code: "unknown-trigger-type",
    bad: def({}, { triggers: { t: { type: "Requestt", kind: "Http" } } }),
    good: def({}, { triggers: { t: { type: "request", kind: "Http" } } }),
  },
  {
    code: "unknown-property",
    bad: def({ A: { type: "Compose", inputs: 1, runAftre: {} } }),
    good: def({ A: { type: "Compose", inputs: 1, runAfter: {} } }),
  },
  {
    code: "expression-syntax",
    bad: def({ A: compose("@concat('a', 'b'") }),
    good: def({ A: compose("@concat('a', 'b')") }),
  },
  {
    code: "unknown-function",
    bad: def({ A: compose("@toLowr('A')") }),
    good: def({ A: compose("@toLower('A')") }),
  },
  {
    code: "function-arity",
    bad: def({ A: compose("@toLower('A', 'B')") }),
    good: def({ A: compose("@toLower('A')") }),
  },
  {
    code: "json-comments",
    bad: `// exported from the designer\n${JSON.stringify(def({}))}`,
    good: `// ARM accepts comments in templates\n${JSON.stringify(armTemplate({ definition: def({}) }))}`,
  },
  {
    code: "json-duplicate-key",
    bad: `{"$schema": ${JSON.stringify(def({}).$schema)}, "contentVersion": "1.0.0.0", "triggers": {}, "actions": {"A": {"type": "Compose", "inputs": 1, "runAfter": {}}, "A": {"type": "Compose", "inputs": 2, "runAfter": {}}}, "outputs": {}}`,
    good: `{"$schema": ${JSON.stringify(def({}).$schema)}, "contentVersion": "1.0.0.0", "triggers": {}, "actions": {"A": {"type": "Compose", "inputs": 1, "runAfter": {}}, "B": {"type": "Compose", "inputs": 2, "runAfter": {}}}, "outputs": {}}`,
  },
  {
    code: "json-number-out-of-range",
    bad: JSON.stringify(def({ A: compose(1) })).replace('"inputs":1', '"inputs":1e999'),
    good: JSON.stringify(def({ A: compose(1) })).replace('"inputs":1', '"inputs":1e308'),
  },
  {
    code: "invalid-utf8",
    bad: notUtf8(JSON.stringify(def({ A: compose("café") }))),
    good: Buffer.from(JSON.stringify(def({ A: compose("café") })), "utf8"),
  },
  {
    code: "create-array-no-arguments",
    bad: def({ A: compose("@createArray()") }),
    good: def({ A: compose("@json('[]')") }),
  },
  {
    code: "template-too-long",
    bad: def({ A: compose(`${"<p>report</p>".repeat(700)}@{triggerBody()?['id']}`) }),
    good: def({ A: compose(`${"<p>report</p>".repeat(500)}@{triggerBody()?['id']}`) }),
  },
  {
    code: "foreach-sequential-with-repetitions",
    bad: def({
      Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { A: compose(1) }, operationOptions: "Sequential", runtimeConfiguration: { concurrency: { repetitions: 5 } }, runAfter: {} },
    }),
    good: def({ Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { A: compose(1) }, operationOptions: "Sequential", runAfter: {} } }),
  },
  {
    code: "expression-too-long",
    bad: def({ A: compose(`@concat('${"a".repeat(8200)}')`) }),
    good: def({ A: compose(`@concat('${"a".repeat(8000)}')`) }),
  },
  {
    code: "run-after-missing",
    bad: def({ A: compose(1), B: compose(2, { Aa: ["Succeeded"] }) }),
    good: def({ A: compose(1), B: compose(2, { A: ["Succeeded"] }) }),
  },
  {
    code: "run-after-other-scope",
    bad: def({ S: { type: "Scope", actions: { Inner: compose(1) }, runAfter: {} }, B: compose(2, { Inner: ["Succeeded"] }) }),
    good: def({ S: { type: "Scope", actions: { Inner: compose(1) }, runAfter: {} }, B: compose(2, { S: ["Succeeded"] }) }),
  },
  {
    code: "run-after-self",
    bad: def({ A: compose(1, { A: ["Succeeded"] }) }),
    good: def({ A: compose(1) }),
  },
  {
    code: "run-after-cycle",
    bad: def({ A: compose(1, { C: ["Succeeded"] }), B: compose(2, { A: ["Succeeded"] }), C: compose(3, { B: ["Succeeded"] }) }),
    good: def({ A: compose(1), B: compose(2, { A: ["Succeeded"] }), C: compose(3, { B: ["Succeeded"] }) }),
  },
  {
    code: "run-after-status",
    bad: def({ A: compose(1), B: compose(2, { A: ["Succeeded", "Done"] }) }),
    // Statuses are case-insensitive: Standard writes FAILED and TIMEDOUT.
    good: def({ A: compose(1), B: compose(2, { A: ["Succeeded", "FAILED", "TIMEDOUT", "skipped"] }) }),
  },
  {
    code: "reference-missing",
    bad: def({ A: compose(1), B: compose("@body('A_typo')", { A: ["Succeeded"] }) }),
    good: def({ A: compose(1), B: compose("@body('a')", { A: ["Succeeded"] }) }),
  },
  {
    code: "reference-not-run",
    // B runs in parallel with A, so A may not have run yet.
    bad: def({ A: compose(1), B: compose("@outputs('A')") }),
    // An action inside a completed predecessor container counts as having run.
    good: def({ S: { type: "Scope", actions: { Inner: compose(1) }, runAfter: {} }, B: compose("@outputs('Inner')", { S: ["Succeeded"] }) }),
  },
  {
    code: "items-outside-loop",
    bad: def({ Loop: { type: "Foreach", foreach: "@triggerBody()?['rows']", actions: {}, runAfter: {} }, After: compose("@items('Loop')", { Loop: ["Succeeded"] }) }),
    good: def({ Loop: { type: "Foreach", foreach: "@triggerBody()?['rows']", actions: { Each: compose("@items('Loop')") }, runAfter: {} } }),
  },
  {
    code: "variable-undeclared",
    bad: def({ Set: { type: "SetVariable", inputs: { name: "count", value: 1 }, runAfter: {} } }),
    good: def({
      Init: { type: "InitializeVariable", inputs: { variables: [{ name: "Count", type: "integer", value: 0 }] }, runAfter: {} },
      Set: { type: "SetVariable", inputs: { name: "count", value: "@add(variables('COUNT'), 1)" }, runAfter: { Init: ["Succeeded"] } },
    }),
  },
  {
    code: "variable-init-nested",
    bad: def({ S: { type: "Scope", actions: { Init: { type: "InitializeVariable", inputs: { variables: [{ name: "v", type: "string" }] }, runAfter: {} } }, runAfter: {} } }),
    good: def({ Init: { type: "InitializeVariable", inputs: { variables: [{ name: "v", type: "string" }] }, runAfter: {} } }),
  },
  {
    code: "parameter-undeclared",
    bad: def({ A: compose("@parameters('notifyTo')") }),
    good: def({ A: compose("@parameters('notifyTo')") }, { parameters: { notifyTo: { type: "String", defaultValue: "soc@example.com" } } }),
  },
  {
    code: "parameter-not-in-app",
    bad: { definition: def({ A: compose("@parameters('ServiceUlr')") }), kind: "Stateful" },
    good: { definition: def({ A: compose("@parameters('ServiceUrl')") }), kind: "Stateful" },
    options: { appParameters: ["ServiceUrl"] },
  },
  {
    code: "parameter-value-undeclared",
    bad: workflowResource(def({}), { notifyTo: { value: "soc@example.com" } }),
    good: workflowResource(def({ A: compose("@parameters('notifyTo')") }, { parameters: { notifyTo: { type: "String" } } }), { notifyTo: { value: "soc@example.com" } }),
  },
  {
    code: "connection-key-missing",
    bad: workflowResource(connectorDefinition("wdatp"), { $connections: { value: { wdatp_1: { connectionId: "/c/1", id: "/m/wdatp" } } } }),
    good: workflowResource(connectorDefinition("wdatp"), { $connections: { value: { WDATP: { connectionId: "/c/1", id: "/m/wdatp" } } } }),
  },
  {
    code: "connection-key-unused",
    bad: workflowResource(connectorDefinition("wdatp"), { $connections: { value: { wdatp: { connectionId: "/c/1" }, office365: { connectionId: "/c/2" } } } }),
    good: workflowResource(connectorDefinition("wdatp"), { $connections: { value: { wdatp: { connectionId: "/c/1" } } } }),
  },
  {
    code: "trigger-reference-without-trigger",
    bad: def({ A: compose("@triggerBody()?['id']") }, { triggers: {} }),
    good: def({ A: compose("@triggerBody()?['id']") }),
  },
  {
    code: "response-without-request-trigger",
    bad: def({ Reply: { type: "Response", kind: "Http", inputs: { statusCode: 200 }, runAfter: {} } }, { triggers: { Every_hour: { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } } } }),
    good: def({ Reply: { type: "Response", kind: "http", inputs: { statusCode: 200 }, runAfter: {} } }),
  },
  {
    code: "not-allowed-in-loop",
    bad: def({ Loop: { type: "Until", expression: "@true", limit: { count: 5, timeout: "PT1H" }, actions: { Stop: { type: "Terminate", inputs: { runStatus: "Failed" }, runAfter: {} } }, runAfter: {} } }),
    good: def({
      Loop: { type: "Until", expression: "@true", limit: { count: 5, timeout: "PT1H" }, actions: { Work: compose(1) }, runAfter: {} },
      Stop: { type: "Terminate", inputs: { runStatus: "Failed" }, runAfter: { Loop: ["Succeeded"] } },
    }),
  },
  {
    code: "response-in-parallel-branch",
    bad: def({ Reply: { type: "Response", kind: "Http", inputs: { statusCode: 202 }, runAfter: {} }, Work: compose(1) }),
    // The success and the failure branch of one action never run together (Azure/LogicAppsUX#9412 saves it).
    good: def({
      Work: compose(1),
      Ok: { type: "Response", kind: "Http", inputs: { statusCode: 200 }, runAfter: { Work: ["Succeeded"] } },
      Failed: { type: "Response", kind: "Http", inputs: { statusCode: 500 }, runAfter: { Work: ["Failed", "TimedOut"] } },
    }),
  },
  {
    code: "nesting-too-deep",
    bad: def(nested(9)),
    good: def(nested(8)),
  },
  {
    code: "too-many-actions",
    bad: def(manyActions(501)),
    good: def(manyActions(500)),
  },
  {
    code: "switch-too-many-cases",
    bad: def({ Sw: { type: "Switch", expression: "@triggerBody()?['n']", cases: cases(26), default: { actions: {} }, runAfter: {} } }),
    good: def({ Sw: { type: "Switch", expression: "@triggerBody()?['n']", cases: cases(25), default: { actions: {} }, runAfter: {} } }),
  },
  {
    code: "name-too-long",
    bad: def({ ["N".repeat(81)]: compose(1) }),
    good: def({ ["N".repeat(80)]: compose(1) }),
  },
  {
    code: "name-invalid-characters",
    bad: def({ "Isolate/unisolate?": compose(1) }),
    good: def({ "Isolate_unisolate_(V2)": compose(1) }),
  },
  {
    code: "duplicate-name",
    bad: def({ Notify: compose(1), S: { type: "Scope", actions: { Notify: compose(2) }, runAfter: { Notify: ["Succeeded"] } } }),
    good: def({ Notify: compose(1), S: { type: "Scope", actions: { Notify_again: compose(2) }, runAfter: { Notify: ["Succeeded"] } } }),
  },
  {
    code: "until-without-limit",
    bad: def({ Poll: { type: "Until", expression: "@true", actions: {}, runAfter: {} } }),
    good: def({ Poll: { type: "Until", expression: "@true", limit: { count: 60, timeout: "PT1H" }, actions: {}, runAfter: {} } }),
  },
  {
    code: "until-count-too-high",
    bad: def({ Poll: { type: "Until", expression: "@true", limit: { count: 5001, timeout: "PT1H" }, actions: {}, runAfter: {} } }),
    good: def({ Poll: { type: "Until", expression: "@true", limit: { count: 5000, timeout: "PT1H" }, actions: {}, runAfter: {} } }),
  },
  {
    code: "wait-count-negative",
    bad: def({ Pause: { type: "Wait", inputs: { interval: { count: -5, unit: "Minute" } }, runAfter: {} } }),
    good: def({ Pause: { type: "Wait", inputs: { interval: { count: 5, unit: "Minute" } }, runAfter: {} } }),
  },
  {
    code: "wait-longer-than-run",
    bad: def({ Pause: { type: "Wait", inputs: { interval: { count: 1e300, unit: "Second" } }, runAfter: {} } }),
    good: def({ Pause: { type: "Wait", inputs: { interval: { count: 90, unit: "Day" } }, runAfter: {} } }),
  },
  {
    code: "secure-parameter-default",
    bad: def({ Use: { ...compose("@parameters('token')"), ...secureData } }, { parameters: { token: { type: "SecureString", defaultValue: "s3cr3t-value" } } }),
    good: def({ Use: { ...compose("@parameters('token')"), ...secureData } }, { parameters: { token: { type: "SecureString" } } }),
  },
  {
    code: "http-not-https",
    bad: def({ Call: http({ uri: "http://api.example.com/@{triggerBody()?['id']}" }) }),
    good: def({ Call: http({ uri: "https://api.example.com/@{triggerBody()?['id']}" }) }),
  },
  {
    code: "deprecated-wdatp-advanced-hunting",
    bad: connectorDefinition("wdatp", { Run_query: wdatpAction("post", "/api/advancedqueries/run", { Query: "DeviceInfo | take 1" }) }),
    good: def({ Run_query: graphHttp("POST", "https://graph.microsoft.com/v1.0/security/runHuntingQuery", { Query: "DeviceInfo | take 1" }) }),
  },
  {
    code: "deprecated-mde-advanced-hunting-api",
    bad: def({ Run_query: graphHttp("POST", "https://api.security.microsoft.com/api/advancedhunting/run", { Query: "DeviceInfo | take 1" }) }),
    good: def({ Run_query: graphHttp("POST", "https://graph.microsoft.com/v1.0/security/runHuntingQuery", { Query: "DeviceInfo | take 1" }) }),
  },
  {
    code: "deprecated-graph-security-alerts",
    bad: def({ List_alerts: graphHttp("GET", "https://graph.microsoft.com/v1.0/security/alerts?$filter=severity eq 'high'") }),
    good: def({ List_alerts: graphHttp("GET", "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=severity eq 'high'") }),
  },
  {
    code: "deprecated-wdatp-initiate-investigation",
    bad: connectorDefinition("wdatp", { Investigate: wdatpAction("post", "/api/machines/@{encodeURIComponent(body('Get_alert')?['machineId'])}/initiateInvestigation", { Comment: "x" }, { Get_alert: ["Succeeded"] }) }),
    good: connectorDefinition("wdatp", { Investigate: wdatpAction("post", "/api/machines/@{encodeURIComponent(body('Get_alert')?['machineId'])}/startInvestigation", { Comment: "x" }, { Get_alert: ["Succeeded"] }) }),
  },
  {
    code: "literal-secret",
    bad: def({ Call: http({ headers: { Authorization: "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.abc" } }) }),
    good: def({ Call: http({ headers: { Authorization: "Bearer @{parameters('token')}" } }, secureData) }, { parameters: secureParam }),
  },
  {
    code: "secure-data-missing",
    bad: def({ Call: http({ headers: { "x-api-key": "@parameters('token')" } }) }, { parameters: secureParam }),
    good: def({ Call: http({ headers: { "x-api-key": "@parameters('token')" } }, secureData) }, { parameters: secureParam }),
  },
  {
    code: "arm-secret-inlined",
    bad: armTemplate({ definition: def({ Call: http({ authentication: { type: "Basic", username: "svc", password: "[parameters('password')]" } }, secureData) }) }),
    good: armTemplate({
      definition: def({ Call: http({ authentication: { type: "Basic", username: "svc", password: "@parameters('password')" } }, secureData) }, { parameters: { password: { type: "SecureString" } } }),
      parameters: { password: { value: "[parameters('password')]" } },
    }),
  },
  {
    code: "arm-connection-api-mismatch",
    bad: armTemplate({ definition: connectorDefinition(), resources: [connectionResource("WDATPConnection", "azuread")], connections: { wdatp: connectionEntry("WDATPConnection", "wdatp") } }),
    good: armTemplate({ definition: connectorDefinition(), resources: [connectionResource("WDATPConnection", "wdatp")], connections: { wdatp: connectionEntry("WDATPConnection", "wdatp") } }),
  },
  {
    code: "arm-connection-not-in-template",
    bad: armTemplate({ definition: connectorDefinition(), resources: [connectionResource("WDATPConnection", "wdatp")], connections: { wdatp: connectionEntry("MDEConnection", "wdatp") } }),
    good: armTemplate({ definition: connectorDefinition(), resources: [connectionResource("MDEConnection", "wdatp")], connections: { wdatp: connectionEntry("MDEConnection", "wdatp") } }),
  },
  {
    code: "arm-connection-duplicate",
    bad: armTemplate({
      definition: connectorDefinition(),
      resources: [connectionResource("WDATPConnection", "wdatp"), connectionResource("WDATPConnection", "wdatp", { parameterValueType: "Alternative" })],
      connections: { wdatp: connectionEntry("WDATPConnection", "wdatp") },
    }),
    good: armTemplate({ definition: connectorDefinition(), resources: [connectionResource("WDATPConnection", "wdatp")], connections: { wdatp: connectionEntry("WDATPConnection", "wdatp") } }),
  },
  {
    code: "arm-mi-connection-not-alternative",
    bad: armTemplate({ definition: connectorDefinition(), resources: [connectionResource("WDATPConnection", "wdatp")], connections: { wdatp: connectionEntry("WDATPConnection", "wdatp", true) } }),
    good: armTemplate({
      definition: connectorDefinition(),
      resources: [connectionResource("WDATPConnection", "wdatp", { parameterValueType: "Alternative" })],
      connections: { wdatp: connectionEntry("WDATPConnection", "wdatp", true) },
    }),
  },
  {
    code: "workflow-identity-missing",
    bad: armTemplate({
      definition: connectorDefinition(),
      resources: [connectionResource("WDATPConnection", "wdatp", { parameterValueType: "Alternative" })],
      connections: { wdatp: connectionEntry("WDATPConnection", "wdatp", true) },
      identity: null,
    }),
    good: armTemplate({
      definition: connectorDefinition(),
      resources: [connectionResource("WDATPConnection", "wdatp", { parameterValueType: "Alternative" })],
      connections: { wdatp: connectionEntry("WDATPConnection", "wdatp", true) },
      identity: { type: "SystemAssigned" },
    }),
  },
];

describe("each rule fires on its bad case and stays quiet on the good twin", () => {
  it.each(CASES)("$code", ({ code, bad, good, options }) => {
    const found = validate(bad, options);
    const hits = found.filter((d) => d.code === code);
    expect(hits.length, JSON.stringify(found, null, 2)).toBeGreaterThan(0);
    const doc = typeof bad === "string" ? (parseJsonText(bad) as { value?: unknown }).value : bad; // text cases: pointers into the parsed JSON
    for (const d of hits) {
      expect(d.severity).toBe(RULES.find((r) => r.code === code)!.severity);
      expect(resolvePointer(doc, d.pointer).found, d.pointer).toBe(true);
      expect(d.message.length).toBeGreaterThan(20);
    }
    expect(validate(good, options)).toEqual([]);
  });

  it("json-syntax: invalid JSON gives kind invalid-json with line and column; valid JSON (with a BOM) does not", () => {
    const bad = validateText('{\n  "triggers": {},\n  "actions": { "A": }\n}');
    expect(bad.report.kind).toBe("invalid-json");
    const [d] = bad.report.workflows.flatMap((w) => w.diagnostics);
    expect(d).toMatchObject({ code: "json-syntax", severity: "error", pointer: "", line: 3, column: 21 });
    const good = validateText(`\uFEFF${JSON.stringify(def({}))}`);
    expect(good.report.kind).toBe("definition");
    expect(good.report.workflows.flatMap((w) => w.diagnostics)).toEqual([]);
  });

  it("the README rule table lists every code with its severity", () => {
    const readme = fs.readFileSync(path.join(REPO, "docs", "validate.md"), "utf8");
    const section = readme.slice(readme.indexOf("<!-- BEGIN validate -->"), readme.indexOf("<!-- END validate -->"));
    for (const rule of RULES) expect(section, rule.code).toContain(`| \`${rule.code}\` | ${rule.severity} |`);
  });

  it("every catalogued code has a case (internal-error only appears when a rule itself fails)", () => {
    const covered = new Set([...CASES.map((c) => c.code), "json-syntax"]);
    const missing = RULES.map((r) => r.code).filter((c) => !covered.has(c) && c !== "internal-error");
    expect(missing).toEqual([]);
  });
});

describe("rule details", () => {
  it("json-duplicate-key names the repeated key with its line, once per repeat (not for the keys inside it)", () => {
    const text = '{\n  "triggers": {},\n  "actions": {\n    "A": {"type": "Compose", "inputs": {"x": 1}},\n    "A": {"type": "Compose", "inputs": {"x": 2}}\n  }\n}';
    const found = validate(text).filter((d) => d.code === "json-duplicate-key");
    expect(found).toEqual([
      { code: "json-duplicate-key", severity: "warning", pointer: "/actions/A", line: 5, column: 10, message: "The key 'A' appears again at line 5, column 10 (first at line 4, column 10): JSON parsers keep only the last one, so the first value is silently lost. Remove or rename one of them." },
    ]);
  });

  it("invalid-utf8 gives the line and column of the first bad byte", () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "triggers": {},\n  "actions": {"A": {"type": "Compose", "inputs": "caf', "utf8"), Buffer.from([0xe9]), Buffer.from('", "runAfter": {}}}\n}', "utf8")]);
    const [d] = validate(bytes).filter((x) => x.code === "invalid-utf8");
    expect(d).toMatchObject({ severity: "error", pointer: "", line: 3, column: 54 });
    const dir = tempDir("pk-latin1-");
    fs.writeFileSync(path.join(dir, "latin1.json"), bytes);
    const r = runCli(["validate", path.join(dir, "latin1.json")]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/latin1\.json:3:54 error invalid-utf8 /);
  });

  it("invalid-utf8 points at the bad byte even when a real U+FFFD comes before it", () => {
    const bytes = Buffer.concat([Buffer.from('{"triggers": {}, "actions": {"A": {"type": "Compose", "inputs": "\uFFFD ok \u00e9 ', "utf8"), Buffer.from([0xc3, 0x28]), Buffer.from('", "runAfter": {}}}}', "utf8")]);
    const [d] = validate(bytes).filter((x) => x.code === "invalid-utf8");
    expect(d).toMatchObject({ line: 1, column: 73 });
    expect(decodeText(bytes).invalid).toEqual({ offset: 72 });
  });

  it("firstInvalidUtf8 agrees with the platform's strict decoder on random bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), fc.string({ unit: "binary", maxLength: 8 }), (noise, text) => {
        const bytes = Buffer.concat([Buffer.from(text, "utf8"), noise]);
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        const at = firstInvalidUtf8(bytes);
        expect(at < 0).toBe(valid);
        if (valid) return;
        const before = strict.decode(bytes.subarray(0, at)); // the bytes before it are valid
        expect(new TextDecoder().decode(bytes)[before.length]).toBe("\uFFFD"); // and it is where the first U+FFFD lands
      }),
      { numRuns: 2000 },
    );
  });

  it("expression-syntax reports the offset inside the string, shifted past an ARM [[ escape", () => {
    const [d] = validate(def({ A: compose("@concat('a',, 'b')") })).filter((x) => x.code === "expression-syntax");
    expect(d!.offset).toBe(12);
    // ARM turns "[[…]" into "[…]": the engine sees "[@{concat('a',, 'b')}]", with the error at 14.
    const arm = validate(armTemplate({ definition: def({ A: compose("[[@{concat('a',, 'b')}]") }) })).filter((x) => x.code === "expression-syntax");
    expect(arm[0]!.offset).toBe(15);
  });

  it("runAfter names are case-sensitive (LogicAppsUX#7023); expression references are not (real playbooks rely on it)", () => {
    const d = def({ Get_alert: compose(1), B: compose("@body('get_alert')", { get_alert: ["Succeeded"] }) });
    const found = validate(d);
    // The runAfter entry does not resolve, so B may also run before Get_alert: both are reported.
    expect(found.map((x) => x.code)).toEqual(["reference-not-run", "run-after-missing"]);
    expect(found[1]!.message).toContain("Action names are case-sensitive: did you mean 'Get_alert'?");
    const loop = def({ For_each: { type: "Foreach", foreach: "@createArray(1)", actions: { A: compose("@items('For_Each')") }, runAfter: {} } });
    expect(validate(loop)).toEqual([]);
  });

  it("descriptions and designer metadata are free text, not expressions", () => {
    const d = def({ A: { ...compose(1), description: "Mail @{user} when done", metadata: { note: "@bad(" } } });
    expect(validate(d)).toEqual([]);
  });

  it("ARM [...] values are opaque, even when they contain @{", () => {
    const value = "[concat('/teams/@{encodeURIComponent(', parameters('TeamsId'), ')}/messages')]";
    expect(validate(armTemplate({ definition: def({ A: compose(value) }) }))).toEqual([]);
    // Outside an ARM template the same text is an ordinary (broken) template.
    expect(validate(def({ A: compose(value) })).map((d) => d.code)).toContain("expression-syntax");
  });

  it("reference-not-run accepts enclosing scopes, Until conditions on their own body, and transitive predecessors", () => {
    const ok = def({
      A: compose(1),
      B: compose(2, { A: ["Succeeded"] }),
      C: compose("@outputs('A')", { B: ["Succeeded"] }),
      Poll: {
        type: "Until",
        expression: "@equals(body('Check')?['status'], 'Succeeded')",
        limit: { count: 10, timeout: "PT10M" },
        actions: { Check: compose("@result('Poll')") },
        runAfter: { C: ["Succeeded"] },
      },
    });
    expect(validate(ok)).toEqual([]);
    const sibling = def({ If: { type: "If", expression: "@true", actions: { Yes: compose(1) }, else: { actions: { No: compose("@outputs('Yes')") } }, runAfter: {} } });
    expect(validate(sibling).map((d) => d.code)).toEqual(["reference-not-run"]);
  });

  it("literal-secret finds secrets in queries, form bodies, URIs and authentication, but not in expressions", () => {
    const codes = (inputs: Record<string, unknown>) => validate(def({ Call: http(inputs, secureData) })).map((d) => d.code);
    expect(codes({ queries: { api_key: "abc123" } })).toContain("literal-secret");
    expect(codes({ method: "POST", body: "grant_type=client_credentials&client_id=x&client_secret=Sup3rS3cret" })).toContain("literal-secret");
    expect(codes({ uri: "https://prod.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-10-01&sig=AbCdEf123" })).toContain("literal-secret");
    expect(codes({ authentication: { type: "ActiveDirectoryOAuth", tenant: "t", audience: "a", clientId: "c", secret: "s3cr3t" } })).toContain("literal-secret");
    expect(codes({ method: "POST", body: "grant_type=client_credentials&client_secret=@{body('Get_secret')?['value']}" })).not.toContain("literal-secret");
    expect(codes({ authentication: { type: "ActiveDirectoryOAuth", tenant: "t", audience: "a", clientId: "c", secret: "" } })).toEqual([]);
  });

  it("secure-data-missing asks for outputs on Key Vault secrets and token requests", () => {
    const keyVault = def(
      {
        Get_secret: {
          type: "ApiConnection",
          inputs: { host: { connection: { name: "@parameters('$connections')['keyvault']['connectionId']" } }, method: "get", path: "/secrets/@{encodeURIComponent('mde')}/value" },
          runAfter: {},
        },
      },
      { parameters: { $connections: { type: "Object" } } },
    );
    const [d] = validate(keyVault);
    expect(d).toMatchObject({ code: "secure-data-missing", pointer: "/actions/Get_secret" });
    expect(d!.message).toContain('["outputs"]');
  });

  it("items-outside-loop also checks iterationIndexes against Until loops", () => {
    const bad = def({ Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { A: compose("@iterationIndexes('Loop')") }, runAfter: {} } });
    expect(validate(bad).map((d) => d.code)).toEqual(["items-outside-loop"]);
  });

  it("items-outside-loop accepts iterationIndexes('U') in the condition of Until U (evaluated after each pass), not in its limit", () => {
    const until = (extra: Record<string, unknown>) =>
      def({ Poll: { type: "Until", expression: "@greater(iterationIndexes('Poll'), 3)", limit: { count: 10, timeout: "PT1H" }, actions: { A: compose(1) }, runAfter: {}, ...extra } });
    expect(validate(until({}))).toEqual([]);
    const inLimit = validate(until({ limit: { count: "@iterationIndexes('Poll')", timeout: "PT1H" } }));
    expect(inLimit.map((d) => [d.code, d.message])).toEqual([["items-outside-loop", "iterationIndexes('Poll') in action 'Poll' is not inside an Until named 'Poll'."]]);
  });

  it("parameter-undeclared is skipped for Logic Apps Standard (parameters.json supplies them)", () => {
    expect(validate({ definition: def({ A: compose("@parameters('url')") }), kind: "Stateful" })).toEqual([]);
  });

  it("power automate connection references are checked like $connections", () => {
    const flow = {
      properties: {
        connectionReferences: { shared_office365: { api: { name: "shared_office365" }, connection: { connectionReferenceLogicalName: "x" } } },
        definition: def({
          Send: { type: "OpenApiConnection", inputs: { host: { apiId: "/providers/Microsoft.PowerApps/apis/shared_teams", connectionName: "shared_teams", operationId: "Post" }, parameters: {} }, runAfter: {} },
        }),
      },
      schemaVersion: "1.0.0.0",
    };
    expect(validate(flow).map((d) => d.code).sort()).toEqual(["connection-key-missing", "connection-key-unused"]);
  });
});
