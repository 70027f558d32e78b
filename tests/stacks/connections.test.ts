/**
 * Connections: wdatp reaches Azure with `parameterValueType: "Alternative"` (through the generic
 * Microsoft.Web/connections resource, because `web.Connection` cannot carry it), office365 exists only for the
 * outlook channel and its consent link is an output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isSecretValue, MOCK_SUBSCRIPTION_ID, unwrapSecrets, type MockRun } from "../../stacks/testing";
import { REPO } from "../support/paths";
import { expectClean, ofType, one, runStack, T } from "./support";

type Obj = Record<string, any>;

let dev: MockRun;
let outlook: MockRun;
let onlyHunting: MockRun;

beforeAll(async () => {
  dev = expectClean(await runStack("dev"));
  outlook = expectClean(
    await runStack("prod", (raw) => {
      raw.notify = { channel: "outlook", recipients: ["soc@contoso.com"] };
    }),
  );
  onlyHunting = expectClean(
    await runStack("dev", (raw) => {
      for (const [name, entry] of Object.entries(raw.playbooks as Record<string, { enabled: boolean }>)) entry.enabled = name === "scheduled-advanced-hunting";
    }),
  );
});

/** The generic connection resource named `name`. */
function connection(run: MockRun, name: string) {
  const found = ofType(run, T.genericResource).filter((r) => r.inputs.resourceName === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

describe("the wdatp connection", () => {
  it("is a generic Microsoft.Web/connections resource (api-version 2016-06-01) with parameterValueType Alternative", () => {
    const wdatp = connection(dev, "wdatp-dev");
    // wdatp and, for isolate-incident-hosts, azuresentinel (the same MI form; tests/stacks/sentinel.test.ts).
    expect(ofType(dev, T.genericResource).map((r) => r.inputs.resourceName).sort()).toEqual(["azuresentinel-dev", "wdatp-dev"]);
    expect(wdatp!.inputs).toEqual({
      resourceGroupName: "rg-mde-playbooks-dev",
      resourceProviderNamespace: "Microsoft.Web",
      parentResourcePath: "",
      resourceType: "connections",
      resourceName: "wdatp-dev",
      apiVersion: "2016-06-01",
      location: "westeurope",
      kind: "V1",
      tags: { "cost-center": "SEC-4711", owner: "soc-platform", "managed-by": "playbook-kit", environment: "dev" },
      properties: {
        displayName: "Microsoft Defender for Endpoint (managed identity)",
        api: { id: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Web/locations/westeurope/managedApis/wdatp` },
        parameterValueType: "Alternative",
        customParameterValues: {},
      },
    });
    expect(isSecretValue(wdatp!.inputs.properties)).toBe(false);
    // The subscription comes from the provider's client config, the location from the stack config.
    expect(dev.invocations.map((c) => c.token)).toContain("azure-native:authorization:getClientConfig");
    // No typed web.Connection is used for it: that route would drop the field.
    expect(ofType(dev, T.webConnection)).toEqual([]);
  });

  it("uses the location of the stack in the managed API id", async () => {
    const run = expectClean(await runStack("dev", (raw) => void (raw.location = "northeurope")));
    const wdatp = connection(run, "wdatp-dev");
    expect((wdatp!.inputs.properties as Obj).api.id).toBe(`/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Web/locations/northeurope/managedApis/wdatp`);
    expect(wdatp!.inputs.location).toBe("northeurope");
  });

  it("is the route that really sends the field: the SDK types generic properties as any, web.Connection's without parameterValueType", () => {
    // What the engine receives is shown above (the recorded inputs are the serialized registration). Whether
    // the provider forwards it depends on the provider schema, which the generated SDK mirrors:
    const sdk = path.join(REPO, "node_modules/@pulumi/azure-native");
    const generic = fs.readFileSync(path.join(sdk, "resources/resource.d.ts"), "utf8");
    const argsBlock = generic.slice(generic.indexOf("export interface ResourceArgs"));
    expect(argsBlock).toMatch(/\n\s+properties\?: any \| undefined;/); // schema "Any": sent to ARM as given
    const types = fs.readFileSync(path.join(sdk, "types/input.d.ts"), "utf8");
    const start = types.indexOf("interface ApiConnectionDefinitionPropertiesArgs {");
    expect(start).toBeGreaterThan(0);
    const typed = types.slice(start, types.indexOf("\n    }", start));
    expect(typed).toContain("customParameterValues?");
    expect(typed).not.toContain("parameterValueType"); // pulumi-azure-native#2069
  });

  it("is created only when an enabled playbook uses wdatp", () => {
    expect(ofType(onlyHunting, T.genericResource)).toEqual([]);
    expect(ofType(onlyHunting, T.webConnection)).toEqual([]);
    expect(ofType(onlyHunting, T.workflow).map((w) => w.inputs.workflowName)).toEqual(["scheduled-advanced-hunting-dev"]);
  });
});

describe("the office365 connection", () => {
  it("does not exist on the graph channel", () => {
    for (const run of [dev, onlyHunting]) {
      expect(ofType(run, T.webConnection)).toEqual([]);
      expect(ofType(run, T.genericResource).map((r) => r.inputs.resourceName)).not.toContain("office365-dev");
      expect((run.outputs as Obj).connectionsNeedingConsent).toEqual([]);
    }
  });

  it("exists on the outlook channel, is wired into $connections without managed identity, and its consent link is output", () => {
    const [office] = ofType(outlook, T.webConnection);
    expect(ofType(outlook, T.webConnection)).toHaveLength(1);
    const apiId = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Web/locations/westeurope/managedApis/office365`;
    expect(office!.inputs).toMatchObject({ connectionName: "office365-prod", resourceGroupName: "rg-mde-playbooks-prod", location: "westeurope", properties: { api: { id: apiId } } });
    expect((office!.inputs.properties as Obj).parameterValueType).toBeUndefined();
    const connectionId = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg-mde-playbooks-prod/providers/Microsoft.Web/connections/office365-prod`;
    for (const wf of ofType(outlook, T.workflow)) {
      const params = unwrapSecrets(wf.inputs.parameters) as Obj;
      expect(params.$connections.value.office365).toEqual({ connectionId, connectionName: "office365-prod", id: apiId });
      expect(params.senderMailbox).toBeUndefined();
    }
    const consent = (outlook.outputs as Obj).connectionsNeedingConsent;
    expect(consent).toEqual([
      {
        api: "office365",
        connectionName: "office365-prod",
        consentLink: `https://portal.azure.com/#resource${connectionId}/edit`,
        instructions: expect.stringContaining("select Authorize"),
      },
    ]);
  });

  it("the outlook channel needs no Mail.Send grant (the connector sends as the authorizing account)", () => {
    const roles = ofType(outlook, T.appRoleAssignment).map((g) => g.name);
    expect(roles.some((n) => n.endsWith("graph-Mail.Send"))).toBe(false);
    expect(roles.some((n) => n.endsWith("graph-ThreatHunting.Read.All"))).toBe(true);
  });

  it("each workflow's $connections lists exactly the connectors its definition references", () => {
    for (const wf of ofType(outlook, T.workflow)) {
      const text = JSON.stringify(wf.inputs.definition);
      const referenced = [...new Set([...text.matchAll(/@parameters\('\$connections'\)\['([^']+)'\]/g)].map((m) => m[1]))].sort();
      const params = unwrapSecrets(wf.inputs.parameters) as Obj;
      expect(Object.keys(params.$connections.value).sort()).toEqual(referenced);
    }
    expect(one(outlook, T.genericResource, "prod-connections-wdatp").inputs.resourceName).toBe("wdatp-prod");
  });
});
