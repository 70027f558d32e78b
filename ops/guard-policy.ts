/**
 * A pipeline policy next to the transport that keeps each request inside the operations limits: a timer over the
 * whole request (the SDK's own timeout stops when the headers arrive, so a stalled body would hang), a refusal of
 * a `Retry-After` longer than the cap (the SDK would sleep for any value), and a body read from the stream with a
 * byte cap (the SDK buffers any size into one string and crashes past V8's limit). Errors are `OpsLimitError`,
 * which the retry policy passes through untouched (it only retries `RestError`s).
 */
import type { PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from "@azure/core-rest-pipeline";
import { OpsLimitError, seconds, size, type OpsLimits } from "./limits";

/** Every status: the body is always read here, under the cap. */
const ANY_STATUS = new Set([Number.POSITIVE_INFINITY]);

/** Method and path of a request, without the query (which holds nothing the user needs). */
function describe(request: PipelineRequest): string {
  try {
    return `${request.method} ${new URL(request.url).pathname}`;
  } catch {
    return request.method;
  }
}

/** Milliseconds a throttling answer asks to wait, as the SDK's throttling strategy reads it; undefined when none. */
export function retryAfterMs(response: PipelineResponse, now = Date.now()): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  for (const [header, factor] of [["retry-after-ms", 1], ["x-ms-retry-after-ms", 1], ["retry-after", 1000]] as const) {
    const text = response.headers.get(header);
    if (text === undefined) continue;
    const n = Number(text);
    if (text.trim() !== "" && Number.isFinite(n)) return n * factor;
    if (header === "retry-after") {
      const date = Date.parse(text);
      if (Number.isFinite(date)) return Math.max(0, date - now);
    }
  }
  return undefined;
}

async function readCapped(stream: NodeJS.ReadableStream, request: PipelineRequest, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > max) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw tooLarge(request, max);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(request: PipelineRequest, max: number): OpsLimitError {
  return new OpsLimitError("response-too-large", `Azure Resource Manager answered ${describe(request)} with more than ${size(max)}; refusing to read it`);
}

/** The policy; add it with `{afterPhase: "Sign"}` so it wraps the transport alone. */
export function guardPolicy(limits: OpsLimits): PipelinePolicy {
  return {
    name: "playbookKitLimits",
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const controller = new AbortController();
      const outer = request.abortSignal;
      const forward = () => controller.abort();
      if (outer?.aborted) controller.abort();
      outer?.addEventListener("abort", forward);
      let timedOut = false;
      let stream: (NodeJS.ReadableStream & { destroy?: (error?: Error) => void }) | undefined;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        stream?.destroy?.(new Error("request timed out"));
      }, limits.requestTimeoutMs);
      const streamCodes = request.streamResponseStatusCodes;
      const abortSignal = request.abortSignal;
      request.streamResponseStatusCodes = ANY_STATUS;
      request.abortSignal = controller.signal;
      try {
        const response = await next(request);
        // Restore what the deserialisation policy reads: it parses bodyAsText unless the caller asked for a stream.
        request.streamResponseStatusCodes = streamCodes;
        request.abortSignal = abortSignal;
        stream = response.readableStreamBody;
        const wait = retryAfterMs(response);
        if (wait !== undefined && wait > limits.maxRetryAfterSeconds * 1000) {
          stream?.destroy?.();
          throw new OpsLimitError(
            "retry-after-too-long",
            `Azure Resource Manager answered ${describe(request)} with ${response.status} and asked to retry after ${Math.ceil(wait / 1000)} s, longer than the ${seconds(limits.maxRetryAfterSeconds * 1000)} this command waits; try again later`,
          );
        }
        const declared = Number(response.headers.get("content-length"));
        if (Number.isFinite(declared) && declared > limits.maxResponseBytes) {
          stream?.destroy?.();
          throw tooLarge(request, limits.maxResponseBytes);
        }
        if (stream && !streamCodes?.has(response.status) && !streamCodes?.has(Number.POSITIVE_INFINITY)) {
          response.bodyAsText = await readCapped(stream, request, limits.maxResponseBytes);
          delete response.readableStreamBody;
        }
        return response;
      } catch (error) {
        if (timedOut && !(error instanceof OpsLimitError)) {
          throw new OpsLimitError("request-timeout", `Azure Resource Manager did not answer ${describe(request)} within ${seconds(limits.requestTimeoutMs)}; check the network and the endpoint, then try again`);
        }
        throw error;
      } finally {
        clearTimeout(timer);
        request.streamResponseStatusCodes = streamCodes;
        request.abortSignal = abortSignal;
        outer?.removeEventListener("abort", forward);
      }
    },
  };
}
