import { describe, expect, it } from "vitest";
import { defender } from "../../playbooks/connectors";
import { definePlaybook, equals, greater, length, managedIdentity, param, recurrence, request, text } from "../../playbooks/kit";
import { actionsOf, buildWith } from "./support";

describe("sequential by default", () => {
  it("each step runs after the previous one of its scope; the first has an empty runAfter", () => {
    const actions = actionsOf((flow) => {
      flow.compose("First", 1);
      flow.compose("Second", 2);
    });
    expect(actions).toStrictEqual({
      First: { type: "Compose", inputs: 1, runAfter: {} },
      Second: { type: "Compose", inputs: 2, runAfter: { First: ["Succeeded"] } },
    });
  });

  it("after joins several steps and on makes an error handler, statuses in canonical order", () => {
    const actions = actionsOf((flow) => {
      const a = flow.compose("A", "a");
      const b = flow.compose("B", "b");
      flow.compose("Join", "j", { after: [a, b] });
      flow.compose("Handle", "h", { after: b, on: ["TimedOut", "Failed"] });
    });
    expect(actions.Join).toStrictEqual({ type: "Compose", inputs: "j", runAfter: { A: ["Succeeded"], B: ["Succeeded"] } });
    expect(actions.Handle).toStrictEqual({ type: "Compose", inputs: "h", runAfter: { B: ["Failed", "TimedOut"] } });
  });

  it("on without after applies to the previous step", () => {
    const actions = actionsOf((flow) => {
      flow.compose("Risky", 1);
      flow.compose("Cleanup", 2, { on: ["Succeeded", "Failed", "Skipped", "TimedOut"] });
    });
    expect(actions.Cleanup).toMatchObject({ runAfter: { Risky: ["Succeeded", "Failed", "Skipped", "TimedOut"] } });
  });
});

describe("expressions and literal escaping", () => {
  it("renders step outputs as typed references with null-safe field access", () => {
    const actions = actionsOf((flow) => {
      const alert = flow.step("Get alert", defender.getAlert({ alertId: "da637" }));
      flow.compose("Severity", alert.body.severity);
      flow.compose("Message", text`Alert ${alert.body.id} on ${alert.body.computerDnsName}`);
    });
    expect(actions.Severity).toMatchObject({ inputs: "@body('Get_alert')?['severity']" });
    expect(actions.Message).toMatchObject({ inputs: "Alert @{body('Get_alert')?['id']} on @{body('Get_alert')?['computerDnsName']}" });
  });

  it("escapes literal text that starts with @ or contains @{", () => {
    const actions = actionsOf((flow) => {
      flow.compose("Handle", { user: "@soc-team", note: "use @{braces} literally", mail: "soc@contoso.com" });
    });
    expect(actions.Handle).toMatchObject({ inputs: { user: "@@soc-team", note: "use @@{braces} literally", mail: "soc@contoso.com" } });
  });

  it("literal values inside interpolated text are kept as text, and expression values become @{…}", () => {
    const actions = actionsOf((flow) => {
      const c = flow.compose("Count", 3);
      flow.compose("Line", text`n=${c.value}, done=${true}, @{not an expression}`);
    });
    expect(actions.Line).toMatchObject({ inputs: "n=@{outputs('Count')}, done=true, @@{not an expression}" });
  });

  it("refuses an expression pasted into a plain JavaScript string", () => {
    expect(() =>
      actionsOf((flow) => {
        const c = flow.compose("Count", 3);
        flow.compose("Bad", `${c.value as unknown as string}`);
      }),
    ).toThrow(/expression-in-plain-string/);
  });
});

