/**
 * `playbook-kit:index:Environment`: everything one environment deploys, from its plan —
 * resource group → identity → connections → one Playbook (workflow) per enabled playbook → grants → diagnostics.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { EnvironmentPlan } from "../../playbooks/env";
import { uniquePermissions } from "../../playbooks/kit";
import { AutomationRules, type AutomationRuleReport } from "./automation-rules";
import { Connections, type ConsentNeeded } from "./connections";
import { Diagnostics } from "./diagnostics";
import { Grants, type GrantReport } from "./grants";
import { Identity } from "./identity";
import { Playbook } from "./playbook";
import { ResourceGroup } from "./resource-group";

/** Arguments of `Environment`. */
export interface EnvironmentArgs {
  plan: EnvironmentPlan;
  /** Make every workflow parameter value a secret (set when the config keys they come from are secrets). */
  secretParameters?: boolean;
}

/** Per-playbook outputs. */
export interface PlaybookOutputs {
  workflowId: pulumi.Output<string>;
  workflowName: string;
  state: string;
  principalId: pulumi.Output<string>;
}

/** The stack outputs. */
export interface EnvironmentOutputs {
  environment: string;
  resourceGroupName: pulumi.Output<string>;
  /** By playbook name. */
  playbooks: Record<string, PlaybookOutputs>;
  identity: {
    type: "SystemAssigned" | "UserAssigned";
    /** User-assigned identity resource id, principal id and client id. */
    id?: pulumi.Output<string>;
    principalId?: pulumi.Output<string>;
    clientId?: pulumi.Output<string>;
  };
  /** Principal id by playbook (the shared one for every playbook when user-assigned). */
  identityPrincipalIds: Record<string, pulumi.Output<string>>;
  /** Granted app roles and Azure roles (empty when `grantPermissions` is false). */
  grantedPermissions: GrantReport[];
  /** What the identities need, granted or not. */
  requiredPermissions: GrantReport[];
  /** When `grantPermissions` is false: the bash commands a tenant admin must run. */
  adminCommands: pulumi.Output<string[]>;
  /** Connections to authorize in the portal after deploy (office365, teams). */
  connectionsNeedingConsent: pulumi.Output<ConsentNeeded[]>;
  /** Present when some playbook has a Sentinel automation rule: the rules and Sentinel's own grant. */
  sentinelAutomation?: {
    rules: AutomationRuleReport[];
    grant: AutomationRules["requiredGrant"];
  };
}

/** `playbook-kit:index:Environment`. */
export class Environment extends pulumi.ComponentResource {
  readonly outputs: EnvironmentOutputs;

  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Environment", name, {}, opts);
    const { plan } = args;
    const { config, env } = plan;
    const tags = { ...config.tags, "managed-by": "playbook-kit", environment: env };

    const group = new ResourceGroup(`${name}-resource-group`, { name: config.resourceGroup.name, create: config.resourceGroup.create, location: config.location, tags }, { parent: this });
    const identity = new Identity(
      `${name}-identity`,
      { type: config.identity.type, ...(config.identity.name ? { identityName: config.identity.name } : {}), resourceGroupName: group.name, location: config.location, tags },
      { parent: this },
    );
    const apis = [...new Set(plan.playbooks.flatMap((p) => p.connectors))].sort();
    const client = authorization.getClientConfigOutput({ parent: this });
    const subscriptionId = client.subscriptionId;
    const connections = new Connections(`${name}-connections`, { env, apis, subscriptionId, resourceGroupName: group.name, location: config.location, tags }, { parent: this });

    const playbooks = plan.playbooks.map(
      (planned) =>
        new Playbook(
          `${name}-${planned.name}`,
          { planned, resourceGroupName: group.name, location: config.location, identity, connections: connections.byApi, tags, allParametersSecret: args.secretParameters ?? false },
          { parent: this },
        ),
    );

    const principals = identity.userAssigned
      ? [{ label: config.identity.name!, principalId: identity.userAssigned.principalId, permissions: uniquePermissions(plan.playbooks.flatMap((p) => p.permissions)) }]
      : plan.playbooks.map((p, i) => ({ label: p.name, principalId: playbooks[i]!.principalId, permissions: p.permissions }));
    const grants = new Grants(
      `${name}-grants`,
      {
        principals: principals.filter((p) => p.permissions.length),
        grant: config.grantPermissions,
        scopes: config.sentinel ? { sentinelWorkspace: config.sentinel.workspaceResourceId } : {},
      },
      { parent: this },
    );

    const targets = plan.playbooks.flatMap((p, i) =>
      p.automationRule ? [{ playbook: p.name, workflowName: p.workflowName, workflowId: playbooks[i]!.workflow.id, rule: p.automationRule }] : [],
    );
    const automation =
      targets.length && config.sentinel
        ? new AutomationRules(
            `${name}-automation-rules`,
            { targets, workspaceResourceId: config.sentinel.workspaceResourceId, tenantId: client.tenantId, resourceGroupId: group.id, grant: config.grantPermissions },
            { parent: this },
          )
        : undefined;

    if (config.logAnalyticsWorkspaceId && playbooks.length) {
      new Diagnostics(
        `${name}-diagnostics`,
        { workspaceId: config.logAnalyticsWorkspaceId, workflows: new Map(plan.playbooks.map((p, i) => [p.name, { id: playbooks[i]!.workflow.id, workflowName: p.workflowName }])) },
        { parent: this },
      );
    }

    this.outputs = {
      environment: env,
      resourceGroupName: group.name,
      playbooks: Object.fromEntries(
        plan.playbooks.map((p, i) => [p.name, { workflowId: playbooks[i]!.workflow.id, workflowName: p.workflowName, state: p.state, principalId: playbooks[i]!.principalId }]),
      ),
      identity: {
        type: config.identity.type,
        ...(identity.userAssigned ? { id: identity.userAssigned.id, principalId: identity.userAssigned.principalId, clientId: identity.userAssigned.clientId } : {}),
      },
      identityPrincipalIds: Object.fromEntries(plan.playbooks.map((p, i) => [p.name, playbooks[i]!.principalId])),
      grantedPermissions: grants.granted,
      requiredPermissions: grants.required,
      adminCommands: automation ? pulumi.all([grants.adminCommands, automation.adminCommands]).apply(([a, b]) => [...a, ...b]) : grants.adminCommands,
      connectionsNeedingConsent: connections.needingConsent,
      ...(automation ? { sentinelAutomation: { rules: automation.reports, grant: automation.requiredGrant } } : {}),
    };
    this.registerOutputs({ ...this.outputs });
  }
}
