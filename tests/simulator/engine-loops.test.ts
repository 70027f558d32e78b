import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { api, compose, def } from "./support";

const vars = (...list: [string, string, unknown][]) => ({
  type: "InitializeVariable",
  inputs: { variables: list.map(([name, type, value]) => ({ name, type, value })) },
  runAfter: {},
});

describe("Foreach", () => {
  it("runs the body once per item with item() and items('loop'), recording iterations", () => {
    const run = simulate(
      def({
        Loop: {
          type: "Foreach",
          foreach: "@triggerBody()?['hosts']",
          actions: { Name: compose("@concat(items('Loop')?['name'], '/', item()?['name'], '#', iterationIndexes('Loop'))") },
          runAfter: {},
        },
      }),
      { trigger: { body: { hosts: [{ name: "a" }, { name: "b" }, { name: "c" }] } } },
    );
    const its = run.iterations("Loop");
    expect(its.map((i) => i.actions.Name!.outputs)).toEqual(["a/a#0", "b/b#1", "c/c#2"]);
    expect(its.map((i) => i.item)).toEqual([{ name: "a" }, { name: "b" }, { name: "c" }]);
    expect(run.action("Loop").status).toBe("Succeeded");
    // The flat record shows the last iteration.
    expect(run.action("Name").outputs).toBe("c/c#2");
  });

  it("inside an iteration, body('X') is that iteration's X; outside, the last iteration's", () => {
    const run = simulate(
      def({
        Loop: {
          type: "Foreach",
          foreach: "@createArray('m1', 'm2')",
          actions: {
            Get: api("wdatp", "get", "/api/machines/@{item()}"),
            Echo: compose("@body('Get')?['id']", { Get: ["Succeeded"] }),
          },
          runAfter: {},
        },
        After: compose("@body('Get')?['id']", { Loop: ["Succeeded"] }),
      }),
      { mocks: [{ connector: "wdatp", method: "get", path: "/api/machines/{id}", response: (req) => ({ status: 200, body: { id: req.pathParams.id } }) }] },
    );
    expect(run.iterations("Loop").map((i) => i.actions.Echo!.outputs)).toEqual(["m1", "m2"]);
    expect(run.action("After").outputs).toBe("m2");
    expect(run.callsTo("wdatp", "get", "/api/machines/*").map((c) => c.path)).toEqual(["/api/machines/m1", "/api/machines/m2"]);
  });

  it("fails when any iteration fails; other iterations still run", () => {
    const run = simulate(
      def({ Loop: { type: "Foreach", foreach: "@createArray('ok', 'bad', 'ok2')", actions: { Get: api("wdatp", "get", "/x/@{item()}") }, runAfter: {} } }),
      { mocks: [{ connector: "wdatp", path: "/x/bad", response: { status: 500 } }, { connector: "wdatp", response: { status: 200 } }] },
    );
    expect(run.iterations("Loop").map((i) => i.status)).toEqual(["Succeeded", "Failed", "Succeeded"]);
    expect(run.action("Loop").status).toBe("Failed");
    expect(run.status).toBe("Failed");
  });

  it("fails with InvalidTemplate when foreach is not an array", () => {
    const run = simulate(def({ Loop: { type: "Foreach", foreach: "@triggerBody()?['missing']", actions: {}, runAfter: {} } }), { trigger: { body: {} } });
    expect(run.action("Loop").status).toBe("Failed");
    expect(run.action("Loop").error?.message).toContain("must be a valid array");
  });

  it("an empty array runs no iteration and inner actions have no record", () => {
    const run = simulate(def({ Loop: { type: "Foreach", foreach: [], actions: { Inner: compose(1) }, runAfter: {} } }));
    expect(run.action("Loop").status).toBe("Succeeded");
    expect(run.iterations("Loop")).toEqual([]);
    expect(run.has("Inner")).toBe(false);
    expect(() => run.action("Inner")).toThrow(/sits in 'Loop'/);
  });

  it("parallel iterations overlap in simulated time; Sequential ones follow each other", () => {
    const loop = (extra: Record<string, unknown>) =>
      def({
        Loop: { type: "Foreach", foreach: "@createArray(1, 2, 3)", actions: { Pause: { type: "Wait", inputs: { interval: { count: 10, unit: "Second" } }, runAfter: {} } }, runAfter: {}, ...extra },
      });
    const parallel = simulate(loop({}));
    expect(parallel.iterations("Loop").map((i) => i.startTime)).toEqual(Array(3).fill("2024-01-01T00:00:00.000Z"));
    expect(parallel.endTime).toBe("2024-01-01T00:00:10.000Z");
    const two = simulate(loop({ runtimeConfiguration: { concurrency: { repetitions: 2 } } }));
    expect(two.iterations("Loop").map((i) => i.startTime.slice(11, 19))).toEqual(["00:00:00", "00:00:00", "00:00:10"]);
    expect(two.endTime).toBe("2024-01-01T00:00:20.000Z");
    const sequential = simulate(loop({ operationOptions: "Sequential" }));
    expect(sequential.iterations("Loop").map((i) => i.startTime.slice(11, 19))).toEqual(["00:00:00", "00:00:10", "00:00:20"]);
    expect(sequential.endTime).toBe("2024-01-01T00:00:30.000Z");
  });

  it("variables are shared across iterations (not isolated), items are", () => {
    const run = simulate(
      def({
        Init: vars(["total", "integer", 0], ["names", "array", []]),
        Loop: {
          type: "Foreach",
          foreach: "@createArray('x', 'y')",
          actions: { Add: { type: "IncrementVariable", inputs: { name: "total", value: 5 }, runAfter: {} }, Push: { type: "AppendToArrayVariable", inputs: { name: "names", value: "@item()" }, runAfter: {} } },
          runAfter: { Init: ["Succeeded"] },
        },
        Out: compose("@concat(variables('total'), join(variables('names'), ','))", { Loop: ["Succeeded"] }),
      }),
    );
    expect(run.action("Out").outputs).toBe("10x,y");
  });

  it("nested loops: items() of the outer loop inside the inner one", () => {
    const run = simulate(
      def({
        Outer: {
          type: "Foreach",
          foreach: "@createArray('a', 'b')",
          actions: { Inner: { type: "Foreach", foreach: "@createArray(1, 2)", actions: { Pair: compose("@concat(items('Outer'), items('Inner'))") }, runAfter: {} } },
          runAfter: {},
        },
      }),
    );
    const pairs = run.iterations("Outer").flatMap((o) => o.actions.Inner!.iterations!.map((i) => i.actions.Pair!.outputs));
    expect(pairs).toEqual(["a1", "a2", "b1", "b2"]);
  });
});

