/**
 * MDE REST API over the Http action with the managed identity (audience `https://api.securitycenter.microsoft.com`),
 * for operations the wdatp connector lacks (indicators, logon users). Sentinel's Restrict-MDE* playbooks use
 * this route.
 */
import type { ExprLike } from "../kit/expr";
import { mdeRestCatalogue } from "../../operations";
import { callable, connector } from "./define";

/** An MDE indicator (`POST /api/indicators`). */
export interface Indicator {
  indicatorValue: ExprLike<string>;
  indicatorType: ExprLike<"FileSha1" | "FileSha256" | "FileMd5" | "IpAddress" | "DomainName" | "Url" | "CertificateThumbprint">;
  action: ExprLike<"Alert" | "Warn" | "Block" | "Audit" | "BlockAndRemediate" | "AlertAndBlock" | "Allowed">;
  title: ExprLike<string>;
  description: ExprLike<string>;
  severity?: ExprLike<"Informational" | "Low" | "Medium" | "High">;
  expirationTime?: ExprLike<string>;
}

/** Every MDE REST operation the kit declares. */
export const mdeRestOperations = {
  submitIndicator: callable(mdeRestCatalogue.submitIndicator, (i: Indicator) => ({ body: { ...i } })),
  getLogonUsers: callable(mdeRestCatalogue.getLogonUsers, (a: { machineId: ExprLike<string> }) => ({ params: { id: a.machineId } })),
};

/** Builder functions (`mdeRest.submitIndicator({...})`). */
export const mdeRest = connector(mdeRestOperations);
