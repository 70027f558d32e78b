/**
 * ARM template export: one deployable template per playbook with its API connections
 * (`Microsoft.Web/connections` 2016-06-01; managed-identity ones with `parameterValueType: "Alternative"`), the
 * workflow (`Microsoft.Logic/workflows` 2019-05-01) with a system-assigned identity, its `$connections` values and
 * its definition, template parameters for the environment's values, Sentinel-style `metadata` whose
 * post-deployment steps list the app roles to grant, with the commands, and — for playbooks that use the Sentinel
 * connector — the Azure RBAC role assignments on the Sentinel workspace (arm-roles.ts).
 *
 * The definition inside is the built one with ARM escaping applied (a literal `[x]` becomes `[[x]`); parameter
 * values live in the workflow resource's `parameters`, as the stacks deploy them, so the deployed definition is the
 * same whichever way it was deployed.
 */
import type { Json, JsonObject, ParameterDeclaration } from "../wdl";
import { isObject } from "../wdl/walk";
import { AZURE_ROLE_DEFINITION_IDS, isAppRole, isAzureRole, requiredPermissions, type AppRolePermission, type Permission } from "../operations";
import { escapeArmLiterals, escapeArmString } from "./arm-escape";
import type { PlannedAutomationRule } from "../playbooks/env";
import { SENTINEL_GRANT_ID, SENTINEL_PRINCIPAL_COMMAND, SENTINEL_PRINCIPAL_PARAMETER, automationRuleDeployment, sentinelAutomationGrant, sentinelPrincipalParameter } from "./arm-automation";
import { SENTINEL_WORKSPACE_PARAMETER, sentinelRoleDeployment, sentinelWorkspaceParameter } from "./arm-roles";
import { API_DISPLAY_NAMES, connectionKeysOf, usesManagedIdentity } from "./connections";

/** What the ARM exporter needs of a playbook (a built `Playbook` fits). */
export interface ExportablePlaybook {
  readonly name: string;
  readonly description: string;
  readonly definition: unknown;
  /** Managed APIs used through `$connections`; read from the definition when absent. */
  readonly connectors?: readonly string[];
}

/** Options of `toArmTemplate`. */
export interface ArmExportOptions {
  /** Default of the `workflowName` template parameter (the deployed name); defaults to the playbook name. */
  workflowName?: string;
  /** Environment name, recorded in tags and metadata. */
  environment?: string;
  /** Definition parameter values of the environment: they become template parameter defaults (never for secure parameters). */
  parameterValues?: Readonly<Record<string, unknown>>;
  /**
   * Definition parameters whose environment value is a secret the exporter cannot read (a Pulumi `secure:` value):
   * they get no default, and string ones become `securestring`, so the deployer gives the value.
   */
  secretParameters?: readonly string[];
  /** Workflow state; default `Enabled`. */
  state?: "Enabled" | "Disabled";
  /**
   * The workflow's identity: system-assigned (default), or an existing user-assigned identity in the resource
   * group, named by the `identityName` template parameter (default: `name`).
   */
  identity?: { type: "SystemAssigned" } | { type: "UserAssigned"; name: string };
  /** Default of the `sentinelWorkspaceResourceId` parameter (the environment's `sentinel.workspaceResourceId`). */
  sentinelWorkspaceResourceId?: string;
  /**
   * The Sentinel automation rule that runs the playbook (the environment's `automationRule`): the template creates
   * it on the workspace and grants Sentinel's service principal Automation Contributor on the resource group.
   */
  automationRule?: PlannedAutomationRule;
}

/** The Graph and MDE first-party applications app roles are granted on. */
export const RESOURCE_APPS: Record<AppRolePermission["resource"], { appId: string; displayName: string }> = {
  WindowsDefenderATP: { appId: "fc780465-2017-40d4-a0c5-307022471b92", displayName: "WindowsDefenderATP" },
  MicrosoftGraph: { appId: "00000003-0000-0000-c000-000000000000", displayName: "Microsoft Graph" },
};

export const DEPLOYMENT_TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
export const WORKFLOW_API_VERSION = "2019-05-01";
export const CONNECTION_API_VERSION = "2016-06-01";

/** Template parameters the exporter itself declares. */
const OWN_PARAMETERS = ["workflowName", "location", "identityName", SENTINEL_WORKSPACE_PARAMETER, SENTINEL_PRINCIPAL_PARAMETER];
/** Definition parameters the template fills itself (not exposed as template parameters). */
const KIT_MANAGED = new Set(["$connections", "managedIdentity"]);

