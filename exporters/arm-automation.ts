/**
 * A Sentinel automation rule in an exported ARM template, as the stacks deploy it: a
 * `Microsoft.SecurityInsights/automationRules` extension resource on the workspace (`scope:
 * Microsoft.OperationalInsights/workspaces/<name>`, the form of Azure/azure-quickstart-templates
 * `quickstarts/microsoft.securityinsights/sentinel-automation-rule/azuredeploy.json` @9f73f726) in a nested
 * deployment targeted at the workspace's resource group, with the RunPlaybook action on the template's workflow;
 * and Microsoft Sentinel Automation Contributor for Sentinel's service principal (Azure Security Insights) on the
 * deployment's resource group. ARM cannot look a service principal up, so its object id is a template parameter;
 * left empty, the assignment is skipped (`condition`) and the post-deployment steps say how to grant it.
 * No ARM schema for Microsoft.SecurityInsights is in ../shared/schemas: the shape follows the azure-native 3.28.0
 * declaration of API 2024-09-01, which is the API version used here.
 */
import type { JsonObject } from "../wdl";
import { AZURE_ROLE_DEFINITION_IDS, AZURE_SECURITY_INSIGHTS_APP_ID } from "../operations";
import type { PlannedAutomationRule } from "../playbooks/env";
import { escapeArmLiterals, escapeArmString } from "./arm-escape";
import { DEPLOYMENTS_API_VERSION, ROLE_ASSIGNMENTS_API_VERSION, SENTINEL_WORKSPACE_PARAMETER } from "./arm-roles";

/** The template parameter holding the object id of the tenant's Azure Security Insights service principal. */
export const SENTINEL_PRINCIPAL_PARAMETER = "sentinelAutomationPrincipalId";
export const AUTOMATION_RULES_API_VERSION = "2024-09-01";
const ROLE = "Microsoft Sentinel Automation Contributor";
const DEPLOYMENT_TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const workspaceParam = `parameters('${SENTINEL_WORKSPACE_PARAMETER}')`;

/** The command that prints the principal's object id in a tenant. */
export const SENTINEL_PRINCIPAL_COMMAND = `az ad sp show --id ${AZURE_SECURITY_INSIGHTS_APP_ID} --query id -o tsv`;

/** Declaration of the principal parameter (empty by default: the grant is then left to an Owner). */
export function sentinelPrincipalParameter(): JsonObject {
  return {
    type: "string",
    defaultValue: "",
    metadata: {
      description: `Object id of the Azure Security Insights service principal in this tenant (${SENTINEL_PRINCIPAL_COMMAND}); the template gives it ${ROLE} on this resource group so the automation rule can run the playbook. Leave empty to grant it yourself.`,
    },
  };
}

/** The role assignment of Automation Contributor to Sentinel's principal on the deployment's resource group. */
export function sentinelAutomationGrant(): JsonObject {
  const guid = AZURE_ROLE_DEFINITION_IDS[ROLE];
  return {
    type: "Microsoft.Authorization/roleAssignments",
    apiVersion: ROLE_ASSIGNMENTS_API_VERSION,
    condition: `[not(empty(parameters('${SENTINEL_PRINCIPAL_PARAMETER}')))]`,
    name: `[guid(resourceGroup().id, parameters('${SENTINEL_PRINCIPAL_PARAMETER}'), '${guid}')]`,
    properties: {
      description: `playbook-kit: ${ROLE} for Azure Security Insights (Sentinel automation rules run the playbooks of this resource group)`,
      roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]`,
      principalId: `[parameters('${SENTINEL_PRINCIPAL_PARAMETER}')]`,
      principalType: "ServicePrincipal",
    },
  };
}

/** The id ARM gives the grant above, for `dependsOn`. */
export const SENTINEL_GRANT_ID = `[resourceId('Microsoft.Authorization/roleAssignments', guid(resourceGroup().id, parameters('${SENTINEL_PRINCIPAL_PARAMETER}'), '${AZURE_ROLE_DEFINITION_IDS[ROLE]}'))]`;

/** The nested deployment creating the automation rule on the workspace; `dependsOn` names the workflow (and the grant). */
export function automationRuleDeployment(rule: PlannedAutomationRule, dependsOn: readonly string[]): JsonObject {
  const workspaceId = "resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))";
  const automationRule: JsonObject = {
    type: "Microsoft.SecurityInsights/automationRules",
    apiVersion: AUTOMATION_RULES_API_VERSION,
    // Stable per workspace and workflow, so a redeploy updates the same rule.
    name: `[guid(${workspaceId}, parameters('workflowName'), 'automation-rule')]`,
    scope: "[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspaceName'))]",
    properties: {
      displayName: escapeArmString(rule.displayName),
      order: rule.order,
      triggeringLogic: {
        isEnabled: rule.enabled,
        triggersOn: "Incidents",
        triggersWhen: rule.triggersWhen,
        conditions: escapeArmLiterals(rule.conditions as unknown as JsonObject[]),
      },
      actions: [{ order: 1, actionType: "RunPlaybook", actionConfiguration: { logicAppResourceId: "[parameters('logicAppResourceId')]", tenantId: "[parameters('tenantId')]" } }],
    },
  };
  return {
    type: "Microsoft.Resources/deployments",
    apiVersion: DEPLOYMENTS_API_VERSION,
    name: "[concat(parameters('workflowName'), '-automation-rule')]",
    subscriptionId: `[split(${workspaceParam}, '/')[2]]`,
    resourceGroup: `[split(${workspaceParam}, '/')[4]]`,
    dependsOn: [...dependsOn],
    properties: {
      mode: "Incremental",
      expressionEvaluationOptions: { scope: "inner" },
      parameters: {
        workspaceName: { value: `[last(split(${workspaceParam}, '/'))]` },
        workflowName: { value: "[parameters('workflowName')]" },
        logicAppResourceId: { value: "[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]" },
        tenantId: { value: "[subscription().tenantId]" },
      },
      template: {
        $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
        contentVersion: "1.0.0.0",
        parameters: { workspaceName: { type: "string" }, workflowName: { type: "string" }, logicAppResourceId: { type: "string" }, tenantId: { type: "string" } },
        resources: [automationRule],
      },
    },
  };
}
