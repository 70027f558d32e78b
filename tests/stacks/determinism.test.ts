/**
 * Running the program twice gives identical resource inputs — in the same process and in a fresh `node`
 * process that runs the real entry module (`stacks/index.ts`) the way Pulumi does.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { registrationsDigest, type MockRun } from "../../stacks/testing";
import { REPO } from "../support/paths";
import { expectClean, runStack } from "./support";

const byUrn = (run: MockRun) => [...run.registrations].sort((a, b) => (a.urn < b.urn ? -1 : 1));

describe.each(["dev", "prod"])("the %s program", (env) => {
  it("registers identical resources with identical inputs on a second run", async () => {
    const first = expectClean(await runStack(env));
    const second = expectClean(await runStack(env));
    expect(first.registrations.length).toBeGreaterThan(10);
    expect(byUrn(second)).toEqual(byUrn(first));
    expect(second.invocations).toEqual(first.invocations);
    expect(second.outputs).toEqual(first.outputs);
    expect(registrationsDigest(second)).toBe(registrationsDigest(first));
  });

  it("gives the same registrations when the entry module runs in a fresh node process", async () => {
    const inProcess = expectClean(await runStack(env));
    const child = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO, "stacks/testing.ts"), env], { cwd: REPO, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const summary = JSON.parse(child.stdout.trim()) as { env: string; resources: number; digest: string; unhandledRejections: number };
    expect(summary).toMatchObject({ env, resources: inProcess.registrations.length, unhandledRejections: 0 });
    expect(summary.digest).toBe(registrationsDigest(inProcess));
  });
});

describe("the mock runner's command line (node lib/stacks/testing.js <env>)", () => {
  it("names a missing environment in one readable message, without a stack trace", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO, "stacks/testing.ts"), "staging"], { cwd: REPO, encoding: "utf8" });
    expect(child.status).toBe(1);
    expect(child.stdout).toBe("");
    expect(child.stderr).toBe(`Pulumi.staging.yaml has 1 problem:\n  - Pulumi.staging.yaml: does not exist in ${REPO}; environments there: dev, prod.\n`);
  });
});
