import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run as runRuns } from "../../cli/commands/runs";
import { UserError } from "../../errors";
import { FakeArm, type FakeRun } from "./fake-arm";
import { fakeConnection } from "./support";

const RG = "rg-mde-playbooks-dev";
const fake = new FakeArm(undefined, [RG]);

/** A failed isolation run as the service records it: the root cause, the containers that failed because of it, the handler that ran. */
const failedRun: FakeRun = {
  name: "08584700000000000000000000002CU11",
  status: "Failed",
  startTime: "2025-03-03T02:00:00.1000000Z",
  endTime: "2025-03-03T02:00:12.6000000Z",
  error: { code: "IsolationFailed", message: "Isolation of 4f1c failed for alert da637." },
  actions: [
    { name: "Get_alert", status: "Succeeded", startTime: "2025-03-03T02:00:00.2Z", endTime: "2025-03-03T02:00:01.0Z" },
    {
      name: "Severity_is_High",
      status: "Failed",
      startTime: "2025-03-03T02:00:01.1Z",
      endTime: "2025-03-03T02:00:12.5Z",
      code: "ActionFailed",
      error: { code: "ActionFailed", message: "An action failed. No dependent actions succeeded." },
    },
    { name: "Get_machine", status: "Succeeded", startTime: "2025-03-03T02:00:01.2Z", endTime: "2025-03-03T02:00:02.0Z" },
    {
      name: "Device_is_excluded",
      status: "Failed",
      startTime: "2025-03-03T02:00:02.1Z",
      endTime: "2025-03-03T02:00:12.4Z",
      code: "ActionFailed",
      error: { code: "ActionFailed", message: "An action failed. No dependent actions succeeded." },
    },
    {
      name: "Isolate_machine",
      status: "Failed",
      startTime: "2025-03-03T02:00:02.2Z",
      endTime: "2025-03-03T02:00:03.0Z",
      code: "BadRequest",
      error: { code: "BadRequest", message: "Action is already in progress" },
    },
    { name: "Notify_isolated", status: "Skipped", startTime: "2025-03-03T02:00:03.1Z", endTime: "2025-03-03T02:00:03.1Z" },
    { name: "Notify_isolation_failed", status: "Succeeded", startTime: "2025-03-03T02:00:03.2Z", endTime: "2025-03-03T02:00:04.0Z" },
  ],
};

beforeAll(async () => {
  await fake.start();
  fake.deploy(RG, "isolate-on-high-severity-dev", { definition: { triggers: {}, actions: {} } });
  fake.deploy(RG, "scheduled-advanced-hunting-dev", { definition: { triggers: {}, actions: {} } });
  fake.runs.set("isolate-on-high-severity-dev", [
    { name: "08584700000000000000000000003CU11", status: "Running", startTime: "2025-03-03T03:00:00.0000000Z" },
    failedRun,
    { name: "08584700000000000000000000001CU11", status: "Succeeded", startTime: "2025-03-03T01:00:00.0000000Z", endTime: "2025-03-03T01:00:02.5000000Z" },
    { name: "08584700000000000000000000000CU11", status: "Succeeded", startTime: "2025-03-03T00:00:00.0000000Z", endTime: "2025-03-03T00:01:05.0000000Z" },
    { name: "08584699999999999999999999999CU11", status: "Succeeded", startTime: "2025-03-02T23:00:00.0000000Z", endTime: "2025-03-02T23:00:01.0000000Z" },
  ]);
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
});

async function runs(options: { workflow?: string; top?: string; format?: string }) {
  let out = "";
  const code = await runRuns({ subscription: fake.subscription, resourceGroup: RG, ...options }, { connection: fakeConnection(fake), stdout: (t) => (out += t) });
  return { code, out };
}

