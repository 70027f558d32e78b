/**
 * The playbooks' identity: one user-assigned identity shared by the environment's workflows, or a
 * system-assigned identity per workflow (then this component has no child and each workflow carries its own).
 */
import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type * as inputs from "@pulumi/azure-native/types/input";

/** Arguments of `Identity`. */
export interface IdentityArgs {
  type: "SystemAssigned" | "UserAssigned";
  /** User-assigned identity name (required for UserAssigned). */
  identityName?: string;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  tags: Record<string, string>;
}

/** `playbook-kit:index:Identity`. */
export class Identity extends pulumi.ComponentResource {
  readonly type: "SystemAssigned" | "UserAssigned";
  /** The user-assigned identity, when the environment uses one. */
  readonly userAssigned?: managedidentity.UserAssignedIdentity;

  constructor(name: string, args: IdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Identity", name, {}, opts);
    this.type = args.type;
    if (args.type === "UserAssigned") {
      if (!args.identityName) throw new Error("A user-assigned identity needs a name.");
      this.userAssigned = new managedidentity.UserAssignedIdentity(
        `${name}-user-assigned`,
        { resourceName: args.identityName, resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags },
        { parent: this },
      );
    }
    this.registerOutputs({
      type: args.type,
      id: this.userAssigned?.id,
      principalId: this.userAssigned?.principalId,
      clientId: this.userAssigned?.clientId,
    });
  }

  /** The `identity` block of a workflow. */
  workflowIdentity(): inputs.logic.ManagedServiceIdentityArgs {
    return this.userAssigned ? { type: "UserAssigned", userAssignedIdentities: [this.userAssigned.id] } : { type: "SystemAssigned" };
  }

  /** `connectionProperties.authentication` of a managed-identity connection in `$connections`. */
  connectionAuthentication(): pulumi.Input<{ type: "ManagedServiceIdentity"; identity?: pulumi.Input<string> }> {
    return this.userAssigned ? { type: "ManagedServiceIdentity", identity: this.userAssigned.id } : { type: "ManagedServiceIdentity" };
  }

  /** Value of the definition's identity parameter for Http calls: the user-assigned identity's resource id. */
  httpIdentity(): pulumi.Input<string> {
    return this.userAssigned ? this.userAssigned.id : "SystemAssigned";
  }
}
