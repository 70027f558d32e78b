/**
 * Mock matching. A mock names a call (managed API + method + path pattern, Http method + URI pattern,
 * function id, workflow id, or an action name) and answers with a response, a sequence of responses, or a
 * function of the request. Patterns accept `{name}` (one segment, captured), `*` (part of one segment; a
 * trailing `*` matches the rest, slashes included) and `**` (anything). Matching is case-insensitive and runs on
 * the URL-decoded path or URI (the query string is ignored unless the pattern has a `?`), in time proportional to
 * pattern × subject length: no pattern backtracks.
 */
import { isObject } from "../wdl/walk";
import { parseDuration } from "./duration";
import { refuseTooDeep, SimulationError } from "./errors";
import type { Mock, MockReply, MockRequest, MockResponse } from "./types";

/** One step of a compiled pattern: a literal character, a wildcard within a segment (`*`, `{name}`), or a wildcard across segments (`**`, a trailing `*`). */
type Token = { kind: "char"; lower: string } | { kind: "segment"; capture?: number } | { kind: "any" };

/** A compiled path/URI pattern. */
export interface Pattern {
  source: string;
  tokens: Token[];
  names: string[];
  hasQuery: boolean;
}

const patternCache = new Map<string, Pattern>();

/** Compile a pattern (cached). */
export function compilePattern(source: string): Pattern {
  let hit = patternCache.get(source);
  if (hit) return hit;
  const names: string[] = [];
  const tokens: Token[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "{") {
      const close = source.indexOf("}", i);
      if (close > i) {
        tokens.push({ kind: "segment", capture: names.length });
        names.push(source.slice(i + 1, close));
        i = close;
        continue;
      }
    }
    if (ch === "*") {
      if (source[i + 1] === "*") {
        tokens.push({ kind: "any" });
        i++;
      } else {
        tokens.push(i === source.length - 1 ? { kind: "any" } : { kind: "segment" });
      }
      continue;
    }
    tokens.push({ kind: "char", lower: ch.toLowerCase() });
  }
  hit = { source, tokens, names, hasQuery: source.includes("?") };
  if (patternCache.size > 10_000) patternCache.clear();
  patternCache.set(source, hit);
  return hit;
}

/** A matching thread: the token it is at and the `[start, end)` offsets of each capture so far. */
interface Thread {
  at: number;
  spans: number[];
}

/**
 * Anchored match of the tokens against the whole text with a regex's meaning (wildcards greedy, the first
 * alternative wins), computed by stepping every live thread over the text at once (a Pike VM): time is
 * O(tokens × text) for any pattern, so no pattern can make matching backtrack exponentially.
 */
function runTokens(tokens: Token[], captures: number, text: string): number[] | undefined {
  let seen = new Uint8Array(tokens.length + 1);
  // Add a thread and what it reaches without consuming, in priority order: staying in a wildcard before leaving it.
  const add = (list: Thread[], at: number, spans: number[], pos: number, entering: boolean): void => {
    if (seen[at]) return;
    seen[at] = 1;
    const token = tokens[at];
    let own = spans;
    if (entering && token?.kind === "segment" && token.capture !== undefined) {
      own = spans.slice();
      own[2 * token.capture] = pos;
      own[2 * token.capture + 1] = pos;
    }
    list.push({ at, spans: own });
    if (token !== undefined && token.kind !== "char") add(list, at + 1, own, pos, true);
  };
  let threads: Thread[] = [];
  add(threads, 0, new Array<number>(2 * captures).fill(0), 0, true);
  for (let pos = 0; pos < text.length && threads.length; pos++) {
    const ch = text[pos]!;
    const lower = ch.toLowerCase();
    const next: Thread[] = [];
    seen = new Uint8Array(tokens.length + 1);
    for (const t of threads) {
      const token = tokens[t.at];
      if (token === undefined) continue;
      if (token.kind === "char") {
        if (token.lower === lower) add(next, t.at + 1, t.spans, pos + 1, true);
      } else if (token.kind === "any" || ch !== "/") {
        let spans = t.spans;
        if (token.kind === "segment" && token.capture !== undefined) {
          spans = spans.slice();
          spans[2 * token.capture + 1] = pos + 1;
        }
        add(next, t.at, spans, pos + 1, false);
      }
    }
    threads = next;
  }
  return threads.find((t) => t.at === tokens.length)?.spans;
}

