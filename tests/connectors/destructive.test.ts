/** `destructiveCall(action)`: which rendered actions call a destructive catalogue operation. */
import { describe, expect, it } from "vitest";
import { destructiveCall } from "../../operations";

const wdatp = (method: string, path: string) => ({ type: "ApiConnection", inputs: { host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } }, method, path } });
const http = (method: string, uri: string, authentication?: unknown) => ({ type: "Http", inputs: { method, uri, ...(authentication ? { authentication } : {}) } });

describe("destructiveCall", () => {
  it("names the destructive wdatp operations and is quiet for reads", () => {
    expect(destructiveCall(wdatp("post", "/api/machines/@{encodeUriComponent(body('Get')?['id'])}/isolate"))).toEqual({ title: "Actions - Isolate machine" });
    expect(destructiveCall(wdatp("post", "/api/machines/m1/restrictCodeExecution"))).toEqual({ title: "Actions - Restrict app execution" });
    expect(destructiveCall(wdatp("get", "/api/machines/m1"))).toBeUndefined();
    expect(destructiveCall(wdatp("post", "/api/machines/m1/tags"))).toBeUndefined();
  });

  it("matches the MDE REST API over Http whatever the authentication, including routes the connector lacks", () => {
    expect(destructiveCall(http("POST", "https://api.securitycenter.microsoft.com/api/machines/@{variables('id')}/isolate"))).toEqual({ title: "Actions - Isolate machine" });
    expect(destructiveCall(http("POST", "https://api.security.microsoft.com/api/machines/m1/offboard", { type: "Raw", value: "@parameters('token')" }))).toEqual({ title: "Offboard machine (MDE API)" });
    expect(destructiveCall(http("POST", "https://api.securitycenter.microsoft.com/api/indicators", { type: "ManagedServiceIdentity" }))).toEqual({ title: "Submit or update indicator (MDE API)" });
    expect(destructiveCall(http("GET", "https://api.securitycenter.microsoft.com/api/machines/m1/logonusers"))).toBeUndefined();
    expect(destructiveCall(http("POST", "https://graph.microsoft.com/v1.0/users/a@b.c/sendMail"))).toBeUndefined();
    expect(destructiveCall({ type: "Compose", inputs: { path: "/api/machines/m1/isolate" } })).toBeUndefined();
    expect(destructiveCall("not an action")).toBeUndefined();
  });
});
