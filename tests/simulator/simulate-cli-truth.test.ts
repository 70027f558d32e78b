/**
 * `playbook-kit simulate` tells the truth: unmocked calls fail the exit code even when absorbed, parameter values
 * are checked, trigger files need a body (Recurrence needs none), If/Switch branches are shown, secure data can be
 * revealed locally, and `--env` simulates the environment's own build. Spawns `node lib/cli/main.js`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { sampleAlert, sampleMachine } from "../../playbooks/catalog/scenarios";
import { SECURED, simulate } from "../../simulator";
import { modulesLoadedBy, runCli } from "../support/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-simulate-truth-"));
function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, JSON.stringify(content, null, 2));
  return p;
}

/** An Http call inside a Scope whose failure a handler absorbs: the run Succeeds even when the call is unmocked. */
const absorbing = {
  triggers: { manual: { type: "Request", kind: "Http" } },
  actions: {
    Try: { type: "Scope", actions: { Lookup: { type: "Http", inputs: { method: "GET", uri: "https://api.contoso.com/lookup" }, runAfter: {} } }, runAfter: {} },
    Handle: { type: "Compose", inputs: "handled", runAfter: { Try: ["Failed", "TimedOut"] } },
  },
};
const absorbingFile = file("absorbing.json", absorbing);
const request = file("request.json", { body: {} });

