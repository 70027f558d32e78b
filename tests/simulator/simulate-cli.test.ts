/** `playbook-kit simulate`, spawned as `node lib/cli/main.js` (npm test builds lib/ first; built here if missing). */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleAlert, sampleMachine, sampleMachineAction } from "../../playbooks/catalog/scenarios";
import { catalog } from "../../playbooks/catalog";
import { CLI, CORPUS, REPO } from "../support/paths";

const MODULE = path.join(REPO, "lib/cli/commands/simulate.js");

beforeAll(() => {
  if (!fs.existsSync(MODULE)) {
    // tsc emits even when files outside this area have type errors; its exit code is not ours to judge.
    spawnSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: REPO, stdio: "ignore" });
  }
  expect(fs.existsSync(MODULE)).toBe(true);
}, 240_000);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pbk-simulate-"));
function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

const alert = sampleAlert("High") as { id: string; machineId: string };
const trigger = file("trigger.json", { body: { id: alert.id, machineId: alert.machineId } });
const params = file("params.json", { notifyTo: "soc@contoso.com", senderMailbox: "bot@contoso.com" });
const mocksFor = (isolateStatus: number) =>
  file(`mocks-${isolateStatus}.json`, [
    { connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: sampleAlert("High") } },
    { connector: "wdatp", method: "get", path: "/api/machines/{id}", response: { status: 200, body: sampleMachine([]) } },
    { connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status: isolateStatus, body: isolateStatus === 201 ? sampleMachineAction() : { error: { message: "in progress" } } } },
    { http: { method: "POST", uri: "https://graph.microsoft.com/*" }, response: { status: 202 } },
  ]);