/** Stands for a `/` that was percent-encoded inside one segment, so it does not split segments when matching. */
const ENCODED_SLASH = "\u0001";

/** URL-decode each `/`-separated segment (a segment that is not valid percent-encoding stays as it is). */
export function decodeSegments(text: string): string {
  if (!text.includes("%")) return text;
  return text
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, ENCODED_SLASH);
      } catch {
        return segment;
      }
    })
    .join("/");
}

/** Match a path or URI against a pattern; the captured `{name}` values (URL-decoded), or undefined. */
export function matchPattern(pattern: Pattern, subject: string): Record<string, string> | undefined {
  let text = subject;
  if (!pattern.hasQuery) {
    const q = text.indexOf("?");
    if (q >= 0) text = text.slice(0, q);
  }
  const decoded = decodeSegments(text);
  const spans = runTokens(pattern.tokens, pattern.names.length, decoded);
  if (!spans) return undefined;
  const params: Record<string, string> = {};
  pattern.names.forEach((name, i) => {
    params[name] = decoded.slice(spans[2 * i], spans[2 * i + 1]).split(ENCODED_SLASH).join("/");
  });
  return params;
}

/** A call as the matcher sees it. */
export interface CallSite {
  kind: MockRequest["kind"];
  action: string;
  connector?: string;
  operation?: string;
  method: string;
  path?: string;
  uri?: string;
  /** Workflow actions: the trigger name. */
  trigger?: string;
}

/** A validated mock. */
export interface NormalizedMock {
  /** The entry it was made from (to notice a list changed since it was cached). */
  source: unknown;
  index: number;
  kind: MockRequest["kind"] | "action";
  action?: string;
  connector?: string;
  operation?: string;
  method?: string;
  trigger?: string;
  pattern?: Pattern;
  replies: MockReply[];
}

const normalizedCache = new WeakMap<readonly Mock[], NormalizedMock[]>();

/** Validate and compile a mock list (cached by array identity). Throws `SimulationError` naming the bad entry. */
export function normalizeMocks(mocks: readonly Mock[] | undefined): NormalizedMock[] {
  if (mocks === undefined) return [];
  if (!Array.isArray(mocks)) throw new SimulationError("InvalidMock", "Mocks must be an array of mock entries.");
  const hit = normalizedCache.get(mocks);
  // The cache is by array identity; a list edited in place since then is validated again.
  if (hit && hit.length === mocks.length && hit.every((n, i) => n.source === mocks[i])) return hit;
  const out = mocks.map((m, i) => normalizeOne(m, i));
  normalizedCache.set(mocks, out);
  return out;
}

const KINDS = ["connector", "http", "function", "workflow", "serviceProvider"] as const;
const ALLOWED_KEYS = new Set(["connector", "method", "path", "operation", "http", "function", "workflow", "serviceProvider", "action", "response", "responses"]);

function bad(index: number, message: string): never {
  throw new SimulationError("InvalidMock", `Mock ${index}: ${message}`);
}

function optString(index: number, where: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") bad(index, `'${where}' must be a string.`);
  return value;
}

