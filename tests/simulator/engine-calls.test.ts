import { describe, expect, it } from "vitest";
import { SimulationError, compilePattern, matchPattern, mocks as typed, parseMockFile, simulate, type Mock } from "../../simulator";
import { api, compose, def, host } from "./support";

const isolate = def({
  Isolate: api("wdatp", "post", "/api/machines/@{encodeURIComponent(triggerBody()?['machineId'])}/isolate", {
    body: { Comment: "by test", IsolationType: "Full" },
  }),
});

describe("patterns", () => {
  it("{name} captures one URL-decoded segment, * one segment, trailing * and ** the rest", () => {
    expect(matchPattern(compilePattern("/api/machines/{id}/isolate"), "/api/machines/a%20b/isolate")).toEqual({ id: "a b" });
    expect(matchPattern(compilePattern("/api/machines/*/isolate"), "/api/machines/x/y/isolate")).toBeUndefined();
    expect(matchPattern(compilePattern("/api/machines/{id}/isolate"), "/api/machines/x%2Fy/isolate")).toEqual({ id: "x/y" });
    expect(matchPattern(compilePattern("https://graph.microsoft.com/*"), "https://graph.microsoft.com/v1.0/users/x/sendMail")).toEqual({});
    expect(matchPattern(compilePattern("**/sendMail"), "https://graph.microsoft.com/v1.0/users/x/sendMail")).toEqual({});
    expect(matchPattern(compilePattern("/API/Alerts/{id}"), "/api/alerts/1?$expand=x")).toEqual({ id: "1" });
    expect(matchPattern(compilePattern("/api/alerts?$top=1"), "/api/alerts?$top=1")).toEqual({});
  });
});

describe("connector mocks", () => {
  it("matches managed API + method + path and records the call with the evaluated path and body", () => {
    const run = simulate(isolate, {
      trigger: { body: { machineId: "m/1" } },
      mocks: [
        { connector: "wdatp", method: "get", path: "/api/machines/{id}/isolate", response: { status: 500 } },
        { connector: "wdatp", method: "POST", path: "/api/machines/{id}/isolate", response: { status: 201, body: { id: "ma1", status: "Pending" } } },
      ],
    });
    expect(run.action("Isolate").status).toBe("Succeeded");
    expect(run.action("Isolate").code).toBe("Created");
    expect(run.action("Isolate").outputs).toEqual({ statusCode: 201, headers: {}, body: { id: "ma1", status: "Pending" } });
    expect(run.calls).toEqual([{ action: "Isolate", connector: "wdatp", method: "post", path: "/api/machines/m%2F1/isolate", body: { Comment: "by test", IsolationType: "Full" } }]);
    // An encoded '/' stays inside its segment.
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")).toHaveLength(1);
    expect(run.callsTo("wdatp", "post", "/api/machines/m/1/isolate")).toHaveLength(0);
    expect(run.callsFrom("Isolate")).toHaveLength(1);
  });

  it("handlers receive the request with path parameters", () => {
    const seen: unknown[] = [];
    simulate(isolate, {
      trigger: { body: { machineId: "dev 7" } },
      mocks: [
        {
          connector: "wdatp",
          path: "/api/machines/{id}/isolate",
          response: (req) => {
            seen.push({ method: req.method, path: req.path, id: req.pathParams.id, body: req.body, attempt: req.attempt, action: req.action });
            return { status: 201 };
          },
        },
      ],
    });
    expect(seen).toEqual([{ method: "post", path: "/api/machines/dev%207/isolate", id: "dev 7", body: { Comment: "by test", IsolationType: "Full" }, attempt: 0, action: "Isolate" }]);
  });

  it("an unmocked call fails its action with UnmockedCall naming the call", () => {
    const run = simulate(isolate, { trigger: { body: { machineId: "m1" } } });
    const a = run.action("Isolate");
    expect(a.status).toBe("Failed");
    expect(a.code).toBe("UnmockedCall");
    expect(a.error?.message).toContain("wdatp post /api/machines/m1/isolate");
    expect(a.error?.message).toContain('"path":"/api/machines/m1/isolate"');
    expect(run.status).toBe("Failed");
  });

  it("maps $connections keys to managed APIs through the connection id, else the key without _<n>", () => {
    const d = def(
      {
        A: api("wdatp_1", "get", "/a"),
        B: api("myDefender", "get", "/b", { runAfter: { A: ["Succeeded"] } }),
        C: api("Office365-2", "post", "/v2/Mail", { runAfter: { B: ["Succeeded"] } }),
      },
      { parameters: { $connections: { type: "Object", defaultValue: {} } } },
    );
    const run = simulate(d, {
      parameters: { $connections: { myDefender: { connectionId: "/x/connections/d", id: "/subscriptions/s/providers/Microsoft.Web/locations/westeurope/managedApis/wdatp" } } },
      mocks: [{ connector: "wdatp", response: { status: 200 } }, { connector: "office365", response: { status: 200 } }],
    });
    expect(run.calls.map((c) => c.connector)).toEqual(["wdatp", "wdatp", "office365"]);
    expect(run.status).toBe("Succeeded");
  });

  it("a mock list edited between runs is read again", () => {
    const d = def({ A: api("wdatp", "get", "/x") });
    const list: Mock[] = [];
    expect(simulate(d, { mocks: list }).action("A").code).toBe("UnmockedCall");
    list.push({ connector: "wdatp", response: { status: 200 } });
    expect(simulate(d, { mocks: list }).action("A").status).toBe("Succeeded");
    list[0] = { connector: "wdatp", response: { status: 404 } };
    expect(simulate(d, { mocks: list }).action("A").code).toBe("NotFound");
  });

  it("mocks can be limited to an action; the first matching mock answers", () => {
    const d = def({ A: api("wdatp", "get", "/x"), B: api("wdatp", "get", "/x", { runAfter: { A: ["Succeeded"] } }) });
    const run = simulate(d, { mocks: [{ connector: "wdatp", action: "B", response: { status: 200, body: "b" } }, { connector: "wdatp", response: { status: 200, body: "any" } }] });
    expect((run.action("A").outputs as { body: unknown }).body).toBe("any");
    expect((run.action("B").outputs as { body: unknown }).body).toBe("b");
  });
});

