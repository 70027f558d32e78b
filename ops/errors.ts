/**
 * Turn what the Azure SDK throws into one readable sentence: unreachable endpoint, missing or rejected
 * credentials, missing rights, unknown subscription or resource group. Errors are recognised by name and
 * shape, so this module loads no Azure package.
 */

import { UserError } from "../errors";

/** An Azure failure explained for the user: a `UserError`, so the CLI prints `message` (no stack) and exits with `exitCode`. */
export class AzureOperationError extends UserError {
  override readonly name: string = "AzureOperationError";
}

/** The fields of a `RestError` this module reads. */
export interface RestErrorLike extends Error {
  code?: string;
  statusCode?: number;
}

/** True for an error thrown by the SDK's HTTP pipeline (`RestError`). */
export function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === "RestError";
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "REQUEST_SEND_ERROR"]);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/;

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

/** True when a RestError is "this resource does not exist" (and not a missing resource group or subscription). */
export function isResourceNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404 && !/^(ResourceGroupNotFound|SubscriptionNotFound|InvalidSubscriptionId)$/i.test(error.code ?? "");
}

/** Explain an Azure failure; `doing` says what was attempted ("reading workflow x in rg"). */
export function explainAzureError(error: unknown, doing: string, endpoint: string): AzureOperationError {
  if (error instanceof AzureOperationError) return error;
  if (!(error instanceof Error)) return new AzureOperationError(`${doing} failed: ${String(error)}`);
  if (/^(CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError)$/.test(error.name)) {
    return new AzureOperationError(
      `could not get an Azure access token (${firstLine(error.message)}). Sign in with 'az login', set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, run where a managed identity is available, or pass a token in PLAYBOOK_KIT_ARM_TOKEN.`,
    );
  }
  if (isRestError(error)) {
    const code = error.code ?? "";
    const status = error.statusCode;
    if (status === undefined) {
      if (TLS_CODES.test(code) || TLS_CODES.test(error.message)) {
        return new AzureOperationError(`could not reach Azure Resource Manager at ${endpoint}: its TLS certificate is not trusted (${firstLine(error.message)}).`);
      }
      if (NETWORK_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket|network/i.test(error.message)) {
        return new AzureOperationError(`could not reach Azure Resource Manager at ${endpoint} while ${doing}: ${firstLine(error.message)}. Check the network connection (and ${"PLAYBOOK_KIT_ARM_ENDPOINT"} if you set it).`);
      }
    }
    const service = code ? `${status ?? ""} ${code}`.trim() : String(status ?? "error");
    if (status === 401) {
      return new AzureOperationError(`Azure rejected the credentials while ${doing} (${service}: ${firstLine(error.message)}). Sign in again ('az login') or refresh the token.`);
    }
    if (status === 403) {
      return new AzureOperationError(
        `not allowed while ${doing} (${service}: ${firstLine(error.message)}). The signed-in identity needs at least Logic App Operator (or Reader) on the resource group.`,
      );
    }
    if (/^(ResourceGroupNotFound)$/i.test(code)) return new AzureOperationError(`the resource group does not exist (${firstLine(error.message)}).`);
    if (/^(SubscriptionNotFound|InvalidSubscriptionId)$/i.test(code)) return new AzureOperationError(`the subscription is unknown (${firstLine(error.message)}).`);
    return new AzureOperationError(`Azure answered ${service} while ${doing}: ${firstLine(error.message)}`);
  }
  return new AzureOperationError(`${doing} failed: ${firstLine(error.message)}`);
}