describe("control flow", () => {
  it("If with else renders both branches, each sequential from an empty runAfter", () => {
    const actions = actionsOf((flow) => {
      const c = flow.compose("Value", 5);
      flow.if(
        "Is big",
        greater(c.value as never, 3),
        (yes) => {
          yes.compose("Big", "big");
        },
        (no) => {
          no.compose("Small", "small");
        },
      );
    });
    expect(actions["Is_big"]).toStrictEqual({
      type: "If",
      expression: "@greater(outputs('Value'), 3)",
      actions: { Big: { type: "Compose", inputs: "big", runAfter: {} } },
      else: { actions: { Small: { type: "Compose", inputs: "small", runAfter: {} } } },
      runAfter: { Value: ["Succeeded"] },
    });
  });

  it("Switch renders one case per value and a default", () => {
    const actions = actionsOf(
      (flow, p) => {
        flow.switch(
          "By type",
          p.isolationType,
          { Full: (f) => void f.compose("Full isolation", 1), Selective: (f) => void f.compose("Selective isolation", 2) },
          (f) => void f.compose("Unknown type", 0),
        );
      },
      { isolationType: param.choice(["Full", "Selective"], { default: "Full" }) },
    );
    expect(actions["By_type"]).toStrictEqual({
      type: "Switch",
      expression: "@parameters('isolationType')",
      cases: {
        Case_Full: { case: "Full", actions: { Full_isolation: { type: "Compose", inputs: 1, runAfter: {} } } },
        Case_Selective: { case: "Selective", actions: { Selective_isolation: { type: "Compose", inputs: 2, runAfter: {} } } },
      },
      default: { actions: { Unknown_type: { type: "Compose", inputs: 0, runAfter: {} } } },
      runAfter: {},
    });
  });

  it("Foreach exposes the current item and takes a concurrency option", () => {
    const actions = actionsOf((flow) => {
      const list = flow.step("List machines", defender.listMachines({ filter: "healthStatus eq 'Active'", top: 10 }));
      flow.forEach(
        "Each machine",
        list.body.value,
        (each, machine) => {
          each.step("Scan", defender.runAntivirusScan({ machineId: machine.id, comment: "scan", scanType: "Quick" }));
        },
        { concurrency: 5 },
      );
    });
    expect(actions["List_machines"]).toMatchObject({ inputs: { method: "get", path: "/api/machines", queries: { $filter: "healthStatus eq 'Active'", $top: 10 } } });
    expect(actions["Each_machine"]).toMatchObject({
      type: "Foreach",
      foreach: "@body('List_machines')?['value']",
      runtimeConfiguration: { concurrency: { repetitions: 5 } },
      actions: { Scan: { inputs: { path: "/api/machines/@{encodeUriComponent(items('Each_machine')?['id'])}/runAntiVirusScan" } } },
    });
  });

  it("Foreach that writes a variable runs one iteration at a time", () => {
    const actions = actionsOf((flow) => {
      const ids = flow.variable<string[]>("Init ids", { name: "ids", type: "array", value: [] });
      flow.forEach("Each", ["a", "b"], (each, item) => {
        each.appendToArray("Remember", ids, item);
      });
    });
    expect(actions.Each).toMatchObject({ foreach: ["a", "b"], runtimeConfiguration: { concurrency: { repetitions: 1 } } });
    expect(actions["Init_ids"]).toStrictEqual({ type: "InitializeVariable", inputs: { variables: [{ name: "ids", type: "array", value: [] }] }, runAfter: {} });
  });

  it("Until renders its exit condition and explicit limits (default 60 / PT1H)", () => {
    const actions = actionsOf((flow) => {
      const status = flow.variable<string>("Init status", { name: "status", type: "string", value: "Pending" });
      flow.until("Poll", (loop) => {
        const action = loop.step("Get action", defender.getMachineAction({ machineActionId: "abc" }));
        loop.setVariable("Remember status", status, action.body.status);
        loop.wait("Pause", { count: 30, unit: "Second" });
        return equals(status.value, "Succeeded");
      });
    });
    expect(actions.Poll).toMatchObject({
      type: "Until",
      expression: "@equals(variables('status'), 'Succeeded')",
      limit: { count: 60, timeout: "PT1H" },
      runAfter: { Init_status: ["Succeeded"] },
    });
  });

  it("Scope with a failure handler after it", () => {
    const actions = actionsOf((flow) => {
      const work = flow.scope("Work", (s) => {
        s.compose("Step one", 1);
      });
      flow.terminate("Fail", { status: "Failed", code: "WorkFailed", message: "the scope failed" }, { after: work, on: ["Failed", "TimedOut"] });
    });
    expect(actions.Fail).toStrictEqual({
      type: "Terminate",
      inputs: { runStatus: "Failed", runError: { code: "WorkFailed", message: "the scope failed" } },
      runAfter: { Work: ["Failed", "TimedOut"] },
    });
  });

  it("Http with the managed identity reads the managedIdentity parameter, which the kit declares", () => {
    const playbook = buildWith((flow) => {
      flow.http("Call Graph", { method: "GET", uri: "https://graph.microsoft.com/v1.0/me", authentication: managedIdentity("https://graph.microsoft.com") }, { retry: { type: "fixed", count: 2, interval: "PT10S" }, secure: true });
    });
    expect(playbook.definition.actions["Call_Graph"]).toStrictEqual({
      type: "Http",
      inputs: {
        method: "GET",
        uri: "https://graph.microsoft.com/v1.0/me",
        authentication: { type: "ManagedServiceIdentity", identity: "@parameters('managedIdentity')", audience: "https://graph.microsoft.com" },
        retryPolicy: { type: "fixed", count: 2, interval: "PT10S" },
      },
      runAfter: {},
      runtimeConfiguration: { secureData: { properties: ["inputs", "outputs"] } },
    });
    expect(playbook.definition.parameters?.managedIdentity).toMatchObject({ type: "String", defaultValue: "SystemAssigned" });
    expect(playbook.definition.parameters?.$connections).toBeUndefined();
  });

  it("Table, Select, filter and Join render their inputs", () => {
    const actions = actionsOf((flow) => {
      const rows = flow.compose<{ name: string; n: number }[]>("Rows", [{ name: "a", n: 1 }]);
      flow.table("Table", { from: rows.value, format: "CSV", columns: [{ header: "Name", value: (row) => row.name }] });
      flow.select("Names", rows.value, (row) => ({ label: row.name }));
      flow.filter("Big ones", rows.value, (row) => greater(row.n, 0));
      flow.join("Joined", rows.value, ", ");
      flow.compose("How many", length(rows.value));
    });
    expect(actions.Table).toMatchObject({ inputs: { from: "@outputs('Rows')", format: "CSV", columns: [{ header: "Name", value: "@item()?['name']" }] } });
    expect(actions.Names).toMatchObject({ inputs: { from: "@outputs('Rows')", select: { label: "@item()?['name']" } } });
    expect(actions["Big_ones"]).toMatchObject({ type: "Query", inputs: { where: "@greater(item()?['n'], 0)" } });
    expect(actions.Joined).toMatchObject({ type: "Join", inputs: { joinWith: ", " } });
    expect(actions["How_many"]).toMatchObject({ inputs: "@length(outputs('Rows'))" });
  });
});