describe("playbook-kit simulate", () => {
  it("runs a catalog playbook and prints a tree with status, duration and calls; exit 0 when it Succeeded", () => {
    const r = cli("simulate", "isolate-on-high-severity", "--trigger", trigger, "--mocks", mocksFor(201), "--params", params, "--now", "2026-11-27T08:15:00Z");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("run Succeeded in 0s (2026-11-27T08:15:00.000Z → 2026-11-27T08:15:00.000Z)");
    expect(lines[1]).toBe("trigger Triggers_-_Trigger_when_new_WDATP_alert_occurs");
    expect(r.stdout).toMatch(/^ {2}Get_alert +Succeeded +0s$/m);
    expect(r.stdout).toMatch(/^ {6}Isolate_machine +Succeeded +0s\n {8}→ wdatp post \/api\/machines\/4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31\/isolate$/m);
    expect(r.stdout).toMatch(/^ {6}Notify_isolation_failed +Skipped/m);
  });

  it("--format json prints the run record", () => {
    const r = cli("simulate", "isolate-on-high-severity", "--trigger", trigger, "--mocks", mocksFor(201), "--params", params, "--format", "json");
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as { status: string; startTime: string; trigger: { outputs: unknown }; actions: Record<string, { status: string }>; calls: { action: string }[] };
    expect(Object.keys(record)).toEqual(["status", "startTime", "endTime", "trigger", "actions", "calls"]);
    expect(record.status).toBe("Succeeded");
    expect(record.startTime).toBe("2024-01-01T00:00:00.000Z");
    expect(record.actions.Isolate_machine!.status).toBe("Succeeded");
    expect(record.calls.map((c) => c.action)).toEqual(["Get_alert", "Get_machine", "Isolate_machine", "Notify_isolated"]);
    // Deterministic: same input, same bytes.
    expect(cli("simulate", "isolate-on-high-severity", "--trigger", trigger, "--mocks", mocksFor(201), "--params", params, "--format", "json").stdout).toBe(r.stdout);
  });

  it("exits 1 when the run Failed, and says why", () => {
    const r = cli("simulate", "isolate-on-high-severity", "--trigger", trigger, "--mocks", mocksFor(400), "--params", params);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^run Failed/);
    expect(r.stdout).toContain("error IsolationFailed: Isolation of 4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31 failed");
    expect(r.stdout).toMatch(/Isolate_machine +Failed/);
    expect(r.stdout).toContain("! BadRequest: wdatp post /api/machines/4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31/isolate returned 400 (BadRequest).");
  });

  it("an unmocked call fails the run (exit 1) and names the call", () => {
    const r = cli("simulate", "isolate-on-high-severity", "--trigger", trigger, "--params", params);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("! UnmockedCall: No mock answers the call wdatp get /api/alerts/");
  });

  it("runs a definition, workflow or ARM file from the corpus", () => {
    const corpusTrigger = file("sentinel.json", { body: { WorkspaceSubscriptionId: "s", WorkspaceResourceGroup: "r", WorkspaceId: "w", SystemAlertId: "a", Entities: [] } });
    const corpusMocks = file("sentinel-mocks.json", [
      { connector: "azuresentinel", method: "get", response: { status: 200, body: { id: "/incidents/1", properties: { incidentNumber: 1, title: "t" } } } },
      { connector: "azuresentinel", method: "post", path: "/entities/host", response: { status: 200, body: { Hosts: [{ HostName: "pc1", MdatpDeviceId: "dev-1" }] } } },
      { connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status: 201, body: { status: "Pending" } } },
      { connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: { status: 200 } },
    ]);
    const r = cli("simulate", path.join(CORPUS, "sentinel-mde/solutions-isolate-mdemachine-alert.json"), "--trigger", corpusTrigger, "--mocks", corpusMocks, "--format", "json");
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as { calls: { connector: string; path: string }[] };
    expect(record.calls.filter((c) => c.connector === "wdatp").map((c) => c.path)).toEqual(["/api/machines/dev-1/isolate"]);
  });

  it("prints one record per run for a splitOn trigger", () => {
    const definition = file("split.json", {
      triggers: { t: { type: "Request", kind: "Http", splitOn: "@triggerBody()?['rows']" } },
      actions: { Echo: { type: "Compose", inputs: "@triggerBody()", runAfter: {} } },
    });
    const rows = file("rows.json", { body: { rows: [1, 2] } });
    const json = cli("simulate", definition, "--trigger", rows, "--format", "json");
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { actions: { Echo: { outputs: unknown } } }[]).map((r) => r.actions.Echo.outputs)).toEqual([1, 2]);
    const text = cli("simulate", definition, "--trigger", rows);
    expect(text.stdout).toContain("# run 1 of 2\n");
    expect(text.stdout).toContain("# run 2 of 2\n");
  });

  it("--now without an offset is UTC, whatever the host's time zone; free text is refused", () => {
    const args = ["simulate", "isolate-on-high-severity", "--trigger", trigger, "--mocks", mocksFor(201), "--params", params, "--now", "2024-05-01T10:00:00", "--format", "json"];
    for (const TZ of ["UTC", "America/New_York"]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: "utf8", env: { ...process.env, TZ } });
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { startTime: string }).startTime).toBe("2024-05-01T10:00:00.000Z");
    }
    const text = cli("simulate", "isolate-on-high-severity", "--trigger", trigger, "--now", "May 1 2024 10:00");
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/--now must be an ISO 8601 timestamp/);
  });

  it("a definition the service would refuse is not run: exit 2 with each problem at file:line:col", () => {
    const refused = file(
      "refused.json",
      JSON.stringify(
        {
          triggers: { manual: { type: "Request", kind: "Http" } },
          actions: { Loop: { type: "Foreach", foreach: "@createArray(1)", actions: { Stop: { type: "Terminate", inputs: { runStatus: "Failed" }, runAfter: {} } }, runAfter: {} } },
        },
        null,
        2,
      ),
    );
    const r = cli("simulate", refused, "--trigger", trigger);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`'${refused}' was not simulated: the service would refuse to save it (1 problem):`);
    expect(r.stderr).toContain(`${refused}:13:17 error not-allowed-in-loop Terminate action 'Stop' is inside the Foreach loop 'Loop'`);
    expect(r.stderr).not.toMatch(/Succeeded/);
  });

  it("a run past its budget exits 2 naming the loop; --max-actions raises it; --keep-iterations bounds the JSON", () => {
    const loop = file("loop.json", {
      triggers: { manual: { type: "Request", kind: "Http" } },
      actions: { Each: { type: "Foreach", foreach: "@range(0, 400)", actions: { Work: { type: "Compose", inputs: "@item()", runAfter: {} } }, runAfter: {} } },
    });
    const over = cli("simulate", loop, "--trigger", trigger, "--max-actions", "100");
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("The simulation budget of 100 actions ran out in iteration 100 of Foreach 'Each'");
    expect(over.stderr).toContain("playbook-kit simulate --max-actions N");
    expect(over.stderr).not.toMatch(/\n\s+at /);
    const json = cli("simulate", loop, "--trigger", trigger, "--max-actions", "1000", "--keep-iterations", "4", "--format", "json");
    expect(json.code).toBe(0);
    const record = JSON.parse(json.stdout) as { actions: { Each: { iterationCount: number; iterations: { index: number }[] } } };
    expect(record.actions.Each.iterationCount).toBe(400);
    expect(record.actions.Each.iterations.map((i) => i.index)).toEqual([0, 1, 398, 399]);
    expect(cli("simulate", loop, "--trigger", trigger).stdout).toMatch(/Each +Succeeded +0s {2}400 iterations \(100 kept in the record\)/);
    for (const [flag, value, message] of [
      ["--max-actions", "0", /--max-actions must be an integer of at least 1, not '0'/],
      ["--max-time", "soon", /--max-time must be an ISO 8601 duration such as P180D, not 'soon'/],
      ["--keep-iterations", "1", /--keep-iterations must be an integer of at least 2/],
    ] as const) {
      const bad = cli("simulate", loop, "--trigger", trigger, flag, value);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
  });

  it("the issue's Until(5000) × Foreach(1000) stops at the default budget (docs/simulate.md example, verbatim)", () => {
    const r = cli("simulate", "examples/simulate/until-around-foreach.json", "--trigger", "examples/simulate/trigger.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "playbook-kit: The simulation budget of 1,000,000 actions ran out in iteration 1,000 of Until 'Poll'. Real runs rarely come near it; if this one should, raise it: simulate(target, {budget: {actions: N}}) or playbook-kit simulate --max-actions N.\n",
    );
  }, 120_000);

  it("--arm-params takes a deployment parameters file (or values by name) for an ARM template", () => {
    const template = file("template.json", {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { Team: { type: "string", defaultValue: "'blue'" } },
      resources: [
        {
          type: "Microsoft.Logic/workflows",
          apiVersion: "2019-05-01",
          name: "wf",
          location: "westeurope",
          properties: { definition: { triggers: { manual: { type: "Request", kind: "Http" } }, actions: { Who: { type: "Compose", inputs: "[concat('@{toUpper(', parameters('Team'), ')}')]", runAfter: {} } } } },
        },
      ],
    });
    const outputs = (extra: string[]) => (JSON.parse(cli("simulate", template, "--trigger", trigger, "--format", "json", ...extra).stdout) as { actions: { Who: { outputs: string } } }).actions.Who.outputs;
    expect(outputs([])).toBe("BLUE");
    const deployment = file("params.deploy.json", { $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: { Team: { value: "'red'" } } });
    expect(outputs(["--arm-params", deployment])).toBe("RED");
    expect(outputs(["--arm-params", file("params.plain.json", { Team: "'green'" })])).toBe("GREEN");
    const unknown = cli("simulate", template, "--trigger", trigger, "--arm-params", file("params.bad.json", { Teem: "x" }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/declares no parameter 'Teem' \(declared: Team\)/);
  });

  describe("usage errors exit 2 with a message and no stack trace", () => {
    const cases: [string, string[], RegExp][] = [
      ["unknown playbook", ["nope", "--trigger", trigger], new RegExp(`'nope' is neither a playbook of this project nor an existing file; its playbooks: ${[...catalog.map((e) => e.name), "scan-and-tag-on-alert"].join(", ")}\\.`)],
      ["missing workflow file", ["missing/flow.json", "--trigger", trigger], /cannot read the workflow file 'missing\/flow.json': the file does not exist/],
      ["missing trigger file", ["isolate-on-high-severity", "--trigger", path.join(dir, "none.json")], /cannot read the trigger file/],
      ["invalid trigger JSON", ["isolate-on-high-severity", "--trigger", file("bad.json", "{nope")], /the trigger file '.*bad.json' is not valid JSON/],
      ["trigger not an object", ["isolate-on-high-severity", "--trigger", file("arr.json", [1])], /must hold a JSON object/],
      ["bad mock entry", ["isolate-on-high-severity", "--trigger", trigger, "--mocks", file("m.json", [{ connector: "wdatp" }])], /the mocks file '.*m.json': Mock 0: add a 'response'/],
      ["undeclared parameter", ["isolate-on-high-severity", "--trigger", trigger, "--params", file("p.json", { notifyToo: "x" })], /declares no parameter 'notifyToo'/],
      ["parameter without a value", ["isolate-on-high-severity", "--trigger", trigger], /parameters 'notifyTo', 'senderMailbox' have no defaultValue and no value was given: pass them in the parameters \(playbook-kit simulate --params FILE\)/],
      ["bad --now", ["isolate-on-high-severity", "--trigger", trigger, "--now", "soon"], /--now must be an ISO 8601 timestamp/],
      ["not a workflow", [file("x.json", { hello: 1 }), "--trigger", trigger], /is not a workflow definition/],
    ];
    it.each(cases)("%s", (_name, args, message) => {
      const r = cli("simulate", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    });

    it("--trigger is required", () => {
      const r = cli("simulate", "isolate-on-high-severity");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--trigger");
    });
  });
});
