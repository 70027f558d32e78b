/**
 * MDE REST API over the Http action with the managed identity (audience `https://api.securitycenter.microsoft.com`),
 * for operations the wdatp connector lacks (indicators, logon users). Sentinel's Restrict-MDE* playbooks use
 * this route.
 */
import type { ExprLike } from "../kit/expr";
import { connector, httpOperation } from "./define";

const MDE_API = "https://api.securitycenter.microsoft.com";

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
  submitIndicator: httpOperation<Indicator, { id: string }>({
    name: "submitIndicator",
    title: "Submit or update indicator",
    method: "POST",
    uri: `${MDE_API}/api/indicators`,
    audience: MDE_API,
    permissions: [{ resource: "WindowsDefenderATP", role: "Ti.ReadWrite" }],
    destructive: true,
    request: (i) => ({ body: { ...i } }),
  }),
  getLogonUsers: httpOperation<{ machineId: ExprLike<string> }, { value: { id: string; accountName: string; accountDomain: string }[] }>({
    name: "getLogonUsers",
    title: "Get machine logon users",
    method: "GET",
    uri: `${MDE_API}/api/machines/{id}/logonusers`,
    audience: MDE_API,
    permissions: [{ resource: "WindowsDefenderATP", role: "User.Read.All" }],
    destructive: false,
    request: (a) => ({ params: { id: a.machineId } }),
  }),
};

/** Builder functions (`mdeRest.submitIndicator({...})`). */
export const mdeRest = connector(mdeRestOperations);
