/**
 * The service principals whose app roles the playbooks' identities receive, and the commands an admin runs when
 * the stack does not grant them itself (`grantPermissions: false`): app roles through Microsoft Graph, Azure
 * RBAC roles (the Sentinel workspace roles) with `az role assignment`.
 */
import { AZURE_ROLE_DEFINITION_IDS, isAppRole, isAzureRole, type AppRolePermission, type AzureRoleName, type Permission } from "../operations";

/** Application (client) ids of the resource service principals, by permission resource. */
export const RESOURCE_APP_IDS: Readonly<Record<AppRolePermission["resource"], string>> = {
  WindowsDefenderATP: "fc780465-2017-40d4-a0c5-307022471b92",
  MicrosoftGraph: "00000003-0000-0000-c000-000000000000",
};

/** Short, stable label of a resource, used in logical resource names. */
export const RESOURCE_LABELS: Readonly<Record<AppRolePermission["resource"], string>> = {
  WindowsDefenderATP: "mde",
  MicrosoftGraph: "graph",
};

/** Shell variable holding a resource service principal's object id in the admin script. */
const SP_VARIABLES: Readonly<Record<AppRolePermission["resource"], string>> = {
  WindowsDefenderATP: "MDE_SP",
  MicrosoftGraph: "GRAPH_SP",
};

/** One principal and the app roles it needs. */
export interface PrincipalPermissions {
  /** Who: the user-assigned identity's name, or the playbook whose system-assigned identity this is. */
  label: string;
  /** Object id of the identity's service principal. */
  principalId: string;
  permissions: readonly Permission[];
}

/**
 * A bash script (one line per element) that grants every permission with the Azure CLI and Microsoft Graph.
 * App role ids are looked up by value from the resource service principal, as the stack does; a role the
 * principal already has is skipped, so the script can be run again after another playbook is enabled.
 */
export function adminGrantCommands(principals: readonly PrincipalPermissions[]): string[] {
  const resources = [...new Set(principals.flatMap((p) => p.permissions.filter(isAppRole).map((x) => x.resource)))].sort();
  if (!resources.length) return [];
  const lines = [
    "# Run with bash as a Privileged Role Administrator (or Global Administrator) after `az login` to the tenant:",
    "set -euo pipefail",
    ...resources.map((r) => `${SP_VARIABLES[r]}=$(az ad sp show --id ${RESOURCE_APP_IDS[r]} --query id -o tsv)`),
  ];
  for (const p of principals) {
    for (const { resource, role } of p.permissions.filter(isAppRole)) {
      const sp = SP_VARIABLES[resource];
      lines.push(`# ${p.label}: ${resource} ${role}`);
      lines.push(
        `ROLE_ID=$(az ad sp show --id ${RESOURCE_APP_IDS[resource]} --query "appRoles[?value=='${role}' && contains(allowedMemberTypes, 'Application')].id | [0]" -o tsv)`,
      );
      lines.push(`[ -n "$ROLE_ID" ] || { echo "${resource} has no application role ${role}" >&2; exit 1; }`);
      // Graph refuses an assignment that exists, so the script checks first and can be run again.
      lines.push(
        `if [ "$(az rest --method GET --uri "https://graph.microsoft.com/v1.0/servicePrincipals/${p.principalId}/appRoleAssignments" --query "length(value[?resourceId=='$${sp}' && appRoleId=='$ROLE_ID'])" -o tsv)" = "0" ]; then`,
      );
      lines.push(
        `  az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$${sp}/appRoleAssignedTo" --headers "Content-Type=application/json" --body "{\\"principalId\\":\\"${p.principalId}\\",\\"resourceId\\":\\"$${sp}\\",\\"appRoleId\\":\\"$ROLE_ID\\"}"`,
      );
      lines.push("else");
      lines.push(`  echo "${p.label}: ${resource} ${role} is already granted"`);
      lines.push("fi");
    }
  }
  return lines;
}

/** One Azure RBAC assignment an admin must make: who, which built-in role, on which scope. */
export interface RoleAssignmentCommand {
  /** Who, for the comment line. */
  label: string;
  principalId: string;
  role: AzureRoleName;
  /** ARM id of the scope (the Sentinel workspace, or the playbooks' resource group). */
  scope: string;
}

/**
 * Bash lines that make each Azure RBAC assignment with the Azure CLI, skipping one that exists, so they can be
 * run again. Role definitions are addressed by their built-in GUID.
 */
export function adminRoleAssignmentCommands(assignments: readonly RoleAssignmentCommand[]): string[] {
  if (!assignments.length) return [];
  const lines = ["# Run with bash as an Owner or User Access Administrator of the scopes below, after `az login`:", "set -euo pipefail"];
  for (const a of assignments) {
    const id = AZURE_ROLE_DEFINITION_IDS[a.role];
    lines.push(`# ${a.label}: ${a.role} on ${a.scope}`);
    lines.push(`if [ "$(az role assignment list --assignee "${a.principalId}" --role "${id}" --scope "${a.scope}" --query "length(@)" -o tsv)" = "0" ]; then`);
    lines.push(`  az role assignment create --assignee-object-id "${a.principalId}" --assignee-principal-type ServicePrincipal --role "${id}" --scope "${a.scope}" --output none`);
    lines.push("else");
    lines.push(`  echo "${a.label}: ${a.role} is already assigned"`);
    lines.push("fi");
  }
  return lines;
}

/** The Azure RBAC permissions of a list, as assignments on `scopeOf(permission)`. */
export function roleAssignmentsOf(label: string, principalId: string, permissions: readonly Permission[], scopeOf: (p: Permission & { kind: "azureRole" }) => string): RoleAssignmentCommand[] {
  return permissions.filter(isAzureRole).map((p) => ({ label, principalId, role: p.role, scope: scopeOf(p) }));
}
