/**
 * The whole program under `pulumi.runtime.setMocks`, for a project whose playbooks use the Sentinel connector:
 * exact Azure RBAC assignments on the workspace (Responder for update/comment, Reader for reads, none for a
 * playbook without Sentinel actions), the automation rule and Sentinel's Automation Contributor grant when a
 * playbook's settings ask for a rule (none otherwise), the `az` commands when the stack does not grant, and one
 * readable error — code and key path — for a bad `sentinel` or `automationRule` before any resource exists.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AZURE_SECURITY_INSIGHTS_APP_ID } from "../../operations";
import { roleAssignmentName } from "../../stacks/components/grants";
import { automationRuleId } from "../../stacks/components/automation-rules";
import { deployEnvironment } from "../../stacks/program";
import { MOCK_SUBSCRIPTION_ID, MOCK_TENANT_ID, mockGuid, mockServicePrincipalObjectId, runWithMocks, type MockRun } from "../../stacks/testing";
import { writeProject } from "../project/support";
import { engineConfig, expectClean, ofType } from "./support";

type Obj = Record<string, any>;

const SOC_SUB = "9b2e4c1d-3a5f-4e6b-8c7d-0e1f2a3b4c5d";
const WORKSPACE = `/subscriptions/${SOC_SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-sentinel`;
const RULE_GUID = "fab3d2d4-747f-46a7-8ef0-9c0be8112bf7";
const RULE_ID = `${WORKSPACE}/providers/Microsoft.SecurityInsights/alertRules/${RULE_GUID}`;
const OTHER_RULE = `${WORKSPACE}/providers/Microsoft.SecurityInsights/alertRules/0b7e5c7d-1111-4222-8333-444455556666`;
const RG_ID = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg-test`;
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const AUTOMATION_RULE = "azure-native:securityinsights:AutomationRule";

const COMMENT = `import { definePlaybook, sentinel, text } from "playbook-kit";

export default definePlaybook({
  name: "comment-on-incident",
  description: "Comment on every incident an automation rule hands over.",
  trigger: sentinel.incidentTrigger(),
  build({ flow, trigger }) {
    flow.step("Hosts", sentinel.getHosts({ entities: trigger.body.object.properties.relatedEntities }));
    flow.step("Comment", sentinel.addIncidentComment({ incidentArmId: trigger.body.object.id, message: text\`seen \${trigger.body.object.properties.title}\` }));
  },
});
`;

const READ = `import { definePlaybook, sentinel } from "playbook-kit";

export default definePlaybook({
  name: "read-alert-incident",
  description: "Read the incident of an alert.",
  trigger: sentinel.alertTrigger(),
  build({ flow, trigger }) {
    flow.step(
      "Incident",
      sentinel.alertGetIncident({ subscriptionId: trigger.body.WorkspaceSubscriptionId, resourceGroup: trigger.body.WorkspaceResourceGroup, workspaceId: trigger.body.WorkspaceId, alertId: trigger.body.SystemAlertId }),
    );
  },
});
`;

const ROOT = writeProject({ playbooks: ["playbooks"], catalog: ["isolate-on-high-severity"], typecheck: false }, { "playbooks/comment.ts": COMMENT, "playbooks/read.ts": READ });

/** A valid config enabling the three playbooks, changed by `change`. */
function raw(change?: (r: Obj) => void): Obj {
  const r: Obj = {
    location: "westeurope",
    resourceGroup: { name: "rg-test", create: true },
    identity: { type: "SystemAssigned" },
    notify: { channel: "graph", sender: "bot@contoso.com", recipients: ["soc@contoso.com"] },
    grantPermissions: true,
    sentinel: { workspaceResourceId: WORKSPACE },
    playbooks: {
      "isolate-on-high-severity": { enabled: true, state: "Enabled" },
      "comment-on-incident": { enabled: true, state: "Enabled" },
      "read-alert-incident": { enabled: true, state: "Enabled" },
    },
  };
  change?.(r);
  return r;
}

function run(change?: (r: Obj) => void): Promise<MockRun> {
  return runWithMocks({ env: "dev", config: engineConfig(raw(change)), program: () => deployEnvironment({ cwd: ROOT, typecheck: false }) });
}

