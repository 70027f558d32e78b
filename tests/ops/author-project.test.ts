/**
 * `status` and `validate --remote` take the playbooks of an author's project (issue 9, item 5): run from a
 * folder below a project with its own playbook enabled in `Pulumi.dev.yaml`, against the fake ARM server.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, REPO } from "../support/paths";
import { stackYaml, writeProject } from "../project/support";
import { FakeArm } from "./fake-arm";

const RG = "rg-test";
const fake = new FakeArm(undefined, [RG]);
const root = writeProject({ playbooks: ["playbooks"] }, {
  "playbooks/scan.ts": fs.readFileSync(path.join(REPO, "examples/playbooks/scan-and-tag-on-alert.ts"), "utf8"),
  "Pulumi.dev.yaml": stackYaml({ "scan-and-tag-on-alert": "      mode: audit\n" }),
  "deep/.keep": "",
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  const extra = { NO_COLOR: "1", NO_PROXY: "127.0.0.1", HTTPS_PROXY: "", HTTP_PROXY: "", PLAYBOOK_KIT_ARM_ENDPOINT: fake.endpoint, PLAYBOOK_KIT_ARM_TOKEN: fake.token, NODE_EXTRA_CA_CERTS: fake.caFile };
  for (const [k, v] of Object.entries({ ...process.env, ...extra })) if (v !== undefined) env[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: path.join(root, "deep"), env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  await fake.start();
});
afterAll(() => fake.stop());

describe("operations commands on an author's project", () => {
  it("status compares the author playbook's workflow: not deployed yet, it is missing (exit 1)", async () => {
    const r = await cli(["status", "--subscription", fake.subscription, "--resource-group", RG, "--env", "dev"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("scan-and-tag-on-alert-dev");
    expect(r.stdout).toContain("1 workflow(s): 0 in sync, 0 drifted, 1 missing.");
  });

  it("validate --remote sends the author playbook's dev build to the service", async () => {
    const r = await cli(["validate", "--remote", "--subscription", fake.subscription, "--resource-group", RG, "--location", "westeurope", "--env", "dev"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("scan-and-tag-on-alert");
    expect(r.stdout).toContain("1 definition(s) validated by the service: 1 valid, 0 rejected.");
  });
});
