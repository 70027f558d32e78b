/** Small builders for simulator tests: a definition around some actions, and common mocks. */
import type { Mock } from "../../simulator";

/** A definition with a Request trigger and the given actions (and optional extra top-level fields). */
export function def(actions: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
    contentVersion: "1.0.0.0",
    triggers: { manual: { type: "Request", kind: "Http", inputs: { schema: {} } } },
    actions,
    ...extra,
  };
}

/** `@parameters('$connections')['<key>']['connectionId']` host block. */
export function host(key: string): Record<string, unknown> {
  return { connection: { name: `@parameters('$connections')['${key}']['connectionId']` } };
}

/** An ApiConnection action. */
export function api(key: string, method: string, path: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  const { runAfter, body, retryPolicy, ...rest } = more;
  return {
    type: "ApiConnection",
    inputs: { host: host(key), method, path, ...(body !== undefined ? { body } : {}), ...(retryPolicy !== undefined ? { retryPolicy } : {}) },
    runAfter: runAfter ?? {},
    ...rest,
  };
}

/** A Compose action. */
export function compose(inputs: unknown, runAfter: Record<string, string[]> = {}): Record<string, unknown> {
  return { type: "Compose", inputs, runAfter };
}

/** Answer every call with one status. */
export function anyCall(status: number, body?: unknown): Mock[] {
  return [
    { connector: "wdatp", response: { status, body } },
    { http: {}, response: { status, body } },
  ];
}

/** The error `fn` throws, checked to be a `type` (a test fails when it throws nothing or something else). */
export function thrown<E extends Error>(type: new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}
