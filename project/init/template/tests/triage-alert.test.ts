import { describe, expect, it } from "vitest";
import { withMode } from "playbook-kit";
import { mocks, simulate } from "playbook-kit/simulator";
import triageAlert from "../playbooks/triage-alert";

const trigger = { body: { id: "da637", machineId: "4bd2a8b5" } };
const alert = (severity: "High" | "Low") =>
  mocks.defender.getAlert({ status: 200, body: { id: "da637", machineId: "4bd2a8b5", severity, title: "C2 beacon" } });
const isolated = mocks.defender.isolateMachine({ status: 201, body: { id: "ma1", status: "Pending" } });
const marked = mocks.defender.updateAlert({ status: 200, body: { id: "da637", status: "InProgress" } });
const tagged = mocks.defender.tagMachine({ status: 200, body: { id: "4bd2a8b5", machineTags: ["needs-review"] } });

describe("triage-alert", () => {
  it("a High alert isolates the device (Selective) with the alert in the comment, and marks the alert In progress", () => {
    const run = simulate(triageAlert.definition, { trigger, mocks: [alert("High"), isolated, marked] });
    expect(run.status).toBe("Succeeded");
    expect(run.unmockedCalls()).toEqual([]);
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")[0]?.body).toEqual({
      Comment: "Isolated by playbook-kit for MDE alert da637: C2 beacon",
      IsolationType: "Selective",
    });
    expect(run.action("Tag_for_review").status).toBe("Skipped");
    expect(run.callsTo("wdatp", "patch", "/api/alerts/*")[0]?.body).toEqual({ status: "InProgress" });
  });

  it("a failed isolation still marks the alert In progress, so the SOC sees it", () => {
    const failed = mocks.defender.isolateMachine({ status: 400, body: { error: { code: "BadRequest", message: "no" } } });
    const run = simulate(triageAlert.definition, { trigger, mocks: [alert("High"), failed, marked] });
    expect(run.action("Isolate_device").status).toBe("Failed");
    expect(run.action("Mark_alert_in_progress").status).toBe("Succeeded");
  });

  it("a Low alert tags the device for review and isolates nothing", () => {
    const run = simulate(triageAlert.definition, { trigger, mocks: [alert("Low"), tagged] });
    expect(run.status).toBe("Succeeded");
    expect(run.unmockedCalls()).toEqual([]);
    expect(run.callsTo("wdatp", "post", "/api/machines/*/tags")[0]?.body).toEqual({ Value: "needs-review", Action: "Add" });
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")).toEqual([]);
  });

  it("in audit mode (dev) a High alert records the isolation instead of calling it", () => {
    const run = simulate(withMode(triageAlert, "audit").definition, { trigger, mocks: [alert("High"), marked] });
    expect(run.status).toBe("Succeeded");
    expect(run.unmockedCalls()).toEqual([]);
    expect(run.callsTo("wdatp", "post", "/api/machines/*/isolate")).toEqual([]);
    expect(run.action("Isolate_device").status).toBe("Succeeded");
  });
});
