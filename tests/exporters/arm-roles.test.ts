/**
 * ARM export of a playbook that uses the Sentinel connector: the template assigns the workflow's identity the
 * same Sentinel roles the stacks assign, on the workspace named by a template parameter, in a nested deployment
 * targeted at the workspace's resource group.
 */
import { describe, expect, it } from "vitest";
import { toArmTemplate } from "../../exporters/arm";
import { sentinel } from "../../playbooks/connectors";
import { definePlaybook } from "../../playbooks/kit";
import { validate } from "../../validators";

type Obj = Record<string, any>;
const WORKSPACE = "/subscriptions/9b2e4c1d-3a5f-4e6b-8c7d-0e1f2a3b4c5d/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-sentinel";

const playbook = definePlaybook({
  name: "comment-on-incident",
  description: "Comment on every new incident.",
  trigger: sentinel.incidentTrigger(),
  build({ flow, trigger }) {
    flow.step("Comment", sentinel.addIncidentComment({ incidentArmId: trigger.body.object.id, message: "seen" }));
  },
});

describe("ARM export with Sentinel roles", () => {
  const template = JSON.parse(JSON.stringify(toArmTemplate(playbook, { sentinelWorkspaceResourceId: WORKSPACE }))) as Obj;

  it("declares the workspace parameter (default from the environment) and lists the role in metadata", () => {
    expect(template.parameters.sentinelWorkspaceResourceId).toMatchObject({ type: "string", defaultValue: WORKSPACE });
    expect(template.metadata.permissions).toEqual([
      { kind: "azureRole", resource: "MicrosoftSentinel", role: "Microsoft Sentinel Responder", roleDefinitionId: "3e150937-b8fe-4cfb-8069-0eaf05ecd056", scope: "sentinelWorkspace" },
    ]);
    expect(template.metadata.prerequisites.join("\n")).toContain("Owner or User Access Administrator on it");
    expect(template.metadata.postDeployment.join("\n")).not.toContain("Grant ");
  });

  it("assigns Microsoft Sentinel Responder to the workflow's identity on the workspace, after the workflow exists", () => {
    const deployment = template.resources.find((r: Obj) => r.type === "Microsoft.Resources/deployments");
    expect(deployment).toEqual({
      type: "Microsoft.Resources/deployments",
      apiVersion: "2022-09-01",
      name: "[concat(parameters('workflowName'), '-sentinel-roles')]",
      subscriptionId: "[split(parameters('sentinelWorkspaceResourceId'), '/')[2]]",
      resourceGroup: "[split(parameters('sentinelWorkspaceResourceId'), '/')[4]]",
      dependsOn: ["[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]"],
      properties: {
        mode: "Incremental",
        expressionEvaluationOptions: { scope: "inner" },
        parameters: {
          workspaceName: { value: "[last(split(parameters('sentinelWorkspaceResourceId'), '/'))]" },
          principalId: { value: "[reference(resourceId('Microsoft.Logic/workflows', parameters('workflowName')), '2019-05-01', 'full').identity.principalId]" },
        },
        template: {
          $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          contentVersion: "1.0.0.0",
          parameters: { workspaceName: { type: "string" }, principalId: { type: "string" } },
          resources: [
            {
              type: "Microsoft.Authorization/roleAssignments",
              apiVersion: "2022-04-01",
              name: "[guid(resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName')), parameters('principalId'), '3e150937-b8fe-4cfb-8069-0eaf05ecd056')]",
              scope: "[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspaceName'))]",
              properties: {
                description: "playbook-kit: Microsoft Sentinel Responder",
                roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3e150937-b8fe-4cfb-8069-0eaf05ecd056')]",
                principalId: "[parameters('principalId')]",
                principalType: "ServicePrincipal",
              },
            },
          ],
        },
      },
    });
  });

  it("wires the azuresentinel connection with the managed identity", () => {
    const connection = template.resources.find((r: Obj) => r.type === "Microsoft.Web/connections");
    expect(connection.properties.parameterValueType).toBe("Alternative");
    expect(connection.properties.api.id).toContain("/managedApis/azuresentinel");
    expect(template.resources.find((r: Obj) => r.type === "Microsoft.Logic/workflows").properties.parameters.$connections.value.azuresentinel.connectionProperties).toEqual({
      authentication: { type: "ManagedServiceIdentity" },
    });
  });

  it("with a user-assigned identity the principal is the identity's", () => {
    const ua = JSON.parse(JSON.stringify(toArmTemplate(playbook, { identity: { type: "UserAssigned", name: "id-soc" } }))) as Obj;
    const deployment = ua.resources.find((r: Obj) => r.type === "Microsoft.Resources/deployments");
    expect(deployment.properties.parameters.principalId.value).toBe(
      "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]",
    );
    expect(ua.parameters.sentinelWorkspaceResourceId.defaultValue).toBeUndefined();
  });

  it("our validator finds no error in the template", () => {
    expect(validate(template).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a playbook without Sentinel actions gets no workspace parameter and no role deployment", () => {
    const plain = JSON.parse(JSON.stringify(toArmTemplate({ name: "x", description: "d", definition: { actions: {}, triggers: {} } }))) as Obj;
    expect(plain.parameters.sentinelWorkspaceResourceId).toBeUndefined();
    expect(plain.resources.map((r: Obj) => r.type)).toEqual(["Microsoft.Logic/workflows"]);
  });
});
