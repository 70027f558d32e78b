/** Every workflow in the corpus runs to a record (no crash), and a Power Automate flow's calls are recorded. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatRunText, simulate, simulateAll, type Mock } from "../../simulator";
import { CORPUS, corpusIndex, readJson } from "../support/paths";

const answerEverything: Mock[] = [
  { connector: "*", response: { status: 200, body: { value: [], Hosts: [], URLs: [], id: "x", status: "Succeeded" } } },
  { http: {}, response: { status: 200, body: { value: [] } } },
  { function: {}, response: { status: 200, body: {} } },
  { workflow: {}, response: { status: 200, body: {} } },
];

const workflows = corpusIndex().filter((e) => e.kind !== "fixture");

describe("every corpus workflow simulates", () => {
  it.each(workflows.map((e) => e.file))("%s", (file) => {
    const doc = readJson(path.join(CORPUS, file));
    const runs = simulateAll(doc, { trigger: { body: [] }, mocks: answerEverything });
    for (const run of runs) {
      expect(["Succeeded", "Failed", "Cancelled", "Skipped"]).toContain(run.status);
      // Same input, same bytes.
      expect(JSON.stringify(simulateAll(doc, { trigger: { body: [] }, mocks: answerEverything }))).toBe(JSON.stringify(runs));
      expect(formatRunText(run)).toMatch(/^run (Succeeded|Failed|Cancelled|Skipped) in /);
      expect(Object.keys(run.actions).length).toBeGreaterThan(0);
      // Nothing left unmocked: every call a mock could answer was answered.
      for (const record of Object.values(run.actions)) expect(record.code).not.toBe("UnmockedCall");
    }
  });
});

describe("power-automate/searchdeploymentenvironmentusers.json (OpenApiConnection)", () => {
  it("calls Dataverse GetItems_V2 with the evaluated parameters through the connection reference", () => {
    const flow = readJson(path.join(CORPUS, "power-automate/searchdeploymentenvironmentusers.json"));
    const run = simulate(flow, {
      trigger: { body: { text: "org1", text_1: "crm", text_3: "ad", text_4: "admin@contoso.com" } },
      mocks: [{ connector: "commondataservice", operation: "GetItems_V2", response: { status: 200, body: { value: [{ domainname: "admin@contoso.com" }] } } }],
    });
    expect(run.action("Search_Users").status).toBe("Succeeded");
    expect(run.action("Get_All_Users").status).toBe("Skipped");
    expect(run.calls).toEqual([
      {
        action: "Search_Users",
        connector: "commondataservice",
        method: "GetItems_V2",
        body: {
          $filter: "accessmode ne 3 and accessmode ne 5 and isdisabled eq false and (startswith(domainname, 'ad') or domainname eq 'admin@contoso.com')",
          $orderby: "domainname",
          dataset: "crm.org1",
          table: "systemusers",
        },
      },
    ]);
  });
});