describe("retryPolicy on simulated time", () => {
  const flaky: Mock[] = [{ connector: "wdatp", responses: [{ status: 500 }, { status: 429 }, { status: 200, body: "ok" }] }];

  it("the default policy retries 5xx and 429 with exponential backoff and keeps retryHistory", () => {
    const run = simulate(isolate, { trigger: { body: { machineId: "m" } }, mocks: flaky });
    const a = run.action("Isolate");
    expect(a.status).toBe("Succeeded");
    expect(run.callsTo("wdatp")).toHaveLength(3);
    expect(a.retryHistory?.map((h) => h.code)).toEqual(["InternalServerError", "TooManyRequests"]);
    // 7.5 s then 15 s (tops of the service's ranges).
    expect(a.endTime).toBe("2024-01-01T00:00:22.500Z");
  });

  it("gives up after 4 retries by default", () => {
    const run = simulate(isolate, { trigger: { body: { machineId: "m" } }, mocks: [{ connector: "wdatp", response: { status: 503 } }] });
    expect(run.callsTo("wdatp")).toHaveLength(5);
    expect(run.action("Isolate").status).toBe("Failed");
    expect(run.action("Isolate").code).toBe("ServiceUnavailable");
    // 7.5 + 15 + 30 + 45 s
    expect(run.action("Isolate").endTime).toBe("2024-01-01T00:01:37.500Z");
  });

  it("does not retry 4xx other than 408/429", () => {
    const run = simulate(isolate, { trigger: { body: { machineId: "m" } }, mocks: [{ connector: "wdatp", response: { status: 400 } }] });
    expect(run.callsTo("wdatp")).toHaveLength(1);
  });

  it("none, fixed and exponential policies", () => {
    const withPolicy = (retryPolicy: unknown) => def({ Call: api("wdatp", "get", "/x", { retryPolicy }) });
    const always500: Mock[] = [{ connector: "wdatp", response: { status: 500 } }];
    expect(simulate(withPolicy({ type: "none" }), { mocks: always500 }).calls).toHaveLength(1);
    const fixed = simulate(withPolicy({ type: "fixed", count: 2, interval: "PT20S" }), { mocks: always500 });
    expect(fixed.calls).toHaveLength(3);
    expect(fixed.action("Call").endTime).toBe("2024-01-01T00:00:40.000Z");
    const exp = simulate(withPolicy({ type: "exponential", count: 3, interval: "PT10S", maximumInterval: "PT25S" }), { mocks: always500 });
    expect(exp.calls).toHaveLength(4);
    expect(exp.action("Call").endTime).toBe("2024-01-01T00:00:55.000Z"); // 10 + 20 + 25
    const bad = simulate(withPolicy({ type: "fixed", count: 0, interval: "PT1S" }), { mocks: always500 });
    expect(bad.action("Call").status).toBe("Failed");
    expect(bad.action("Call").error?.message).toContain("count");
  });

  it("a timed-out call ends TimedOut and a TimedOut handler runs", () => {
    const d = def({
      Call: { ...api("wdatp", "get", "/x"), limit: { timeout: "PT30S" } },
      OnTimeout: compose("late", { Call: ["TimedOut"] }),
    });
    const run = simulate(d, { mocks: [{ connector: "wdatp", response: { status: 200, delay: "PT1M" } }] });
    expect(run.action("Call").status).toBe("TimedOut");
    expect(run.action("Call").endTime).toBe("2024-01-01T00:00:30.000Z");
    expect(run.action("OnTimeout").status).toBe("Succeeded");
    const never = simulate(d, { mocks: [{ connector: "wdatp", response: { status: 200, timedOut: true } }] });
    expect(never.action("Call").status).toBe("TimedOut");
  });
});

