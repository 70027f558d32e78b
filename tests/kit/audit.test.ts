/** `withMode(playbook, "audit")`: every destructive step becomes an audit record, for any playbook. */
import { describe, expect, it } from "vitest";
import { defender } from "../../playbooks/connectors";
import { definePlaybook, equals, managedIdentity, request, text, withMode, type Playbook } from "../../playbooks/kit";
import { manifestEntry } from "../../playbooks/build";
import { MDE_API, requiredPermissions } from "../../operations";
import { formatRunText, simulate } from "../../simulator";
import { validate } from "../../validators";
import { walkActions, type Obj } from "../../wdl";

/** An author's playbook: tag, scan (destructive) with a failure handler, then a step that reads the scan. */
const scanAndTag = definePlaybook({
  name: "scan-and-tag",
  description: "Tag the device and start a quick scan.",
  trigger: defender.alertCreated(),
  build({ flow, trigger, mode }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    flow.if("Is High", equals(alert.body.severity, "High"), (high) => {
      high.step("Tag device", defender.tagMachine({ machineId: alert.body.machineId, tag: "under-investigation", action: "Add" }));
      const scan = high.step(
        "Quick scan",
        defender.runAntivirusScan({ machineId: alert.body.machineId, comment: text`Scan for ${alert.body.id}`, scanType: "Quick" }),
        { retry: { type: "fixed", count: 2, interval: "PT10S" }, timeout: "PT5M", description: "Scan the device." },
      );
      high.step("Tag scan failure", defender.tagMachine({ machineId: alert.body.machineId, tag: "scan-failed", action: "Add" }), { after: scan, on: "Failed" });
      high.compose("Scan summary", { action: scan.body.id, status: scan.body.status, code: scan.outputs.statusCode, mode }, { after: scan });
    });
  },
});

function actions(playbook: Playbook): Map<string, Obj> {
  const out = new Map<string, Obj>();
  walkActions((playbook.definition as unknown as Obj).actions, "/actions", (v) => out.set(v.name, v.action));
  return out;
}

const roles = (p: Playbook) => requiredPermissions(p.definition).map((x) => x.role);

