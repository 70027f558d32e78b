/**
 * Microsoft Sentinel automation rules: one `securityinsights.AutomationRule` per playbook whose settings ask for
 * one, on the environment's workspace, running the workflow ("RunPlaybook" with its resource id and tenant). Sentinel
 * runs those playbooks as the first-party app "Azure Security Insights", which needs Microsoft Sentinel
 * Automation Contributor on the playbooks' resource group (MicrosoftDocs/azure-docs
 * `articles/sentinel/automate-incident-handling-with-automation-rules.md` @014bcff1, "Permissions"); the
 * component assigns it (`grant`), or outputs the `az` commands an Owner runs instead.
 * Resource shape: `Microsoft.SecurityInsights/automationRules` as azure-native 3.28.0 declares it (API 2024-09-01).
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import * as azuread from "@pulumi/azuread";
import { uuidV5 } from "../../exporters/guid";
import { AZURE_SECURITY_INSIGHTS_APP_ID, roleDefinitionResourceId } from "../../operations";
import type { PlannedAutomationRule } from "../../playbooks/env";
import { adminRoleAssignmentCommands } from "../principals";
import { subscriptionOf, workspaceRef } from "../scopes";
import { roleAssignmentName } from "./grants";

/** The role Sentinel's service principal needs on the playbooks' resource group to run them. */
export const AUTOMATION_ROLE = "Microsoft Sentinel Automation Contributor" as const;
/** How the stack outputs and commands name Sentinel's service principal. */
export const SENTINEL_PRINCIPAL_LABEL = "Azure Security Insights";

/** One playbook's rule and the workflow it runs. */
export interface AutomationRuleTarget {
  playbook: string;
  workflowName: string;
  workflowId: pulumi.Input<string>;
  rule: PlannedAutomationRule;
}

/** Arguments of `AutomationRules`. */
export interface AutomationRulesArgs {
  targets: readonly AutomationRuleTarget[];
  /** The environment's `sentinel.workspaceResourceId`. */
  workspaceResourceId: string;
  /** Tenant of the workflows (the RunPlaybook action's `tenantId`). */
  tenantId: pulumi.Input<string>;
  /** ARM id of the playbooks' resource group (the scope of the Automation Contributor grant). */
  resourceGroupId: pulumi.Output<string>;
  /** Assign the role (true) or output the commands (false), as `grantPermissions` says. */
  grant: boolean;
}

/** A deployed rule, as reported in the stack outputs. */
export interface AutomationRuleReport {
  playbook: string;
  /** The rule's name in the workspace (a GUID derived from the workspace and the workflow name). */
  ruleId: string;
  displayName: string;
  order: number;
  enabled: boolean;
}

/** The rule's name: stable for a workspace and workflow, so a redeploy updates the same rule. */
export function automationRuleId(workspaceResourceId: string, workflowName: string): string {
  return uuidV5(`automation-rule:${workspaceResourceId.toLowerCase()}|${workflowName}`);
}

/** `playbook-kit:index:AutomationRules`. */
export class AutomationRules extends pulumi.ComponentResource {
  readonly rules: securityinsights.AutomationRule[] = [];
  readonly roleAssignment?: authorization.RoleAssignment;
  readonly reports: AutomationRuleReport[];
  /** The Automation Contributor grant, granted or not. */
  readonly requiredGrant: { principal: string; appId: string; role: typeof AUTOMATION_ROLE; scope: pulumi.Output<string>; granted: boolean };
  /** Commands for an Owner of the resource group (empty when the stack grants). */
  readonly adminCommands: pulumi.Output<string[]>;

  constructor(name: string, args: AutomationRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:AutomationRules", name, {}, opts);
    const workspace = workspaceRef(args.workspaceResourceId);
    this.requiredGrant = { principal: SENTINEL_PRINCIPAL_LABEL, appId: AZURE_SECURITY_INSIGHTS_APP_ID, role: AUTOMATION_ROLE, scope: args.resourceGroupId, granted: args.grant };
    if (args.grant) {
      const sp = azuread.getServicePrincipalOutput({ clientId: AZURE_SECURITY_INSIGHTS_APP_ID }, { parent: this });
      const logical = `${name}-azure-security-insights-automation-contributor`;
      this.roleAssignment = new authorization.RoleAssignment(
        logical,
        {
          roleAssignmentName: args.resourceGroupId.apply((id) => roleAssignmentName(id, logical, AUTOMATION_ROLE)),
          scope: args.resourceGroupId,
          roleDefinitionId: args.resourceGroupId.apply((id) => roleDefinitionResourceId(subscriptionOf(id), AUTOMATION_ROLE)),
          principalId: sp.objectId,
          principalType: "ServicePrincipal",
          description: `playbook-kit: ${AUTOMATION_ROLE} for ${SENTINEL_PRINCIPAL_LABEL} (Sentinel automation rules run the playbooks of this resource group)`,
        },
        { parent: this },
      );
      this.adminCommands = pulumi.output([]);
    } else {
      this.adminCommands = args.resourceGroupId.apply((scope) => {
        const lines = adminRoleAssignmentCommands([{ label: SENTINEL_PRINCIPAL_LABEL, principalId: "$SENTINEL_SP", role: AUTOMATION_ROLE, scope }]);
        // After the header and `set -euo pipefail`: look the tenant's service principal up by its app id.
        return [...lines.slice(0, 2), `SENTINEL_SP=$(az ad sp show --id ${AZURE_SECURITY_INSIGHTS_APP_ID} --query id -o tsv)`, ...lines.slice(2)];
      });
    }
    this.reports = args.targets.map((t) => {
      const ruleId = automationRuleId(args.workspaceResourceId, t.workflowName);
      this.rules.push(
        new securityinsights.AutomationRule(
          `${name}-${t.playbook}`,
          {
            resourceGroupName: workspace.resourceGroupName,
            workspaceName: workspace.workspaceName,
            automationRuleId: ruleId,
            displayName: t.rule.displayName,
            order: t.rule.order,
            triggeringLogic: {
              isEnabled: t.rule.enabled,
              triggersOn: "Incidents",
              triggersWhen: t.rule.triggersWhen,
              conditions: t.rule.conditions.map((c) => ({ conditionType: c.conditionType, conditionProperties: { ...c.conditionProperties, propertyValues: [...c.conditionProperties.propertyValues] } })),
            },
            actions: [{ actionType: "RunPlaybook", order: 1, actionConfiguration: { logicAppResourceId: t.workflowId, tenantId: args.tenantId } }],
          },
          // UNCONFIRMED whether Sentinel checks its own permission when the rule is saved (the portal warns);
          // creating the rule after the grant is safe either way.
          { parent: this, ...(this.roleAssignment ? { dependsOn: [this.roleAssignment] } : {}) },
        ),
      );
      return { playbook: t.playbook, ruleId, displayName: t.rule.displayName, order: t.rule.order, enabled: t.rule.enabled };
    });
    this.registerOutputs({ rules: this.reports, requiredGrant: this.requiredGrant, adminCommands: this.adminCommands });
  }
}
