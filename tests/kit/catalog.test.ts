import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { catalog, findCatalogEntry, scheduledAdvancedHunting } from "../../playbooks/catalog";
import { withMode } from "../../playbooks/kit";
import { manifestEntry } from "../../playbooks/build";
import { requiredPermissions } from "../../operations";
import { connectionKeys, templateExpressions, tryParseTemplate, walkActions, walkStrings, type Obj } from "../../wdl";
import { REPO } from "../support/paths";

const GOLDEN = path.join(REPO, "tests/golden");
const variants = [
  { name: "isolate-on-high-severity", file: "isolate-on-high-severity.definition.json", options: {} },
  { name: "isolate-on-high-severity", file: "isolate-on-high-severity.audit-outlook.definition.json", options: { mode: "audit", channel: "outlook" } as const },
  { name: "scheduled-advanced-hunting", file: "scheduled-advanced-hunting.definition.json", options: {} },
  { name: "isolate-incident-hosts", file: "isolate-incident-hosts.definition.json", options: {} },
  { name: "release-incident-hosts", file: "release-incident-hosts.definition.json", options: {} },
  { name: "restrict-app-execution-incident-hosts", file: "restrict-app-execution-incident-hosts.definition.json", options: {} },
  { name: "scan-incident-hosts", file: "scan-incident-hosts.definition.json", options: {} },
  { name: "collect-investigation-package", file: "collect-investigation-package.definition.json", options: {} },
  { name: "collect-investigation-package", file: "collect-investigation-package.audit.definition.json", options: { mode: "audit" } as const },
  { name: "graph-alert-triage", file: "graph-alert-triage.definition.json", options: {} },
];

describe("golden files", () => {
  for (const v of variants) {
    it(`${v.file} matches`, () => {
      const text = findCatalogEntry(v.name)!.create(v.options).render();
      const file = path.join(GOLDEN, v.file);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text);
      expect(text).toBe(fs.readFileSync(file, "utf8"));
    });
  }
  it("rendering is deterministic: two builds give the same bytes", () => {
    for (const entry of catalog) expect(entry.create().render()).toBe(entry.create().render());
  });
});

function allActions(definition: unknown): Map<string, Obj> {
  const out = new Map<string, Obj>();
  walkActions((definition as Obj).actions, "/actions", (v) => out.set(v.name, v.action));
  return out;
}

