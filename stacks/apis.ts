/** Managed APIs (Logic Apps connectors) the stack knows how to connect, and how each authenticates. */

/** How a connection authenticates. */
export type ConnectionAuth = "managedIdentity" | "consent";

/** What the stack needs to know about one managed API. */
export interface ManagedApi {
  /** Managed API name, as in `/managedApis/<name>` and the `$connections` key. */
  name: string;
  /** Shown in the portal. */
  displayName: string;
  /**
   * `managedIdentity`: the connection uses the workflow's managed identity (`parameterValueType: Alternative`),
   * nothing to do after deploy. `consent`: an OAuth connection someone must authorize in the portal after deploy.
   */
  auth: ConnectionAuth;
}

/** Every managed API the catalog's connectors use. */
export const MANAGED_APIS: Readonly<Record<string, ManagedApi>> = {
  wdatp: { name: "wdatp", displayName: "Microsoft Defender for Endpoint", auth: "managedIdentity" },
  azuresentinel: { name: "azuresentinel", displayName: "Microsoft Sentinel", auth: "managedIdentity" },
  office365: { name: "office365", displayName: "Office 365 Outlook", auth: "consent" },
  teams: { name: "teams", displayName: "Microsoft Teams", auth: "consent" },
};

/** `/subscriptions/<sub>/providers/Microsoft.Web/locations/<location>/managedApis/<api>`. */
export function managedApiId(subscriptionId: string, location: string, api: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Web/locations/${location}/managedApis/${api}`;
}

/** Name of the API connection resource of a managed API in an environment. */
export function connectionName(env: string, api: string): string {
  return `${api}-${env}`;
}

/** Portal page of an API connection, where "Authorize" grants consent. */
export function consentLink(connectionId: string): string {
  return `https://portal.azure.com/#resource${connectionId}/edit`;
}
