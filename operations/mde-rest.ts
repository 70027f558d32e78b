/**
 * MDE REST API over the Http action with the managed identity (audience `https://api.securitycenter.microsoft.com`),
 * for operations the wdatp connector lacks (indicators, logon users). Sentinel's Restrict-MDE* playbooks use
 * this route.
 */
import { idBodyShape } from "./defender-types";
import { httpOperationInfo } from "./operation";
import { shape, type Infer } from "./shape";

/** Base URI and token audience of the MDE REST API. */
export const MDE_API = "https://api.securitycenter.microsoft.com";

/** A logged-on user of a machine. */
export const logonUserShape = shape.object({ id: shape.string("id"), accountName: shape.string(), accountDomain: shape.string() });
/** A logged-on user of a machine. */
export interface LogonUser extends Infer<typeof logonUserShape> {}

/** Every MDE REST operation the kit declares. */
export const mdeRestCatalogue = {
  submitIndicator: httpOperationInfo({
    name: "submitIndicator",
    title: "Submit or update indicator",
    method: "POST",
    uri: `${MDE_API}/api/indicators`,
    audience: MDE_API,
    permissions: [{ resource: "WindowsDefenderATP", role: "Ti.ReadWrite" }],
    destructive: true,
    output: idBodyShape,
  }),
  getLogonUsers: httpOperationInfo({
    name: "getLogonUsers",
    title: "Get machine logon users",
    method: "GET",
    uri: `${MDE_API}/api/machines/{id}/logonusers`,
    audience: MDE_API,
    permissions: [{ resource: "WindowsDefenderATP", role: "User.Read.All" }],
    destructive: false,
    output: shape.object({ value: shape.array(logonUserShape) }),
  }),
};
