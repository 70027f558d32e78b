/**
 * App-role grants: one `azuread.AppRoleAssignment` per principal and required permission. MDE roles are on the
 * WindowsDefenderATP service principal, Graph roles on Microsoft Graph's; role ids are looked up by value from
 * the service principal's app roles (never hard-coded). With `grant: false` nothing is assigned and the exact
 * commands a tenant admin must run are output instead.
 */
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import type { Permission } from "../../playbooks/kit";
import { adminGrantCommands, RESOURCE_APP_IDS, RESOURCE_LABELS } from "../principals";

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
}

/** A permission as reported in the stack outputs. */
export interface GrantReport {
  principal: string;
  resource: Permission["resource"];
  role: string;
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

/** `playbook-kit:index:Grants`. */
export class Grants extends pulumi.ComponentResource {
  readonly assignments: azuread.AppRoleAssignment[] = [];
  /** What the stack granted (empty when `grant` is false). */
  readonly granted: GrantReport[];
  /** What the identities need (granted or not). */
  readonly required: GrantReport[];
  /** Commands for a tenant admin (empty when the stack grants). */
  readonly adminCommands: pulumi.Output<string[]>;

  constructor(name: string, args: GrantsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Grants", name, {}, opts);
    this.required = args.principals.flatMap((p) => p.permissions.map((x) => ({ principal: p.label, resource: x.resource, role: x.role })));
    if (args.grant) {
      const resources = [...new Set(this.required.map((r) => r.resource))].sort();
      const servicePrincipals = new Map(
        resources.map((r) => [r, azuread.getServicePrincipalOutput({ clientId: RESOURCE_APP_IDS[r] }, { parent: this })] as const),
      );
      for (const p of args.principals) {
        for (const { resource, role } of p.permissions) {
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
      this.adminCommands = pulumi
        .all(args.principals.map((p) => pulumi.output(p.principalId)))
        .apply((ids) => adminGrantCommands(args.principals.map((p, i) => ({ label: p.label, principalId: ids[i]!, permissions: p.permissions }))));
    }
    this.registerOutputs({ granted: this.granted, required: this.required, adminCommands: this.adminCommands });
  }
}