describe("runs against the fake ARM server", () => {
  it("follows nextLink pages up to --top and names the failing action with its error", async () => {
    const { code, out } = await runs({ workflow: "isolate-on-high-severity-dev", top: "4", format: "json" });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { workflows: { workflow: string; runs: Record<string, unknown>[] }[] };
    const list = json.workflows[0]!.runs;
    expect(list.map((r) => [r.name, r.status])).toEqual([
      ["08584700000000000000000000003CU11", "Running"],
      ["08584700000000000000000000002CU11", "Failed"],
      ["08584700000000000000000000001CU11", "Succeeded"],
      ["08584700000000000000000000000CU11", "Succeeded"],
    ]);
    expect(list[0]).toEqual({ name: "08584700000000000000000000003CU11", status: "Running", startTime: "2025-03-03T03:00:00.000Z" });
    expect(list[1]).toEqual({
      name: "08584700000000000000000000002CU11",
      status: "Failed",
      startTime: "2025-03-03T02:00:00.100Z",
      endTime: "2025-03-03T02:00:12.600Z",
      durationSeconds: 12.5,
      error: { code: "IsolationFailed", message: "Isolation of 4f1c failed for alert da637." },
      failedAction: { action: "Isolate_machine", status: "Failed", code: "BadRequest", message: "Action is already in progress" },
      otherFailedActions: ["Device_is_excluded", "Severity_is_High"],
    });
    expect(list[3]!.durationSeconds).toBe(65);
    // Two pages of runs (page size 2, the second through nextLink), and the actions of the failed run only, in three pages.
    const paths = fake.requests.map((r) => `${r.path.replace(/^.*\/workflows\//, "")}${r.query.$skiptoken ? ` skip=${r.query.$skiptoken}` : ""}${r.query.$top ? ` top=${r.query.$top}` : ""}`);
    expect(paths).toEqual([
      "isolate-on-high-severity-dev/runs top=4",
      "isolate-on-high-severity-dev/runs skip=2 top=4",
      "isolate-on-high-severity-dev/runs/08584700000000000000000000002CU11/actions",
      "isolate-on-high-severity-dev/runs/08584700000000000000000000002CU11/actions skip=3",
      "isolate-on-high-severity-dev/runs/08584700000000000000000000002CU11/actions skip=6",
    ]);
  });

  it("prints a readable text report", async () => {
    const { out } = await runs({ workflow: "isolate-on-high-severity-dev", top: "3" });
    expect(out).toBe(
      [
        "isolate-on-high-severity-dev: 3 recent run(s)",
        "  08584700000000000000000000003CU11  Running    2025-03-03T03:00:00.000Z  running",
        "  08584700000000000000000000002CU11  Failed     2025-03-03T02:00:00.100Z  12.5s",
        "      failed at Isolate_machine (Failed): BadRequest: Action is already in progress",
        "      also failed: Device_is_excluded, Severity_is_High",
        "      run error: IsolationFailed: Isolation of 4f1c failed for alert da637.",
        "  08584700000000000000000000001CU11  Succeeded  2025-03-03T01:00:00.000Z  2.5s",
        "",
      ].join("\n"),
    );
  });

  it("lists every workflow of the resource group without --workflow", async () => {
    const { out } = await runs({ top: "1" });
    expect(out).toContain("isolate-on-high-severity-dev: 1 recent run(s)");
    expect(out).toContain("scheduled-advanced-hunting-dev: no runs");
    expect(fake.requests[0]!.path).toBe(`/subscriptions/${fake.subscription}/resourceGroups/${RG}/providers/Microsoft.Logic/workflows`);
  });

  it("reports an unknown workflow and a bad --top as messages", async () => {
    const missing = await runs({ workflow: "nope", top: "5" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as UserError).message).toBe("workflow 'nope' does not exist in resource group 'rg-mde-playbooks-dev'.");
    for (const top of ["0", "-1", "ten", "1000"]) {
      const bad = await runs({ top }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(UserError);
      expect((bad as UserError).message).toMatch(/^--top must be a whole number from 1 to 250/);
    }
  });
});
