/** `--lift`: which literal values become parameters, and that lifted imports still round-trip exactly. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importPlaybooks, liftDefinition } from "../../importer";
import { CORPUS, CORPUS_EXTRA } from "../support/paths";

const SUB = "6d1fdbe0-117a-4049-bfbf-9316761584c9";

describe("liftDefinition", () => {
  it("lifts literal text and interpolation text, and leaves expression literals, ARM expressions and cut-short values alone", () => {
    const definition = {
      parameters: { existing: { type: "String" } },
      triggers: { manual: { type: "Request", kind: "Http" } },
      actions: {
        A: {
          type: "Compose",
          inputs: {
            to: "soc@contoso.com",
            text: "Mail soc@contoso.com about @{triggerBody()}",
            expr: "@concat('x@contoso.com', 'y')",
            arm: "[concat('a@contoso.com')]",
            uri: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-sec/providers/x`,
            cut: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-@{triggerBody()}/x`,
            site: "https://contoso.sharepoint.com/sites/soc",
          },
        },
      },
    };
    const { definition: out, lifted } = liftDefinition(definition, true);
    const inputs = (out.actions as { A: { inputs: Record<string, string> } }).A.inputs;
    expect(inputs.to).toBe("@{parameters('notifyEmail')}");
    expect(inputs.text).toBe("Mail @{parameters('notifyEmail')} about @{triggerBody()}");
    expect(inputs.expr).toBe("@concat('x@contoso.com', 'y')");
    expect(inputs.arm).toBe("[concat('a@contoso.com')]");
    expect(inputs.uri).toBe("https://management.azure.com/subscriptions/@{parameters('subscriptionId')}/resourceGroups/@{parameters('resourceGroup')}/providers/x");
    expect(inputs.cut).toBe("https://management.azure.com/subscriptions/@{parameters('subscriptionId')}/resourceGroups/rg-@{triggerBody()}/x");
    expect(inputs.site).toBe("@{parameters('tenantUrl')}/sites/soc");
    expect(lifted.map((l) => [l.parameter, l.value])).toEqual([
      ["notifyEmail", "soc@contoso.com"],
      ["subscriptionId", SUB],
      ["resourceGroup", "rg-sec"],
      ["tenantUrl", "https://contoso.sharepoint.com"],
    ]);
    expect(lifted[0]!.pointers).toEqual(["/actions/A/inputs/to", "/actions/A/inputs/text"]);
    expect(Object.keys(out.parameters as object)).toEqual(["existing", "notifyEmail", "subscriptionId", "resourceGroup", "tenantUrl"]);
  });

  it("keeps every corpus round trip exact with --lift", () => {
    const result = importPlaybooks([CORPUS, CORPUS_EXTRA], { lift: true });
    expect(result.report.playbooks.filter((p) => p.roundTrip !== "exact").map((p) => p.source)).toEqual([]);
    expect(result.report.playbooks.filter((p) => p.lifted.length).length).toBeGreaterThan(3);
  });
});

describe("--lift and connections", () => {
  const CONNECTION = `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.Web/connections/office365`;
  const MANAGED_API = `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/office365`;
  const send = {
    type: "ApiConnection",
    inputs: {
      host: { connection: { name: "@parameters('$connections')['office365']['connectionId']" } },
      method: "post",
      path: "/v2/Mail",
      body: { To: "@{triggerBody()?['to']}", Subject: "s", Body: "b" },
    },
    runAfter: { Read_connection: ["Succeeded"] },
  };
  const definition = (connections: object) => ({
    $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
    contentVersion: "1.0.0.0",
    parameters: { $connections: { defaultValue: connections, type: "Object" } },
    triggers: { manual: { type: "Request", kind: "Http" } },
    actions: {
      Read_connection: {
        type: "Http",
        inputs: { method: "GET", uri: `https://management.azure.com${CONNECTION}?api-version=2016-06-01`, authentication: { type: "ManagedServiceIdentity" } },
        runAfter: {},
      },
      Send_an_email_V2: send,
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-lift-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: object) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };

  it("a connection id in literal text becomes one parameter (not a subscription id and a resource group)", () => {
    const { definition: out, lifted } = liftDefinition(definition({}), false);
    const read = (out.actions as Record<string, { inputs: { uri: string } }>).Read_connection!.inputs.uri;
    expect(read).toBe("https://management.azure.com@{parameters('office365ConnectionId')}?api-version=2016-06-01");
    expect(lifted.map((l) => [l.parameter, l.value])).toEqual([["office365ConnectionId", CONNECTION]]);
  });

  it("a workflow resource's $connections value is lifted out: listed in the report, commented in the snippet", () => {
    const file = write("workflow.json", {
      type: "Microsoft.Logic/workflows",
      name: "notify-soc",
      location: "westeurope",
      properties: {
        definition: definition({}),
        parameters: { $connections: { value: { office365: { connectionId: CONNECTION, connectionName: "office365", id: MANAGED_API } } } },
      },
    });
    const result = importPlaybooks([file], { lift: true });
    const [entry] = result.report.playbooks;
    const [detail] = result.details;
    expect(entry!.roundTrip).toBe("exact");
    expect(entry!.lifted).toEqual(["office365ConnectionId"]);
    expect(entry!.notes).toContain(
      `lifted connection 'office365' (connectionId ${JSON.stringify(CONNECTION)}, connectionName "office365", id ${JSON.stringify(MANAGED_API)}) out of $connections (at /properties/parameters/$connections/value/office365): the stack wires the environment's own connection`,
    );
    expect(detail!.liftedConnections.map((c) => c.key)).toEqual(["office365"]);
    expect(result.files[0]!.text).not.toContain(SUB);
    const config = parse(detail!.pulumiSnippet) as { config: Record<string, Record<string, { parameters: Record<string, string> }>> };
    expect(config.config["playbook-kit:playbooks"]!["notify-soc"]!.parameters).toEqual({ office365ConnectionId: CONNECTION });
    expect(detail!.pulumiSnippet).toContain(
      `      #   office365:\n      #     connectionId: ${JSON.stringify(CONNECTION)}\n      #     connectionName: "office365"\n      #     id: ${JSON.stringify(MANAGED_API)}\n`,
    );
  });

  it("a definition's $connections default value is emptied, and the round trip is exact against that", () => {
    const file = write("definition.json", definition({ office365: { connectionId: CONNECTION, connectionName: "office365", id: MANAGED_API } }));
    const result = importPlaybooks([file], { lift: true });
    const [entry] = result.report.playbooks;
    expect(entry!.roundTrip).toBe("exact");
    expect(result.details[0]!.liftedConnections).toEqual([
      { key: "office365", values: { connectionId: CONNECTION, connectionName: "office365", id: MANAGED_API }, pointer: "/parameters/$connections/defaultValue/office365" },
    ]);
    expect(result.files[0]!.text).not.toContain(SUB);
    expect(result.files[0]!.text).toContain("$connections: { defaultValue: {}, type: \"Object\" }");
    // Without --lift the values stay, exactly as written.
    expect(importPlaybooks([file]).files[0]!.text).toContain(`/subscriptions/${SUB}/`);
  });

  it("ARM expressions in $connections are not environment values: nothing to lift", () => {
    const result = importPlaybooks([path.join(CORPUS, "sentinel-mde/solutions-isolate-mdemachine-alert.json")], { lift: true });
    expect(result.details[0]!.liftedConnections).toEqual([]);
  });
});
