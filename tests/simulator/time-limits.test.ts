/**
 * Simulated time stays inside what the service can represent (.NET DateTime: years 0001–9999): a Wait, a mock
 * delay or a retry interval that would push an action past 9999-12-31 fails that action with a clear message
 * instead of crashing the run with `Invalid time value`, and the simulator accepts exactly the Wait units that
 * `validate` accepts.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulator";
import { validate } from "../../validators";
import { def } from "./support";

const wait = (interval: unknown) =>
  def({ W: { type: "Wait", inputs: { interval }, runAfter: {} }, After: { type: "Compose", inputs: "@utcNow()", runAfter: { W: ["Succeeded", "Failed"] } } });

describe("simulated time limits", () => {
  it("a Wait of 1e300 seconds fails the Wait (past year 9999), the run goes on", () => {
    const run = simulate(wait({ count: 1e300, unit: "Second" }));
    expect(run.action("W").status).toBe("Failed");
    expect(run.action("W").error!.message).toMatch(/9999-12-31/);
    expect(run.action("After").status).toBe("Succeeded");
    expect(run.endTime).toBe("2024-01-01T00:00:00.000Z");
  });

  it("200,000 months also ends past 9999 and fails clearly; 5,000 months is fine", () => {
    expect(simulate(wait({ count: 200_000, unit: "Month" })).action("W").error!.message).toMatch(/after 9999-12-31T23:59:59/);
    // Representable, but far past the simulated-time budget (default P90D): it runs once the budget allows it.
    expect(() => simulate(wait({ count: 5000, unit: "Month" }))).toThrow(/past the simulated-time budget of P90D/);
    expect(simulate(wait({ count: 5000, unit: "Month" }), { budget: { time: "P160000D" } }).action("W").endTime).toBe("2434-09-08T00:00:00.000Z");
  });

  it("a mock delay or a retry interval that passes year 9999 fails the call action, not the run", () => {
    const definition = def({ Call: { type: "Http", inputs: { method: "GET", uri: "https://x.example/a", retryPolicy: { type: "fixed", count: 90, interval: "P9000Y" } }, runAfter: {} } });
    const retried = simulate(definition, { mocks: [{ http: {}, response: { status: 500 } }] });
    expect(retried.action("Call").status).toBe("Failed");
    expect(retried.action("Call").error!.message).toMatch(/9999-12-31/);
    const slow = simulate(def({ Call: { type: "Http", inputs: { method: "GET", uri: "https://x.example/a" }, runAfter: {} } }), { mocks: [{ http: {}, response: { status: 200, delay: 1e300 } }] });
    expect(slow.action("Call").status).toBe("Failed");
    expect(JSON.parse(JSON.stringify(slow)).endTime).toMatch(/^\d{4}-/);
  });

  it("the simulator and validate agree on the Wait units (Year is not one)", () => {
    for (const unit of ["Second", "minute", "Hour", "Day", "Week", "Month", "Year", "Seconds", "Fortnight"]) {
      const definition = wait({ count: 1, unit });
      const valid = !validate(definition).some((d) => d.severity === "error");
      const ran = simulate(definition).action("W").status === "Succeeded";
      expect({ unit, ran }).toEqual({ unit, ran: valid });
    }
    expect(simulate(wait({ count: 3, unit: "Year" })).action("W").error!.message).toMatch(/Second, Minute, Hour, Day, Week or Month/);
  });
});
