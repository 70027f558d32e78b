/** Logic Apps samples (gallery templates, Standard workflow.json files, a designer mock) run end to end. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { simulate, simulateAll, type Mock } from "../../simulator";
import { CORPUS, readJson } from "../support/paths";

const load = (file: string) => readJson(path.join(CORPUS, file));

describe("logicapps-samples/logicappunit-loop-workflow.json (Standard: Until + Foreach + Http + Response)", () => {
  const workflow = load("logicapps-samples/logicappunit-loop-workflow.json");
  // Standard workflows read parameters from parameters.json: pass them as options.
  const parameters = { "ServiceOne-Url": "https://one.example", "ServiceTwo-Url": "https://two.example" };
  const mocks: Mock[] = [
    {
      http: { method: "POST", uri: "https://one.example/doSomethingInsideUntilLoop" },
      response: (req) => {
        const n = (req.body as { iterationNumber: number }).iterationNumber;
        return n === 2 ? { status: 400, body: { error: `iteration ${n} rejected` } } : { status: 200, body: { one: n } };
      },
    },
    { http: { method: "POST", uri: "https://two.example/*" }, response: (req) => ({ status: 200, body: { two: req.body } }) },
  ];

  it("loops until the counter reaches the requested count, then calls service two per response", () => {
    const run = simulate(workflow, { trigger: { body: { numberOfIterations: 3 } }, parameters, mocks });
    expect(run.status).toBe("Succeeded");
    expect(run.iterations("Until_Loop")).toHaveLength(3);
    expect(run.callsTo("http", "post", "https://one.example/*").map((c) => c.body)).toEqual([{ iterationNumber: 1 }, { iterationNumber: 2 }, { iterationNumber: 3 }]);
    // The failed call of iteration 2 is still appended: runAfter ["Succeeded", "FAILED"] (upper case, as published).
    expect(run.iterations("Until_Loop")[1]!.actions.Call_Service_One!.status).toBe("Failed");
    expect(run.iterations("Until_Loop")[1]!.actions.Append_response_to_systemOneResponses!.status).toBe("Succeeded");
    expect(run.callsTo("http", "post", "https://two.example/doSomethingInsideForEachLoop").map((c) => c.body)).toEqual([{ one: 1 }, { error: "iteration 2 rejected" }, { one: 3 }]);
    expect(run.response).toEqual({
      statusCode: 200,
      headers: { "Content-Type": "application/json" },
      body: {
        loopCounter: 3,
        serviceOneResponses: [{ one: 1 }, { error: "iteration 2 rejected" }, { one: 3 }],
        serviceTwoResponses: [{ two: { one: 1 } }, { two: { error: "iteration 2 rejected" } }, { two: { one: 3 } }],
      },
    });
  });

  it("without the parameters the Http calls fail with InvalidTemplate, and the run still answers", () => {
    const run = simulate(workflow, { trigger: { body: { numberOfIterations: 1 } }, mocks });
    expect(run.iterations("Until_Loop")[0]!.actions.Call_Service_One!.code).toBe("InvalidTemplate");
    expect(run.calls).toHaveLength(0);
  });
});

describe("logicapps-samples/gallery-blob-storage-to-dynamics-365-import.json (splitOn + Until + Switch + Wait)", () => {
  const definition = load("logicapps-samples/gallery-blob-storage-to-dynamics-365-import.json");
  const mocks = (final: string): Mock[] => [
    { connector: "azureblob", method: "post", path: "/datasets/default/copyFile", response: (r) => ({ status: 200, body: { Path: `/processing/${(r.queries.destination as string).split("/").pop()}`, Name: "copy.zip" } }) },
    { connector: "azureblob", method: "delete", path: "/datasets/default/files/{id}", response: { status: 200 } },
    { connector: "azureblob", method: "post", path: "/datasets/default/CreateSharedLinkByPath", response: { status: 200, body: { WebUrl: "https://blob.example/sas" } } },
    { http: { method: "POST", uri: "**/Microsoft.Dynamics.DataEntities.ImportFromPackage" }, response: { status: 200, body: { value: "exec-1" } } },
    {
      http: { method: "POST", uri: "**/Microsoft.Dynamics.DataEntities.GetExecutionSummaryStatus" },
      responses: [{ status: 200, body: { value: "Executing" } }, { status: 200, body: { value: "Executing" } }, { status: 200, body: { value: final } }],
    },
    { connector: "office365", method: "post", path: "/Mail", response: { status: 200 } },
  ];
  const files = { body: [{ Id: "id1", Name: "a.zip", Path: "/zip-files/a.zip" }, { Id: "id2", Name: "b.zip", Path: "/zip-files/b.zip" }] };

  it("starts one run per file (splitOn), polls the import every 15 s, and files the zip by outcome", () => {
    const runs = simulateAll(definition, { trigger: files, mocks: mocks("Succeeded") });
    expect(runs).toHaveLength(2);
    for (const [i, run] of runs.entries()) {
      expect(run.status).toBe("Succeeded");
      expect(run.callsTo("azureblob", "delete", "/datasets/default/files/{id}")[0]!.path).toBe(`/datasets/default/files/id${i + 1}`);
      expect(run.iterations("Wait_For_Execution_Results")).toHaveLength(3);
      expect(run.endTime).toBe("2024-01-01T00:00:45.000Z");
      expect(run.action("Copy_file_to_succeeded_folder").status).toBe("Succeeded");
      expect(run.action("Copy_file_to_failed_folder").status).toBe("Skipped");
      expect(run.action("Send_email_if_API_returns_an_error").status).toBe("Skipped");
    }
    expect((runs[1]!.callsTo("http", "post", "**.ImportFromPackage")[0]!.body as { packageUrl: string }).packageUrl).toBe("https://blob.example/sas");
    // Double-encoded path segment, as published: decoded once for matching.
    expect(runs[0]!.callsFrom("Delete_file_from_processing_folder")[0]!.path).toBe("/datasets/default/files/%252Fprocessing%252Fa.zip");
  });

  it("a failed import goes to the default case; an API error emails through office365-2 (office365)", () => {
    const failed = simulateAll(definition, { trigger: { body: [files.body[0]] }, mocks: mocks("Failed") })[0]!;
    expect(failed.action("Copy_file_to_failed_folder").status).toBe("Succeeded");
    const errored = simulateAll(definition, {
      trigger: { body: [files.body[0]] },
      mocks: [{ http: { uri: "**.ImportFromPackage" }, response: { status: 401, body: { error: "unauthorized" } } }, ...mocks("Succeeded")],
    })[0]!;
    expect(errored.action("Send_email_if_API_returns_an_error").status).toBe("Succeeded");
    expect(errored.callsTo("office365", "post", "/Mail")).toHaveLength(1);
    expect(errored.action("Wait_For_Execution_Results").status).toBe("Skipped");
  });
});

describe("logicapps-samples/logicappsux-allscopenodes.json (Switch, Terminate, nested scopes and loops)", () => {
  it("takes the matching case, terminates with SUCCEEDED and skips everything after", () => {
    const run = simulate(load("logicapps-samples/logicappsux-allscopenodes.json"));
    expect(run.status).toBe("Succeeded");
    expect(run.action("Terminate").status).toBe("Succeeded");
    expect(run.action("Increment_variable_4").status).toBe("Skipped");
    expect(run.action("Initialize_owner").status).toBe("Skipped");
    expect(run.action("Initialize_owner").code).toBe("RunTerminated");
    expect(run.action("Scope_Action_3").status).toBe("Skipped");
    expect(run.action("Default-Compose").code).toBe("ActionBranchingConditionNotSatisfied");
    expect(run.calls).toEqual([]);
  });
});

describe("logicapps-samples/testframework-requestresponse-bom.json (UTF-8 BOM, Compose → Response)", () => {
  it("answers the request with the composed text", () => {
    const run = simulate(load("logicapps-samples/testframework-requestresponse-bom.json"));
    expect(run.status).toBe("Succeeded");
    expect(run.response).toEqual({ statusCode: 200, headers: {}, body: "Hello from Logic Apps!" });
  });
});
