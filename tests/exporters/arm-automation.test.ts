/**
 * ARM export of an incident-triggered playbook with a Sentinel automation rule: the template carries the rule
 * (an extension resource on the workspace, in a nested deployment targeted at the workspace's resource group),
 * the same conditions and RunPlaybook action the stack deploys, Sentinel's Automation Contributor grant on the
 * resource group, and the identity's workspace roles; `export arm --env` takes the rule from the environment.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { toArmTemplate } from "../../exporters/arm";
import { sentinel } from "../../playbooks/connectors";
import { planAutomationRule } from "../../playbooks/env";
import { definePlaybook, text } from "../../playbooks/kit";
import { validate } from "../../validators";
import { armSchemaValidators } from "../support/arm-schemas";
import { runCli } from "../support/cli";
import { SCHEMAS } from "../support/paths";
import { stackYaml, writeProject } from "../project/support";

type Obj = Record<string, any>;
const WORKSPACE = "/subscriptions/9b2e4c1d-3a5f-4e6b-8c7d-0e1f2a3b4c5d/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-sentinel";
const RULE_GUID = "fab3d2d4-747f-46a7-8ef0-9c0be8112bf7";
const AUTOMATION_CONTRIBUTOR = "f4c81013-99ee-4d62-a7ee-b3f1f648599a";

const playbook = definePlaybook({
  name: "comment-on-incident",
  description: "Comment on every new incident.",
  trigger: sentinel.incidentTrigger(),
  build({ flow, trigger }) {
    flow.step("Comment", sentinel.addIncidentComment({ incidentArmId: trigger.body.object.id, message: text`seen ${trigger.body.object.properties.title}` }));
  },
});

const rule = planAutomationRule({ order: 7, severities: ["High"], analyticRuleIds: [RULE_GUID] }, "comment-on-incident-prod", WORKSPACE, "Enabled");
const template = JSON.parse(JSON.stringify(toArmTemplate(playbook, { workflowName: "comment-on-incident-prod", sentinelWorkspaceResourceId: WORKSPACE, automationRule: rule }))) as Obj;
const ofType = (t: Obj, type: string) => t.resources.filter((r: Obj) => r.type === type);

describe("ARM export with an automation rule", () => {
  it("declares the Sentinel principal parameter, empty by default, with the command that finds it", () => {
    expect(template.parameters.sentinelAutomationPrincipalId).toEqual({
      type: "string",
      defaultValue: "",
      metadata: {
        description:
          "Object id of the Azure Security Insights service principal in this tenant (az ad sp show --id 98785600-1bb7-4fb9-b9fa-19afe2c8a360 --query id -o tsv); the template gives it Microsoft Sentinel Automation Contributor on this resource group so the automation rule can run the playbook. Leave empty to grant it yourself.",
      },
    });
    expect(template.parameters.sentinelWorkspaceResourceId.defaultValue).toBe(WORKSPACE);
  });

  it("grants Azure Security Insights Automation Contributor on the resource group, only when its id is given", () => {
    const grants = ofType(template, "Microsoft.Authorization/roleAssignments");
    expect(grants).toEqual([
      {
        type: "Microsoft.Authorization/roleAssignments",
        apiVersion: "2022-04-01",
        condition: "[not(empty(parameters('sentinelAutomationPrincipalId')))]",
        name: `[guid(resourceGroup().id, parameters('sentinelAutomationPrincipalId'), '${AUTOMATION_CONTRIBUTOR}')]`,
        properties: {
          description: "playbook-kit: Microsoft Sentinel Automation Contributor for Azure Security Insights (Sentinel automation rules run the playbooks of this resource group)",
          roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${AUTOMATION_CONTRIBUTOR}')]`,
          principalId: "[parameters('sentinelAutomationPrincipalId')]",
          principalType: "ServicePrincipal",
        },
      },
    ]);
  });

  it("creates the rule on the workspace after the workflow and the grant, with the stack's conditions and RunPlaybook", () => {
    const deployment = template.resources.find((r: Obj) => r.name === "[concat(parameters('workflowName'), '-automation-rule')]");
    expect(deployment).toEqual({
      type: "Microsoft.Resources/deployments",
      apiVersion: "2022-09-01",
      name: "[concat(parameters('workflowName'), '-automation-rule')]",
      subscriptionId: "[split(parameters('sentinelWorkspaceResourceId'), '/')[2]]",
      resourceGroup: "[split(parameters('sentinelWorkspaceResourceId'), '/')[4]]",
      dependsOn: [
        "[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]",
        `[resourceId('Microsoft.Authorization/roleAssignments', guid(resourceGroup().id, parameters('sentinelAutomationPrincipalId'), '${AUTOMATION_CONTRIBUTOR}'))]`,
      ],
      properties: {
        mode: "Incremental",
        expressionEvaluationOptions: { scope: "inner" },
        parameters: {
          workspaceName: { value: "[last(split(parameters('sentinelWorkspaceResourceId'), '/'))]" },
          workflowName: { value: "[parameters('workflowName')]" },
          logicAppResourceId: { value: "[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]" },
          tenantId: { value: "[subscription().tenantId]" },
        },
        template: {
          $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          contentVersion: "1.0.0.0",
          parameters: { workspaceName: { type: "string" }, workflowName: { type: "string" }, logicAppResourceId: { type: "string" }, tenantId: { type: "string" } },
          resources: [
            {
              type: "Microsoft.SecurityInsights/automationRules",
              apiVersion: "2024-09-01",
              name: "[guid(resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName')), parameters('workflowName'), 'automation-rule')]",
              scope: "[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspaceName'))]",
              properties: {
                displayName: "playbook-kit: run comment-on-incident-prod",
                order: 7,
                triggeringLogic: {
                  isEnabled: true,
                  triggersOn: "Incidents",
                  triggersWhen: "Created",
                  conditions: [
                    { conditionType: "Property", conditionProperties: { propertyName: "IncidentSeverity", operator: "Equals", propertyValues: ["High"] } },
                    {
                      conditionType: "Property",
                      conditionProperties: { propertyName: "IncidentRelatedAnalyticRuleIds", operator: "Contains", propertyValues: [`${WORKSPACE}/providers/Microsoft.SecurityInsights/alertRules/${RULE_GUID}`] },
                    },
                  ],
                },
                actions: [{ order: 1, actionType: "RunPlaybook", actionConfiguration: { logicAppResourceId: "[parameters('logicAppResourceId')]", tenantId: "[parameters('tenantId')]" } }],
              },
            },
          ],
        },
      },
    });
  });

  it("keeps the identity's workspace role (Responder) beside the rule, and says what to do in metadata", () => {
    const roles = template.resources.find((r: Obj) => r.name === "[concat(parameters('workflowName'), '-sentinel-roles')]");
    expect(roles.properties.template.resources.map((r: Obj) => r.properties.description)).toEqual(["playbook-kit: Microsoft Sentinel Responder"]);
    expect(template.metadata.prerequisites.join("\n")).toContain("Microsoft Sentinel Contributor on the workspace (the template creates an automation rule there)");
    expect(template.metadata.postDeployment.join("\n")).toContain(
      `If sentinelAutomationPrincipalId was left empty, grant Azure Security Insights Microsoft Sentinel Automation Contributor on this resource group: az role assignment create --assignee-object-id "$(az ad sp show --id 98785600-1bb7-4fb9-b9fa-19afe2c8a360 --query id -o tsv)" --assignee-principal-type ServicePrincipal --role ${AUTOMATION_CONTRIBUTOR} --scope "$(az group show --name <resource group> --query id -o tsv)"`,
    );
  });

  it("the workflow and connections still validate against ../shared/schemas, and our validator finds no error (no Microsoft.SecurityInsights schema exists there)", () => {
    const schemas = armSchemaValidators("object-or-expression");
    for (const resource of template.resources.filter((r: Obj) => r.type === "Microsoft.Logic/workflows" || r.type === "Microsoft.Web/connections")) {
      const check = resource.type === "Microsoft.Web/connections" ? schemas.connection : schemas.workflow;
      expect(check(resource), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
    }
    expect(fs.readdirSync(SCHEMAS).some((f) => /securityinsights/i.test(f))).toBe(false);
    expect(validate(template).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("without a rule: no principal parameter, no grant, no rule", () => {
    const plain = JSON.parse(JSON.stringify(toArmTemplate(playbook, { sentinelWorkspaceResourceId: WORKSPACE }))) as Obj;
    expect(plain.parameters.sentinelAutomationPrincipalId).toBeUndefined();
    expect(ofType(plain, "Microsoft.Authorization/roleAssignments")).toEqual([]);
    expect(plain.resources.map((r: Obj) => r.name)).not.toContain("[concat(parameters('workflowName'), '-automation-rule')]");
  });
});

describe("export arm --env with an automation rule in the environment", () => {
  const source = `import { definePlaybook, sentinel } from "playbook-kit";

export default definePlaybook({
  name: "comment-on-incident",
  description: "Comment on every new incident.",
  trigger: sentinel.incidentTrigger(),
  build({ flow, trigger }) {
    flow.step("Comment", sentinel.addIncidentComment({ incidentArmId: trigger.body.object.id, message: "seen" }));
  },
});
`;
  const yaml = stackYaml({ "comment-on-incident": `      automationRule:\n        order: 3\n        severities: [High, Medium]\n` }) + `  playbook-kit:sentinel:\n    workspaceResourceId: ${WORKSPACE}\n`;
  const root = writeProject({ playbooks: ["playbooks"], catalog: [], typecheck: false }, { "playbooks/comment.ts": source, "Pulumi.prod.yaml": yaml });

  it("writes the rule the environment plans, and says how to give Sentinel's principal", () => {
    const r = runCli(["export", "arm", "--env", "prod", "--out", "out"], { cwd: root });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Templates with a Sentinel automation rule take sentinelAutomationPrincipalId (az ad sp show --id 98785600-1bb7-4fb9-b9fa-19afe2c8a360 --query id -o tsv)");
    const exported = JSON.parse(fs.readFileSync(path.join(root, "out/comment-on-incident.json"), "utf8")) as Obj;
    const deployment = exported.resources.find((x: Obj) => x.name === "[concat(parameters('workflowName'), '-automation-rule')]");
    const automationRule = deployment.properties.template.resources[0];
    expect(automationRule.properties.order).toBe(3);
    expect(automationRule.properties.displayName).toBe("playbook-kit: run comment-on-incident-prod");
    expect(automationRule.properties.triggeringLogic.conditions).toEqual([
      { conditionType: "Property", conditionProperties: { propertyName: "IncidentSeverity", operator: "Equals", propertyValues: ["High", "Medium"] } },
    ]);
    expect(exported.parameters.sentinelWorkspaceResourceId.defaultValue).toBe(WORKSPACE);
  });

  it("a rule on a playbook without the incident trigger fails the export with the coded problem", () => {
    const alertSource = source.replace("sentinel.incidentTrigger()", "sentinel.alertTrigger()").replace("trigger.body.object.id", "trigger.body.SystemAlertId");
    const bad = writeProject({ playbooks: ["playbooks"], catalog: [], typecheck: false }, { "playbooks/comment.ts": alertSource, "Pulumi.prod.yaml": yaml });
    const r = runCli(["export", "arm", "--env", "prod", "--out", "out"], { cwd: bad });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("playbook-kit:playbooks.comment-on-incident.automationRule: is only for playbooks triggered by a Microsoft Sentinel incident");
    expect(r.stderr).toContain("[automation-rule-not-incident-triggered]");
    expect(fs.existsSync(path.join(bad, "out"))).toBe(false);
  });
});