describe("parameters", () => {
  it("declares typed parameters with defaults, allowed values and secure types", () => {
    const playbook = buildWith(() => undefined, {
      threshold: param.int({ default: 3, description: "how many" }),
      mode: param.choice(["a", "b"], { default: "a" }),
      token: param.secureString({ description: "a token" }),
      extra: param.secureObject(),
      flags: param.array<string>({ default: ["x"] }),
      on: param.bool({ default: true }),
      ratio: param.float({ default: 0.5 }),
    });
    expect(playbook.definition.parameters).toStrictEqual({
      threshold: { type: "Int", defaultValue: 3, metadata: { description: "how many" } },
      mode: { type: "String", defaultValue: "a", allowedValues: ["a", "b"] },
      token: { type: "SecureString", metadata: { description: "a token" } },
      extra: { type: "SecureObject" },
      flags: { type: "Array", defaultValue: ["x"] },
      on: { type: "Bool", defaultValue: true },
      ratio: { type: "Float", defaultValue: 0.5 },
    });
  });
});

describe("built-in triggers", () => {
  it("Recurrence with literal values, start time and time zone", () => {
    const p = definePlaybook({
      name: "daily",
      description: "x",
      trigger: recurrence({ frequency: "Day", interval: 1, startTime: "2026-01-01T06:00:00Z", timeZone: "W. Europe Standard Time", schedule: { hours: [6] } }),
      build: ({ flow }) => void flow.compose("Tick", 1),
    });
    expect(p.definition.triggers).toStrictEqual({
      Recurrence: {
        type: "Recurrence",
        recurrence: { frequency: "Day", interval: 1, startTime: "2026-01-01T06:00:00Z", timeZone: "W. Europe Standard Time", schedule: { hours: [6] } },
      },
    });
  });

  it("Request with a body schema; the trigger body is typed", () => {
    const p = definePlaybook({
      name: "on-request",
      description: "x",
      trigger: request<{ machineId: string }>({ method: "POST", schema: { type: "object", properties: { machineId: { type: "string" } } } }),
      triggerLabel: "Manual",
      build: ({ flow, trigger }) => {
        flow.compose("Machine", trigger.body.machineId);
        flow.respond("Reply", { statusCode: 202, body: { accepted: trigger.body.machineId } });
      },
    });
    expect(p.definition.triggers).toStrictEqual({
      Manual: { type: "Request", kind: "Http", inputs: { method: "POST", schema: { type: "object", properties: { machineId: { type: "string" } } } } },
    });
    expect(p.definition.actions.Machine).toMatchObject({ inputs: "@triggerBody()?['machineId']" });
    expect(p.definition.actions.Reply).toStrictEqual({
      type: "Response",
      kind: "Http",
      inputs: { statusCode: 202, body: { accepted: "@triggerBody()?['machineId']" } },
      runAfter: { Machine: ["Succeeded"] },
    });
  });
});