describe("Http, Function, Workflow, webhooks, OpenApiConnection", () => {
  it("Http by method + URI pattern", () => {
    const d = def({
      Send: {
        type: "Http",
        inputs: { method: "post", uri: "https://graph.microsoft.com/v1.0/users/@{encodeUriComponent('bot@contoso.com')}/sendMail", body: { message: {} }, authentication: { type: "ManagedServiceIdentity", audience: "https://graph.microsoft.com" } },
        runAfter: {},
      },
    });
    const run = simulate(d, { mocks: [typed.graphMail.sendMail({ status: 202 })] });
    expect(run.action("Send").status).toBe("Succeeded");
    expect(run.calls).toEqual([{ action: "Send", uri: "https://graph.microsoft.com/v1.0/users/bot%40contoso.com/sendMail", method: "POST", body: { message: {} } }]);
    expect(run.callsTo("http", "post", "https://graph.microsoft.com/v1.0/users/{sender}/sendMail")).toHaveLength(1);
  });

  it("Function and Workflow actions", () => {
    const d = def({
      Fn: { type: "Function", inputs: { function: { id: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/app/functions/Enrich" }, body: { a: 1 } }, runAfter: {} },
      Child: { type: "Workflow", inputs: { host: { triggerName: "manual", workflow: { id: "/subscriptions/s/workflows/child" } }, body: { b: 2 } }, runAfter: { Fn: ["Succeeded"] } },
    });
    const run = simulate(d, {
      mocks: [
        { function: { id: "**/functions/Enrich" }, response: { status: 200, body: { enriched: true } } },
        { workflow: { id: "**/workflows/child", trigger: "manual" }, response: { status: 200, body: { done: true } } },
      ],
    });
    expect(run.status).toBe("Succeeded");
    expect(run.calls.map((c) => [c.action, c.method, c.uri])).toEqual([
      ["Fn", "POST", "/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/app/functions/Enrich"],
      ["Child", "POST", "/subscriptions/s/workflows/child"],
    ]);
  });

  it("ApiConnectionWebhook actions subscribe; the mock body stands for the callback", () => {
    const d = def({ Wait_for_approval: { type: "ApiConnectionWebhook", inputs: { host: host("teams"), path: "/approval", body: { notificationUrl: "@{listCallbackUrl()}" } }, runAfter: {} } });
    const run = simulate(d, { mocks: [{ connector: "teams", path: "/approval", response: { status: 200, body: { approved: true } } }] });
    expect((run.action("Wait_for_approval").outputs as { body: unknown }).body).toEqual({ approved: true });
    expect(run.calls[0]!.method).toBe("post");
    expect((run.calls[0]!.body as { notificationUrl: string }).notificationUrl).toMatch(/^https:\/\/prod-00\.westeurope\.logic\.azure\.com/);
  });

  it("Power Automate OpenApiConnection by api and operationId", () => {
    const d = def({
      Invoke: { type: "OpenApiConnection", inputs: { host: { apiId: "/providers/Microsoft.PowerApps/apis/shared_webcontents", connectionName: "shared_webcontents", operationId: "InvokeHttp" }, parameters: { "request/method": "GET" } }, runAfter: {} },
    });
    const run = simulate(d, { mocks: [{ connector: "webcontents", operation: "InvokeHttp", response: { status: 200, body: [1] } }] });
    expect(run.calls).toEqual([{ action: "Invoke", connector: "webcontents", method: "InvokeHttp", body: { "request/method": "GET" } }]);
  });
});

describe("mock validation", () => {
  it("rejects malformed mock entries with the entry's index", () => {
    expect(() => parseMockFile({})).toThrow(/JSON array/);
    expect(() => parseMockFile([{ connector: "wdatp" }])).toThrow(/Mock 0: add a 'response'/);
    expect(() => parseMockFile([{ connector: "wdatp", response: { status: "200" } }])).toThrow(/Mock 0.*integer 'status'/);
    expect(() => parseMockFile([{ http: { uri: "x" }, connector: "wdatp", response: { status: 200 } }])).toThrow(/only one of/);
    expect(() => parseMockFile([{ connecter: "wdatp", response: { status: 200 } }])).toThrow(/unknown key 'connecter'/);
    expect(() => parseMockFile([{ http: { url: "x" }, response: { status: 200 } }])).toThrow(/http.url/);
    expect(() => simulate(isolate, { mocks: [{ connector: "wdatp", response: () => ({ status: 99 }) }], trigger: { body: { machineId: "m" } } })).toThrow(SimulationError);
  });

  it("accepts the issue's JSON file form", () => {
    const file = [
      { connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status: 201, body: {} } },
      { http: { method: "POST", uri: "https://graph.microsoft.com/*" }, response: { status: 202 } },
    ];
    expect(parseMockFile(file)).toBe(file);
  });
});