const workflowId = (name: string) => `${RG_ID}/providers/Microsoft.Logic/workflows/${name}-dev`;
const principalOf = (name: string) => mockGuid(`principal:${workflowId(name)}`);
const roleDefinition = (sub: string, guid: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function workspaceAssignment(label: string, principalId: string, role: string, guid: string): Obj {
  const logical = `dev-grants-${label}-${role.toLowerCase().replace(/ /g, "-")}`;
  return {
    name: logical,
    inputs: {
      roleAssignmentName: roleAssignmentName(WORKSPACE, logical, role),
      scope: WORKSPACE,
      roleDefinitionId: roleDefinition(SOC_SUB, guid),
      principalId,
      principalType: "ServicePrincipal",
      description: `playbook-kit: ${role} for ${label}`,
    },
  };
}

const RESPONDER = "3e150937-b8fe-4cfb-8069-0eaf05ecd056";
const READER = "8d289c81-5878-46d4-8554-54e1e3d8b5cb";
const AUTOMATION_CONTRIBUTOR = "f4c81013-99ee-4d62-a7ee-b3f1f648599a";
const SENTINEL_SP = mockServicePrincipalObjectId(AZURE_SECURITY_INSIGHTS_APP_ID);

const assignments = (r: MockRun) => ofType(r, ROLE_ASSIGNMENT).map((x) => ({ name: x.name, inputs: x.inputs }));

describe("Sentinel workspace roles, through the program", () => {
  it("each system-assigned identity gets exactly the Sentinel role its playbook needs; the MDE-only playbook none", async () => {
    const r = expectClean(await run());
    expect(assignments(r)).toEqual([
      workspaceAssignment("comment-on-incident", principalOf("comment-on-incident"), "Microsoft Sentinel Responder", RESPONDER),
      workspaceAssignment("read-alert-incident", principalOf("read-alert-incident"), "Microsoft Sentinel Reader", READER),
    ]);
    // The MDE playbook's identity gets its app roles and no Azure role.
    const isolate = principalOf("isolate-on-high-severity");
    expect(ofType(r, ROLE_ASSIGNMENT).some((x) => x.inputs.principalId === isolate)).toBe(false);
    expect(ofType(r, "azuread:index/appRoleAssignment:AppRoleAssignment").filter((x) => x.inputs.principalObjectId === isolate).length).toBeGreaterThan(0);
    // No rule configured: no automation rule, no grant to Sentinel, no lookup of its service principal.
    expect(ofType(r, AUTOMATION_RULE)).toEqual([]);
    expect(r.invocations.some((i) => JSON.stringify(i).includes(AZURE_SECURITY_INSIGHTS_APP_ID))).toBe(false);
    expect((r.outputs as Obj).sentinelAutomation).toBeUndefined();
  });

  it("a shared user-assigned identity gets Responder alone (it covers Reader), once", async () => {
    const r = expectClean(await run((c) => void (c.identity = { type: "UserAssigned", name: "id-soc" })));
    const uami = `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-soc`;
    expect(assignments(r)).toEqual([workspaceAssignment("id-soc", mockGuid(`principal:${uami}`), "Microsoft Sentinel Responder", RESPONDER)]);
  });

  it("without the Sentinel playbooks, no Azure role at all", async () => {
    const r = expectClean(
      await run((c) => {
        c.playbooks["comment-on-incident"].enabled = false;
        c.playbooks["read-alert-incident"].enabled = false;
      }),
    );
    expect(assignments(r)).toEqual([]);
  });
});

describe("an automation rule", () => {
  const withRule = (rule: Obj) => (c: Obj) => void (c.playbooks["comment-on-incident"].automationRule = rule);

  it("is deployed on the workspace with its conditions and the RunPlaybook action; Sentinel gets Automation Contributor on the resource group", async () => {
    const r = expectClean(await run(withRule({ order: 5, severities: ["High", "Medium"], analyticRuleIds: [RULE_GUID, OTHER_RULE] })));
    const rules = ofType(r, AUTOMATION_RULE);
    expect(rules.map((x) => ({ name: x.name, inputs: x.inputs }))).toEqual([
      {
        name: "dev-automation-rules-comment-on-incident",
        inputs: {
          resourceGroupName: "rg-soc",
          workspaceName: "law-sentinel",
          automationRuleId: automationRuleId(WORKSPACE, "comment-on-incident-dev"),
          displayName: "playbook-kit: run comment-on-incident-dev",
          order: 5,
          triggeringLogic: {
            isEnabled: true,
            triggersOn: "Incidents",
            triggersWhen: "Created",
            conditions: [
              { conditionType: "Property", conditionProperties: { propertyName: "IncidentSeverity", operator: "Equals", propertyValues: ["High", "Medium"] } },
              { conditionType: "Property", conditionProperties: { propertyName: "IncidentRelatedAnalyticRuleIds", operator: "Contains", propertyValues: [RULE_ID, OTHER_RULE] } },
            ],
          },
          actions: [{ actionType: "RunPlaybook", order: 1, actionConfiguration: { logicAppResourceId: workflowId("comment-on-incident"), tenantId: MOCK_TENANT_ID } }],
        },
      },
    ]);
    expect(automationRuleId(WORKSPACE, "comment-on-incident-dev")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const logical = "dev-automation-rules-azure-security-insights-automation-contributor";
    const grant = assignments(r).find((a) => a.name === logical);
    expect(grant).toEqual({
      name: logical,
      inputs: {
        roleAssignmentName: roleAssignmentName(RG_ID, logical, "Microsoft Sentinel Automation Contributor"),
        scope: RG_ID,
        roleDefinitionId: roleDefinition(MOCK_SUBSCRIPTION_ID, AUTOMATION_CONTRIBUTOR),
        principalId: SENTINEL_SP,
        principalType: "ServicePrincipal",
        description: "playbook-kit: Microsoft Sentinel Automation Contributor for Azure Security Insights (Sentinel automation rules run the playbooks of this resource group)",
      },
    });
    // Exactly one grant to Sentinel, beside the identities' own workspace roles.
    expect(assignments(r).map((a) => a.name)).toEqual([
      logical,
      "dev-grants-comment-on-incident-microsoft-sentinel-responder",
      "dev-grants-read-alert-incident-microsoft-sentinel-reader",
    ]);
    expect((r.outputs as Obj).sentinelAutomation).toEqual({
      rules: [{ playbook: "comment-on-incident", ruleId: automationRuleId(WORKSPACE, "comment-on-incident-dev"), displayName: "playbook-kit: run comment-on-incident-dev", order: 5, enabled: true }],
      grant: { principal: "Azure Security Insights", appId: AZURE_SECURITY_INSIGHTS_APP_ID, role: "Microsoft Sentinel Automation Contributor", scope: RG_ID, granted: true },
    });
  });

  it("takes displayName and triggersWhen; a rule of a Disabled workflow is deployed disabled; no condition matches every incident", async () => {
    const r = expectClean(
      await run((c) => {
        c.playbooks["comment-on-incident"].state = "Disabled";
        c.playbooks["comment-on-incident"].automationRule = { order: 1, displayName: "Comment on incidents", triggersWhen: "Updated" };
      }),
    );
    const [rule] = ofType(r, AUTOMATION_RULE);
    expect(rule!.inputs.displayName).toBe("Comment on incidents");
    expect(rule!.inputs.triggeringLogic).toEqual({ isEnabled: false, triggersOn: "Incidents", triggersWhen: "Updated", conditions: [] });
  });

  it("a disabled playbook's rule is not deployed, nor Sentinel's grant", async () => {
    const r = expectClean(
      await run((c) => {
        c.playbooks["comment-on-incident"].enabled = false;
        c.playbooks["comment-on-incident"].automationRule = { order: 1 };
      }),
    );
    expect(ofType(r, AUTOMATION_RULE)).toEqual([]);
    expect(assignments(r).map((a) => a.name)).toEqual(["dev-grants-read-alert-incident-microsoft-sentinel-reader"]);
  });

  it("grantPermissions false: the rule is deployed, no role is assigned, and the az commands grant Sentinel too", async () => {
    const r = expectClean(
      await run((c) => {
        c.grantPermissions = false;
        c.playbooks["comment-on-incident"].automationRule = { order: 3 };
      }),
    );
    expect(ofType(r, AUTOMATION_RULE)).toHaveLength(1);
    expect(assignments(r)).toEqual([]);
    const lines = (r.outputs as Obj).adminCommands as string[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-automation-"));
    try {
      const log = path.join(dir, "calls.log");
      fs.writeFileSync(
        path.join(dir, "az"),
        `#!/usr/bin/env bash
{ for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\n'; } >> "$AZ_LOG"
if [ "$1 $2" = "ad sp" ]; then echo "sp-of-$5"; exit 0; fi
if [ "$1 $2 $3" = "role assignment list" ]; then echo 0; exit 0; fi
if [ "$1" = "rest" ]; then echo 0; exit 0; fi
exit 0
`,
        { mode: 0o755 },
      );
      const rbac = lines.slice(lines.findIndex((l) => l.startsWith("# Run with bash as an Owner")));
      const result = spawnSync("bash", ["-c", rbac.join("\n")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, AZ_LOG: log }, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const calls = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => l.split("\u001f").slice(0, -1));
      const creates = calls.filter((c) => c.slice(0, 3).join(" ") === "role assignment create");
      expect(creates).toContainEqual([
        "role", "assignment", "create",
        "--assignee-object-id", `sp-of-${AZURE_SECURITY_INSIGHTS_APP_ID}`,
        "--assignee-principal-type", "ServicePrincipal",
        "--role", AUTOMATION_CONTRIBUTOR,
        "--scope", RG_ID,
        "--output", "none",
      ]);
      expect(creates.map((c) => c[8])).toEqual([RESPONDER, READER, AUTOMATION_CONTRIBUTOR]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((r.outputs as Obj).sentinelAutomation.grant.granted).toBe(false);
  });
});

describe("a bad sentinel or automationRule config", () => {
  type Case = { name: string; change: (c: Obj) => void; problems: [path: string, fragment: string][] };
  const at = (p: string) => `playbook-kit:playbooks.${p}`;
  const cases: Case[] = [
    {
      name: "a rule on a playbook that is not triggered by an incident",
      change: (c) => void (c.playbooks["read-alert-incident"].automationRule = { order: 1 }),
      problems: [[at("read-alert-incident.automationRule"), "is only for playbooks triggered by a Microsoft Sentinel incident (sentinel.incidentTrigger()); read-alert-incident starts from another trigger, which an automation rule cannot run. Remove automationRule, or build read-alert-incident on the incident trigger. [automation-rule-not-incident-triggered]"]],
    },
    {
      name: "a rule on the MDE playbook",
      change: (c) => void (c.playbooks["isolate-on-high-severity"].automationRule = { order: 1 }),
      problems: [[at("isolate-on-high-severity.automationRule"), "[automation-rule-not-incident-triggered]"]],
    },
    {
      name: "no order, a bad severity, a repeated one, an unknown key",
      change: (c) => void (c.playbooks["comment-on-incident"].automationRule = { severities: ["High", "Critical", "High"], when: "Created" }),
      problems: [
        [at("comment-on-incident.automationRule.order"), "is required: the rule's position among the workspace's automation rules, an integer from 1 to 1000 (lower runs first). [automation-rule-invalid]"],
        [at("comment-on-incident.automationRule.severities[1]"), 'must be one of High, Medium, Low, Informational, not "Critical". [automation-rule-invalid]'],
        [at("comment-on-incident.automationRule.severities[2]"), "repeats [0]; list each value once. [automation-rule-invalid]"],
        [at("comment-on-incident.automationRule.when"), "is not a key of an automation rule; its keys: order, displayName, severities, analyticRuleIds, triggersWhen, enabled. [automation-rule-invalid]"],
      ],
    },
    {
      name: "an order out of range, a bad triggersWhen, an empty list",
      change: (c) => void (c.playbooks["comment-on-incident"].automationRule = { order: 0, triggersWhen: "Closed", analyticRuleIds: [] }),
      problems: [
        [at("comment-on-incident.automationRule.analyticRuleIds"), "is empty: list at least one value, or leave it out to match every incident. [automation-rule-invalid]"],
        [at("comment-on-incident.automationRule.order"), "must be an integer from 1 to 1000, not 0. [automation-rule-invalid]"],
        [at("comment-on-incident.automationRule.triggersWhen"), 'must be Created or Updated, not "Closed". [automation-rule-invalid]'],
      ],
    },
    {
      name: "an analytics rule of another workspace",
      change: (c) =>
        void (c.playbooks["comment-on-incident"].automationRule = {
          order: 1,
          analyticRuleIds: [`/subscriptions/${SOC_SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-other/providers/Microsoft.SecurityInsights/alertRules/${RULE_GUID}`],
        }),
      problems: [[at("comment-on-incident.automationRule.analyticRuleIds[0]"), `is not an analytics rule of the Sentinel workspace ${WORKSPACE} (playbook-kit:sentinel.workspaceResourceId)`]],
    },
    {
      name: "automationRule that is not an object",
      change: (c) => void (c.playbooks["comment-on-incident"].automationRule = true),
      problems: [[at("comment-on-incident.automationRule"), "must be an object such as {order: 10, severities: [High]}, not true. [automation-rule-invalid]"]],
    },
    {
      name: "Sentinel playbooks without a workspace",
      change: (c) => void delete c.sentinel,
      problems: [["playbook-kit:sentinel", "is required: comment-on-incident, read-alert-incident use the Microsoft Sentinel connector"]],
    },
    {
      name: "a workspace id that is not one",
      change: (c) => void (c.sentinel = { workspaceResourceId: "law-sentinel" }),
      problems: [["playbook-kit:sentinel.workspaceResourceId", "must be the resource id of the Log Analytics workspace Microsoft Sentinel runs on"]],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s: one RunError naming each problem at its key, before any resource", async (_name, c) => {
    const r = await run(c.change);
    expect(r.registrations).toEqual([]);
    expect(r.unhandledRejections).toEqual([]);
    expect(pulumi.RunError.isInstance(r.error!)).toBe(true);
    const lines = r.error!.message.split("\n");
    expect(lines[0]).toBe(`Stack 'dev' configuration (Pulumi.dev.yaml) has ${c.problems.length === 1 ? "1 problem" : `${c.problems.length} problems`}:`);
    expect(lines.slice(1).map((l) => l.slice(4, l.indexOf(": ")))).toEqual(c.problems.map(([p]) => p));
    for (const [p, fragment] of c.problems) expect(lines.find((l) => l.startsWith(`  - ${p}: `)), p).toContain(fragment);
    expect(r.error!.message).not.toMatch(/\n\s+at /);
  });
});