function normalizeOne(mock: unknown, index: number): NormalizedMock {
  if (!isObject(mock)) bad(index, "a mock must be an object such as {\"connector\":\"wdatp\",\"method\":\"post\",\"path\":\"/api/machines/{id}/isolate\",\"response\":{\"status\":201}}.");
  for (const key of Object.keys(mock)) {
    if (!ALLOWED_KEYS.has(key)) bad(index, `unknown key '${key}' (allowed: ${[...ALLOWED_KEYS].join(", ")}).`);
  }
  const kinds = KINDS.filter((k) => mock[k] !== undefined);
  if (kinds.length > 1) bad(index, `use only one of ${kinds.map((k) => `'${k}'`).join(", ")}.`);
  const action = optString(index, "action", mock.action);
  if (kinds.length === 0 && action === undefined) bad(index, "say which call it answers: 'connector', 'http', 'function', 'workflow', 'serviceProvider' or 'action'.");
  const replies = normalizeReplies(mock, index);
  const base = { source: mock, index, replies, action: action?.toLowerCase() };
  const kind = kinds[0];
  if (kind === undefined) {
    if (mock.method !== undefined || mock.path !== undefined || mock.operation !== undefined) bad(index, "'method', 'path' and 'operation' go with 'connector'.");
    return { ...base, kind: "action" };
  }
  if (kind === "connector") {
    const connector = optString(index, "connector", mock.connector)!;
    const path = optString(index, "path", mock.path);
    return {
      ...base,
      kind,
      // "*" answers any managed API.
      connector: connector === "*" ? undefined : connector.toLowerCase(),
      method: optString(index, "method", mock.method)?.toLowerCase(),
      operation: optString(index, "operation", mock.operation)?.toLowerCase(),
      pattern: path === undefined ? undefined : compilePattern(path),
    };
  }
  if (mock.method !== undefined || mock.path !== undefined || mock.operation !== undefined) bad(index, `'method', 'path' and 'operation' go with 'connector'; for '${kind}' put them inside the '${kind}' object.`);
  const spec = mock[kind];
  if (!isObject(spec)) bad(index, `'${kind}' must be an object.`);
  if (kind === "http") {
    for (const key of Object.keys(spec)) if (key !== "method" && key !== "uri") bad(index, `unknown key 'http.${key}' (allowed: method, uri).`);
    const uri = optString(index, "http.uri", spec.uri);
    return { ...base, kind, method: optString(index, "http.method", spec.method)?.toLowerCase(), pattern: uri === undefined ? undefined : compilePattern(uri) };
  }
  if (kind === "function") {
    for (const key of Object.keys(spec)) if (key !== "method" && key !== "id") bad(index, `unknown key 'function.${key}' (allowed: id, method).`);
    const id = optString(index, "function.id", spec.id);
    return { ...base, kind, method: optString(index, "function.method", spec.method)?.toLowerCase(), pattern: id === undefined ? undefined : compilePattern(id) };
  }
  if (kind === "serviceProvider") {
    for (const key of Object.keys(spec)) if (key !== "id" && key !== "operation") bad(index, `unknown key 'serviceProvider.${key}' (allowed: id, operation).`);
    const id = optString(index, "serviceProvider.id", spec.id);
    return { ...base, kind, operation: optString(index, "serviceProvider.operation", spec.operation)?.toLowerCase(), pattern: id === undefined ? undefined : compilePattern(id) };
  }
  for (const key of Object.keys(spec)) if (key !== "id" && key !== "trigger") bad(index, `unknown key 'workflow.${key}' (allowed: id, trigger).`);
  const id = optString(index, "workflow.id", spec.id);
  return { ...base, kind, trigger: optString(index, "workflow.trigger", spec.trigger)?.toLowerCase(), pattern: id === undefined ? undefined : compilePattern(id) };
}

function normalizeReplies(mock: Record<string, unknown>, index: number): MockReply[] {
  if (mock.response !== undefined && mock.responses !== undefined) bad(index, "give 'response' or 'responses', not both.");
  if (mock.response !== undefined) return [checkReply(mock.response, index, "response")];
  if (mock.responses !== undefined) {
    if (!Array.isArray(mock.responses) || mock.responses.length === 0) bad(index, "'responses' must be a non-empty array (call n gets entry n; the last one repeats).");
    return mock.responses.map((r, i) => checkReply(r, index, `responses[${i}]`));
  }
  return bad(index, "add a 'response' such as {\"status\":200,\"body\":{}} (or 'responses' for a sequence).");
}

function checkReply(reply: unknown, index: number, where: string): MockReply {
  if (typeof reply === "function") return reply as MockReply;
  return checkResponse(reply, `Mock ${index}: '${where}'`);
}

const RESPONSE_KEYS = new Set(["status", "body", "headers", "delay", "timedOut"]);

