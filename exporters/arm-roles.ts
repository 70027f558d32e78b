/**
 * Azure RBAC role assignments in an exported ARM template: the playbook's Sentinel workspace roles, assigned to
 * the workflow's identity on the workspace named by the `sentinelWorkspaceResourceId` template parameter. The
 * workspace may live in another resource group or subscription, so the assignments sit in a nested deployment
 * targeted at the workspace's resource group, with the role assignment's `scope` set to the workspace
 * (ARM "extension resource" form). Same roles, same built-in role definition ids as the stacks assign.
 */
import type { JsonObject } from "../wdl";
import { AZURE_ROLE_DEFINITION_IDS, type AzureRolePermission } from "../operations";

/** The template parameter naming the Sentinel workspace. */
export const SENTINEL_WORKSPACE_PARAMETER = "sentinelWorkspaceResourceId";
export const DEPLOYMENTS_API_VERSION = "2022-09-01";
export const ROLE_ASSIGNMENTS_API_VERSION = "2022-04-01";
const DEPLOYMENT_TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

const workspaceParam = `parameters('${SENTINEL_WORKSPACE_PARAMETER}')`;

/** The template parameter declaration (with the environment's workspace as default when known). */
export function sentinelWorkspaceParameter(defaultValue?: string): JsonObject {
  return {
    type: "string",
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    metadata: {
      description:
        "Resource id of the Log Analytics workspace Microsoft Sentinel runs on (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>); the workflow's identity gets its Sentinel roles there.",
    },
  };
}

/**
 * The nested deployment that assigns `roles` to the principal `principalIdExpression` (an ARM expression body,
 * without brackets) on the Sentinel workspace. `dependsOn` names the resources the principal comes from.
 */
export function sentinelRoleDeployment(roles: readonly AzureRolePermission[], principalIdExpression: string, dependsOn: readonly string[]): JsonObject {
  const workspaceId = "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]";
  const assignments: JsonObject[] = roles.map((r) => {
    const guid = AZURE_ROLE_DEFINITION_IDS[r.role];
    return {
      type: "Microsoft.Authorization/roleAssignments",
      apiVersion: ROLE_ASSIGNMENTS_API_VERSION,
      name: `[guid(${workspaceId.slice(1, -1)}, parameters('principalId'), '${guid}')]`,
      scope: "[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspaceName'))]",
      properties: {
        description: `playbook-kit: ${r.role}`,
        roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]`,
        principalId: "[parameters('principalId')]",
        principalType: "ServicePrincipal",
      },
    };
  });
  return {
    type: "Microsoft.Resources/deployments",
    apiVersion: DEPLOYMENTS_API_VERSION,
    name: "[concat(parameters('workflowName'), '-sentinel-roles')]",
    subscriptionId: `[split(${workspaceParam}, '/')[2]]`,
    resourceGroup: `[split(${workspaceParam}, '/')[4]]`,
    dependsOn: [...dependsOn],
    properties: {
      mode: "Incremental",
      expressionEvaluationOptions: { scope: "inner" },
      parameters: {
        workspaceName: { value: `[last(split(${workspaceParam}, '/'))]` },
        principalId: { value: `[${principalIdExpression}]` },
      },
      template: {
        $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
        contentVersion: "1.0.0.0",
        parameters: { workspaceName: { type: "string" }, principalId: { type: "string" } },
        resources: assignments,
      },
    },
  };
}