/** ARM parameter type for a definition parameter type. ARM has no float: floats travel as strings and are parsed with `json()`. */
function armType(type: string): string {
  switch (type.toLowerCase()) {
    case "securestring":
      return "securestring";
    case "secureobject":
      return "secureObject";
    case "int":
      return "int";
    case "bool":
      return "bool";
    case "array":
      return "array";
    case "object":
      return "object";
    default:
      return "string";
  }
}

function isSecure(type: string): boolean {
  return /^secure/i.test(type);
}

/** The template parameter name for a definition parameter (renamed only when it clashes with the exporter's own). */
export function templateParameterName(definitionParameter: string): string {
  return OWN_PARAMETERS.some((p) => p.toLowerCase() === definitionParameter.toLowerCase()) ? `${definitionParameter}Value` : definitionParameter;
}

/** ARM string literal inside an expression: `'it''s'`. */
function armQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const connectionVariable = (api: string) => `connectionName_${api.replace(/[^A-Za-z0-9_]/g, "_")}`;
const IDENTITY_ID = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]";
const IDENTITY_API_VERSION = "2023-01-31";
const apiId = (api: string) =>
  `[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/', parameters('location'), ${armQuote(`/managedApis/${api}`)})]`;

/** PowerShell (Microsoft Graph SDK) that grants one app role to the workflow's identity held in `$mi`. */
export function grantCommand(permission: AppRolePermission): string {
  const app = RESOURCE_APPS[permission.resource];
  return (
    `$sp = Get-MgServicePrincipal -Filter "appId eq '${app.appId}'"; ` +
    `New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $mi -PrincipalId $mi -ResourceId $sp.Id ` +
    `-AppRoleId ($sp.AppRoles | Where-Object { $_.Value -eq '${permission.role}' -and $_.AllowedMemberTypes -contains 'Application' }).Id`
  );
}

/** Prerequisites and post-deployment steps (Sentinel `metadata` style). */
export function deploymentNotes(
  playbook: ExportablePlaybook,
  apis: readonly string[],
  permissions: readonly Permission[],
  userAssigned = false,
  automationRule = false,
): { prerequisites: string[]; postDeployment: string[] } {
  const prerequisites = [
    "An Azure subscription and a resource group to deploy into (Logic App Contributor on it).",
    "Microsoft Defender for Endpoint in the tenant.",
  ];
  const azureRoles = permissions.filter(isAzureRole);
  if (azureRoles.length) {
    prerequisites.push(
      `A Microsoft Sentinel workspace (the ${SENTINEL_WORKSPACE_PARAMETER} parameter), and Owner or User Access Administrator on it: the template assigns the workflow's identity ${azureRoles.map((r) => r.role).join(", ")} there.`,
    );
  }
  const appRoles = permissions.filter(isAppRole);
  if (appRoles.length) {
    prerequisites.push(
      "Someone who can grant application roles to the workflow's managed identity after deployment (Privileged Role Administrator, or Microsoft Graph AppRoleAssignment.ReadWrite.All and Application.Read.All).",
    );
  }
  if (automationRule) {
    prerequisites.push(
      `Microsoft Sentinel Contributor on the workspace (the template creates an automation rule there), and the object id of the tenant's Azure Security Insights service principal for the ${SENTINEL_PRINCIPAL_PARAMETER} parameter (${SENTINEL_PRINCIPAL_COMMAND}).`,
    );
  }
  if (userAssigned) prerequisites.push("The user-assigned managed identity named by the identityName parameter, in the same resource group.");
  if (permissions.some((p) => p.resource === "MicrosoftGraph" && p.role === "Mail.Send")) {
    prerequisites.push("A mailbox to send notifications from (the senderMailbox parameter).");
  }
  const post: string[] = [];
  if (appRoles.length) {
    const byResource = new Map<string, string[]>();
    for (const p of appRoles) byResource.set(RESOURCE_APPS[p.resource].displayName, [...(byResource.get(RESOURCE_APPS[p.resource].displayName) ?? []), p.role]);
    const who = userAssigned ? "user-assigned managed identity" : "system-assigned managed identity";
    post.push(`Grant the workflow's ${who} these application roles: ${[...byResource].map(([r, roles]) => `${r}: ${roles.join(", ")}`).join("; ")}.`);
    const principal = userAssigned
      ? "$mi = (Get-AzUserAssignedIdentity -ResourceGroupName <resource group> -Name <identity name>).PrincipalId"
      : "$mi = (Get-AzResource -ResourceGroupName <resource group> -ResourceType Microsoft.Logic/workflows -Name <workflow name>).Identity.PrincipalId";
    post.push(
      `Run in PowerShell with the Az and Microsoft.Graph modules: Connect-MgGraph -Scopes AppRoleAssignment.ReadWrite.All,Application.Read.All; ${principal} (or take the principalId output of the deployment).`,
    );
    for (const p of appRoles) post.push(`Grant ${RESOURCE_APPS[p.resource].displayName} ${p.role}: ${grantCommand(p)}`);
    post.push("Role assignments can take a while to reach the identity's token cache; rerun a failed run after some minutes.");
  }
  for (const api of apis) {
    if (usesManagedIdentity(api)) continue;
    post.push(
      `Authorize the ${API_DISPLAY_NAMES[api] ?? api} connection: in the resource group open the API connection <workflow name>-${api}, choose Edit API connection, Authorize, sign in and Save.`,
    );
  }
  if (automationRule) {
    post.push(
      `If ${SENTINEL_PRINCIPAL_PARAMETER} was left empty, grant Azure Security Insights Microsoft Sentinel Automation Contributor on this resource group: az role assignment create --assignee-object-id "$(${SENTINEL_PRINCIPAL_COMMAND})" --assignee-principal-type ServicePrincipal --role ${AZURE_ROLE_DEFINITION_IDS["Microsoft Sentinel Automation Contributor"]} --scope "$(az group show --name <resource group> --query id -o tsv)"`,
    );
  }
  post.push(`Check the workflow: playbook-kit status --subscription <id> --resource-group <resource group> compares it with what ${playbook.name} builds.`);
  return { prerequisites, postDeployment: post };
}