describe("isolate-on-high-severity matches the real shapes", () => {
  const playbook = findCatalogEntry("isolate-on-high-severity")!.create();
  const def = playbook.definition as unknown as Obj;
  const actions = allActions(def);

  it("is triggered by the wdatp new-alert webhook with the subscription body", () => {
    const triggers = Object.values(def.triggers as Obj);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toStrictEqual({
      type: "ApiConnectionWebhook",
      inputs: {
        host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } },
        path: "/subscriptions",
        body: { clientState: "playbook-kit", changeType: "created", resource: "alerts", expirationDateTime: "2038-09-20T12:00:00Z", notificationUrl: "@listCallbackUrl()" },
      },
    });
  });

  it("gets the alert, compares its severity to High, isolates with Comment and IsolationType and sends mail", () => {
    expect(actions.get("Get_alert")).toMatchObject({ type: "ApiConnection", inputs: { method: "get", path: "/api/alerts/@{encodeUriComponent(triggerBody()?['id'])}" } });
    expect(actions.get("Severity_is_High")).toMatchObject({ type: "If", expression: "@and(equals(body('Get_alert')?['severity'], 'High'), not(empty(coalesce(body('Get_alert')?['machineId'], ''))))" });
    const isolate = actions.get("Isolate_machine") as { inputs: { method: string; path: string; body: Obj } };
    expect(isolate.inputs.method).toBe("post");
    expect(isolate.inputs.path).toMatch(/^\/api\/machines\/@\{.*\}\/isolate$/);
    expect(Object.keys(isolate.inputs.body).sort()).toEqual(["Comment", "IsolationType"]);
    expect(isolate.inputs.body.Comment).toContain("@{body('Get_alert')?['id']}");
    expect(isolate.inputs.body.Comment).toContain("@{body('Get_alert')?['title']}");
    expect(isolate.inputs.body.IsolationType).toBe("@parameters('isolationType')");
    expect(actions.get("Notify_isolated")).toMatchObject({ type: "Http", inputs: { method: "POST", uri: expect.stringContaining("/sendMail") } });
    expect(actions.get("Notify_isolation_failed")).toMatchObject({ runAfter: { Isolate_machine: ["Failed", "TimedOut"] } });
    expect(actions.get("Notify_excluded")).toBeDefined();
  });

  it("backs every $connections reference with a declared $connections parameter", () => {
    const keys = new Set<string>();
    walkStrings(def, "", (text) => {
      const parsed = tryParseTemplate(text);
      if (parsed.ok) for (const e of templateExpressions(parsed.template)) for (const k of connectionKeys(e)) keys.add(k);
    });
    expect([...keys]).toEqual(["wdatp"]);
    expect((def.parameters as Obj).$connections).toStrictEqual({ type: "Object", defaultValue: {} });
    expect(playbook.connectors).toEqual(["wdatp"]);
  });

  it("declares the parameters by their exact names", () => {
    expect(playbook.parameterNames).toEqual(["$connections", "isolationType", "excludedTags", "notifyTo", "senderMailbox", "managedIdentity"]);
    expect((def.parameters as Obj).isolationType).toMatchObject({ type: "String", defaultValue: "Full", allowedValues: ["Full", "Selective"] });
    expect((def.parameters as Obj).excludedTags).toMatchObject({ type: "Array", defaultValue: [] });
    expect((def.parameters as Obj).notifyTo).toMatchObject({ type: "SecureString" });
  });

  it("manifest permissions include Alert.Read.All, Machine.Read.All, Machine.Isolate and Graph Mail.Send", () => {
    expect(manifestEntry(playbook).permissions).toEqual([
      { resource: "MicrosoftGraph", role: "Mail.Send" },
      { resource: "WindowsDefenderATP", role: "Alert.Read.All" },
      { resource: "WindowsDefenderATP", role: "Machine.Isolate" },
      { resource: "WindowsDefenderATP", role: "Machine.Read.All" },
    ]);
  });

  it("audit mode renders no destructive step, needs no Machine.Isolate, records the request and says 'would isolate'", () => {
    const audit = findCatalogEntry("isolate-on-high-severity")!.create({ mode: "audit" });
    expect(audit.destructiveSteps).toEqual([]);
    expect(audit.mode).toBe("audit");
    expect(audit.auditedSteps).toEqual(["Isolate_machine"]);
    const calls = [...allActions(audit.definition).values()].filter((a) => a.type === "ApiConnection" || a.type === "Http");
    expect(calls.map((a) => String((a.inputs as Obj).path ?? (a.inputs as Obj).uri)).filter((p) => /isolate/i.test(p))).toEqual([]);
    expect(allActions(audit.definition).get("Isolate_machine")).toMatchObject({
      type: "Compose",
      inputs: { mode: "audit", wouldCall: "Actions - Isolate machine", operation: "isolateMachine", request: { connector: "wdatp", method: "post", path: expect.stringMatching(/\/isolate$/) } },
    });
    expect(audit.render()).toContain("would isolate");
    expect(requiredPermissions(audit.definition).map((p) => p.role)).not.toContain("Machine.Isolate");
  });

  it("the catalog's audit mode is withMode's: both paths build the same bytes", () => {
    const enforce = findCatalogEntry("isolate-on-high-severity")!.create();
    for (const channel of ["graph", "outlook"] as const) {
      const viaCatalog = findCatalogEntry("isolate-on-high-severity")!.create({ mode: "audit", channel });
      expect(withMode(findCatalogEntry("isolate-on-high-severity")!.create({ channel }), "audit").render()).toBe(viaCatalog.render());
    }
    expect(withMode(withMode(enforce, "audit"), "enforce").render()).toBe(enforce.render());
  });

  it("the outlook channel uses the office365 connector and needs no Mail.Send nor senderMailbox", () => {
    const outlook = findCatalogEntry("isolate-on-high-severity")!.create({ channel: "outlook" });
    expect(outlook.connectors).toEqual(["office365", "wdatp"]);
    expect(outlook.parameterNames).not.toContain("senderMailbox");
    expect(requiredPermissions(outlook.definition).map((p) => p.role)).not.toContain("Mail.Send");
    expect(allActions(outlook.definition).get("Notify_isolated")).toMatchObject({ type: "ApiConnection", inputs: { method: "post", path: "/v2/Mail" } });
  });
});

describe("scheduled-advanced-hunting", () => {
  const playbook = findCatalogEntry("scheduled-advanced-hunting")!.create();
  const def = playbook.definition as unknown as Obj;
  it("runs on a Recurrence whose frequency and interval are parameters", () => {
    expect(def.triggers).toStrictEqual({
      Recurrence: { type: "Recurrence", recurrence: { frequency: "@parameters('recurrenceFrequency')", interval: "@parameters('recurrenceInterval')" } },
    });
  });
  it("emails an HTML table only when the query returned rows", () => {
    const actions = allActions(def);
    expect(actions.get("Run_hunting_query")).toMatchObject({ type: "Http", inputs: { uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery", body: { Query: "@parameters('huntingQuery')" } } });
    expect(actions.get("Has_results")).toMatchObject({ type: "If", expression: "@greater(length(coalesce(body('Run_hunting_query')?['results'], json('[]'))), 0)" });
    expect((actions.get("Has_results") as Obj).else).toBeUndefined();
    expect(actions.get("Create_HTML_table")).toMatchObject({ type: "Table", inputs: { format: "HTML" } });
    expect(JSON.stringify(actions.get("Email_results"))).toContain("@{body('Create_HTML_table')}");
  });
  it("the connector variant uses the deprecated wdatp Advanced Hunting action", () => {
    const legacy = scheduledAdvancedHunting({ via: "connector" });
    expect(allActions(legacy.definition).get("Run_hunting_query")).toMatchObject({ type: "ApiConnection", inputs: { method: "post", path: "/api/advancedqueries/run" } });
    expect(requiredPermissions(legacy.definition)).toContainEqual({ resource: "WindowsDefenderATP", role: "AdvancedQuery.Read.All" });
  });
});

describe("permissions bubble up", () => {
  it("for every catalog variant, the permissions steps declare equal those inferred from the definition", () => {
    for (const entry of catalog) {
      for (const mode of ["enforce", "audit"] as const) {
        for (const channel of ["graph", "outlook"] as const) {
          const p = entry.create({ mode, channel });
          expect(requiredPermissions(p.definition), `${entry.name} ${mode} ${channel}`).toEqual(p.declaredPermissions);
        }
      }
    }
  });
});
