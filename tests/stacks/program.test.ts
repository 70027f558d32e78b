/**
 * The real stack program under Pulumi mocks, for the committed dev and prod configs: every workflow deploys
 * exactly what `playbook-kit build --env` writes, parameters and identity are wired, the component tree is
 * parented, outputs are registered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderBuild } from "../../playbooks/build";
import { loadEnvironment, type EnvironmentPlan } from "../../playbooks/env";
import { isSecretValue, MOCK_SUBSCRIPTION_ID, mockGuid, stableJson, unwrapSecrets, type MockRun } from "../../stacks/testing";
import { REPO } from "../support/paths";
import { expectClean, ofType, one, runStack, T } from "./support";

type Obj = Record<string, any>;

const runs: Record<string, MockRun> = {};
const plans: Record<string, EnvironmentPlan> = {};

beforeAll(async () => {
  for (const env of ["dev", "prod"]) {
    plans[env] = loadEnvironment(env, { root: REPO });
    runs[env] = expectClean(await runStack(env));
  }
});

/** Every action of a definition, nested scopes included. */
function allActions(actions: Obj | undefined): [string, Obj][] {
  const out: [string, Obj][] = [];
  for (const [name, action] of Object.entries(actions ?? {})) {
    out.push([name, action as Obj]);
    const a = action as Obj;
    out.push(...allActions(a.actions), ...allActions(a.else?.actions), ...allActions(a.default?.actions));
    for (const c of Object.values((a.cases ?? {}) as Obj)) out.push(...allActions((c as Obj).actions));
  }
  return out;
}

const rgId = (rg: string) => `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${rg}`;

