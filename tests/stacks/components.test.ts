/** Component-level behaviour the committed stacks do not reach on their own, and the pure helpers of stacks/. */
import { describe, expect, it } from "vitest";
import { definePlaybook, param, recurrence } from "../../playbooks/kit";
import { loadEnvironment, planEnvironment, type PlannedPlaybook } from "../../playbooks/env";
import { REPO } from "../support/paths";
import { Identity } from "../../stacks/components/identity";
import { Playbook } from "../../stacks/components/playbook";
import { findAppRoleId } from "../../stacks/components/grants";
import { rawConfigFromEngine } from "../../stacks/config";
import { adminGrantCommands } from "../../stacks/principals";
import { isSecretValue, runWithMocks } from "../../stacks/testing";
import { stackRaw } from "./support";

/** A playbook without secure parameters (the catalog's all have secure recipients). */
function tinyPlanned(): PlannedPlaybook {
  const playbook = definePlaybook({
    name: "tiny",
    description: "Compose a greeting every hour.",
    parameters: { greeting: param.string({ default: "hello" }) },
    trigger: recurrence({ frequency: "Hour", interval: 1 }),
    build({ flow, params }) {
      flow.compose("Greeting", params.greeting);
    },
  });
  return { name: "tiny", workflowName: "tiny-test", playbook, state: "Disabled", parameters: { greeting: "hi" }, connectors: [], permissions: [] };
}

async function deployTiny(allParametersSecret: boolean) {
  return runWithMocks({
    env: "test",
    config: {},
    program: () => {
      const identity = new Identity("test-identity", { type: "SystemAssigned", resourceGroupName: "rg", location: "westeurope", tags: {} });
      const p = new Playbook("test-tiny", { planned: tinyPlanned(), resourceGroupName: "rg", location: "westeurope", identity, connections: new Map(), tags: {}, allParametersSecret });
      return { id: p.workflow.id, principalId: p.principalId };
    },
  });
}

describe("Playbook component", () => {
  it("keeps plain parameters plain unless the config they come from is secret", async () => {
    const plain = await deployTiny(false);
    expect(plain.error).toBeUndefined();
    const wf = plain.registrations.find((r) => r.type === "azure-native:logic:Workflow")!;
    expect(wf.inputs.parameters).toEqual({ greeting: { value: "hi" } });
    expect(wf.inputs.state).toBe("Disabled");
    expect(wf.inputs.identity).toEqual({ type: "SystemAssigned" });
    expect((plain.outputs as { principalId: string }).principalId).toMatch(/^[0-9a-f-]{36}$/);

    const secret = await deployTiny(true);
    const wf2 = secret.registrations.find((r) => r.type === "azure-native:logic:Workflow")!;
    expect(isSecretValue(wf2.inputs.parameters)).toBe(true);
    expect(isSecretValue(wf2.inputs.definition)).toBe(false);
  });
});

describe("findAppRoleId", () => {
  const roles = [
    { value: "Machine.Isolate", id: "role-1", allowedMemberTypes: ["Application"] },
    { value: "Machine.Scan", id: "role-2", allowedMemberTypes: ["User"] },
    { value: "Alert.Read.All", id: "role-3", allowedMemberTypes: ["User", "Application"] },
  ];
  it("finds an application role by value", () => {
    expect(findAppRoleId(roles, "Machine.Isolate", "WindowsDefenderATP")).toBe("role-1");
    expect(findAppRoleId(roles, "Alert.Read.All", "WindowsDefenderATP")).toBe("role-3");
  });
  it("refuses user-only roles and names the available ones", () => {
    expect(() => findAppRoleId(roles, "Machine.Scan", "WindowsDefenderATP")).toThrow(
      "The WindowsDefenderATP service principal has no application role 'Machine.Scan' (it has: Alert.Read.All, Machine.Isolate).",
    );
  });
});

describe("adminGrantCommands", () => {
  it("is empty without permissions and looks up each resource service principal once", () => {
    expect(adminGrantCommands([])).toEqual([]);
    const lines = adminGrantCommands([
      { label: "a", principalId: "p-a", permissions: [{ resource: "WindowsDefenderATP", role: "Alert.Read.All" }] },
      { label: "b", principalId: "p-b", permissions: [{ resource: "WindowsDefenderATP", role: "Machine.Read.All" }, { resource: "MicrosoftGraph", role: "Mail.Send" }] },
    ]);
    expect(lines.filter((l) => /^(MDE|GRAPH)_SP=/.test(l))).toEqual([
      "GRAPH_SP=$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv)",
      "MDE_SP=$(az ad sp show --id fc780465-2017-40d4-a0c5-307022471b92 --query id -o tsv)",
    ]);
    expect(lines.filter((l) => l.trim().startsWith("az rest --method POST"))).toHaveLength(3);
    expect(lines.filter((l) => l.includes("az rest --method GET"))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith("# b:"))).toEqual(["# b: WindowsDefenderATP Machine.Read.All", "# b: MicrosoftGraph Mail.Send"]);
  });
});

describe("rawConfigFromEngine", () => {
  it("reads the engine's config map back into the config object playbooks/env validates", () => {
    const raw = stackRaw("prod");
    const engine: Record<string, string> = {
      "azure-native:location": "westeurope",
      "playbook-kit:location": "westeurope",
      "playbook-kit:grantPermissions": "true",
      "playbook-kit:logAnalyticsWorkspaceId": raw.logAnalyticsWorkspaceId,
      ...Object.fromEntries(["resourceGroup", "identity", "notify", "sentinel", "tags", "playbooks"].map((k) => [`playbook-kit:${k}`, JSON.stringify(raw[k])])),
    };
    expect(rawConfigFromEngine(engine)).toEqual(raw);
    expect(planEnvironment("prod", rawConfigFromEngine(engine)).playbooks.map((p) => p.name)).toEqual(loadEnvironment("prod", { root: REPO }).playbooks.map((p) => p.name));
  });

  it("keeps text that is not JSON, so the schema names the key", () => {
    const raw = { ...stackRaw("dev"), notify: "soc@contoso.com" };
    const engine = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`playbook-kit:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
    expect(rawConfigFromEngine(engine).notify).toBe("soc@contoso.com");
    expect(() => planEnvironment("dev", rawConfigFromEngine(engine))).toThrow("playbook-kit:notify: must be an object, not \"soc@contoso.com\".");
  });
});