/** The managed APIs a playbook uses, sorted. */
export function apisOf(playbook: ExportablePlaybook): string[] {
  const list = playbook.connectors ?? connectionKeysOf(playbook.definition);
  return [...new Set(list.map((a) => a.toLowerCase()))].sort();
}

/** Build the ARM template of one playbook (plain JSON, deterministic key order). */
export function toArmTemplate(playbook: ExportablePlaybook, options: ArmExportOptions = {}): JsonObject {
  const definition = isObject(playbook.definition) ? playbook.definition : {};
  const declarations = isObject(definition.parameters) ? (definition.parameters as Record<string, ParameterDeclaration>) : {};
  const apis = apisOf(playbook);
  const permissions = requiredPermissions(playbook.definition);
  const userAssigned = options.identity?.type === "UserAssigned" ? options.identity : undefined;
  const declaresIdentityParameter = Object.prototype.hasOwnProperty.call(declarations, "managedIdentity");

  const parameters: JsonObject = {
    workflowName: {
      type: "string",
      defaultValue: escapeArmString(options.workflowName ?? playbook.name),
      metadata: { description: "Name of the Logic App workflow; its API connections are named <workflowName>-<api>." },
    },
    location: {
      type: "string",
      defaultValue: "[resourceGroup().location]",
      metadata: { description: "Region of the workflow and its connections (default: the resource group's)." },
    },
  };
  if (userAssigned) {
    parameters.identityName = {
      type: "string",
      defaultValue: escapeArmString(userAssigned.name),
      metadata: { description: "Name of the existing user-assigned managed identity (same resource group) the workflow runs as." },
    };
  }
  const azureRoles = permissions.filter(isAzureRole);
  if (azureRoles.length || options.automationRule) parameters[SENTINEL_WORKSPACE_PARAMETER] = sentinelWorkspaceParameter(options.sentinelWorkspaceResourceId);
  if (options.automationRule) parameters[SENTINEL_PRINCIPAL_PARAMETER] = sentinelPrincipalParameter();
  const workflowParameters: JsonObject = {};
  const connectionValues: JsonObject = {};
  const variables: JsonObject = {};
  const resources: JsonObject[] = [];

  for (const api of apis) {
    const variable = connectionVariable(api);
    variables[variable] = `[concat(parameters('workflowName'), ${armQuote(`-${api}`)})]`;
    const mi = usesManagedIdentity(api);
    const properties: JsonObject = { displayName: `[variables('${variable}')]`, customParameterValues: {} };
    if (mi) properties.parameterValueType = "Alternative";
    properties.api = { id: apiId(api) };
    resources.push({
      type: "Microsoft.Web/connections",
      apiVersion: CONNECTION_API_VERSION,
      name: `[variables('${variable}')]`,
      location: "[parameters('location')]",
      kind: "V1",
      properties,
    });
    const value: JsonObject = {
      connectionId: `[resourceId('Microsoft.Web/connections', variables('${variable}'))]`,
      connectionName: `[variables('${variable}')]`,
      id: apiId(api),
    };
    if (mi) value.connectionProperties = { authentication: userAssigned ? { type: "ManagedServiceIdentity", identity: IDENTITY_ID } : { type: "ManagedServiceIdentity" } };
    connectionValues[api] = value;
  }
  if (apis.length) workflowParameters.$connections = { value: connectionValues };

  for (const [name, decl] of Object.entries(declarations)) {
    if (KIT_MANAGED.has(name) || !isObject(decl)) continue;
    const type = typeof decl.type === "string" ? decl.type : "String";
    const templateName = templateParameterName(name);
    const secretValue = options.secretParameters?.includes(name) ?? false;
    const armParameterType = armType(type);
    const param: JsonObject = { type: secretValue && armParameterType === "string" ? "securestring" : armParameterType };
    const envValue = options.parameterValues?.[name];
    let fallback: unknown = envValue !== undefined ? envValue : decl.defaultValue;
    if (isSecure(type) || secretValue) fallback = undefined; // never put a secret (or its default) into a template
    const isFloat = type.toLowerCase() === "float";
    if (fallback !== undefined) param.defaultValue = escapeArmLiterals((isFloat ? String(fallback) : fallback) as Json);
    if (Array.isArray(decl.allowedValues)) param.allowedValues = (isFloat ? decl.allowedValues.map((v) => String(v)) : decl.allowedValues) as Json[];
    const description = isObject(decl.metadata) && typeof decl.metadata.description === "string" ? decl.metadata.description : undefined;
    const text = description ?? `Value of the definition parameter ${name}.`;
    param.metadata = { description: secretValue ? `${text} The environment keeps this value as a secret: give it at deployment.` : text };
    parameters[templateName] = param;
    workflowParameters[name] = { value: isFloat ? `[json(parameters(${armQuote(templateName)}))]` : `[parameters(${armQuote(templateName)})]` };
  }

  // A system-assigned identity is the definition default; a user-assigned one is passed by resource id.
  if (declaresIdentityParameter && userAssigned) workflowParameters.managedIdentity = { value: IDENTITY_ID };

  const tags: JsonObject = { LogicAppsCategory: "security", "playbook-kit": playbook.name };
  if (options.environment) tags["playbook-kit-environment"] = options.environment;
  const workflow: JsonObject = {
    type: "Microsoft.Logic/workflows",
    apiVersion: WORKFLOW_API_VERSION,
    name: "[parameters('workflowName')]",
    location: "[parameters('location')]",
    tags,
    identity: userAssigned ? { type: "UserAssigned", userAssignedIdentities: { [IDENTITY_ID]: {} } } : { type: "SystemAssigned" },
  };
  if (apis.length) workflow.dependsOn = apis.map((api) => `[resourceId('Microsoft.Web/connections', variables('${connectionVariable(api)}'))]`);
  workflow.properties = {
    state: options.state ?? "Enabled",
    definition: escapeArmLiterals(definition as Json),
    parameters: workflowParameters,
  };
  resources.push(workflow);
  const workflowResourceId = "[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]";
  const principalId = userAssigned
    ? `reference(${IDENTITY_ID.slice(1, -1)}, '${IDENTITY_API_VERSION}').principalId`
    : `reference(resourceId('Microsoft.Logic/workflows', parameters('workflowName')), '${WORKFLOW_API_VERSION}', 'full').identity.principalId`;
  if (azureRoles.length) resources.push(sentinelRoleDeployment(azureRoles, principalId, [workflowResourceId]));
  if (options.automationRule) {
    resources.push(sentinelAutomationGrant());
    resources.push(automationRuleDeployment(options.automationRule, [workflowResourceId, SENTINEL_GRANT_ID]));
  }

  const notes = deploymentNotes(playbook, apis, permissions, userAssigned !== undefined, options.automationRule !== undefined);
  const metadata: JsonObject = {
    title: playbook.name,
    description: playbook.description,
    prerequisites: notes.prerequisites,
    postDeployment: notes.postDeployment,
    permissions: permissions.map((p): JsonObject =>
      isAzureRole(p)
        ? { kind: p.kind, resource: p.resource, role: p.role, roleDefinitionId: AZURE_ROLE_DEFINITION_IDS[p.role], scope: p.scope }
        : { resource: p.resource, appId: RESOURCE_APPS[p.resource].appId, role: p.role },
    ),
    connectors: apis,
    support: { tier: "community" },
    author: { name: "playbook-kit" },
  };
  if (options.environment) metadata.environment = options.environment;

  const template: JsonObject = {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: "1.0.0.0",
    metadata,
    parameters,
  };
  if (Object.keys(variables).length) template.variables = variables;
  template.resources = resources;
  template.outputs = {
    workflowId: { type: "string", value: "[resourceId('Microsoft.Logic/workflows', parameters('workflowName'))]" },
    principalId: { type: "string", value: `[${principalId}]` },
  };
  return template;
}
