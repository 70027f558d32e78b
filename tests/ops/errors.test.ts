import { AggregateAuthenticationError, CredentialUnavailableError } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { connectionFromEnvironment, DEFAULT_ENDPOINT, endpointOf } from "../../ops/client";
import { explainAzureError, isResourceNotFound } from "../../ops/errors";

const restError = (statusCode: number | undefined, code: string, message: string) => Object.assign(new Error(message), { name: "RestError", statusCode, code });
const doing = "reading workflow w in resource group rg";

describe("Azure failures become one sentence", () => {
  it("explains missing credentials", () => {
    const aggregate = new AggregateAuthenticationError(
      [new CredentialUnavailableError("EnvironmentCredential is unavailable."), new CredentialUnavailableError("Azure CLI could not be found.")],
      "ChainedTokenCredential authentication failed.",
    );
    for (const error of [new CredentialUnavailableError("EnvironmentCredential is unavailable.\nmore"), aggregate]) {
      const e = explainAzureError(error, doing, DEFAULT_ENDPOINT);
      expect(e.exitCode).toBe(2);
      expect(e.message).toMatch(/^could not get an Azure access token \(.+\)\. Sign in with 'az login', set AZURE_CLIENT_ID\/AZURE_TENANT_ID\/AZURE_CLIENT_SECRET/);
      expect(e.message).not.toContain("\n");
    }
  });

  it("explains refused access, an unknown subscription and other service errors", () => {
    expect(explainAzureError(restError(403, "AuthorizationFailed", "The client 'x' does not have authorization."), doing, DEFAULT_ENDPOINT).message).toBe(
      "not allowed while reading workflow w in resource group rg (403 AuthorizationFailed: The client 'x' does not have authorization.). The signed-in identity needs at least Logic App Operator (or Reader) on the resource group.",
    );
    expect(explainAzureError(restError(404, "SubscriptionNotFound", "The subscription 's' could not be found."), doing, DEFAULT_ENDPOINT).message).toBe(
      "the subscription is unknown (The subscription 's' could not be found.).",
    );
    expect(explainAzureError(restError(500, "InternalServerError", "Boom."), doing, DEFAULT_ENDPOINT).message).toBe(
      "Azure answered 500 InternalServerError while reading workflow w in resource group rg: Boom.",
    );
    expect(explainAzureError(restError(undefined, "ENOTFOUND", "getaddrinfo ENOTFOUND management.example"), doing, "https://management.example").message).toMatch(
      /^could not reach Azure Resource Manager at https:\/\/management\.example while reading workflow w/,
    );
  });

  it("tells a missing workflow from a missing resource group", () => {
    expect(isResourceNotFound(restError(404, "ResourceNotFound", "gone"))).toBe(true);
    expect(isResourceNotFound(restError(404, "ResourceGroupNotFound", "no rg"))).toBe(false);
    expect(isResourceNotFound(restError(401, "InvalidAuthenticationToken", "no"))).toBe(false);
    expect(isResourceNotFound(new Error("x"))).toBe(false);
  });

  it("reads the endpoint and token from the environment", async () => {
    const c = connectionFromEnvironment("sub", { PLAYBOOK_KIT_ARM_ENDPOINT: "https://management.chinacloudapi.cn/", PLAYBOOK_KIT_ARM_TOKEN: "t0k" });
    expect(endpointOf(c)).toBe("https://management.chinacloudapi.cn");
    expect((await c.credential!.getToken("https://management.chinacloudapi.cn/.default"))!.token).toBe("t0k");
    expect(connectionFromEnvironment("sub", {})).toEqual({ subscription: "sub" });
  });
});
