import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { compose, def } from "./support";

const rows = [
  { Name: "a", Count: 1, Tags: ["x"] },
  { Name: "b,c", Count: 2, Note: 'say "hi"' },
];

function one(action: Record<string, unknown>, trigger?: unknown) {
  const run = simulate(def({ A: { runAfter: {}, ...action } }), { trigger: { body: trigger } });
  return run.action("A");
}

describe("Compose", () => {
  it("evaluates its inputs deeply and returns them as outputs", () => {
    const a = one({ type: "Compose", inputs: { id: "@triggerBody()?['id']", text: "alert @{triggerBody()?['id']}", n: 2, list: ["@add(1, 2)"] } }, { id: 7 });
    expect(a.outputs).toEqual({ id: 7, text: "alert 7", n: 2, list: [3] });
    expect(a.inputs).toEqual(a.outputs);
  });

  it("keeps @@ literals", () => {
    expect(one({ type: "Compose", inputs: "@@not an expression" }).outputs).toBe("@not an expression");
  });
});

describe("ParseJson", () => {
  const schema = { type: "object", properties: { id: { type: "string" }, n: { type: "integer" } }, required: ["id"] };

  it("parses a string and checks the schema", () => {
    const a = one({ type: "ParseJson", inputs: { content: '{"id":"x","n":3}', schema } });
    expect(a.status).toBe("Succeeded");
    expect(a.outputs).toEqual({ body: { id: "x", n: 3 } });
  });

  it("accepts an object and fails schema violations with ValidationFailed", () => {
    const a = one({ type: "ParseJson", inputs: { content: "@triggerBody()", schema } }, { n: "three" });
    expect(a.status).toBe("Failed");
    expect(a.code).toBe("ValidationFailed");
    expect(a.error?.message).toContain("Required properties are missing from object: id");
    expect(a.error?.message).toContain("$.n: Invalid type. Expected integer but got string");
  });

  it("fails on invalid JSON text", () => {
    expect(one({ type: "ParseJson", inputs: { content: "{nope", schema: {} } }).code).toBe("InvalidJSON");
  });

  it("accepts a list of types (nullable fields)", () => {
    const a = one({ type: "ParseJson", inputs: { content: { id: null }, schema: { type: "object", properties: { id: { type: ["string", "null"] } } } } });
    expect(a.status).toBe("Succeeded");
  });
});

describe("Query, Select, Join", () => {
  it("Query filters with item()", () => {
    const a = one({ type: "Query", inputs: { from: "@triggerBody()", where: "@greater(item()?['Count'], 1)" } }, rows);
    expect(a.outputs).toEqual({ body: [rows[1]] });
  });

  it("Select maps with an object template or a single expression", () => {
    expect(one({ type: "Select", inputs: { from: "@triggerBody()", select: { n: "@item()?['Name']", twice: "@mul(item()?['Count'], 2)" } } }, rows).outputs).toEqual({
      body: [
        { n: "a", twice: 2 },
        { n: "b,c", twice: 4 },
      ],
    });
    expect(one({ type: "Select", inputs: { from: "@triggerBody()", select: "@item()?['Name']" } }, rows).outputs).toEqual({ body: ["a", "b,c"] });
  });

  it("Join joins with a separator", () => {
    expect(one({ type: "Join", inputs: { from: "@createArray('a', 1, true)", joinWith: ";" } }).outputs).toEqual({ body: "a;1;true" });
  });

  it("fails when 'from' is not an array", () => {
    const a = one({ type: "Query", inputs: { from: "@triggerBody()", where: "@true" } }, { not: "array" });
    expect(a.status).toBe("Failed");
    expect(a.error?.message).toContain("must be an array");
  });
});

describe("Table", () => {
  it("CSV with automatic columns (every key, first appearance order), quoting per RFC 4180", () => {
    const a = one({ type: "Table", inputs: { from: "@triggerBody()", format: "CSV" } }, rows);
    expect((a.outputs as { body: string }).body).toBe('Name,Count,Tags,Note\r\na,1,"[""x""]",\r\n"b,c",2,,"say ""hi"""');
  });

  it("HTML with custom columns evaluated per item, text escaped", () => {
    const a = one(
      {
        type: "Table",
        inputs: { from: "@triggerBody()", format: "HTML", columns: [{ header: "Host", value: "@item()?['Name']" }, { header: "<n>", value: "@add(item()?['Count'], 10)" }] },
      },
      rows,
    );
    expect((a.outputs as { body: string }).body).toBe(
      "<table><thead><tr><th>Host</th><th>&lt;n&gt;</th></tr></thead><tbody><tr><td>a</td><td>11</td></tr><tr><td>b,c</td><td>12</td></tr></tbody></table>",
    );
  });

  it("an empty array gives only the header", () => {
    expect((one({ type: "Table", inputs: { from: [], format: "HTML", columns: [{ header: "H", value: "@item()" }] } }).outputs as { body: string }).body).toBe(
      "<table><thead><tr><th>H</th></tr></thead><tbody></tbody></table>",
    );
  });
});

