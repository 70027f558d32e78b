/**
 * Azure built-in roles the kit assigns, by name, with their role definition ids (the same GUID in every tenant),
 * and the first-party application Microsoft Sentinel runs automation rules as. Sources:
 * MicrosoftDocs/azure-docs `articles/role-based-access-control/built-in-roles/security.md` @03e5750a (ids), and
 * `articles/sentinel/automate-incident-handling-with-automation-rules.md` @014bcff1 (the Azure Security Insights
 * app needs Microsoft Sentinel Automation Contributor on the playbooks' resource group).
 */
import type { AzureRolePermission, Permission } from "./operation";

/** Built-in role names the kit assigns. */
export type AzureRoleName = AzureRolePermission["role"] | "Microsoft Sentinel Automation Contributor";

/** Role definition id (GUID) of each built-in role the kit assigns. */
export const AZURE_ROLE_DEFINITION_IDS: Readonly<Record<AzureRoleName, string>> = {
  "Microsoft Sentinel Reader": "8d289c81-5878-46d4-8554-54e1e3d8b5cb",
  "Microsoft Sentinel Responder": "3e150937-b8fe-4cfb-8069-0eaf05ecd056",
  "Microsoft Sentinel Automation Contributor": "f4c81013-99ee-4d62-a7ee-b3f1f648599a",
};

/** Application (client) id of "Azure Security Insights", the service principal Sentinel automation rules run playbooks as. */
export const AZURE_SECURITY_INSIGHTS_APP_ID = "98785600-1bb7-4fb9-b9fa-19afe2c8a360";

/** `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`. */
export function roleDefinitionResourceId(subscriptionId: string, role: AzureRoleName): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLE_DEFINITION_IDS[role]}`;
}

/** Sentinel workspace roles, weakest first: a stronger one includes every action of the weaker (docs above). */
const SENTINEL_ROLE_ORDER: readonly AzureRolePermission["role"][] = ["Microsoft Sentinel Reader", "Microsoft Sentinel Responder"];

/** A Sentinel workspace role. */
export function sentinelRole(role: AzureRolePermission["role"]): AzureRolePermission {
  return { kind: "azureRole", resource: "MicrosoftSentinel", role, scope: "sentinelWorkspace" };
}

/**
 * Drop Sentinel workspace roles that a stronger one in the same list already covers (Responder includes every
 * Reader action), so an identity never holds two roles where one suffices.
 */
export function withoutImpliedRoles<P extends Permission>(list: readonly P[]): P[] {
  const rank = (p: Permission) => (p.kind === "azureRole" && p.resource === "MicrosoftSentinel" ? SENTINEL_ROLE_ORDER.indexOf(p.role) : -1);
  const strongest = Math.max(-1, ...list.map(rank));
  return list.filter((p) => rank(p) < 0 || rank(p) === strongest);
}
