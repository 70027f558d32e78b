/**
 * The operation catalogue: every connector operation the kit knows, as data (API, method, path or URI,
 * permissions, destructive, notification, deprecation, output shape), and what can be inferred from it about any
 * definition (`requiredPermissions`, `findApiOperation`, `findCalledOperation`, `findDeprecation`). It sits below
 * the builder, the validator, the simulator and the stacks; it imports only `wdl/`.
 */
export * from "./operation";
export * from "./defender-types";
export * from "./sentinel-types";
export * from "./graph-security-types";
export * from "./shape";
export { WDATP, defenderCatalogue, defenderTriggers } from "./defender";
export { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
export { mdeRestCatalogue } from "./mde-rest";
export { MDE_API, type LogonUser } from "./mde-rest";
export { AZURESENTINEL, sentinelCatalogue, sentinelTriggers } from "./sentinel";
export { isSentinelIncidentTriggered } from "./incident-trigger";
export { GRAPH_V1, graphSecurityCatalogue } from "./graph-security";
export {
  AZURE_ROLE_DEFINITION_IDS,
  AZURE_SECURITY_INSIGHTS_APP_ID,
  roleDefinitionResourceId,
  sentinelRole,
  withoutImpliedRoles,
  type AzureRoleName,
} from "./azure-roles";
export { DEPRECATIONS, findDeprecation, type Deprecation } from "./deprecations";
export { apiOfConnectionKey, callOf, skeleton, type ApiCall, type HttpCall } from "./calls";
export {
  API_OPERATIONS,
  HTTP_OPERATIONS,
  MDE_HOSTS,
  WEBHOOK_OPERATIONS,
  findApiOperation,
  findCalledOperation,
  findWebhookOperation,
  matchConcrete,
  matchPath,
  type MadeCall,
  type WebhookOperation,
} from "./match";
export { requiredPermissions, destructiveCall, type RequiredPermissionsOptions } from "./permissions";
export { OPERATIONS, OPERATION_LIST, allOperations, type ConnectorKey } from "./registry";
export { isAuditRecord, describeAuditRequest, type AuditRecordInputs, type AuditRequest } from "./audit";
