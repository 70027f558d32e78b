/** The environment's resource group: created by the stack, or an existing one referenced by name. */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";

/** Arguments of `ResourceGroup`. */
export interface ResourceGroupArgs {
  name: string;
  /** Create it (true) or reference an existing one (false). */
  create: boolean;
  location: string;
  tags: Record<string, string>;
}

/** `playbook-kit:index:ResourceGroup`. */
export class ResourceGroup extends pulumi.ComponentResource {
  /** Resource group name (known before deploy). */
  readonly name: pulumi.Output<string>;
  /** ARM id. */
  readonly id: pulumi.Output<string>;

  constructor(name: string, args: ResourceGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:ResourceGroup", name, {}, opts);
    if (args.create) {
      const group = new resources.ResourceGroup(`${name}-group`, { resourceGroupName: args.name, location: args.location, tags: args.tags }, { parent: this });
      this.name = group.name;
      this.id = group.id;
    } else {
      const existing = resources.getResourceGroupOutput({ resourceGroupName: args.name }, { parent: this });
      this.name = pulumi.output(args.name);
      this.id = existing.id;
    }
    this.registerOutputs({ name: this.name, id: this.id, created: args.create });
  }
}
