/**
 * The registry of catalogue modules: every declared operation, keyed by connector module and operation name.
 * One list, read by the index, permission inference, path matching and the simulator's typed mocks.
 */
import { defenderCatalogue, defenderTriggers } from "./defender";
import { graphSecurityCatalogue } from "./graph-security";
import { mdeRestCatalogue } from "./mde-rest";
import { graphMailCatalogue, outlookCatalogue, teamsCatalogue } from "./messaging";
import type { OperationInfo, WebhookTriggerInfo } from "./operation";
import { sentinelCatalogue, sentinelTriggers } from "./sentinel";

/** Every declared operation, keyed by connector module key (`defender`, `sentinel`, …) and operation name. */
export const OPERATIONS = {
  defender: defenderCatalogue,
  outlook: outlookCatalogue,
  graphMail: graphMailCatalogue,
  teams: teamsCatalogue,
  mdeRest: mdeRestCatalogue,
  sentinel: sentinelCatalogue,
  graphSecurity: graphSecurityCatalogue,
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

/** Every distinct declaration (one reachable from two modules is listed once), in catalogue order. */
export const OPERATION_LIST: readonly OperationInfo[] = [...new Set(allOperations().map((o) => o.operation))];

/** Every declared webhook trigger. */
export const TRIGGER_LIST: readonly WebhookTriggerInfo[] = [...Object.values(defenderTriggers), ...Object.values(sentinelTriggers)];