describe("Until", () => {
  const until = (expression: string, limit?: Record<string, unknown>, body: Record<string, unknown> = {}) =>
    def({
      Init: vars(["n", "integer", 0]),
      Poll: {
        type: "Until",
        expression,
        ...(limit ? { limit } : {}),
        actions: { Inc: { type: "IncrementVariable", inputs: { name: "n", value: 1 }, runAfter: {} }, ...body },
        runAfter: { Init: ["Succeeded"] },
      },
      Done: compose("@variables('n')", { Poll: ["Succeeded"] }),
    });

  it("action() in the condition is the running loop", () => {
    const run = simulate(until("@equals(action()?['name'], 'Poll')"));
    expect(run.action("Poll").status).toBe("Succeeded");
    expect(run.iterations("Poll")).toHaveLength(1);
  });

  it("is a do-while: the body runs before the condition is checked", () => {
    const run = simulate(until("@true"));
    expect(run.iterations("Poll")).toHaveLength(1);
    expect(run.action("Done").outputs).toBe(1);
  });

  it("loops until the condition holds", () => {
    const run = simulate(until("@equals(variables('n'), 3)"));
    expect(run.iterations("Poll")).toHaveLength(3);
    expect(run.action("Done").outputs).toBe(3);
    expect(run.action("Poll").status).toBe("Succeeded");
  });

  it("stops at limit.count (default 60)", () => {
    expect(simulate(until("@false", { count: 5 })).action("Done").outputs).toBe(5);
    expect(simulate(until("@false")).iterations("Poll")).toHaveLength(60);
  });

  it("stops at limit.timeout on simulated time", () => {
    const run = simulate(until("@false", { count: 1000, timeout: "PT1M" }, { Pause: { type: "Wait", inputs: { interval: { count: 15, unit: "Second" } }, runAfter: { Inc: ["Succeeded"] } } }));
    expect(run.iterations("Poll")).toHaveLength(4);
    expect(run.action("Poll").endTime).toBe("2024-01-01T00:01:00.000Z");
  });

  it("polls a mocked status with a sequence of responses and a Wait", () => {
    const run = simulate(
      def({
        Poll: {
          type: "Until",
          expression: "@equals(body('Get_status')?['status'], 'Succeeded')",
          limit: { count: 10, timeout: "PT1H" },
          actions: {
            Get_status: api("wdatp", "get", "/api/machineactions/ma1"),
            Delay: { type: "wait", inputs: { interval: { count: 30, unit: "Second" } }, runAfter: { Get_status: ["Succeeded"] } },
          },
          runAfter: {},
        },
      }),
      {
        mocks: [
          { connector: "wdatp", path: "/api/machineactions/{id}", responses: [{ status: 200, body: { status: "Pending" } }, { status: 200, body: { status: "InProgress" } }, { status: 200, body: { status: "Succeeded" } }] },
        ],
      },
    );
    expect(run.iterations("Poll").map((i) => (i.actions.Get_status!.outputs as { body: { status: string } }).body.status)).toEqual(["Pending", "InProgress", "Succeeded"]);
    expect(run.endTime).toBe("2024-01-01T00:01:30.000Z");
    expect(run.callsTo("wdatp")).toHaveLength(3);
  });

  it("is Failed when the last iteration failed, but a failure in an earlier iteration does not stop it", () => {
    const d = def({
      Poll: { type: "Until", expression: "@equals(iterationIndexes('Poll'), 2)", limit: { count: 3 }, actions: { Get: api("wdatp", "get", "/s") }, runAfter: {} },
    });
    const earlier = simulate(d, { mocks: [{ connector: "wdatp", responses: [{ status: 404 }, { status: 200 }] }] });
    expect(earlier.iterations("Poll").map((i) => i.status)).toEqual(["Failed", "Succeeded", "Succeeded"]);
    expect(earlier.action("Poll").status).toBe("Succeeded");
    const last = simulate(d, { mocks: [{ connector: "wdatp", responses: [{ status: 200 }, { status: 200 }, { status: 404 }] }] });
    expect(last.action("Poll").status).toBe("Failed");
  });
});
