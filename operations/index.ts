/**
 * The operation catalogue: every connector operation the kit knows, as data (API, method, path or URI,
 * permissions, destructive, notification, deprecation), and what can be inferred from it about any definition
 * (`requiredPermissions`, `findOperation`). It sits below the builder, the validator, the simulator and the
 * stacks; it imports only `wdl/`.
 */
import { defenderCatalogue } from "./defender";
import { mdeRestCatalogue } from "./mde-rest";
import { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
import type { OperationInfo } from "./operation";

export * from "./operation";
export * from "./defender-types";
export * from "./shape";
export { WDATP, defenderCatalogue, defenderTriggers } from "./defender";
export { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
export { mdeRestCatalogue } from "./mde-rest";
export { MDE_API, type LogonUser } from "./mde-rest";
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
export { requiredPermissions, destructiveCall, apiOfConnectionKey, type RequiredPermissionsOptions } from "./permissions";

/** Every declared operation, keyed by connector module (`defender`, `outlook`, …) and operation name. */
export const OPERATIONS = {
  defender: defenderCatalogue,
  outlook: outlookCatalogue,
  graphMail: graphMailCatalogue,
  teams: teamsCatalogue,
  mdeRest: mdeRestCatalogue,
} as const;

/** Connector module keys of the catalogue. */
export type ConnectorKey = keyof typeof OPERATIONS;

/** Every declared operation with its connector module key, in catalogue order. */
export function allOperations(): { key: ConnectorKey; operation: OperationInfo }[] {
  const out: { key: ConnectorKey; operation: OperationInfo }[] = [];
  for (const [key, ops] of Object.entries(OPERATIONS) as [ConnectorKey, Record<string, OperationInfo>][]) {
    for (const operation of Object.values(ops)) out.push({ key, operation });
  }
  return out;
}
export { isAuditRecord, describeAuditRequest, type AuditRecordInputs, type AuditRequest } from "./audit";
