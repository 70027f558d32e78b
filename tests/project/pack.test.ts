/**
 * The kit as an author gets it: `npm pack` of a copy of this checkout without `lib/` (so `prepack` must build it),
 * `playbook-kit init` in a temporary folder outside the checkout with `--kit file:<tarball>`, one
 * `npm install --prefer-offline`, and then, in that repository: the linked bin, `npm test` (type check + vitest:
 * `import … from "playbook-kit"` resolves to the installed types), `npm run build`, every command of the generated
 * README, the Pulumi program under mocks, `export arm`, and a misspelt output field failing `build` at its
 * file:line:col. The test also writes a playbook of its own there and deploys it in dev.
 *
 * Slow by nature (a clean tsc build and an npm install): everything is installed once, in `beforeAll`.
 * `--prefer-offline` rather than `--offline`: the kit's own `npm ci` caches package tarballs but not the registry
 * documents a lockfile-less install resolves versions with, so `--offline` fails with ENOTCACHED on a fresh cache.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment for child npm/node processes: this run's npm and vitest variables removed. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", CI: "1" };
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|VITEST|NODE_OPTIONS$|TSX_)/i.test(k)) env[k] = v;
  return env;
}

/** Run a shell command line verbatim in `cwd`. */
function sh(command: string, cwd: string): Run {
  const started = Date.now();
  const r = spawnSync("sh", ["-c", command], { cwd, encoding: "utf8", env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** Fail with the command's output when it did not exit 0. */
function ok(run: Run, what: string): Run {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  return run;
}

/** Files and folders of the checkout the package is built from (what tsconfig.build.json and package.json `files` read). */
const SKIP = new Set([".git", "node_modules", "lib", "dist", "tests"]);

/** A playbook the test writes into the new repository: a Medium alert starts a quick antivirus scan. */
const SCAN_ON_MEDIUM = `import { coalesce, defender, definePlaybook, empty, equals, not, text } from "playbook-kit";

/** A Medium MDE alert that names a device → start a quick antivirus scan of it, then mark the alert In progress. */
export default definePlaybook({
  name: "scan-on-medium",
  description: "Start a quick antivirus scan of the device of every Medium MDE alert.",
  trigger: defender.alertCreated(),
  build({ flow, trigger }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    const machineId = coalesce(alert.body.machineId, "");
    flow.if("Severity is Medium", equals(alert.body.severity, "Medium"), (medium) => {
      medium.if("Alert names a device", not(empty(machineId)), (then) => {
        const scan = then.step("Quick scan", defender.runAntivirusScan({ machineId, comment: text\`Scan for MDE alert \${alert.body.id}\`, scanType: "Quick" }));
        then.step("Mark alert in progress", defender.updateAlert({ alertId: alert.body.id, status: "InProgress" }), { after: scan, on: ["Succeeded", "Failed", "TimedOut"] });
      });
    });
  },
});
`;

/** The stack settings of scan-on-medium in dev. */
const SCAN_ON_MEDIUM_DEV = `    scan-on-medium:
      enabled: true
      state: Enabled
`;

const timings: Record<string, number> = {};
let work: string;
let source: string;
let app: string;
let tarball: string;
let packed: { filename: string; files: { path: string }[] };
const version = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;

beforeAll(() => {
  work = tempDir("pk-pack-");
  source = path.join(work, "kit");
  app = path.join(work, "soc-playbooks");
  const started = Date.now();
  fs.cpSync(REPO, source, { recursive: true, filter: (from) => !SKIP.has(path.relative(REPO, from).split(path.sep)[0]!) });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(source, "node_modules"), "dir");
  const pack = ok(sh(`npm pack --json --pack-destination ${JSON.stringify(work)}`, source), "npm pack");
  timings["npm pack (prepack: clean tsc build)"] = pack.ms;
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as (typeof packed)[])[0]!;
  tarball = path.join(work, packed.filename);

  const init = runCli(["init", app, "--kit", `file:${tarball}`], { cwd: work });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  fs.writeFileSync(path.join(app, "playbooks", "scan-on-medium.ts"), SCAN_ON_MEDIUM);
  fs.appendFileSync(path.join(app, "Pulumi.dev.yaml"), SCAN_ON_MEDIUM_DEV);
  timings["npm install --prefer-offline"] = ok(sh("npm install --prefer-offline --no-audit --no-fund", app), "npm install").ms;
  timings["set-up total"] = Date.now() - started;
}, 900_000);

afterAll(() => {
  process.stdout.write(`pack test timings (ms): ${JSON.stringify(timings)}\n`);
  if (work) fs.rmSync(work, { recursive: true, force: true });
  // Removing the installed node_modules can take over a minute on a loaded machine.
}, 300_000);

describe("the packed kit installed into a new author repository", () => {
  it("prepack built lib/ from a checkout without one; the tarball holds lib, the init template and no sources or tests", () => {
    const files = packed.files.map((f) => f.path);
    expect(packed.filename).toBe(`playbook-kit-${version}.tgz`);
    for (const f of ["lib/index.js", "lib/index.d.ts", "lib/cli/main.js", "lib/stacks/program.d.ts", "lib/stacks/testing.js", "project/init/template/playbooks/triage-alert.ts", "package.json"]) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith("tests/") || f.startsWith("node_modules/") || (f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("project/init/template/")))).toEqual([]);
    expect(fs.existsSync(path.join(source, "lib", "cli", "main.js"))).toBe(true);
  });

  it("links the bin: npx playbook-kit --version prints the kit's version", () => {
    const r = ok(sh("npx playbook-kit --version", app), "--version");
    expect(r.stdout).toBe(`${version}\n`);
    expect(fs.realpathSync(path.join(app, "node_modules", "playbook-kit"))).toBe(path.join(app, "node_modules", "playbook-kit"));
  });

  it("npm test passes: the type check resolves `playbook-kit` to the installed types, and the scenario tests run", () => {
    const r = ok(sh("npm test", app), "npm test");
    timings["npm test"] = r.ms;
    expect(r.stdout).toMatch(/Tests\s+4 passed \(4\)/);
  });

  it("npm run build type-checks and builds the sample, the test's own playbook and the catalog entry", () => {
    const r = ok(sh("npm run -s build", app), "npm run build");
    timings["npm run build"] = r.ms;
    expect(r.stdout).toContain("Wrote 3 playbook(s) and manifest.json to dist.");
    for (const name of ["triage-alert", "scan-on-medium", "scheduled-advanced-hunting"]) expect(fs.existsSync(path.join(app, "dist", `${name}.definition.json`))).toBe(true);
  });

  it("every command of the generated README's ```sh block runs verbatim (npm install was done once above)", () => {
    const readme = fs.readFileSync(path.join(app, "README.md"), "utf8");
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const commands = block.split("\n").filter((l) => l.trim() !== "" && l.trim() !== "npm install");
    expect(commands.filter((c) => c.includes("simulate"))).toHaveLength(3);
    for (const command of commands) {
      const r = ok(sh(command, app), command);
      timings[command] = r.ms;
      if (command.includes("simulate")) expect(r.stdout).toMatch(/^(# .*\n)?run Succeeded/);
    }
  });

  it("the Pulumi program runs under mocks (stack:mock): dev deploys the test's playbook with exactly its own app role", () => {
    const r = ok(sh("npm run -s stack:mock -- dev", app), "stack:mock dev");
    timings["npm run stack:mock -- dev"] = r.ms;
    const summary = JSON.parse(r.stdout.trim()) as { workflows: string[]; granted: string[]; error?: string; unhandledRejections: number };
    expect(summary.error).toBeUndefined();
    expect(summary.unhandledRejections).toBe(0);
    expect(summary.workflows).toEqual(["scan-on-medium-dev", "scheduled-advanced-hunting-dev", "triage-alert-dev"]);
    expect(summary.granted.filter((g) => g.startsWith("scan-on-medium:"))).toEqual(["scan-on-medium: WindowsDefenderATP Alert.Read.All", "scan-on-medium: WindowsDefenderATP Alert.ReadWrite.All", "scan-on-medium: WindowsDefenderATP Machine.Scan"]);
    expect(summary.granted.filter((g) => g.startsWith("triage-alert:"))).toEqual(["triage-alert: WindowsDefenderATP Alert.Read.All", "triage-alert: WindowsDefenderATP Alert.ReadWrite.All", "triage-alert: WindowsDefenderATP Machine.ReadWrite.All"]);
  });

  it("export arm --env dev writes a template for the test's own playbook", () => {
    const r = ok(sh("npx playbook-kit export arm --env dev --out dist/arm-dev", app), "export arm");
    expect(r.stdout).toContain("dist/arm-dev/scan-on-medium.json");
    const template = JSON.parse(fs.readFileSync(path.join(app, "dist", "arm-dev", "scan-on-medium.json"), "utf8")) as { resources: { type: string }[] };
    expect(template.resources.map((x) => x.type)).toContain("Microsoft.Logic/workflows");
  });

  it("a misspelt output field (alert.body.severty) fails build at its file:line:col with the compiler's 'Did you mean'; fixed, it builds", () => {
    const file = path.join(app, "playbooks", "triage-alert.ts");
    const good = fs.readFileSync(file, "utf8");
    const bad = good.replace("alert.body.severity", "alert.body.severty");
    expect(bad).not.toBe(good);
    const at = bad.indexOf("severty");
    const line = bad.slice(0, at).split("\n").length;
    const col = at - bad.lastIndexOf("\n", at - 1);
    fs.writeFileSync(file, bad);
    try {
      const r = sh("npx playbook-kit build --out dist-typo", app);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`playbooks/triage-alert.ts:${line}:${col}: error playbook-type: TS2551: Property 'severty' does not exist on type`);
      expect(r.stderr).toContain("Did you mean 'severity'?");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(app, "dist-typo"))).toBe(false);
    } finally {
      fs.writeFileSync(file, good);
    }
    ok(sh("npx playbook-kit build --out dist-typo", app), "build after the fix");
    expect(fs.existsSync(path.join(app, "dist-typo", "triage-alert.definition.json"))).toBe(true);
  });
});
