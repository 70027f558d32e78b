import { describe, expect, it } from "vitest";
import { SECURED, SimulationError, simulate, simulateAll } from "../../simulator";
import { createStaticContext, evaluateString } from "../../simulator/expression/evaluate";
import { api, compose, def } from "./support";

describe("secureData", () => {
  it("hides secured inputs and outputs in the record (and call bodies), but later actions still read the values", () => {
    const d = def({
      Secret: { ...api("keyvault", "get", "/secrets/pw", { body: { x: 1 } }), runtimeConfiguration: { secureData: { properties: ["inputs", "outputs"] } } },
      Use: compose("@body('Secret')?['value']", { Secret: ["Succeeded"] }),
      Plain: compose("@length(string(triggerBody()))", { Use: ["Succeeded"] }),
    });
    const run = simulate(d, { trigger: { body: "abc" }, mocks: [{ connector: "keyvault", response: { status: 200, body: { value: "hunter2" } } }] });
    expect(run.action("Secret").inputs).toBe(SECURED);
    expect(run.action("Secret").outputs).toBe(SECURED);
    expect(run.calls[0]!.body).toBe(SECURED);
    // Inputs that read secured outputs are hidden too, and a Compose's outputs with them; the value was still computed.
    expect(run.action("Use").inputs).toBe(SECURED);
    expect(run.action("Use").outputs).toBe(SECURED);
    expect(run.action("Plain").inputs).toBe(3);
    expect(JSON.stringify(run).includes("hunter2")).toBe(false);
    expect(simulate(d, { trigger: { body: "abc" }, mocks: [{ connector: "keyvault", response: { status: 200, body: { value: "hunter2" } } }], revealSecureData: true }).action("Use").outputs).toBe("hunter2");
  });

  // docs (logic-apps-securing-a-logic-app, "Considerations for securing inputs and outputs").
  it("follows the documented downstream rules: Secure Inputs hide the inputs of readers; Compose, ParseJson and Response hide outputs with their inputs; derived hiding does not spread", () => {
    const d = def({
      Login: { type: "Http", inputs: { method: "POST", uri: "https://login.contoso.com/token", body: "pw" }, runtimeConfiguration: { secureData: { properties: ["inputs"] } }, runAfter: {} },
      Call: { type: "Http", inputs: { method: "GET", uri: "https://api.contoso.com/x", headers: { Authorization: "Bearer @{body('Login')?['token']}" } }, runAfter: { Login: ["Succeeded"] } },
      Keep: compose("@body('Login')?['token']", { Call: ["Succeeded"] }),
      Parse: { type: "ParseJson", inputs: { content: "@body('Login')", schema: {} }, runAfter: { Keep: ["Succeeded"] } },
      Reuse: compose("@outputs('Keep')", { Parse: ["Succeeded"] }),
      Own: { ...compose({ pw: "own" }, { Reuse: ["Succeeded"] }), runtimeConfiguration: { secureData: { properties: ["inputs"] } } },
      After_own: compose("@outputs('Own')", { Own: ["Succeeded"] }),
    });
    const run = simulate(d, { mocks: [{ http: { uri: "https://login.contoso.com/*" }, response: { status: 200, body: { token: "T0KEN" } } }, { http: {}, response: { status: 200, body: { ok: true } } }] });
    expect(run.status).toBe("Succeeded");
    expect([run.action("Login").inputs, run.action("Login").outputs]).toEqual([SECURED, { statusCode: 200, headers: {}, body: { token: "T0KEN" } }]);
    // An Http reading the visible outputs of an action with Secure Inputs: inputs hidden, outputs not.
    expect([run.action("Call").inputs, run.action("Call").outputs]).toEqual([SECURED, { statusCode: 200, headers: {}, body: { ok: true } }]);
    // Compose and ParseJson reading them: inputs and outputs hidden.
    expect([run.action("Keep").inputs, run.action("Keep").outputs]).toEqual([SECURED, SECURED]);
    expect([run.action("Parse").inputs, run.action("Parse").outputs]).toEqual([SECURED, SECURED]);
    // Reading the hidden outputs of a Compose hides nothing: the hiding was derived, not configured.
    expect([run.action("Reuse").inputs, run.action("Reuse").outputs]).toEqual(["T0KEN", "T0KEN"]);
    // A Compose's own Secure Inputs setting hides its outputs too, and, being configured, it hides its readers.
    expect([run.action("Own").inputs, run.action("Own").outputs]).toEqual([SECURED, SECURED]);
    expect([run.action("After_own").inputs, run.action("After_own").outputs]).toEqual([SECURED, SECURED]);
  });

  it("revealSecureData keeps them (for tests)", () => {
    const d = def({ Secret: { ...compose({ pw: "hunter2" }), runtimeConfiguration: { secureData: { properties: ["inputs", "outputs"] } } } });
    expect(simulate(d).action("Secret").outputs).toBe(SECURED);
    expect(simulate(d, { revealSecureData: true }).action("Secret").outputs).toEqual({ pw: "hunter2" });
  });

  it("inputs that read a secure parameter are hidden", () => {
    const d = def({ Mail: compose("to @{parameters('notifyTo')}") }, { parameters: { notifyTo: { type: "SecureString" } } });
    const run = simulate(d, { parameters: { notifyTo: "soc@contoso.com" } });
    expect(run.action("Mail").inputs).toBe(SECURED);
    expect(run.action("Mail").outputs).toBe(SECURED);
  });

  it("a secured trigger hides its outputs", () => {
    const d = def({ A: compose(1) });
    (d.triggers as Record<string, Record<string, unknown>>).manual!.runtimeConfiguration = { secureData: { properties: ["outputs"] } };
    expect(simulate(d, { trigger: { body: { password: "x" } } }).trigger.outputs).toBe(SECURED);
  });
});