describe("unmocked calls", () => {
  it("RunRecord.unmockedCalls() finds them inside loops and behind handlers", () => {
    const looped = {
      triggers: { manual: { type: "Request", kind: "Http" } },
      actions: {
        Each: { type: "Foreach", foreach: "@createArray(1, 2)", actions: { Call: { type: "Http", inputs: { method: "GET", uri: "https://api.contoso.com/@{items('Each')}" }, runAfter: {} } }, runAfter: {} },
        After: { type: "Compose", inputs: "x", runAfter: { Each: ["Failed"] } },
      },
    };
    const run = simulate(looped, {});
    expect(run.status).toBe("Succeeded");
    expect(run.unmockedCalls().map((u) => u.action)).toEqual(["Call", "Call"]);
    expect(run.unmockedCalls()[0]!.message).toContain("https://api.contoso.com/1");
    expect(simulate(absorbing, { mocks: [{ http: { uri: "https://api.contoso.com/*" }, response: { status: 200 } }] }).unmockedCalls()).toEqual([]);
  });

  it("a run that Succeeded because a handler absorbed an UnmockedCall exits 1 and says so", () => {
    const r = runCli(["simulate", absorbingFile, "--trigger", request]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^run Succeeded/);
    expect(r.stderr).toContain("playbook-kit: 1 call had no mock (UnmockedCall), though the run's status does not show it: a failure handler absorbed the failure:\n  Lookup: No mock answers the call");
    expect(r.stderr).toContain("Add mocks for it, or pass --allow-unmocked to accept unmocked calls.");
    const json = runCli(["simulate", absorbingFile, "--trigger", request, "--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).status).toBe("Succeeded");
  });

  it("--allow-unmocked accepts them", () => {
    const r = runCli(["simulate", absorbingFile, "--trigger", request, "--allow-unmocked"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});

describe("parameter values are checked against their declarations", () => {
  const typed = file("typed.json", {
    parameters: { count: { type: "Int", defaultValue: 1 }, level: { type: "String", defaultValue: "Low", allowedValues: ["Low", "High"] }, tags: { type: "Array", defaultValue: [] } },
    triggers: { manual: { type: "Request", kind: "Http" } },
    actions: { Show: { type: "Compose", inputs: "@parameters('count')", runAfter: {} } },
  });
  const cases: [string, unknown, string][] = [
    ["an Int given as a string", { count: "4" }, `playbook-kit: --params ${path.join(dir, "p-0.json")}: The value given for parameter 'count' must be an integer (the playbook declares it Int), not "4".`],
    ["a value outside allowedValues", { level: "Medium" }, `playbook-kit: --params ${path.join(dir, "p-1.json")}: The value given for parameter 'level' must be one of Low, High, not "Medium".`],
    ["an object for an Array", { tags: { a: 1 } }, `playbook-kit: --params ${path.join(dir, "p-2.json")}: The value given for parameter 'tags' must be a list (the playbook declares it Array), not an object.`],
  ];
  it.each(cases.map((c, i) => [...c, i] as const))("%s: exit 2 naming the parameter", (_name, value, message, i) => {
    const r = runCli(["simulate", typed, "--trigger", request, "--params", file(`p-${i}.json`, value)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stdout).toBe("");
  });

  it("values that fit run", () => {
    const r = runCli(["simulate", typed, "--trigger", request, "--params", file("p-ok.json", { count: 4, level: "High", tags: ["a"] }), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).actions.Show.outputs).toBe(4);
  });
});

describe("the trigger file", () => {
  it("without a body is a clear usage error that shows how to wrap the payload", () => {
    const r = runCli(["simulate", absorbingFile, "--trigger", file("nobody.json", { id: "a1", machineId: "m1" })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the trigger file '${path.join(dir, "nobody.json")}' has no "body": it holds the trigger's outputs, {"headers"?: {...}, "body": ...} (write "body": null for none); if 'id', 'machineId' are the payload, wrap it: {"body": {"id": …, "machineId": …}}`);
  });

  it("is optional for a Recurrence trigger and required for any other", () => {
    const mocks = file("hunt-mocks.json", [{ http: { method: "POST", uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery" }, response: { status: 200, body: { schema: [], results: [] } } }]);
    const params = file("hunt-params.json", { notifyTo: "soc@contoso.com", senderMailbox: "bot@contoso.com" });
    const r = runCli(["simulate", "scheduled-advanced-hunting", "--mocks", mocks, "--params", params]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("trigger Recurrence");
    const missing = runCli(["simulate", absorbingFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("playbook-kit: --trigger FILE is required: the trigger 'manual' (Request) starts the run with its outputs, e.g. {\"body\": {...}}; only a Recurrence trigger runs without one\n");
  });
});

describe("the text view", () => {
  it("says which branch each If and Switch took", () => {
    const branching = file("branching.json", {
      triggers: { manual: { type: "Request", kind: "Http" } },
      actions: {
        Check: { type: "If", expression: "@equals(triggerBody()?['n'], 1)", actions: { One: { type: "Compose", inputs: 1, runAfter: {} } }, else: { actions: {} }, runAfter: {} },
        Route: {
          type: "Switch",
          expression: "@triggerBody()?['kind']",
          cases: { Case_High: { case: "High", actions: { Page: { type: "Compose", inputs: "page", runAfter: {} } } } },
          default: { actions: {} },
          runAfter: { Check: ["Succeeded"] },
        },
      },
    });
    const high = runCli(["simulate", branching, "--trigger", file("t-high.json", { body: { n: 1, kind: "High" } })]);
    expect(high.stdout).toMatch(/^ {2}Check +Succeeded +0s {2}took the true branch \(condition true\)$/m);
    expect(high.stdout).toMatch(/^ {2}Route +Succeeded +0s {2}took case Case_High \(value "High"\)$/m);
    const low = runCli(["simulate", branching, "--trigger", file("t-low.json", { body: { n: 2, kind: "Low" } })]);
    expect(low.stdout).toMatch(/^ {2}Check +Succeeded +0s {2}took the else branch \(condition false\)$/m);
    expect(low.stdout).toMatch(/^ {2}Route +Succeeded +0s {2}took the default branch \(value "Low"\)$/m);
  });
});

const alert = sampleAlert("High") as { id: string; machineId: string };
const alertTrigger = file("alert.json", { body: { id: alert.id, machineId: alert.machineId } });
const catalogMocks = file("catalog-mocks.json", [
  { connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: sampleAlert("High") } },
  { connector: "wdatp", method: "get", path: "/api/machines/{id}", response: { status: 200, body: sampleMachine(["finance"]) } },
  { http: { method: "POST", uri: "https://graph.microsoft.com/*" }, response: { status: 202 } },
]);

describe("--reveal-secure-data", () => {
  const params = file("catalog-params.json", { notifyTo: "soc@contoso.com", senderMailbox: "bot@contoso.com" });
  const args = ["simulate", "isolate-on-high-severity", "--trigger", alertTrigger, "--mocks", catalogMocks, "--params", params, "--format", "json", "--allow-unmocked"];
  it("shows locally what secureData hides, and says to keep it local", () => {
    const hidden = runCli(args);
    expect(JSON.parse(hidden.stdout).actions.Recipients.outputs).toBe(SECURED);
    expect(hidden.stdout).not.toContain("soc@contoso.com");
    const shown = runCli([...args, "--reveal-secure-data"]);
    expect(JSON.parse(shown.stdout).actions.Recipients.outputs).toEqual({ body: [{ emailAddress: { address: "soc@contoso.com" } }] });
    expect(shown.stderr).toContain("--reveal-secure-data shows what secureData hides from run history; keep this output local.");
  });
});

describe("--env NAME", () => {
  it("simulates the environment's own build (dev: audit mode) with its parameter values", () => {
    const r = runCli(["simulate", "isolate-on-high-severity", "--env", "dev", "--trigger", alertTrigger, "--mocks", catalogMocks]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe("# isolate-on-high-severity as environment dev builds it (audit mode)");
    expect(r.stdout).toContain("◦ audit: would call Actions - Isolate machine: wdatp post /api/machines/4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31/isolate");
    expect(r.stdout).toMatch(/Notify_would_isolate +Succeeded/);
    // The sender (a SecureString) is masked in the call URI; it comes from Pulumi.dev.yaml's notify.sender.
    expect(r.stdout).toContain("→ POST https://graph.microsoft.com/v1.0/users/***/sendMail");
    expect(r.stdout).not.toContain("mde-automation-dev");
    const revealed = runCli(["simulate", "isolate-on-high-severity", "--env", "dev", "--trigger", alertTrigger, "--mocks", catalogMocks, "--reveal-secure-data"]);
    expect(revealed.stdout).toContain("→ POST https://graph.microsoft.com/v1.0/users/mde-automation-dev%40contoso.com/sendMail");
    const json = JSON.parse(runCli(["simulate", "isolate-on-high-severity", "--env", "dev", "--trigger", alertTrigger, "--mocks", catalogMocks, "--format", "json"]).stdout);
    expect(json.calls.filter((c: { path?: string }) => c.path?.endsWith("/isolate"))).toEqual([]);
    // isolationType: Selective is dev's parameter value.
    expect(json.actions.Isolate_machine.outputs.request.body.IsolationType).toBe("Selective");
  });

  it("loads no Pulumi or Azure SDK module", () => {
    const { result, modules } = modulesLoadedBy(["simulate", "isolate-on-high-severity", "--env", "dev", "--trigger", alertTrigger, "--mocks", catalogMocks]);
    expect(result.code).toBe(0);
    expect(modules.filter((m) => /[\\/]node_modules[\\/]@(pulumi|azure)[\\/]/.test(m))).toEqual([]);
  });

  it("prod builds enforce: the isolation is a call (here unmocked, so exit 1)", () => {
    const r = runCli(["simulate", "isolate-on-high-severity", "--env", "prod", "--trigger", alertTrigger, "--mocks", catalogMocks]);
    expect(r.stdout.split("\n")[0]).toBe("# isolate-on-high-severity as environment prod builds it (enforce mode)");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Isolate_machine: No mock answers the call wdatp post /api/machines/");
  });

  it("--params override the environment's values; usage errors exit 2", () => {
    const override = runCli(["simulate", "isolate-on-high-severity", "--env", "dev", "--trigger", alertTrigger, "--mocks", catalogMocks, "--params", file("full.json", { isolationType: "Full" }), "--format", "json"]);
    expect(JSON.parse(override.stdout).actions.Isolate_machine.outputs.request.body.IsolationType).toBe("Full");
    const withFile = runCli(["simulate", absorbingFile, "--env", "dev", "--trigger", request]);
    expect(withFile.code).toBe(2);
    expect(withFile.stderr).toContain("--env takes a playbook name, not a file");
    const unknown = runCli(["simulate", "nosuch", "--env", "dev", "--trigger", alertTrigger]);
    expect(unknown.code).toBe(2);
    // The list follows Pulumi.dev.yaml, which grows with the catalog.
    const devConfig = parseYaml(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>> };
    const enabled = Object.keys(devConfig.config["playbook-kit:playbooks"]!).join(", ");
    expect(unknown.stderr).toBe(`playbook-kit: 'nosuch' is not a playbook Pulumi.dev.yaml enables; it enables: ${enabled}\n`);
    const noEnv = runCli(["simulate", "isolate-on-high-severity", "--env", "nosuch", "--trigger", alertTrigger]);
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toContain("Pulumi.nosuch.yaml");
    expect(noEnv.stderr).not.toMatch(/\n\s+at /);
  });
});