describe.each(["dev", "prod"])("the %s stack", (env) => {
  it("deploys one workflow per enabled playbook whose definition is exactly the build --env output", () => {
    const plan = plans[env]!;
    const built = renderBuild(plan.playbooks.map((p) => p.playbook));
    const workflows = ofType(runs[env]!, T.workflow);
    expect(workflows.map((w) => w.inputs.workflowName).sort()).toEqual(plan.playbooks.map((p) => p.workflowName).sort());
    const prodPlaybooks = ["isolate-on-high-severity", "scheduled-advanced-hunting", "isolate-incident-hosts"];
    const devPlaybooks = [...prodPlaybooks, "release-incident-hosts", "restrict-app-execution-incident-hosts", "scan-incident-hosts", "collect-investigation-package", "graph-alert-triage"];
    expect(plan.playbooks.map((p) => p.name)).toEqual(env === "dev" ? devPlaybooks : prodPlaybooks);
    for (const p of plan.playbooks) {
      const wf = one(runs[env]!, T.workflow, `${env}-${p.name}-workflow`);
      const file = built.files.get(`${p.name}.definition.json`)!;
      // Equal as JSON values (the engine's wire format does not keep key order, so compare values, not text).
      expect(wf.inputs.definition).toEqual(JSON.parse(file));
      expect(stableJson(wf.inputs.definition)).toBe(stableJson(JSON.parse(p.playbook.render())));
      expect(isSecretValue(wf.inputs.definition)).toBe(false);
      expect(wf.inputs.workflowName).toBe(`${p.name}-${env}`);
      expect(wf.inputs.state).toBe(p.state);
      expect(wf.inputs.location).toBe(plan.config.location);
      expect(wf.inputs.resourceGroupName).toBe(plan.config.resourceGroup.name);
      expect(wf.inputs.tags).toEqual({ ...plan.config.tags, "managed-by": "playbook-kit", environment: env, playbook: p.name });
    }
  });

  it("sets the environment's parameter values; secure ones make the parameters a Pulumi secret", () => {
    const plan = plans[env]!;
    for (const p of plan.playbooks) {
      const wf = one(runs[env]!, T.workflow, `${env}-${p.name}-workflow`);
      // A secret inside an input makes the whole input secret on the wire and in state.
      const declared = p.playbook.definition.parameters!;
      expect(Object.keys(p.parameters).some((n) => declared[n]!.type.startsWith("Secure"))).toBe(true);
      expect(isSecretValue(wf.inputs.parameters)).toBe(true);
      const params = unwrapSecrets(wf.inputs.parameters) as Obj;
      const expectedKeys = [...Object.keys(p.parameters), ...(p.identityParameter ? [p.identityParameter] : []), ...(p.connectors.length ? ["$connections"] : [])];
      expect(Object.keys(params).sort()).toEqual(expectedKeys.sort());
      for (const [name, value] of Object.entries(p.parameters)) expect(params[name]).toEqual({ value });
      expect(params.notifyTo.value).toBe(plan.config.notify.recipients.join(";"));
      expect(params.senderMailbox.value).toBe(plan.config.notify.sender);
    }
    const isolate = unwrapSecrets(one(runs[env]!, T.workflow, `${env}-isolate-on-high-severity-workflow`).inputs.parameters) as Obj;
    expect(isolate.isolationType.value).toBe(env === "dev" ? "Selective" : "Full");
  });

  it("keeps recipients and sender out of every plain (non-secret) input", () => {
    const plan = plans[env]!;
    const addresses = [...plan.config.notify.recipients, plan.config.notify.sender!];
    const plain: string[] = [];
    const walk = (v: unknown): void => {
      if (isSecretValue(v)) return;
      if (typeof v === "string") plain.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    for (const r of runs[env]!.registrations) walk(r.inputs);
    expect(plain.length).toBeGreaterThan(50);
    for (const a of addresses) expect(plain.filter((s) => s.includes(a))).toEqual([]);
  });

  it("wires $connections to the environment's wdatp connection with managed-identity authentication", () => {
    const run = runs[env]!;
    const wdatp = one(run, T.genericResource, `${env}-connections-wdatp`);
    const connectionId = `${rgId(plans[env]!.config.resourceGroup.name)}/providers/Microsoft.Web/connections/wdatp-${env}`;
    const isolate = unwrapSecrets(one(run, T.workflow, `${env}-isolate-on-high-severity-workflow`).inputs.parameters) as Obj;
    const entry = isolate.$connections.value.wdatp;
    expect(entry.connectionId).toBe(connectionId);
    expect(entry.connectionName).toBe(wdatp.inputs.resourceName);
    expect(entry.id).toBe((wdatp.inputs.properties as Obj).api.id);
    expect(entry.connectionProperties.authentication.type).toBe("ManagedServiceIdentity");
    // The definition reads exactly the keys the stack provides.
    const definition = one(run, T.workflow, `${env}-isolate-on-high-severity-workflow`).inputs.definition as Obj;
    expect(JSON.stringify(definition)).toContain("@parameters('$connections')['wdatp']['connectionId']");
    expect(Object.keys(isolate.$connections.value)).toEqual(["wdatp"]);
    // The hunting playbook on the Graph channel uses no connection at all.
    const hunting = unwrapSecrets(one(run, T.workflow, `${env}-scheduled-advanced-hunting-workflow`).inputs.parameters) as Obj;
    expect(hunting.$connections).toBeUndefined();
  });

  it("registers a parented component tree with playbook-kit:index type tokens and outputs", () => {
    const run = runs[env]!;
    const byUrn = new Map(run.registrations.map((r) => [r.urn, r]));
    const root = ofType(run, T.environment);
    expect(root).toHaveLength(1);
    expect(root[0]!.parent).toBeUndefined();
    for (const r of run.registrations) {
      if (r.custom) {
        const parent = byUrn.get(r.parent ?? "");
        expect(parent?.type, `${r.type} ${r.name} parent`).toMatch(/^playbook-kit:index:[A-Z][A-Za-z]+$/);
      } else {
        expect(r.type).toMatch(/^playbook-kit:index:(Environment|ResourceGroup|Identity|Connections|Playbook|Grants|Diagnostics)$/);
        if (r.type !== T.environment) expect(r.parent).toBe(root[0]!.urn);
        expect(run.componentOutputs[r.urn], `${r.type} registerOutputs`).toBeDefined();
      }
    }
    const playbookOutputs = run.componentOutputs[ofType(run, T.playbookComponent)[0]!.urn]!;
    expect(Object.keys(playbookOutputs).sort()).toEqual(["principalId", "state", "workflowId", "workflowName"]);
  });

  it("exports per playbook the workflow id and name, the principal ids and the granted permissions", () => {
    const plan = plans[env]!;
    const outputs = runs[env]!.outputs as Obj;
    expect(outputs.environment).toBe(env);
    for (const p of plan.playbooks) {
      expect(outputs.playbooks[p.name].workflowName).toBe(p.workflowName);
      expect(outputs.playbooks[p.name].workflowId).toBe(`${rgId(plan.config.resourceGroup.name)}/providers/Microsoft.Logic/workflows/${p.workflowName}`);
      expect(outputs.identityPrincipalIds[p.name]).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(outputs.grantedPermissions.length).toBeGreaterThan(0);
    expect(outputs.connectionsNeedingConsent).toEqual([]);
    expect(outputs.adminCommands).toEqual([]);
  });
});

describe("identity wiring", () => {
  it("dev: each workflow has its own system-assigned identity; no user-assigned identity exists", () => {
    const run = runs.dev!;
    expect(ofType(run, T.userAssignedIdentity)).toEqual([]);
    for (const wf of ofType(run, T.workflow)) {
      expect(wf.inputs.identity).toEqual({ type: "SystemAssigned" });
      const params = unwrapSecrets(wf.inputs.parameters) as Obj;
      expect(params.managedIdentity.value).toBe("SystemAssigned");
      if (params.$connections) expect(params.$connections.value.wdatp.connectionProperties.authentication).toEqual({ type: "ManagedServiceIdentity" });
    }
    // Grants go to each workflow's own principal.
    const outputs = run.outputs as Obj;
    const isolateId = `${rgId("rg-mde-playbooks-dev")}/providers/Microsoft.Logic/workflows/isolate-on-high-severity-dev`;
    expect(outputs.identityPrincipalIds["isolate-on-high-severity"]).toBe(mockGuid(`principal:${isolateId}`));
    expect(outputs.identityPrincipalIds["isolate-on-high-severity"]).not.toBe(outputs.identityPrincipalIds["scheduled-advanced-hunting"]);
    const principals = new Set(ofType(run, T.appRoleAssignment).map((g) => g.inputs.principalObjectId));
    expect(principals).toEqual(new Set(Object.values(outputs.identityPrincipalIds)));
    expect(outputs.identity).toEqual({ type: "SystemAssigned" });
  });

  it("prod: one shared user-assigned identity on every workflow, in $connections and for Http calls", () => {
    const run = runs.prod!;
    const [uami] = ofType(run, T.userAssignedIdentity);
    expect(ofType(run, T.userAssignedIdentity)).toHaveLength(1);
    expect(uami!.inputs).toMatchObject({ resourceName: "id-mde-playbooks-prod", resourceGroupName: "rg-mde-playbooks-prod", location: "westeurope" });
    const uamiId = `${rgId("rg-mde-playbooks-prod")}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-mde-playbooks-prod`;
    for (const wf of ofType(run, T.workflow)) {
      expect(wf.inputs.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [uamiId] });
      const params = unwrapSecrets(wf.inputs.parameters) as Obj;
      expect(params.managedIdentity.value).toBe(uamiId);
      if (params.$connections) expect(params.$connections.value.wdatp.connectionProperties.authentication).toEqual({ type: "ManagedServiceIdentity", identity: uamiId });
    }
    const outputs = run.outputs as Obj;
    expect(outputs.identity).toEqual({ type: "UserAssigned", id: uamiId, principalId: mockGuid(`principal:${uamiId}`), clientId: mockGuid(`client:${uamiId}`) });
    expect(new Set(ofType(run, T.appRoleAssignment).map((g) => g.inputs.principalObjectId))).toEqual(new Set([mockGuid(`principal:${uamiId}`)]));
  });
});

describe("resource group", () => {
  it("dev creates its resource group; prod references an existing one", () => {
    const [group] = ofType(runs.dev!, T.resourceGroup);
    expect(group!.inputs).toEqual({ resourceGroupName: "rg-mde-playbooks-dev", location: "westeurope", tags: { "cost-center": "SEC-4711", owner: "soc-platform", "managed-by": "playbook-kit", environment: "dev" } });
    expect(ofType(runs.prod!, T.resourceGroup)).toEqual([]);
    expect(runs.prod!.invocations.filter((c) => c.token === "azure-native:resources:getResourceGroup").map((c) => c.inputs)).toEqual([{ resourceGroupName: "rg-mde-playbooks-prod" }]);
  });
});

describe("audit mode", () => {
  it("dev (audit) renders no destructive call and grants no destructive role; prod (enforce) does", () => {
    const actionsOf = (env: string) => allActions((one(runs[env]!, T.workflow, `${env}-isolate-on-high-severity-workflow`).inputs.definition as Obj).actions);
    const isolates = (env: string) => actionsOf(env).filter(([, a]) => /\/isolate$/i.test(String(a.inputs?.path ?? a.inputs?.uri ?? "")));
    expect(actionsOf("dev").length).toBeGreaterThan(5);
    expect(isolates("dev")).toEqual([]);
    expect(plans.dev!.playbooks[0]!.playbook.destructiveSteps).toEqual([]);
    expect(isolates("prod").map(([name]) => name)).toEqual(["Isolate_machine"]);
    const roles = (env: string) => ofType(runs[env]!, T.appRoleAssignment).map((g) => g.name);
    expect(roles("dev").some((n) => n.endsWith("Machine.Isolate"))).toBe(false);
    expect(roles("prod").some((n) => n.endsWith("Machine.Isolate"))).toBe(true);
  });
});

describe("diagnostics", () => {
  it("prod sends WorkflowRuntime logs and AllMetrics of every workflow to its workspace; dev has none", () => {
    expect(ofType(runs.dev!, T.diagnosticSetting)).toEqual([]);
    const settings = ofType(runs.prod!, T.diagnosticSetting);
    expect(settings).toHaveLength(plans.prod!.playbooks.length);
    const workspace = plans.prod!.config.logAnalyticsWorkspaceId;
    const uris = settings.map((s) => String(s.inputs.resourceUri).split("/").at(-1)).sort();
    expect(uris).toEqual(plans.prod!.playbooks.map((p) => p.workflowName).sort());
    for (const s of settings) {
      expect(s.inputs.workspaceId).toBe(workspace);
      expect(s.inputs.logs).toEqual([{ category: "WorkflowRuntime", enabled: true }]);
      expect(s.inputs.metrics).toEqual([{ category: "AllMetrics", enabled: true }]);
      expect(String(s.inputs.resourceUri)).toMatch(/\/providers\/Microsoft\.Logic\/workflows\/[a-z-]+-prod$/);
    }
  });
});

describe("workflow state", () => {
  it("state: Disabled deploys the workflow disabled, still wired and granted", async () => {
    const run = expectClean(await runStack("prod", (raw) => void (raw.playbooks["isolate-on-high-severity"].state = "Disabled")));
    expect(one(run, T.workflow, "prod-isolate-on-high-severity-workflow").inputs.state).toBe("Disabled");
    expect(one(run, T.workflow, "prod-scheduled-advanced-hunting-workflow").inputs.state).toBe("Enabled");
    expect(ofType(run, T.appRoleAssignment).map((g) => g.name)).toEqual(ofType(runs.prod!, T.appRoleAssignment).map((g) => g.name));
    expect((run.outputs as Obj).playbooks["isolate-on-high-severity"].state).toBe("Disabled");
  });
});

describe("secret config", () => {
  it("a secret playbooks key keeps every workflow's parameters secret and the definition plain", async () => {
    const run = expectClean(await runStack("dev", undefined, ["playbook-kit:playbooks"]));
    for (const wf of ofType(run, T.workflow)) {
      expect(isSecretValue(wf.inputs.parameters)).toBe(true);
      expect(isSecretValue(wf.inputs.definition)).toBe(false);
    }
  });
});
