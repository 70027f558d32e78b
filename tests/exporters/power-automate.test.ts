import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { findApiOperation, matchPath, WEBHOOK_OPERATIONS, API_OPERATIONS } from "../../operations";
import { buildPowerAutomateSolution, flowId, PowerAutomateExportError, toPowerAutomateFlow } from "../../exporters/power-automate";
import { uuidV5 } from "../../exporters/guid";
import { QueryValueError, urlWithQueries } from "../../exporters/query-url";
import { catalog } from "../../playbooks/catalog";
import { CONNECTORS } from "../../playbooks/connectors";
import { validate } from "../../validators";
import { walkActions } from "../../wdl";
import { CORPUS, readJson, REPO } from "../support/paths";

type Any = Record<string, any>;
const sources = () => catalog.map((e) => e.create({ channel: "outlook" }));
const solution = buildPowerAutomateSolution(sources());
const files = unzipSync(solution.zip);
const text = (name: string) => strFromU8(files[name]!);
const xml = (name: string) => new DOMParser().parseFromString(text(name), "text/xml");
const flowFile = (playbook: string) => JSON.parse(text(solution.flows.find((f) => f.name === playbook)!.file)) as Any;

/** Action name → [container path, runAfter] for every action, nested ones included. */
function shape(actions: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  walkActions(actions, "", (v) => {
    out[v.name] = { path: v.pointer.split("/").slice(0, -1).join("/"), runAfter: v.action.runAfter ?? {} };
  });
  return out;
}

describe("Power Automate solution zip", () => {
  it("unzips to the expected files", () => {
    const pascal = (name: string) => name.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
    expect(Object.keys(files)).toEqual([
      "solution.xml",
      "customizations.xml",
      ...catalog.map((e) => e.name).sort().map((n) => `Workflows/${pascal(n)}-${flowId(n).toUpperCase()}.json`),
      "[Content_Types].xml",
    ]);
    expect(solution.fileName).toBe("PlaybookKitMDE_1_0_0_0.zip");
    expect(text("[Content_Types].xml")).toContain('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">');
  });

  it("derives ids from names (UUID v5)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2"); // RFC test vector
    expect(flowId("isolate-on-high-severity")).toBe(uuidV5("power-automate-flow:isolate-on-high-severity"));
    expect(flowId("isolate-on-high-severity")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("zipping twice gives identical bytes, in any time zone", () => {
    const again = buildPowerAutomateSolution(sources());
    expect(Buffer.from(again.zip).equals(Buffer.from(solution.zip))).toBe(true);
    const script = `require("tsx/cjs");const {catalog}=require("./playbooks/catalog");const {buildPowerAutomateSolution}=require("./exporters/power-automate");` +
      `process.stdout.write(Buffer.from(buildPowerAutomateSolution(catalog.map((e)=>e.create({channel:"outlook"}))).zip).toString("base64"));`;
    for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
      const r = spawnSync(process.execPath, ["-e", script], { cwd: REPO, encoding: "utf8", env: { ...process.env, TZ: tz } });
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(Buffer.from(solution.zip).toString("base64"));
    }
  });

  it("solution.xml is an unmanaged solution whose root components are the flows", () => {
    const doc = xml("solution.xml");
    expect(doc.getElementsByTagName("UniqueName")[0]!.textContent).toBe("PlaybookKitMDE");
    expect(doc.getElementsByTagName("Managed")[0]!.textContent).toBe("0");
    expect(doc.getElementsByTagName("CustomizationPrefix")[0]!.textContent).toBe("pbk");
    const roots = Array.from(doc.getElementsByTagName("RootComponent")).map((e) => [e.getAttribute("type"), e.getAttribute("id")]);
    expect(roots).toEqual(solution.flows.map((f) => ["29", `{${f.id}}`]));
  });

  it("customizations.xml declares each flow and a connection reference per connector used", () => {
    const doc = xml("customizations.xml");
    const workflows = Array.from(doc.getElementsByTagName("Workflow"));
    expect(workflows.map((w) => [w.getAttribute("WorkflowId"), w.getAttribute("Name"), w.getElementsByTagName("JsonFileName")[0]!.textContent, w.getElementsByTagName("Category")[0]!.textContent])).toEqual(
      solution.flows.map((f) => [`{${f.id}}`, f.name, `/${f.file}`, "5"]),
    );
    const refs = Array.from(doc.getElementsByTagName("connectionreference")).map((r) => [r.getAttribute("connectionreferencelogicalname"), r.getElementsByTagName("connectorid")[0]!.textContent]);
    expect(refs).toEqual([
      ["pbk_sharedazuresentinel", "/providers/Microsoft.PowerApps/apis/shared_azuresentinel"],
      ["pbk_sharedoffice365", "/providers/Microsoft.PowerApps/apis/shared_office365"],
      ["pbk_sharedwdatp", "/providers/Microsoft.PowerApps/apis/shared_wdatp"],
      ["pbk_sharedwebcontents", "/providers/Microsoft.PowerApps/apis/shared_webcontents"],
    ]);
    // Every flow's connection references point at one of these.
    for (const f of solution.flows) {
      const flow = flowFile(f.name);
      for (const [key, ref] of Object.entries(flow.properties.connectionReferences as Any)) {
        expect(refs.map((r) => r[0])).toContain(ref.connection.connectionReferenceLogicalName);
        expect(ref.api.name).toBe(key);
      }
    }
  });
});

