/**
 * `retryPolicy` on simulated time. The service picks exponential intervals at random inside a range
 * (retry n: between 2^(n-2)·interval and 2^(n-1)·interval, clamped to [minimumInterval, maximumInterval]);
 * the simulator always takes the top of the range, so runs are deterministic and durations are worst cases.
 */
import { isObject } from "../wdl/walk";
import { parseDuration } from "./duration";

/** A retry policy, resolved. */
export interface Retry {
  /** Retries after the first attempt. */
  count: number;
  /** Delay before retry `n` (1-based), in ms. */
  delay(n: number): number;
}

const SECOND = 1000;

/** The default policy: exponential, 4 retries, interval 7.5 s, clamped to 5–45 s. */
export const DEFAULT_RETRY: Retry = exponential(4, 7.5 * SECOND, 5 * SECOND, 45 * SECOND);

function exponential(count: number, interval: number, min: number, max: number): Retry {
  return { count, delay: (n) => Math.min(Math.max(2 ** (n - 1) * interval, min), max) };
}

/** Resolve an evaluated `retryPolicy`; a string describes what is wrong with it. */
export function resolveRetry(policy: unknown): Retry | string {
  if (policy === undefined || policy === null) return DEFAULT_RETRY;
  if (!isObject(policy) || typeof policy.type !== "string") return "A retryPolicy needs a 'type': none, default, fixed or exponential.";
  const type = policy.type.toLowerCase();
  if (type === "default") return DEFAULT_RETRY;
  if (type === "none") return { count: 0, delay: () => 0 };
  const count = policy.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 90) return `The retryPolicy 'count' must be an integer from 1 to 90; got ${JSON.stringify(count)}.`;
  const interval = parseDuration(policy.interval);
  if (interval === undefined) return `The retryPolicy 'interval' must be an ISO 8601 duration such as 'PT10S'; got ${JSON.stringify(policy.interval)}.`;
  if (type === "fixed") return { count, delay: () => interval };
  if (type === "exponential") {
    const min = policy.minimumInterval === undefined ? 5 * SECOND : parseDuration(policy.minimumInterval);
    const max = policy.maximumInterval === undefined ? 24 * 3600 * SECOND : parseDuration(policy.maximumInterval);
    if (min === undefined || max === undefined) return "The retryPolicy 'minimumInterval' and 'maximumInterval' must be ISO 8601 durations.";
    return exponential(count, interval, min, max);
  }
  return `Unknown retryPolicy type '${policy.type}' (use none, default, fixed or exponential).`;
}

/** Statuses the service retries: 408, 429 and 5xx. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

const NAMES: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "NonAuthoritativeInformation",
  204: "NoContent",
  206: "PartialContent",
  301: "MovedPermanently",
  302: "Found",
  304: "NotModified",
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  408: "RequestTimeout",
  409: "Conflict",
  410: "Gone",
  412: "PreconditionFailed",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "UnprocessableEntity",
  429: "TooManyRequests",
  500: "InternalServerError",
  501: "NotImplemented",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/** The status code's name, as run history shows it in `code` (`201` → `Created`). */
export function statusName(status: number): string {
  return NAMES[status] ?? String(status);
}
