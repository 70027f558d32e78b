/**
 * Grants: one `azuread.AppRoleAssignment` per principal and required app role, and one
 * `authorization.RoleAssignment` per principal and required Azure RBAC role (the Sentinel workspace roles, on the
 * workspace). App roles are on the WindowsDefenderATP or Microsoft Graph service principal, their ids looked up by
 * value (never hard-coded); Azure roles are built-in role definitions addressed by their GUID. With
 * `grant: false` nothing is assigned and the exact commands an admin must run are output instead.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as azuread from "@pulumi/azuread";
import { uuidV5 } from "../../exporters/guid";
import { isAppRole, isAzureRole, roleDefinitionResourceId, type AzureRoleScope, type Permission } from "../../operations";
import { adminGrantCommands, adminRoleAssignmentCommands, RESOURCE_APP_IDS, RESOURCE_LABELS, roleAssignmentsOf } from "../principals";
import { subscriptionOf } from "../scopes";

/** One principal and what it needs. */
export interface GrantPrincipal {
  /** Logical label: the user-assigned identity's name, or the playbook name (system-assigned). */
  label: string;
  principalId: pulumi.Input<string>;
  permissions: readonly Permission[];
}

/** Arguments of `Grants`. */
export interface GrantsArgs {
  principals: readonly GrantPrincipal[];
  /** Assign the roles (true) or only output the admin commands (false). */
  grant: boolean;
  /** ARM ids of the scopes Azure RBAC roles are assigned on; every scope a permission names must be here. */
  scopes?: Partial<Record<AzureRoleScope, string>>;
}

/** A permission as reported in the stack outputs (`kind` and `scope` for Azure roles). */
export interface GrantReport {
  principal: string;
  resource: Permission["resource"];
  role: string;
  kind?: "azureRole";
  /** ARM id of the scope of an Azure role. */
  scope?: string;
}

/** The id of the application role `role` of a service principal; throws a readable error when it has none. */
export function findAppRoleId(roles: readonly { value: string; id: string; allowedMemberTypes?: readonly string[] }[], role: string, resource: string): string {
  const match = roles.find((r) => r.value === role && (!r.allowedMemberTypes || r.allowedMemberTypes.includes("Application")));
  if (!match) {
    const available = roles.filter((r) => !r.allowedMemberTypes || r.allowedMemberTypes.includes("Application")).map((r) => r.value).sort();
    throw new Error(`The ${resource} service principal has no application role '${role}' (it has: ${available.join(", ") || "none"}).`);
  }
  return match.id;
}

/** A role assignment name (a GUID) derived from the scope, the grant's logical name and the role: stable across deploys. */
export function roleAssignmentName(scope: string, logicalName: string, role: string): string {
  return uuidV5(`role-assignment:${scope.toLowerCase()}|${logicalName}|${role}`);
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** `playbook-kit:index:Grants`. */
export class Grants extends pulumi.ComponentResource {
  readonly assignments: azuread.AppRoleAssignment[] = [];
  readonly roleAssignments: authorization.RoleAssignment[] = [];
  /** What the stack granted (empty when `grant` is false). */
  readonly granted: GrantReport[];
  /** What the identities need (granted or not). */
  readonly required: GrantReport[];
  /** Commands for an admin (empty when the stack grants). */
  readonly adminCommands: pulumi.Output<string[]>;

  constructor(name: string, args: GrantsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Grants", name, {}, opts);
    const scopeOf = (scope: AzureRoleScope): string => {
      const id = args.scopes?.[scope];
      if (!id) throw new Error(`Azure roles on the ${scope} scope are required, but the environment names no ${scope} (playbook-kit:sentinel.workspaceResourceId).`);
      return id;
    };
    this.required = args.principals.flatMap((p) =>
      p.permissions.map((x) => (isAzureRole(x) ? { principal: p.label, kind: "azureRole" as const, resource: x.resource, role: x.role, scope: scopeOf(x.scope) } : { principal: p.label, resource: x.resource, role: x.role })),
    );
    if (args.grant) {
      const resources = [...new Set(args.principals.flatMap((p) => p.permissions.filter(isAppRole).map((x) => x.resource)))].sort();
      const servicePrincipals = new Map(
        resources.map((r) => [r, azuread.getServicePrincipalOutput({ clientId: RESOURCE_APP_IDS[r] }, { parent: this })] as const),
      );
      for (const p of args.principals) {
        for (const permission of p.permissions) {
          if (isAzureRole(permission)) {
            const scope = scopeOf(permission.scope);
            const logical = `${name}-${p.label}-${slug(permission.role)}`;
            this.roleAssignments.push(
              new authorization.RoleAssignment(
                logical,
                {
                  roleAssignmentName: roleAssignmentName(scope, logical, permission.role),
                  scope,
                  roleDefinitionId: roleDefinitionResourceId(subscriptionOf(scope), permission.role),
                  principalId: p.principalId,
                  principalType: "ServicePrincipal",
                  description: `playbook-kit: ${permission.role} for ${p.label}`,
                },
                { parent: this },
              ),
            );
            continue;
          }
          const { resource, role } = permission;
          const sp = servicePrincipals.get(resource)!;
          this.assignments.push(
            new azuread.AppRoleAssignment(
              `${name}-${p.label}-${RESOURCE_LABELS[resource]}-${role}`,
              {
                appRoleId: sp.appRoles.apply((roles) => findAppRoleId(roles, role, resource)),
                principalObjectId: p.principalId,
                resourceObjectId: sp.objectId,
              },
              { parent: this },
            ),
          );
        }
      }
      this.granted = this.required;
      this.adminCommands = pulumi.output([]);
    } else {
      this.granted = [];
      this.adminCommands = pulumi.all(args.principals.map((p) => pulumi.output(p.principalId))).apply((ids) => {
        const principals = args.principals.map((p, i) => ({ label: p.label, principalId: ids[i]!, permissions: p.permissions }));
        return [
          ...adminGrantCommands(principals),
          ...adminRoleAssignmentCommands(principals.flatMap((p) => roleAssignmentsOf(p.label, p.principalId, p.permissions, (x) => scopeOf(x.scope)))),
        ];
      });
    }
    this.registerOutputs({ granted: this.granted, required: this.required, adminCommands: this.adminCommands });
  }
}
