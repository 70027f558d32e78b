/**
 * The semantic diff on pairs of real builds: the catalog built by the kit, then edited the way a change would
 * edit it (a field, a step added and removed, a step moved, an audit → enforce switch that adds a permission and a
 * destructive operation, a reorder that changes nothing, a rename).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { catalog } from "../../playbooks/catalog";
import { diffBuilds, formatDiffText, hasDifferences, type PlaybookDiff } from "../../review";
import { catalogPlaybook, catalogPlaybooks, copyBuild, editDefinition, readBuild, writeBuildOf } from "./support";

const ISOLATE = "isolate-on-high-severity";
const HUNT = "scheduled-advanced-hunting";
/** The catalog playbooks the base build holds, in the report's (name) order. */
const NAMES = catalog.map((e) => e.name).sort();

const base = writeBuildOf(catalogPlaybooks());
const diffWith = (edit: (dir: string) => void) => {
  const head = copyBuild(base);
  edit(head);
  return diffBuilds(readBuild(base, "base"), readBuild(head, "head"));
};
const playbook = (report: { playbooks: PlaybookDiff[] }, name: string) => report.playbooks.find((p) => p.name === name)!;

/** Shuffle every object's keys (reverse order) — what a hand edit or another serializer does. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe("diff of two builds", () => {
  it("the same build twice: every playbook unchanged, nothing reported", () => {
    const report = diffBuilds(readBuild(base, "base"), readBuild(copyBuild(base), "head"));
    expect(report.playbooks.map((p) => [p.name, p.change])).toEqual(NAMES.map((n) => [n, "unchanged"]));
    expect(hasDifferences(report)).toBe(false);
    expect(playbook(report, ISOLATE)).toEqual({
      name: ISOLATE,
      change: "unchanged",
      steps: { added: [], removed: [], changed: [], moved: [] },
      permissions: { added: [], removed: [] },
      parameters: { added: [], removed: [], changed: [] },
      trigger: { name: "Triggers_-_Trigger_when_new_WDATP_alert_occurs", fields: [] },
      destructive: { added: [], removed: [] },
      definition: [],
    });
  });

  it("a changed step field: the pointer into the step, old and new values", () => {
    const report = diffWith((dir) =>
      editDefinition(dir, ISOLATE, (d) => {
        d.actions.Severity_is_High.actions.Device_is_excluded.else.actions.Isolate_machine.inputs.body.Comment = "@{body('Get_alert')?['title']}";
      }),
    );
    const d = playbook(report, ISOLATE);
    expect(d.change).toBe("changed");
    expect(d.steps).toEqual({
      added: [],
      removed: [],
      moved: [],
      changed: [
        {
          name: "Isolate_machine",
          fields: [{ pointer: "/inputs/body/Comment", before: "Isolated by playbook-kit for MDE alert @{body('Get_alert')?['id']}: @{body('Get_alert')?['title']}", after: "@{body('Get_alert')?['title']}" }],
        },
      ],
    });
    expect(playbook(report, HUNT).change).toBe("unchanged");
    expect(hasDifferences(report)).toBe(true);
  });

  it("a change inside a container is reported on the inner step, not on the container", () => {
    const report = diffWith((dir) =>
      editDefinition(dir, ISOLATE, (d) => {
        d.actions.Severity_is_High.actions.Get_machine.inputs.method = "post";
      }),
    );
    expect(playbook(report, ISOLATE).steps.changed.map((c) => c.name)).toEqual(["Get_machine"]);
  });

  it("a removed and an added step (the successor that now runs after the new step is moved)", () => {
    const report = diffWith((dir) =>
      editDefinition(dir, HUNT, (d) => {
        const scope = d.actions.Has_results.actions;
        delete scope.Create_HTML_table;
        scope.Compose_rows = { type: "Compose", inputs: "@body('Run_hunting_query')?['results']", runAfter: {} };
        scope.Recipients.runAfter = { Compose_rows: ["Succeeded"] };
      }),
    );
    const d = playbook(report, HUNT);
    expect(d.steps.added).toEqual(["Compose_rows"]);
    expect(d.steps.removed).toEqual(["Create_HTML_table"]);
    expect(d.steps.moved).toEqual([
      {
        name: "Recipients",
        before: { parent: "Has_results", branch: "actions", runAfter: { Create_HTML_table: ["Succeeded"] } },
        after: { parent: "Has_results", branch: "actions", runAfter: { Compose_rows: ["Succeeded"] } },
      },
    ]);
  });

  it("a moved step: new parent and new runAfter, same fields", () => {
    const report = diffWith((dir) =>
      editDefinition(dir, ISOLATE, (d) => {
        const high = d.actions.Severity_is_High.actions;
        d.actions.Get_machine = { ...high.Get_machine, runAfter: { Get_alert: ["Succeeded"] } };
        delete high.Get_machine;
        d.actions.Severity_is_High.runAfter = { Get_machine: ["Succeeded"] };
        high.Recipients.runAfter = {};
      }),
    );
    const d = playbook(report, ISOLATE);
    expect(d.steps.changed).toEqual([]);
    expect(d.steps.added).toEqual([]);
    expect(d.steps.moved.map((m) => [m.name, m.before.parent, m.after.parent])).toEqual([
      ["Severity_is_High", null, null],
      ["Recipients", "Severity_is_High", "Severity_is_High"],
      ["Get_machine", "Severity_is_High", null],
    ]);
    expect(d.steps.moved[2]!.after.runAfter).toEqual({ Get_alert: ["Succeeded"] });
  });

  it("audit → enforce: a new permission (Machine.Isolate) and a new destructive operation (Isolate machine)", () => {
    const auditDir = writeBuildOf([catalogPlaybook(ISOLATE, { mode: "audit" })]);
    const enforceDir = writeBuildOf([catalogPlaybook(ISOLATE, { mode: "enforce" })]);
    const report = diffBuilds(readBuild(auditDir, "audit"), readBuild(enforceDir, "enforce"));
    const d = playbook(report, ISOLATE);
    expect(d.permissions).toEqual({ added: [{ resource: "WindowsDefenderATP", role: "Machine.Isolate" }], removed: [] });
    expect(d.destructive).toEqual({ added: [{ step: "Isolate_machine", operation: "Isolate machine — Defender" }], removed: [] });
    // The audit build has an audit record named Isolate_machine: enforce changes it into the call.
    expect(d.steps.added).toEqual(["Notify_isolated", "Notify_isolation_failed", "Mark_run_failed"]);
    expect(d.steps.changed.map((c) => c.name)).toEqual(["Isolate_machine"]);
    expect(d.steps.removed).toEqual(["Notify_would_isolate"]);
    // And back: the permission and the destructive step go.
    const back = playbook(diffBuilds(readBuild(enforceDir), readBuild(auditDir)), ISOLATE);
    expect(back.permissions.removed).toEqual([{ resource: "WindowsDefenderATP", role: "Machine.Isolate" }]);
    expect(back.destructive.removed.map((x) => x.step)).toEqual(["Isolate_machine"]);
  });

  it("Azure RBAC permissions in the manifest (kind, resource, role, scope) diff like app roles; an explicit appRole kind is no change", () => {
    const head = copyBuild(base);
    const file = path.join(head, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    manifest.playbooks[0].permissions = manifest.playbooks[0].permissions.map((p: object) => ({ kind: "appRole", ...p }));
    manifest.playbooks[0].permissions.push({ kind: "azureRole", resource: "MicrosoftSentinel", role: "Microsoft Sentinel Responder", scope: "sentinelWorkspace" });
    fs.writeFileSync(file, JSON.stringify(manifest));
    const report = diffBuilds(readBuild(base), readBuild(head));
    const d = playbook(report, ISOLATE);
    expect(d.change).toBe("changed");
    expect(d.permissions).toEqual({ added: [{ kind: "azureRole", resource: "MicrosoftSentinel", role: "Microsoft Sentinel Responder", scope: "sentinelWorkspace" }], removed: [] });
    expect(formatDiffText(report)).toContain("  permission added: Azure RBAC Microsoft Sentinel Responder on sentinelWorkspace (MicrosoftSentinel)\n");
  });

  it("a reordered-only definition (keys, runAfter statuses and their casing) is no change", () => {
    const report = diffWith((dir) => {
      for (const name of [ISOLATE, HUNT]) {
        editDefinition(dir, name, (d) => {
          const failed = d.actions.Severity_is_High?.actions.Device_is_excluded.else.actions.Notify_isolation_failed;
          if (failed) failed.runAfter.Isolate_machine = ["timedout", "FAILED", "Failed"];
          const reversed = reverseKeys(structuredClone(d)) as Record<string, unknown>;
          for (const k of Object.keys(d)) delete d[k];
          Object.assign(d, reversed);
        });
        const text = (folder: string) => fs.readFileSync(path.join(folder, `${name}.definition.json`), "utf8");
        expect(text(dir)).not.toBe(text(base));
      }
    });
    expect(fs.readFileSync(path.join(base, `${ISOLATE}.definition.json`), "utf8")).toContain('"Failed",\n');
    expect(report.playbooks.map((p) => p.change)).toEqual(NAMES.map(() => "unchanged"));
    expect(hasDifferences(report)).toBe(false);
  });

  it("a renamed playbook is one renamed playbook, not a removal and an addition", () => {
    const head = copyBuild(base);
    const file = path.join(head, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    manifest.playbooks[1].name = "hunting-digest";
    manifest.playbooks[1].file = "hunting-digest.definition.json";
    fs.renameSync(path.join(head, `${HUNT}.definition.json`), path.join(head, "hunting-digest.definition.json"));
    fs.writeFileSync(file, JSON.stringify(manifest));
    const report = diffBuilds(readBuild(base), readBuild(head));
    expect(report.playbooks.map((p) => [p.name, p.change, p.renamedFrom])).toEqual([
      ...NAMES.filter((n) => n !== HUNT).map((n) => [n, "unchanged", undefined]),
      ["hunting-digest", "changed", HUNT],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(playbook(report, "hunting-digest").steps).toEqual({ added: [], removed: [], changed: [], moved: [] });
    expect(hasDifferences(report)).toBe(true);
  });

  it("a playbook that shares no steps is added, the other removed", () => {
    const head = writeBuildOf([catalogPlaybook(ISOLATE)]);
    const report = diffBuilds(readBuild(head), readBuild(base));
    const d = playbook(report, HUNT);
    expect(d.change).toBe("added");
    expect(d.steps.added).toEqual(["Run_hunting_query", "Has_results", "Create_HTML_table", "Recipients", "Email_results"]);
    expect(d.permissions.added.map((p) => p.role)).toEqual(["Mail.Send", "ThreatHunting.Read.All"]);
    expect(d.parameters.added.map((p) => p.name)).toContain("huntingQuery");
  });

  it("trigger and parameter changes: defaults and allowed values as pointers", () => {
    const report = diffWith((dir) =>
      editDefinition(dir, ISOLATE, (d) => {
        d.parameters.isolationType.defaultValue = "Selective";
        d.parameters.isolationType.allowedValues = ["Selective"];
        d.parameters.extra = { type: "String", defaultValue: "x" };
        d.triggers["Triggers_-_Trigger_when_new_WDATP_alert_occurs"].inputs.body.clientState = "other";
      }),
    );
    const d = playbook(report, ISOLATE);
    expect(d.parameters).toEqual({
      added: [{ name: "extra", type: "String", defaultValue: "x" }],
      removed: [],
      changed: [
        {
          name: "isolationType",
          fields: [
            { pointer: "/allowedValues", before: ["Full", "Selective"], after: ["Selective"] },
            { pointer: "/defaultValue", before: "Full", after: "Selective" },
          ],
        },
      ],
    });
    expect(d.trigger.fields).toEqual([{ pointer: "/inputs/body/clientState", before: "playbook-kit", after: "other" }]);
  });
});
