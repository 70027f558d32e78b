/**
 * One deployed playbook: a `logic.Workflow` whose definition is exactly the builder's rendered JSON, with the
 * environment's parameter values, `$connections` wired to the environment's connections with managed-identity
 * authentication, its state and tags. Secure parameter values are Pulumi secrets (encrypted in state).
 */
import * as pulumi from "@pulumi/pulumi";
import * as logic from "@pulumi/azure-native/logic";
import type * as inputs from "@pulumi/azure-native/types/input";
import type { PlannedPlaybook } from "../../playbooks/env";
import type { DeployedConnection } from "./connections";
import type { Identity } from "./identity";

/** Arguments of `Playbook`. */
export interface PlaybookArgs {
  planned: PlannedPlaybook;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  identity: Identity;
  /** The environment's connections by managed API name; the playbook uses those in `planned.connectors`. */
  connections: ReadonlyMap<string, DeployedConnection>;
  tags: Record<string, string>;
  /** Make every parameter value a secret (the config key they come from is a Pulumi secret). */
  allParametersSecret?: boolean;
}

const SECURE_TYPES = new Set(["SecureString", "SecureObject"]);

/** The `$connections` parameter value for the connectors a playbook uses. */
export function connectionsValue(connectors: readonly string[], connections: ReadonlyMap<string, DeployedConnection>, identity: Identity): Record<string, pulumi.Input<unknown>> {
  const value: Record<string, pulumi.Input<unknown>> = {};
  for (const api of connectors) {
    const c = connections.get(api);
    if (!c) throw new Error(`The environment has no connection for managed API '${api}'.`);
    value[api] = {
      connectionId: c.id,
      connectionName: c.name,
      id: c.apiId,
      ...(c.api.auth === "managedIdentity" ? { connectionProperties: { authentication: identity.connectionAuthentication() } } : {}),
    };
  }
  return value;
}

/** `playbook-kit:index:Playbook`. */
export class Playbook extends pulumi.ComponentResource {
  readonly workflow: logic.Workflow;
  readonly workflowName: string;
  /** Object id of the identity the workflow runs as (its own, or the shared user-assigned one). */
  readonly principalId: pulumi.Output<string>;

  constructor(name: string, args: PlaybookArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Playbook", name, {}, opts);
    const { planned } = args;
    const declared = planned.playbook.definition.parameters ?? {};
    const parameters: Record<string, inputs.logic.WorkflowParameterArgs> = {};
    if (planned.connectors.length) parameters.$connections = { value: connectionsValue(planned.connectors, args.connections, args.identity) };
    for (const [key, value] of Object.entries(planned.parameters)) {
      const secret = args.allParametersSecret || SECURE_TYPES.has(declared[key]?.type ?? "");
      parameters[key] = { value: secret ? pulumi.secret(value) : value };
    }
    if (planned.identityParameter) parameters[planned.identityParameter] = { value: args.identity.httpIdentity() };

    this.workflowName = planned.workflowName;
    this.workflow = new logic.Workflow(
      `${name}-workflow`,
      {
        workflowName: planned.workflowName,
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        // Exactly the bytes `playbook-kit build --env` writes, parsed: the definition is Output-free.
        definition: JSON.parse(planned.playbook.render()),
        parameters,
        state: planned.state,
        identity: args.identity.workflowIdentity(),
        tags: { ...args.tags, playbook: planned.name },
      },
      { parent: this },
    );
    this.principalId = args.identity.userAssigned
      ? args.identity.userAssigned.principalId
      : this.workflow.identity.apply((i) => {
          if (!i?.principalId) throw new Error(`Workflow ${planned.workflowName} reported no system-assigned principal id.`);
          return i.principalId;
        });
    this.registerOutputs({ workflowId: this.workflow.id, workflowName: this.workflowName, state: planned.state, principalId: this.principalId });
  }
}