describe("flow files", () => {
  const corpus = ["getaadgroups", "searchdeploymentenvironmentusers"].map((n) => readJson(path.join(CORPUS, "power-automate", `${n}.json`)) as Any);

  for (const entry of catalog) {
    it(`${entry.name}: has the same actions, nesting and runAfter as the definition`, () => {
      const definition = entry.create({ channel: "outlook" }).definition as unknown as Any;
      const flow = flowFile(entry.name).properties.definition;
      expect(shape(flow.actions)).toEqual(shape(definition.actions));
      expect(Object.keys(flow.triggers)).toEqual(Object.keys(definition.triggers));
    });

    it(`${entry.name}: has the structure of the real flows in the corpus`, () => {
      const flow = flowFile(entry.name);
      expect(Object.keys(flow)).toEqual(Object.keys(corpus[0]!)); // properties, schemaVersion
      expect(flow.schemaVersion).toBe(corpus[0]!.schemaVersion);
      expect(Object.keys(flow.properties).sort()).toEqual(Object.keys(corpus[0]!.properties).sort()); // connectionReferences, definition
      const refShape = (r: Any) => ({ api: Object.keys(r.api), connection: Object.keys(r.connection), rest: Object.keys(r).sort() });
      const theirs = Object.values(corpus[0]!.properties.connectionReferences as Any)[0]!;
      for (const ref of Object.values(flow.properties.connectionReferences as Any)) expect(refShape(ref)).toEqual(refShape(theirs));
      // $connections and $authentication are declared exactly as the corpus declares them.
      expect(flow.properties.definition.parameters.$connections).toEqual(corpus[0]!.properties.definition.parameters.$connections);
      expect(flow.properties.definition.parameters.$authentication).toEqual(corpus[0]!.properties.definition.parameters.$authentication);
      expect(flow.properties.definition.$schema).toBe(corpus[0]!.properties.definition.$schema);
      // Every connector call has the corpus's host shape and authentication.
      const theirAction = corpus[0]!.properties.definition.actions.Invoke_an_HTTP_request;
      let calls = 0;
      walkActions(flow.properties.definition.actions, "", (v) => {
        const a = v.action as Any;
        if (!String(a.type).startsWith("OpenApiConnection")) {
          expect(["ApiConnection", "ApiConnectionWebhook"]).not.toContain(a.type);
          return;
        }
        calls++;
        expect(Object.keys(a.inputs.host).sort()).toEqual(Object.keys(theirAction.inputs.host).sort());
        expect(a.inputs.host.apiId).toBe(`/providers/Microsoft.PowerApps/apis/${a.inputs.host.connectionName}`);
        expect(flow.properties.connectionReferences).toHaveProperty(a.inputs.host.connectionName);
        expect(a.inputs.authentication).toBe(theirAction.inputs.authentication);
        expect(typeof a.inputs.parameters).toBe("object");
      });
      expect(calls).toBeGreaterThan(0);
      // No Logic Apps connection reference is left anywhere.
      expect(JSON.stringify(flow)).not.toContain("parameters('$connections')");
    });

    it(`${entry.name}: the flow file validates without errors`, () => {
      expect(validate(flowFile(entry.name)).filter((d) => d.severity === "error")).toEqual([]);
    });
  }

  it("addresses wdatp operations by operationId with named parameters", () => {
    const flow = flowFile("isolate-on-high-severity").properties.definition;
    expect(flow.triggers["Triggers_-_Trigger_when_new_WDATP_alert_occurs"]).toEqual({
      type: "OpenApiConnectionWebhook",
      inputs: {
        host: { apiId: "/providers/Microsoft.PowerApps/apis/shared_wdatp", connectionName: "shared_wdatp", operationId: "WebHooks_CreateWebHook" },
        parameters: { "body/clientState": "playbook-kit", "body/changeType": "created", "body/resource": "alerts", "body/expirationDateTime": "2038-09-20T12:00:00Z" },
        authentication: "@parameters('$authentication')",
      },
    });
    expect(flow.actions.Get_alert.inputs.parameters).toEqual({ id: "@triggerBody()?['id']" });
    const isolate = flow.actions.Severity_is_High.actions.Device_is_excluded.else.actions.Isolate_machine;
    expect(isolate.inputs.host.operationId).toBe(CONNECTORS.defender.operations.isolateMachine.operationId);
    expect(isolate.inputs.parameters).toEqual({
      id: "@body('Get_machine')?['id']",
      "body/Comment": "Isolated by playbook-kit for MDE alert @{body('Get_alert')?['id']}: @{body('Get_alert')?['title']}",
      "body/IsolationType": "@parameters('isolationType')",
    });
    const mail = flow.actions.Severity_is_High.actions.Device_is_excluded.actions.Notify_excluded;
    expect(Object.keys(mail.inputs.parameters)).toEqual(["emailMessage/To", "emailMessage/Subject", "emailMessage/Body"]);
    expect(mail.runtimeConfiguration).toEqual({ secureData: { properties: ["inputs", "outputs"] } });
  });

  it("moves managed-identity Http calls to the HTTP with Microsoft Entra ID connector and lists parameters to set", () => {
    const flow = flowFile("scheduled-advanced-hunting").properties.definition;
    expect(flow.actions.Run_hunting_query.inputs).toEqual({
      host: { apiId: "/providers/Microsoft.PowerApps/apis/shared_webcontents", connectionName: "shared_webcontents", operationId: "InvokeHttp" },
      parameters: { "request/method": "POST", "request/url": "https://graph.microsoft.com/v1.0/security/runHuntingQuery", "request/body": { Query: "@parameters('huntingQuery')" } },
      authentication: "@parameters('$authentication')",
    });
    expect(flow.parameters.managedIdentity).toBeUndefined(); // nothing reads it any more
    expect(flow.parameters.notifyTo).toEqual({ defaultValue: "", type: "SecureString", metadata: { description: "Email recipients, separated by ';'." } });
    expect(solution.flows.map((f) => [f.name, f.parametersToSet])).toEqual(catalog.map((e) => e.name).sort().map((n) => [n, ["notifyTo"]]));
  });

  it("folds an Http call's queries into the one URL the connector takes, each value URI-encoded (literal text now, expressions at run time)", () => {
    const list = flowFile("graph-alert-triage").properties.definition.actions.List_new_alerts.inputs;
    expect(list.parameters).toEqual({
      "request/method": "GET",
      "request/url":
        "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=severity%20eq%20'@{encodeUriComponent(string(parameters('severity')))}'%20and%20status%20eq%20'new'%20and%20createdDateTime%20ge%20@{encodeUriComponent(string(outputs('Window_start')))}&$top=@{encodeUriComponent(string(parameters('maxAlerts')))}&$orderby=createdDateTime%20asc",
    });
    expect(urlWithQueries("@parameters('base')", { q: "a&b", n: 2, skip: undefined })).toBe("@{parameters('base')}?q=a%26b&n=2");
    expect(urlWithQueries("https://x.example/a?x=1", { b: "@@literal" })).toBe("https://x.example/a?x=1&b=%40literal");
    expect(() => urlWithQueries("https://x.example/a", { bad: { nested: true } })).toThrow(QueryValueError);
  });

  it("names the action it cannot convert", () => {
    const definition = {
      $schema: "x",
      triggers: {},
      actions: { Scope: { type: "Scope", actions: { Odd: { type: "ApiConnection", inputs: { host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } }, method: "delete", path: "/api/everything" } } } } },
    };
    expect(() => toPowerAutomateFlow(definition)).toThrow(PowerAutomateExportError);
    expect(() => toPowerAutomateFlow(definition)).toThrow("/actions/Scope/actions/Odd calls wdatp DELETE /api/everything, which no connector declaration describes");
  });
});

