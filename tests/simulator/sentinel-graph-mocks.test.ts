/**
 * Mocks for the Sentinel connector (azuresentinel) and Graph security (Http with the managed identity): the typed
 * mocks give the mock-file form of each declared operation, and `playbook-kit simulate` answers an incident
 * playbook's calls from a plain JSON mock file (connector + method + path, http + method + uri).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS, type OperationInfo } from "../../operations";
import { sampleHost, sampleIncidentEvent, sampleMachine, sampleMachineAction } from "../../playbooks/catalog/scenarios";
import { mocks } from "../../simulator";
import { runCli, tempDir } from "../support/cli";

const reply = { status: 200, body: {} };

describe("typed mocks of the Sentinel and Graph security operations", () => {
  it("every declared operation has one, in the mock-file form of its call", () => {
    for (const key of ["sentinel", "graphSecurity"] as const) {
      for (const [name, op] of Object.entries(OPERATIONS[key]) as [string, OperationInfo][]) {
        const mock = (mocks[key] as unknown as Record<string, (r: typeof reply) => unknown>)[name]!(reply);
        expect(mock, `${key}.${name}`).toEqual(op.kind === "api" ? { connector: op.connector, method: op.method, path: op.path, response: reply } : { http: { method: op.method, uri: op.uri }, response: reply });
      }
    }
    expect(mocks.sentinel.addIncidentComment(reply)).toEqual({ connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: reply });
    expect(mocks.sentinel.getHosts(reply)).toEqual({ connector: "azuresentinel", method: "post", path: "/entities/host", response: reply });
    expect(mocks.graphSecurity.updateAlert(reply)).toEqual({ http: { method: "PATCH", uri: "https://graph.microsoft.com/v1.0/security/alerts_v2/{id}" }, response: reply });
    expect(mocks.graphSecurity.addIncidentComment([reply, { status: 429 }], { action: "Comment" })).toEqual({
      http: { method: "POST", uri: "https://graph.microsoft.com/v1.0/security/incidents/{id}/comments" },
      responses: [reply, { status: 429 }],
      action: "Comment",
    });
  });
});

describe("simulate with a JSON mock file (compiled CLI)", () => {
  const host = sampleHost("fin-ws-042", { MdatpDeviceId: "4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31" });
  const write = (dir: string, name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it("answers isolate-incident-hosts' azuresentinel and wdatp calls; an unmocked Sentinel call names the mock to add", () => {
    const dir = tempDir();
    const trigger = write(dir, "trigger.json", sampleIncidentEvent([host]));
    const params = write(dir, "params.json", { notifyTo: "soc@contoso.com", senderMailbox: "mde@contoso.com", sendEmail: false });
    const all = [
      { connector: "azuresentinel", method: "post", path: "/entities/host", response: { status: 200, body: { Hosts: [host] } } },
      { connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: { status: 200, body: {} } },
      { connector: "wdatp", method: "get", path: "/api/machines/{id}", response: { status: 200, body: sampleMachine([]) } },
      { connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status: 201, body: sampleMachineAction() } },
    ];
    const ok = runCli(["simulate", "isolate-incident-hosts", "--trigger", trigger, "--params", params, "--mocks", write(dir, "mocks.json", all), "--format", "json"]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const record = JSON.parse(ok.stdout) as { status: string; calls: { connector?: string; path?: string }[] };
    expect(record.status).toBe("Succeeded");
    expect(record.calls.map((c) => `${c.connector} ${c.path}`)).toContain("azuresentinel /Incidents/Comment");

    const missing = runCli(["simulate", "isolate-incident-hosts", "--trigger", trigger, "--params", params, "--mocks", write(dir, "some.json", all.slice(0, 1))]);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain('{"connector":"azuresentinel","method":"post","path":"/Incidents/Comment","response":{"status":200,"body":{}}}');
  });
});
