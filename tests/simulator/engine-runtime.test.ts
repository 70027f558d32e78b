/** Runtime points of issue 14, each following the documentation sentence it cites. */
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { compose, def } from "./support";

const reply = (status: number, runAfter: Record<string, string[]> = {}) => ({ type: "Response", kind: "Http", inputs: { statusCode: status, body: { status } }, runAfter });

describe("Response", () => {
  // Docs (logic-apps-workflow-actions-triggers, "Response action"): the Response action answers the incoming
  // request; an HTTP request has one response, so a second Response has nothing left to answer.
  it("a second Response fails, and so does the run; the first answer stands", () => {
    const run = simulate(def({ First: reply(200), Second: reply(500, { First: ["Succeeded"] }) }));
    expect(run.action("First").status).toBe("Succeeded");
    expect(run.action("Second").status).toBe("Failed");
    expect(run.action("Second").error).toEqual({ code: "ResponseAlreadySent", message: "Response 'Second' cannot answer the request: Response 'First' already answered it." });
    expect(run.status).toBe("Failed");
    expect(run.response).toEqual({ statusCode: 200, headers: {}, body: { status: 200 } });
  });

  it("a Response after a failed one may still answer (nothing was sent)", () => {
    const run = simulate(def({ Bad: { type: "Response", kind: "Http", inputs: { statusCode: 99 }, runAfter: {} }, Good: reply(500, { Bad: ["Failed"] }) }));
    expect(run.action("Bad").status).toBe("Failed");
    expect(run.action("Good").status).toBe("Succeeded");
  });
});

describe("@@ escapes", () => {
  // Docs (logic-apps-workflow-definition-language, "Expressions"): "If you have a literal string that starts with
  // the @ character, prefix the @ character with another @ character as an escape character: @@"; the table of
  // examples gives "@@" → a 1-character string that contains '@'. Constant objects and arrays are JSON values like
  // any other, so the escape applies inside them too.
  it("unescapes @@ inside constant objects and arrays, at every depth", () => {
    const run = simulate(def({ C: compose({ c: "@@", list: ["@@x", { deep: "a @@{b}" }], plain: "mail@contoso.com" }) }));
    expect(run.action("C").outputs).toEqual({ c: "@", list: ["@x", { deep: "a @{b}" }], plain: "mail@contoso.com" });
  });

  it("keeps the definition's own objects untouched (same bytes on every run)", () => {
    const d = def({ C: compose({ c: "@@" }) });
    simulate(d);
    simulate(d);
    expect((d.actions as Record<string, { inputs: unknown }>).C.inputs).toEqual({ c: "@@" });
  });
});

describe("the functions reference's workflow examples", () => {
  // Functions reference, iterationIndexes: "This example creates a counter variable and increments that variable by one
  // during each iteration in an Until loop until the counter value reaches five" (its definition, as printed).
  it("iterationIndexes(): the Until example counts to five, with the index of each iteration", () => {
    const run = simulate(
      def({
        Create_counter_variable: { type: "InitializeVariable", inputs: { variables: [{ name: "myCounter", type: "Integer", value: 0 }] }, runAfter: {} },
        Create_current_index_variable: {
          type: "InitializeVariable",
          inputs: { variables: [{ name: "myCurrentLoopIndex", type: "Integer", value: 0 }] },
          runAfter: { Create_counter_variable: ["Succeeded"] },
        },
        Until_Max_Increment: {
          type: "Until",
          actions: {
            Assign_current_index_to_counter: { type: "SetVariable", inputs: { name: "myCurrentLoopIndex", value: "@variables('myCounter')" }, runAfter: { Increment_variable: ["Succeeded"] } },
            Compose: { inputs: "'Current index: ' @{iterationIndexes('Until_Max_Increment')}", runAfter: { Assign_current_index_to_counter: ["Succeeded"] }, type: "Compose" },
            Increment_variable: { type: "IncrementVariable", inputs: { name: "myCounter", value: 1 }, runAfter: {} },
          },
          expression: "@equals(variables('myCounter'), 5)",
          limit: { count: 60, timeout: "PT1H" },
          runAfter: { Create_current_index_variable: ["Succeeded"] },
        },
      }),
    );
    expect(run.status).toBe("Succeeded");
    expect(run.iterations("Until_Max_Increment").map((i) => i.actions.Compose!.outputs)).toEqual([0, 1, 2, 3, 4].map((i) => `'Current index: ' ${i}`));
  });

  // Functions reference, result(): "This example returns the inputs and outputs from each iteration of an HTTP action
  // inside that's in a For_each loop"; the returned array has one entry, HTTP, whose outputs list each iteration.
  it("result('For_each'): one entry per top-level action, its outputs one record per iteration", () => {
    const run = simulate(
      def({
        Compose: { inputs: "@result('For_each')", runAfter: { For_each: ["Succeeded"] }, type: "compose" },
        For_each: { actions: { HTTP: { inputs: { method: "GET", uri: "https://httpstat.us/200" }, runAfter: {}, type: "Http" } }, foreach: "@triggerBody()", runAfter: {}, type: "Foreach" },
      }),
      { trigger: { body: [1, 2] }, mocks: [{ http: { uri: "https://httpstat.us/200" }, response: { status: 200 } }] },
    );
    const result = run.action("Compose").outputs as { name: string; outputs: { name: string; inputs: unknown; outputs: { statusCode: number }; code: string; status: string }[] }[];
    expect(result.map((r) => r.name)).toEqual(["HTTP"]);
    expect(result[0]!.outputs.map((o) => [o.name, o.inputs, o.outputs.statusCode, o.code, o.status])).toEqual([
      ["HTTP", { uri: "https://httpstat.us/200", method: "GET" }, 200, "OK", "Succeeded"],
      ["HTTP", { uri: "https://httpstat.us/200", method: "GET" }, 200, "OK", "Succeeded"],
    ]);
  });
});
