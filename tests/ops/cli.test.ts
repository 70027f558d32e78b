/**
 * The operations commands end to end: the compiled CLI in a child process talks to the fake ARM server through
 * PLAYBOOK_KIT_ARM_ENDPOINT / PLAYBOOK_KIT_ARM_TOKEN, trusting its certificate through NODE_EXTRA_CA_CERTS.
 * The child runs asynchronously so the server in this process can answer.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtWorkflows } from "../../ops/targets";
import { CLI } from "../support/paths";
import { FakeArm } from "./fake-arm";
import { deployedParameters, designerResave, ENV, ENV_ROOT, RESOURCE_GROUP } from "./support";

const fake = new FakeArm(undefined, [RESOURCE_GROUP]);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
  modules: string[];
}

/** Run the CLI asynchronously from the fixtures folder, recording the modules it loaded. */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-ops-cli-"));
  const hook = path.join(dir, "hook.js");
  const list = path.join(dir, "modules.json");
  fs.writeFileSync(hook, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: "1", NO_PROXY: "127.0.0.1", HTTPS_PROXY: "", HTTP_PROXY: "", ...env })) if (v !== undefined) childEnv[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", hook, CLI, ...args], { cwd: ENV_ROOT, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const modules = fs.existsSync(list) ? (JSON.parse(fs.readFileSync(list, "utf8")) as string[]) : [];
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout, stderr, modules });
    });
  });
}

const azureEnv = () => ({ PLAYBOOK_KIT_ARM_ENDPOINT: fake.endpoint, PLAYBOOK_KIT_ARM_TOKEN: fake.token, NODE_EXTRA_CA_CERTS: fake.caFile });
const target = ["--subscription", fake.subscription, "--resource-group", RESOURCE_GROUP];

beforeAll(async () => {
  await fake.start();
  for (const w of builtWorkflows(ENV, ENV_ROOT)) {
    fake.deploy(RESOURCE_GROUP, w.workflowName, { definition: designerResave(w.built.definition), parameters: deployedParameters(w, fake.subscription, RESOURCE_GROUP), state: w.state });
  }
  fake.runs.set("isolate-on-high-severity-ops", [
    { name: "run-2", status: "Succeeded", startTime: "2025-03-03T02:00:00Z", endTime: "2025-03-03T02:00:03Z" },
    { name: "run-1", status: "Failed", startTime: "2025-03-03T01:00:00Z", endTime: "2025-03-03T01:00:09Z", actions: [
      { name: "Get_alert", status: "Failed", startTime: "2025-03-03T01:00:01Z", endTime: "2025-03-03T01:00:09Z", code: "Unauthorized", error: { code: "Unauthorized", message: "The identity lacks the Alert.Read.All role." } },
    ] },
    { name: "run-0", status: "Succeeded", startTime: "2025-03-03T00:00:00Z", endTime: "2025-03-03T00:00:02Z" },
  ]);
});
afterAll(() => fake.stop());

describe("operations commands (compiled CLI, fake ARM server)", () => {
  it("status: exits 0 when in sync, loading the Azure SDK only now", async () => {
    const r = await cli(["status", ...target, "--env", ENV], azureEnv());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2 workflow(s): 2 in sync, 0 drifted, 0 missing.");
    expect(r.modules.some((m) => m.includes(`${path.sep}@azure${path.sep}arm-logic${path.sep}`))).toBe(true);
    expect(r.modules.some((m) => m.includes(`${path.sep}@pulumi${path.sep}`))).toBe(false);
  });

  it("status: exits 1 on drift, with JSON pointers in --format json", async () => {
    const w = builtWorkflows(ENV, ENV_ROOT)[1]!;
    fake.deploy(RESOURCE_GROUP, w.workflowName, { definition: designerResave(w.built.definition), parameters: { ...deployedParameters(w, fake.subscription, RESOURCE_GROUP), recurrenceInterval: { type: "Int", value: 1 } } });
    try {
      const r = await cli(["status", ...target, "--env", ENV, "--format", "json"], azureEnv());
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { workflows: { workflow: string; status: string; differences: unknown[] }[] };
      expect(report.workflows[1]).toEqual({
        playbook: "scheduled-advanced-hunting",
        workflow: "scheduled-advanced-hunting-ops",
        status: "drifted",
        differences: [{ pointer: "/parameters/recurrenceInterval", kind: "changed", expected: 4, deployed: 1 }],
      });
    } finally {
      fake.deploy(RESOURCE_GROUP, w.workflowName, { definition: w.built.definition, parameters: deployedParameters(w, fake.subscription, RESOURCE_GROUP) });
    }
  });

  it("runs: pages through runs and shows the failing action", async () => {
    const r = await cli(["runs", ...target, "--workflow", "isolate-on-high-severity-ops", "--top", "3"], azureEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("isolate-on-high-severity-ops: 3 recent run(s)");
    expect(r.stdout).toContain("failed at Get_alert (Failed): Unauthorized: The identity lacks the Alert.Read.All role.");
  });

  it("validate --remote: routes to the service's validate API", async () => {
    const r = await cli(["validate", "--remote", ...target, "--location", "westeurope", "--env", ENV], azureEnv());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2 definition(s) validated by the service: 2 valid, 0 rejected.");
  });

  it("explains an unreachable endpoint, a rejected token and an untrusted certificate without a stack trace (exit 2)", async () => {
    const unreachable = await cli(["status", ...target, "--env", ENV], { ...azureEnv(), PLAYBOOK_KIT_ARM_ENDPOINT: "https://127.0.0.1:9" });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^playbook-kit: could not reach Azure Resource Manager at https:\/\/127\.0\.0\.1:9 while reading workflow isolate-on-high-severity-ops/);

    const badToken = await cli(["runs", ...target, "--top", "1"], { ...azureEnv(), PLAYBOOK_KIT_ARM_TOKEN: "stolen" });
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toBe(
      "playbook-kit: Azure rejected the credentials while listing the workflows of resource group rg-mde-playbooks-ops (401 InvalidAuthenticationToken: The access token is invalid.). Sign in again ('az login') or refresh the token.\n",
    );

    const untrusted = await cli(["status", ...target, "--env", ENV], { ...azureEnv(), NODE_EXTRA_CA_CERTS: undefined });
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(/^playbook-kit: could not reach Azure Resource Manager at https:\/\/127\.0\.0\.1:\d+: its TLS certificate is not trusted/);

    for (const r of [unreachable, badToken, untrusted]) {
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    }
  });
});
