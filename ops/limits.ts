/**
 * Bounds on every conversation with Azure Resource Manager, so a slow, throttling or faulty server ends a command
 * with a clear error instead of a hang or a crash: a timeout per request (connection, headers and body), the
 * longest `Retry-After` honoured, the largest response body, and the pages and items one listing may take.
 */
import { AzureOperationError } from "./errors";

/** Limits of the operations client; every field has a default far above what Resource Manager sends. */
export interface OpsLimits {
  /** Milliseconds one request may take, body included; default 60,000. */
  requestTimeoutMs: number;
  /** Longest `Retry-After` waited for, in seconds; default 120. A longer one fails instead of sleeping. */
  maxRetryAfterSeconds: number;
  /** Largest response body in bytes; default 50 MB (a Resource Manager page is a few MB at most). */
  maxResponseBytes: number;
  /** Pages one listing may follow through `nextLink`; default 1,000. */
  maxPages: number;
  /** Items one listing may return; default 100,000. */
  maxItems: number;
}

/** The defaults. */
export const DEFAULT_OPS_LIMITS: Readonly<OpsLimits> = Object.freeze({
  requestTimeoutMs: 60_000,
  maxRetryAfterSeconds: 120,
  maxResponseBytes: 50 * 1024 * 1024,
  maxPages: 1000,
  maxItems: 100_000,
});

/** The limit a `OpsLimitError` reports. */
export type OpsLimitCode = "request-timeout" | "retry-after-too-long" | "response-too-large" | "repeated-next-link" | "too-many-pages" | "too-many-items";

/** A server that passed one of the limits: an `AzureOperationError` (exit 2, no stack trace) with a stable code. */
export class OpsLimitError extends AzureOperationError {
  override readonly name: string = "OpsLimitError";
  constructor(
    readonly code: OpsLimitCode,
    message: string,
  ) {
    super(`${message} (${code})`);
  }
}

/** Limits with defaults filled in; throws on a value that is not a positive number. */
export function resolveLimits(given: Partial<OpsLimits> = {}): OpsLimits {
  const out = { ...DEFAULT_OPS_LIMITS };
  for (const [key, value] of Object.entries(given) as [keyof OpsLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_OPS_LIMITS)) throw new TypeError(`unknown operations limit '${key}'`);
    if (typeof value !== "number" || !(value > 0)) throw new TypeError(`operations limit ${key} must be a positive number, not ${String(value)}`);
    out[key] = value;
  }
  return out;
}

/** "1.5 s", "120 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** "50 MB", "1 MB", "2048 bytes". */
export function size(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}