/** Check a response object (from a file or returned by a handler). */
export function checkResponse(response: unknown, where: string): MockResponse {
  const fail = (message: string): never => {
    throw new SimulationError("InvalidMock", `${where} ${message}`);
  };
  if (!isObject(response)) return fail("must be an object such as {\"status\":200,\"body\":{}}.");
  refuseTooDeep(response, "InvalidMock", where);
  for (const key of Object.keys(response)) if (!RESPONSE_KEYS.has(key)) fail(`has an unknown key '${key}' (allowed: status, body, headers, delay, timedOut).`);
  if (response.timedOut !== undefined && typeof response.timedOut !== "boolean") fail("'timedOut' must be true or false.");
  if (response.timedOut !== true) {
    const status = response.status;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) fail("needs an integer 'status' between 100 and 599.");
  }
  if (response.headers !== undefined && !isObject(response.headers)) fail("'headers' must be an object.");
  if (response.delay !== undefined) {
    const ok = typeof response.delay === "number" ? response.delay >= 0 : parseDuration(response.delay) !== undefined;
    if (!ok) fail("'delay' must be an ISO 8601 duration such as 'PT30S' or a number of milliseconds.");
  }
  return response as unknown as MockResponse;
}

/** The first mock that matches a call, with its captured path parameters. */
export function findMock(mocks: NormalizedMock[], call: CallSite): { mock: NormalizedMock; pathParams: Record<string, string> } | undefined {
  const action = call.action.toLowerCase();
  for (const mock of mocks) {
    if (mock.action !== undefined && mock.action !== action) continue;
    if (mock.kind === "action") return { mock, pathParams: {} };
    if (mock.kind !== call.kind) continue;
    if (mock.connector !== undefined && mock.connector !== call.connector) continue;
    if (mock.operation !== undefined && mock.operation !== call.operation?.toLowerCase()) continue;
    if (mock.method !== undefined && mock.method !== call.method.toLowerCase()) continue;
    if (mock.trigger !== undefined && mock.trigger !== call.trigger?.toLowerCase()) continue;
    let pathParams: Record<string, string> = {};
    if (mock.pattern) {
      const subject = call.kind === "connector" ? call.path : call.uri;
      const m = subject === undefined ? undefined : matchPattern(mock.pattern, subject);
      if (!m) continue;
      pathParams = m;
    }
    return { mock, pathParams };
  }
  return undefined;
}

/** Describe a call for messages: `wdatp post /api/machines/1/isolate`, `Http POST https://…`. */
export function describeCall(call: CallSite): string {
  switch (call.kind) {
    case "connector":
      return call.operation !== undefined
        ? `${call.connector} operation ${call.operation}`
        : `${call.connector} ${call.method} ${call.path ?? ""}`;
    case "http":
      return `Http ${call.method} ${call.uri ?? ""}`;
    case "function":
      return `Function ${call.method} ${call.uri ?? ""}`;
    case "workflow":
      return `Workflow ${call.uri ?? ""} (trigger ${call.trigger ?? "?"})`;
    case "serviceProvider":
      return `service provider ${call.uri ?? ""} operation ${call.operation ?? ""}`;
  }
}

/** A mock entry that would answer a call, as JSON, for the UnmockedCall message. */
export function suggestMock(call: CallSite): string {
  switch (call.kind) {
    case "connector":
      return call.operation !== undefined
        ? JSON.stringify({ connector: call.connector, operation: call.operation, response: { status: 200, body: {} } })
        : JSON.stringify({ connector: call.connector, method: call.method, path: decodeSegments((call.path ?? "").split("?")[0]!).split(ENCODED_SLASH).join("%2F"), response: { status: 200, body: {} } });
    case "http":
      return JSON.stringify({ http: { method: call.method, uri: (call.uri ?? "").split("?")[0] }, response: { status: 200, body: {} } });
    case "function":
      return JSON.stringify({ action: call.action, response: { status: 200, body: {} } });
    case "workflow":
      return JSON.stringify({ action: call.action, response: { status: 200, body: {} } });
    case "serviceProvider":
      return JSON.stringify({ serviceProvider: { id: call.uri, operation: call.operation }, response: { status: 200, body: {} } });
  }
}
