/**
 * The operations client against a faulty Resource Manager: every misbehaviour ends in an `OpsLimitError` with a
 * code and a sentence, quickly, instead of a hang, an endless listing or a crash.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run as runStatus } from "../../cli/commands/status";
import { createLogicClient, type AzureConnection } from "../../ops/client";
import { DEFAULT_OPS_LIMITS, OpsLimitError, type OpsLimits } from "../../ops/limits";
import { listRuns, workflowNames } from "../../ops/runs";
import { validateRemotely } from "../../ops/remote-validate";
import { builtWorkflows } from "../../ops/targets";
import { FakeArm } from "./fake-arm";
import { ENV, ENV_ROOT, fakeConnection, RESOURCE_GROUP } from "./support";

const fake = new FakeArm(undefined, [RESOURCE_GROUP]);
beforeAll(async () => {
  await fake.start();
  for (const name of ["wf-a", "wf-b", "wf-c", "wf-d", "wf-e"]) fake.deploy(RESOURCE_GROUP, name, { definition: { triggers: {}, actions: {} } });
  fake.runs.set("wf-a", [1, 2, 3, 4, 5, 6].map((i) => ({ name: `run-${i}`, status: "Succeeded" as const, startTime: "2025-03-03T00:00:00Z", endTime: "2025-03-03T00:00:01Z" })));
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.fault = undefined;
  fake.requests.length = 0;
  fake.runsPageSize = 2;
});

const connection = (limits: Partial<OpsLimits> = {}, maxRetries = 0): AzureConnection => ({ ...fakeConnection(fake), maxRetries, limits });
const client = (limits: Partial<OpsLimits> = {}, maxRetries = 0) => createLogicClient(connection(limits, maxRetries));

async function failure(promise: Promise<unknown>): Promise<OpsLimitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpsLimitError);
  return error as OpsLimitError;
}

describe("operations limits", () => {
  it("has defaults far above what Resource Manager sends", () => {
    expect(DEFAULT_OPS_LIMITS).toEqual({ requestTimeoutMs: 60_000, maxRetryAfterSeconds: 120, maxResponseBytes: 50 * 1024 * 1024, maxPages: 1000, maxItems: 100_000 });
    expect(() => client({ maxPages: 0 })).toThrow(/maxPages must be a positive number/);
  });

  it("a server that never answers: request-timeout, at the headers and in the middle of the body", async () => {
    for (const stage of ["headers", "body"] as const) {
      fake.fault = { kind: "hang", stage };
      const started = Date.now();
      const e = await failure(workflowNames(client({ requestTimeoutMs: 300 }), RESOURCE_GROUP, fake.endpoint));
      expect(e.code).toBe("request-timeout");
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe(
        `Azure Resource Manager did not answer GET /subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/workflows within 0.3 s; check the network and the endpoint, then try again (request-timeout)`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it("a Retry-After of 100000 s (or a date years ahead) is refused, not slept through, and not retried", async () => {
    for (const seconds of ["100000", "Fri, 31 Dec 2100 23:59:59 GMT"]) {
      fake.fault = { kind: "retry-after", seconds };
      fake.requests.length = 0;
      const e = await failure(workflowNames(client({}, 3), RESOURCE_GROUP, fake.endpoint));
      expect(e.code).toBe("retry-after-too-long");
      expect(e.message).toMatch(/answered GET \/subscriptions\/.+\/workflows with 429 and asked to retry after \d+ s, longer than the 120 s this command waits; try again later \(retry-after-too-long\)$/);
      expect(fake.requests).toHaveLength(1);
    }
  });

  it("a Retry-After under the cap is the service's answer as before (no limit error)", async () => {
    fake.fault = { kind: "retry-after", seconds: "1" };
    const error = await workflowNames(client(), RESOURCE_GROUP, fake.endpoint).catch((e: Error) => e);
    expect(error).not.toBeInstanceOf(OpsLimitError);
    expect((error as Error).message).toMatch(/Azure answered 429 TooManyRequests/);
  });

  it("a nextLink that points at its own page: repeated-next-link after two requests", async () => {
    fake.fault = { kind: "self-next-link" };
    const e = await failure(listRuns(client(), RESOURCE_GROUP, ["wf-a"], 10, fake.endpoint));
    expect(e.code).toBe("repeated-next-link");
    expect(e.message).toBe(
      `listing the runs of wf-a: Azure Resource Manager sent the nextLink /subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/workflows/wf-a/runs a second time, so the listing would never end (repeated-next-link)`,
    );
    expect(fake.requests).toHaveLength(2);
  });

  it("listings stop at the page and item caps", async () => {
    fake.runsPageSize = 1;
    const pages = await failure(listRuns(client({ maxPages: 3 }), RESOURCE_GROUP, ["wf-a"], 6, fake.endpoint));
    expect(pages.code).toBe("too-many-pages");
    expect(pages.message).toBe("listing the runs of wf-a passed 3 pages; Azure Resource Manager kept sending a nextLink (too-many-pages)");
    const items = await failure(workflowNames(client({ maxItems: 3 }), RESOURCE_GROUP, fake.endpoint));
    expect(items.message).toBe(`listing the workflows of resource group ${RESOURCE_GROUP} passed 3 items (too-many-items)`);
    // Under the caps the same listings are read whole.
    expect((await listRuns(client({ maxPages: 6 }), RESOURCE_GROUP, ["wf-a"], 6, fake.endpoint))[0]!.runs).toHaveLength(6);
    expect(await workflowNames(client({ maxItems: 5 }), RESOURCE_GROUP, fake.endpoint)).toEqual(["wf-a", "wf-b", "wf-c", "wf-d", "wf-e"]);
  });

  it("an oversized body is refused while it streams (with or without Content-Length), not buffered", async () => {
    for (const contentLength of [true, false]) {
      fake.fault = { kind: "huge-body", bytes: 8 * 1024 * 1024, contentLength };
      const e = await failure(workflowNames(client({ maxResponseBytes: 1024 * 1024 }), RESOURCE_GROUP, fake.endpoint));
      expect(e.code).toBe("response-too-large");
      expect(e.message).toBe(
        `Azure Resource Manager answered GET /subscriptions/${fake.subscription}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Logic/workflows with more than 1 MB; refusing to read it (response-too-large)`,
      );
    }
    // A body under the cap is read as before.
    fake.fault = { kind: "huge-body", bytes: 512 * 1024, contentLength: false };
    expect(await workflowNames(client({ maxResponseBytes: 1024 * 1024 }), RESOURCE_GROUP, fake.endpoint)).toEqual([]);
  });

  it("status and validate --remote are bounded too (the error is the command's UserError, no stack trace)", async () => {
    fake.fault = { kind: "hang", stage: "headers" };
    const status = runStatus({ subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, env: ENV }, { connection: connection({ requestTimeoutMs: 200 }), root: ENV_ROOT, stdout: () => undefined });
    expect((await failure(status)).code).toBe("request-timeout");
    const workflows = builtWorkflows(ENV, ENV_ROOT);
    fake.fault = { kind: "huge-body", bytes: 4 * 1024 * 1024, contentLength: false };
    const remote = validateRemotely(client({ maxResponseBytes: 1024 * 1024 }), { subscription: fake.subscription, resourceGroup: RESOURCE_GROUP, location: "westeurope" }, workflows, fake.endpoint);
    expect((await failure(remote)).code).toBe("response-too-large");
  });
});
