/**
 * The Logic Apps management client (`@azure/arm-logic`). Credentials come from `DefaultAzureCredential`
 * (environment, workload identity, managed identity, Azure CLI, …) unless a credential is passed in, or a bearer
 * token is given in `PLAYBOOK_KIT_ARM_TOKEN` (e.g. `az account get-access-token --query accessToken -o tsv`).
 * `PLAYBOOK_KIT_ARM_ENDPOINT` points at another Resource Manager endpoint (sovereign clouds); extra CA
 * certificates for it come from Node's standard `NODE_EXTRA_CA_CERTS`.
 */
import { LogicManagementClient } from "@azure/arm-logic";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { guardPolicy } from "./guard-policy";
import { resolveLimits, type OpsLimits } from "./limits";

/** How to reach Azure Resource Manager. */
export interface AzureConnection {
  subscription: string;
  /** Default: `DefaultAzureCredential`. */
  credential?: TokenCredential;
  /** Resource Manager endpoint; default `https://management.azure.com`. */
  endpoint?: string;
  /** PEM certificate(s) to trust for the endpoint (in addition to the system's). */
  ca?: string | Buffer;
  /** Retries of failed requests; default 3. */
  maxRetries?: number;
  /** Request timeout, `Retry-After` cap, body and listing caps (ops/limits.ts); defaults `DEFAULT_OPS_LIMITS`. */
  limits?: Partial<OpsLimits>;
}

/** The limits each client was made with (listings read them). */
const clientLimits = new WeakMap<LogicManagementClient, OpsLimits>();

/** The limits a client enforces (the defaults for a client made elsewhere). */
export function limitsOf(client: LogicManagementClient): OpsLimits {
  return clientLimits.get(client) ?? resolveLimits();
}

export const DEFAULT_ENDPOINT = "https://management.azure.com";
export const ENDPOINT_VARIABLE = "PLAYBOOK_KIT_ARM_ENDPOINT";
export const TOKEN_VARIABLE = "PLAYBOOK_KIT_ARM_TOKEN";

/** A credential that always returns the same bearer token. */
export function staticTokenCredential(token: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
    },
  };
}

/** The connection described by the process environment, for a subscription. */
export function connectionFromEnvironment(subscription: string, env: NodeJS.ProcessEnv = process.env): AzureConnection {
  const connection: AzureConnection = { subscription };
  const endpoint = env[ENDPOINT_VARIABLE];
  if (endpoint) connection.endpoint = endpoint.replace(/\/+$/, "");
  const token = env[TOKEN_VARIABLE];
  if (token) connection.credential = staticTokenCredential(token);
  return connection;
}

/** The endpoint a connection talks to. */
export function endpointOf(connection: AzureConnection): string {
  return connection.endpoint ?? DEFAULT_ENDPOINT;
}

/** Create the client. */
export function createLogicClient(connection: AzureConnection): LogicManagementClient {
  let credential = connection.credential;
  if (!credential) {
    const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
    credential = new DefaultAzureCredential();
  }
  const limits = resolveLimits(connection.limits);
  const client = new LogicManagementClient(credential, connection.subscription, {
    endpoint: endpointOf(connection),
    retryOptions: { maxRetries: connection.maxRetries ?? 3 },
    ...(connection.ca ? { tlsOptions: { ca: connection.ca } } : {}),
  });
  // Next to the transport, so every attempt of every request is bounded.
  client.pipeline.addPolicy(guardPolicy(limits), { afterPhase: "Sign" });
  clientLimits.set(client, limits);
  return client;
}
