/** Parts of Azure resource ids the stack needs (the Sentinel workspace's subscription, resource group and name). */

/** The parts of a Log Analytics workspace resource id. */
export interface WorkspaceRef {
  subscriptionId: string;
  resourceGroupName: string;
  workspaceName: string;
}

/** Subscription id of an ARM resource id (`/subscriptions/<id>/…`). */
export function subscriptionOf(resourceId: string): string {
  const m = /^\/subscriptions\/([^/]+)/i.exec(resourceId);
  if (!m) throw new Error(`'${resourceId}' is not an Azure resource id (/subscriptions/<id>/…).`);
  return m[1]!;
}

/** Subscription, resource group and name of a workspace resource id. */
export function workspaceRef(resourceId: string): WorkspaceRef {
  const m = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.operationalinsights\/workspaces\/([^/]+)$/i.exec(resourceId);
  if (!m) throw new Error(`'${resourceId}' is not a Log Analytics workspace resource id.`);
  return { subscriptionId: m[1]!, resourceGroupName: m[2]!, workspaceName: m[3]! };
}