describe("withMode(playbook, 'audit')", () => {
  const audit = withMode(scanAndTag, "audit");

  it("renders the destructive step as an audit record of the same name and keeps every other step", () => {
    expect(scanAndTag.mode).toBe("enforce");
    expect(scanAndTag.destructiveSteps).toEqual(["Quick_scan"]);
    expect(audit.mode).toBe("audit");
    expect(audit.destructiveSteps).toEqual([]);
    expect(audit.auditedSteps).toEqual(["Quick_scan"]);
    expect([...actions(audit).keys()]).toEqual([...actions(scanAndTag).keys()]);
    expect(actions(audit).get("Quick_scan")).toStrictEqual({
      type: "Compose",
      description: "Audit mode: records the call 'Actions - Run antivirus scan' would make; nothing is called or changed. Scan the device.",
      inputs: {
        mode: "audit",
        wouldCall: "Actions - Run antivirus scan",
        operation: "runAntivirusScan",
        request: {
          connector: "wdatp",
          method: "post",
          path: "/api/machines/@{encodeUriComponent(body('Get_alert')?['machineId'])}/runAntiVirusScan",
          body: { Comment: "Scan for @{body('Get_alert')?['id']}", ScanType: "Quick" },
        },
      },
      runAfter: { Tag_device: ["Succeeded"] },
    });
    // The non-destructive tag steps stay calls.
    expect(actions(audit).get("Tag_device")).toMatchObject({ type: "ApiConnection", inputs: { method: "post" } });
  });

  it("drops the permission only the destructive step needed from declaredPermissions, the manifest and the inferred grants", () => {
    expect(roles(scanAndTag)).toContain("Machine.Scan");
    expect(roles(audit)).toEqual(["Alert.Read.All", "Machine.ReadWrite.All"]);
    expect(audit.declaredPermissions.map((p) => p.role)).toEqual(["Alert.Read.All", "Machine.ReadWrite.All"]);
    expect(manifestEntry(audit).permissions).toEqual(requiredPermissions(audit.definition));
  });

  it("is valid, and steps that read the record or handle its failure still run sensibly", () => {
    expect(validate(audit.definition).filter((d) => d.severity === "error")).toEqual([]);
    const run = simulate(audit.definition, {
      trigger: { body: { id: "a1", machineId: "m1" } },
      mocks: [
        { connector: "wdatp", method: "get", path: "/api/alerts/{id}", response: { status: 200, body: { id: "a1", machineId: "m1", severity: "High" } } },
        { connector: "wdatp", method: "post", path: "/api/machines/{id}/tags", response: { status: 200, body: {} } },
      ],
    });
    expect(run.status).toBe("Succeeded");
    expect(run.callsTo("wdatp", "post", "/api/machines/*/runAntiVirusScan")).toEqual([]);
    expect(run.action("Quick_scan").outputs).toMatchObject({ request: { path: "/api/machines/m1/runAntiVirusScan", body: { Comment: "Scan for a1", ScanType: "Quick" } } });
    expect(run.action("Tag_scan_failure").status).toBe("Skipped");
    expect(run.action("Scan_summary").outputs).toEqual({ action: null, status: null, code: null, mode: "audit" });
    expect(formatRunText(run)).toMatch(/\n\s+Quick_scan\s+Succeeded .*\n\s+◦ audit: would call Actions - Run antivirus scan: wdatp post \/api\/machines\/m1\/runAntiVirusScan\n/);
  });

  it("is idempotent and reversible: audit twice is audit once, enforce again is the original bytes", () => {
    expect(withMode(audit, "audit")).toBe(audit);
    expect(withMode(scanAndTag, "enforce")).toBe(scanAndTag);
    expect(withMode(audit, "enforce").render()).toBe(scanAndTag.render());
  });

  it("a raw Http call to a destructive MDE API route counts as destructive too", () => {
    const raw = definePlaybook({
      name: "raw-isolate",
      description: "Isolate over the MDE REST API directly.",
      trigger: request<{ machineId: string }>(),
      build({ flow, trigger }) {
        flow.http("Isolate", {
          method: "POST",
          uri: text`${MDE_API}/api/machines/${trigger.body.machineId}/isolate`,
          body: { Comment: "raw", IsolationType: "Full" },
          authentication: managedIdentity(MDE_API),
        });
      },
    });
    expect(raw.destructiveSteps).toEqual(["Isolate"]);
    expect(roles(raw)).toEqual(["Machine.Isolate"]);
    const rawAudit = withMode(raw, "audit");
    expect(actions(rawAudit).get("Isolate")).toMatchObject({
      type: "Compose",
      inputs: { wouldCall: "Actions - Isolate machine", request: { method: "POST", uri: "https://api.securitycenter.microsoft.com/api/machines/@{triggerBody()?['machineId']}/isolate" } },
    });
    expect(JSON.stringify(rawAudit.definition)).not.toContain("ManagedServiceIdentity");
    expect(roles(rawAudit)).toEqual([]);
    // The identity parameter only the call used is no longer declared.
    expect(rawAudit.parameterNames).toEqual([]);
  });

  it("connections only the destructive steps used drop out", () => {
    const onlyIsolate = definePlaybook({
      name: "isolate-by-request",
      description: "Isolate the machine named in the request.",
      trigger: request<{ machineId: string }>(),
      build({ flow, trigger }) {
        flow.step("Isolate", defender.isolateMachine({ machineId: trigger.body.machineId, comment: "by request", isolationType: "Selective" }), { secure: true });
      },
    });
    expect(onlyIsolate.connectors).toEqual(["wdatp"]);
    const a = withMode(onlyIsolate, "audit");
    expect(a.connectors).toEqual([]);
    expect(a.parameterNames).toEqual([]);
    // A secured destructive step stays secured as a record (Compose supports hiding inputs only).
    expect(actions(a).get("Isolate")!.runtimeConfiguration).toEqual({ secureData: { properties: ["inputs"] } });
  });

  it("refuses an unknown mode and a playbook the kit did not build", () => {
    expect(() => withMode(scanAndTag, "dry-run" as never)).toThrow(/\[invalid-mode\] Mode 'dry-run' is not a playbook mode; use enforce or audit\./);
    const handMade = { ...scanAndTag, mode: "enforce" } as Playbook;
    expect(() => withMode(handMade, "audit")).toThrow(/\[not-a-kit-playbook\] withMode needs a playbook built with definePlaybook/);
  });
});