describe("staticResults", () => {
  it("an action with an enabled staticResult returns it without calling mocks", () => {
    const d = def(
      {
        Call: { ...api("wdatp", "get", "/api/alerts/1"), runtimeConfiguration: { staticResult: { name: "Call0", staticResultOptions: "Enabled" } } },
        Off: { ...api("wdatp", "get", "/api/alerts/2", { runAfter: { Call: ["Failed"] } }), runtimeConfiguration: { staticResult: { name: "Call0", staticResultOptions: "Disabled" } } },
      },
      { staticResults: { Call0: { status: "Failed", outputs: { statusCode: 404, headers: {}, body: { error: { code: "NotFound" } } } } } },
    );
    const run = simulate(d, { mocks: [{ connector: "wdatp", response: { status: 200, body: "live" } }] });
    expect(run.action("Call").status).toBe("Failed");
    expect(run.action("Call").code).toBe("NotFound");
    expect(run.action("Call").inputs).toEqual({ method: "get", path: "/api/alerts/1" });
    expect(run.action("Off").status).toBe("Succeeded");
    expect(run.calls.map((c) => c.path)).toEqual(["/api/alerts/2"]);
  });
});

describe("trigger conditions and splitOn", () => {
  const withTrigger = (trigger: Record<string, unknown>) => {
    const d = def({ Echo: compose("@triggerBody()") });
    (d.triggers as Record<string, unknown>).manual = { type: "Request", kind: "Http", ...trigger };
    return d;
  };

  it("a false condition means no run: status Skipped, no actions", () => {
    const d = withTrigger({ conditions: [{ expression: "@equals(triggerBody()?['severity'], 'High')" }] });
    const skipped = simulate(d, { trigger: { body: { severity: "Low" } } });
    expect(skipped.status).toBe("Skipped");
    expect(skipped.actions).toEqual({});
    expect(simulate(d, { trigger: { body: { severity: "High" } } }).status).toBe("Succeeded");
  });

  it("splitOn starts one run per item, each seeing only its item", () => {
    const d = withTrigger({ splitOn: "@triggerBody()?['value']" });
    const runs = simulateAll(d, { trigger: { headers: { h: "1" }, body: { value: [{ id: 1 }, { id: 2 }, { id: 3 }] } } });
    expect(runs.map((r) => r.action("Echo").outputs)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(runs[1]!.trigger.outputs).toEqual({ headers: { h: "1" }, body: { id: 2 } });
    expect(() => simulate(d, { trigger: { body: { value: [1, 2] } } })).toThrow(/splitOn produced 2 runs; call simulateAll/);
    expect(simulate(d, { trigger: { body: { value: [9] } } }).action("Echo").outputs).toBe(9);
    expect(() => simulateAll(d, { trigger: { body: { value: "x" } } })).toThrow(SimulationError);
  });
});

describe("determinism", () => {
  const d = def({
    Ids: compose({ a: "@guid()", b: "@rand(0, 1000000)", run: "@workflow().run.name", now: "@utcNow()" }),
    Call: api("wdatp", "post", "/api/x", { body: { g: "@guid()" }, runAfter: { Ids: ["Succeeded"] } }),
  });
  const options = { mocks: [{ connector: "wdatp", responses: [{ status: 500 }, { status: 200 }] }] };

  it("same inputs give the same record bytes", () => {
    expect(JSON.stringify(simulate(d, options))).toBe(JSON.stringify(simulate(d, options)));
  });

  it("GUIDs and random numbers come from the seed; the clock from now", () => {
    const a = simulate(d, { ...options, seed: 1 }).action("Ids").outputs as Record<string, unknown>;
    const b = simulate(d, { ...options, seed: 2 }).action("Ids").outputs as Record<string, unknown>;
    expect(a.a).not.toBe(b.a);
    expect(a.a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const later = simulate(d, { ...options, now: "2030-05-06T07:08:09Z" }).action("Ids").outputs as Record<string, unknown>;
    expect(later.now).toBe("2030-05-06T07:08:09.0000000Z");
  });

  it("a definition object can be simulated many times (plans are cached) with independent state", () => {
    const counter = def({
      Init: { type: "InitializeVariable", inputs: { variables: [{ name: "n", type: "integer", value: 0 }] }, runAfter: {} },
      Inc: { type: "IncrementVariable", inputs: { name: "n" }, runAfter: { Init: ["Succeeded"] } },
      Out: compose("@variables('n')", { Inc: ["Succeeded"] }),
    });
    for (let i = 0; i < 3; i++) expect(simulate(counter).action("Out").outputs).toBe(1);
  });

  it("mock sequences restart with every run", () => {
    const first = simulate(d, options);
    const second = simulate(d, options);
    expect(first.calls).toHaveLength(2);
    expect(second.calls).toHaveLength(2);
  });

  it("a timestamp without an offset is UTC (as the service reads it), whatever the host's time zone", () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const waits = def({
        Now: compose("@utcNow()"),
        Wait: { type: "Wait", inputs: { until: { timestamp: "2024-05-01T11:00:00" } }, runAfter: { Now: ["Succeeded"] } },
      });
      const run = simulate(waits, { now: "2024-05-01T10:00:00" });
      expect(run.startTime).toBe("2024-05-01T10:00:00.000Z");
      expect(run.action("Now").outputs).toBe("2024-05-01T10:00:00.0000000Z");
      expect(run.action("Wait").endTime).toBe("2024-05-01T11:00:00.000Z");
      expect(evaluateString("@utcNow()", createStaticContext({ now: "2024-05-01T10:00:00" }))).toBe("2024-05-01T10:00:00.0000000Z");
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("'now' must be a timestamp: free text is rejected rather than read in the host's time zone", () => {
    expect(() => simulate(def({ A: compose(1) }), { now: "May 1 2024 10:00" })).toThrow(SimulationError);
    expect(() => createStaticContext({ now: "May 1 2024 10:00" })).toThrow(/not a valid timestamp/);
  });
});