describe("operation lookup", () => {
  it("matches rendered paths to declarations and reads path parameters back", () => {
    expect(matchPath("/api/machines/{id}/isolate", "/api/machines/@{encodeUriComponent(body('M')?['id'])}/isolate")).toEqual({ id: "@body('M')?['id']" });
    expect(matchPath("/api/machines/{id}/isolate", "/api/machines/abc%20d/isolate")).toEqual({ id: "abc d" });
    expect(matchPath("/api/machines/{id}/isolate", "/api/machines/abc/unisolate")).toBeUndefined();
    expect(matchPath("/api/alerts", "/api/alerts/1")).toBeUndefined();
    expect(matchPath("/v3/beta/teams/{teamId}/channels/{channelId}/messages", "/v3/beta/teams/@{encodeURIComponent(parameters('t'))}/channels/19%3Aabc/messages")).toEqual({
      teamId: "@parameters('t')",
      channelId: "19:abc",
    });
    expect(findApiOperation("wdatp", "POST", "/api/machines/@{variables('x')}/runAntiVirusScan")?.operation.name).toBe("runAntivirusScan");
    expect(findApiOperation("wdatp", "get", "/api/machines/@{variables('x')}/runAntiVirusScan")).toBeUndefined();
  });

  it("knows the confirmed webhook trigger and every declared wdatp operation", () => {
    expect(WEBHOOK_OPERATIONS.filter((w) => w.connector === "wdatp").map((w) => [w.connector, w.operationId, w.operationIdConfirmed])).toEqual([["wdatp", "WebHooks_CreateWebHook", true]]);
    // The Sentinel triggers' paths are confirmed by the corpus; their operation ids are not.
    expect(WEBHOOK_OPERATIONS.filter((w) => w.connector === "azuresentinel").map((w) => [w.path, w.operationIdConfirmed])).toEqual([
      ["/incident-creation", false],
      ["/subscribe", false],
      ["/entity/{kind}", false],
    ]);
    const wdatp = API_OPERATIONS.filter((o) => o.connector === "wdatp");
    expect(wdatp.length).toBe(Object.values(CONNECTORS.defender.operations).filter((o) => o.kind === "api").length);
  });

  it("every wdatp operation id in the README is listed as the declarations say (confirmed or not)", () => {
    const readme = fs.readFileSync(path.join(REPO, "docs", "export.md"), "utf8");
    const section = readme.slice(readme.indexOf("<!-- BEGIN export -->"), readme.indexOf("<!-- END export -->"));
    const table = section.slice(section.indexOf("| wdatp operation |"));
    const rows = new Map(
      table
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) => l.split("|").map((c) => c.trim()))
        .map((c) => [c[2]!.replace(/`/g, ""), c[4]!] as const),
    );
    const expected: [string, boolean][] = [
      ...WEBHOOK_OPERATIONS.filter((w) => w.connector === "wdatp").map((w): [string, boolean] => [w.operationId, w.operationIdConfirmed]),
      ...API_OPERATIONS.filter((o) => o.connector === "wdatp").map((o): [string, boolean] => [o.operationId, o.operationIdConfirmed]),
    ];
    expect(rows.size).toBe(expected.length);
    for (const [id, confirmed] of expected) expect(rows.get(id), id).toMatch(confirmed ? /^confirmed/ : /^unconfirmed/);
  });
});
