/**
 * One API connection per managed API the enabled playbooks use.
 *
 * A managed-identity connection (`wdatp`) must reach Azure with `parameterValueType: "Alternative"`.
 * `web.Connection` cannot express that field (the REST spec omits it: pulumi-azure-native#2069), so it is
 * created as a generic `resources.Resource` (Microsoft.Web/connections, api-version 2016-06-01), whose
 * `properties` the provider sends to ARM verbatim. Consent-based connections (`office365`, `teams`) use the
 * typed `web.Connection` and need someone to authorize them in the portal after deploy.
 */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";
import { connectionName, consentLink, managedApiId, MANAGED_APIS, type ManagedApi } from "../apis";

/** Arguments of `Connections`. */
export interface ConnectionsArgs {
  env: string;
  /** Managed API names, e.g. `["office365", "wdatp"]`. Each must be in `MANAGED_APIS`. */
  apis: readonly string[];
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  tags: Record<string, string>;
}

/** One deployed connection. */
export interface DeployedConnection {
  api: ManagedApi;
  /** Connection resource name. */
  name: string;
  /** Connection ARM id. */
  id: pulumi.Output<string>;
  /** Managed API id (`…/managedApis/<api>`). */
  apiId: pulumi.Output<string>;
}

/** A connection someone must authorize after deploy. */
export interface ConsentNeeded {
  api: string;
  connectionName: string;
  /** Portal page with the Authorize button. */
  consentLink: string;
  instructions: string;
}

/** API version of `Microsoft.Web/connections` the generic resource uses. */
export const CONNECTIONS_API_VERSION = "2016-06-01";

/** `playbook-kit:index:Connections`. */
export class Connections extends pulumi.ComponentResource {
  /** By managed API name. */
  readonly byApi: ReadonlyMap<string, DeployedConnection>;
  /** The connections that need interactive consent after deploy. */
  readonly needingConsent: pulumi.Output<ConsentNeeded[]>;

  constructor(name: string, args: ConnectionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Connections", name, {}, opts);
    const byApi = new Map<string, DeployedConnection>();
    const consent: pulumi.Output<ConsentNeeded>[] = [];
    for (const apiName of [...args.apis].sort()) {
      const api = MANAGED_APIS[apiName];
      if (!api) throw new Error(`No connection recipe for managed API '${apiName}'.`);
      const resourceName = connectionName(args.env, api.name);
      const apiId = pulumi.output(args.subscriptionId).apply((sub) => managedApiId(sub, args.location, api.name));
      let id: pulumi.Output<string>;
      if (api.auth === "managedIdentity") {
        const connection = new resources.Resource(
          `${name}-${api.name}`,
          {
            resourceGroupName: args.resourceGroupName,
            resourceProviderNamespace: "Microsoft.Web",
            parentResourcePath: "",
            resourceType: "connections",
            resourceName,
            apiVersion: CONNECTIONS_API_VERSION,
            location: args.location,
            kind: "V1",
            tags: args.tags,
            properties: {
              displayName: `${api.displayName} (managed identity)`,
              api: { id: apiId },
              parameterValueType: "Alternative",
              customParameterValues: {},
            },
          },
          { parent: this },
        );
        id = connection.id;
      } else {
        const connection = new web.Connection(
          `${name}-${api.name}`,
          {
            connectionName: resourceName,
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: args.tags,
            properties: { displayName: `${api.displayName} (authorize after deploy)`, api: { id: apiId }, customParameterValues: {} },
          },
          { parent: this },
        );
        id = connection.id;
        consent.push(
          id.apply((cid) => ({
            api: api.name,
            connectionName: resourceName,
            consentLink: consentLink(cid),
            instructions: `Open the link, select Authorize, sign in with the account the playbooks should act as (for ${api.displayName}: the mailbox that sends the notifications), then Save. Until then every run that uses ${api.name} fails.`,
          })),
        );
      }
      byApi.set(api.name, { api, name: resourceName, id, apiId });
    }
    this.byApi = byApi;
    this.needingConsent = pulumi.all(consent);
    this.registerOutputs({
      connections: Object.fromEntries([...byApi].map(([k, c]) => [k, { name: c.name, id: c.id, apiId: c.apiId }])),
      needingConsent: this.needingConsent,
    });
  }
}