describe("variables", () => {
  const run = (actions: Record<string, unknown>) => simulate(def(actions));
  const init = (variables: unknown[]) => ({ type: "InitializeVariable", inputs: { variables }, runAfter: {} });

  it("Initialize, Set, Increment, Decrement, Append", () => {
    const r = run({
      Init: init([
        { name: "s", type: "String", value: "a" },
        { name: "i", type: "integer", value: 5 },
        { name: "f", type: "float", value: 1.5 },
        { name: "arr", type: "array" },
        { name: "flag", type: "Boolean", value: "@false" },
      ]),
      Set: { type: "SetVariable", inputs: { name: "flag", value: "@true" }, runAfter: { Init: ["Succeeded"] } },
      Inc: { type: "IncrementVariable", inputs: { name: "i" }, runAfter: { Set: ["Succeeded"] } },
      Dec: { type: "DecrementVariable", inputs: { name: "f", value: 0.5 }, runAfter: { Inc: ["Succeeded"] } },
      App: { type: "AppendToArrayVariable", inputs: { name: "arr", value: { k: 1 } }, runAfter: { Dec: ["Succeeded"] } },
      AppS: { type: "AppendToStringVariable", inputs: { name: "S", value: 42 }, runAfter: { App: ["Succeeded"] } },
      Out: compose({ s: "@variables('s')", i: "@variables('i')", f: "@variables('f')", arr: "@variables('arr')", flag: "@variables('flag')" }, { AppS: ["Succeeded"] }),
    });
    expect(r.action("Out").outputs).toEqual({ s: "a42", i: 6, f: 1, arr: [{ k: 1 }], flag: true });
    expect(r.action("Inc").outputs).toEqual({ body: { name: "i", value: 6 } });
  });

  it("a value of the wrong type fails the action", () => {
    const r = run({
      Init: init([{ name: "i", type: "integer", value: 1 }]),
      Set: { type: "SetVariable", inputs: { name: "i", value: "one" }, runAfter: { Init: ["Succeeded"] } },
    });
    expect(r.action("Set").status).toBe("Failed");
    expect(r.action("Set").error?.message).toContain("of type 'Integer' cannot be initialized or updated with a value of type 'String'");
  });

  it("using an undeclared variable fails", () => {
    const r = run({ Set: { type: "SetVariable", inputs: { name: "nope", value: 1 }, runAfter: {} } });
    expect(r.action("Set").code).toBe("InvalidVariable");
    const read = run({ Read: compose("@variables('nope')") });
    expect(read.action("Read").status).toBe("Failed");
  });
});

describe("Wait, Response, Expression kinds", () => {
  it("Wait advances the simulated clock; utcNow() of later actions sees it", () => {
    const r = simulate(
      def({
        Pause: { type: "Wait", inputs: { interval: { count: 2, unit: "Minute" } }, runAfter: {} },
        Now: compose("@utcNow()", { Pause: ["Succeeded"] }),
        Until: { type: "Wait", inputs: { until: { timestamp: "2024-01-01T01:00:00Z" } }, runAfter: { Now: ["Succeeded"] } },
      }),
    );
    expect(r.action("Pause").endTime).toBe("2024-01-01T00:02:00.000Z");
    expect(r.action("Now").outputs).toBe("2024-01-01T00:02:00.0000000Z");
    expect(r.endTime).toBe("2024-01-01T01:00:00.000Z");
  });

  it("Response records status code, headers and body; run.response returns them", () => {
    const r = simulate(def({ Reply: { type: "Response", kind: "http", inputs: { statusCode: 202, headers: { "x-a": "1" }, body: { got: "@triggerBody()" } }, runAfter: {} } }), {
      trigger: { body: 5 },
    });
    expect(r.action("Reply").outputs).toEqual({ statusCode: 202, headers: { "x-a": "1" }, body: { got: 5 } });
    expect(r.response).toEqual({ statusCode: 202, headers: { "x-a": "1" }, body: { got: 5 } });
  });

  it("Expression SubtractFromTime / AddToTime run through the date functions", () => {
    const r = simulate(
      def({
        Sub: { type: "Expression", kind: "SubtractFromTime", inputs: { baseTime: "@{utcNow()}", interval: 7, timeUnit: "Day" }, runAfter: {} },
        Add: { type: "Expression", kind: "AddToTime", inputs: { baseTime: "2024-01-01T00:00:00Z", interval: "2", timeUnit: "Hour" }, runAfter: {} },
      }),
      { now: "2024-03-10T00:00:00Z" },
    );
    expect(r.action("Sub").outputs).toEqual({ body: "2024-03-03T00:00:00.0000000Z" });
    expect(r.action("Add").outputs).toEqual({ body: "2024-01-01T02:00:00.0000000Z" });
  });

  it("an unknown action type fails with UnsupportedActionType unless mocked by name", () => {
    const d = def({ Js: { type: "JavaScriptCode", inputs: { code: "return 1" }, runAfter: {} } });
    expect(simulate(d).action("Js").code).toBe("UnsupportedActionType");
    const mocked = simulate(d, { mocks: [{ action: "Js", response: { status: 200, body: 1 } }] });
    expect(mocked.action("Js").status).toBe("Succeeded");
    expect(mocked.action("Js").outputs).toEqual({ statusCode: 200, headers: {}, body: 1 });
  });
});
