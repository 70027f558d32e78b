/** A project's environments plan any of its playbooks: author playbooks by name, audit mode through withMode. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findProject, loadProject, loadProjectEnvironment } from "../../project";
import { REPO } from "../support/paths";
import { stackYaml, writeProject } from "./support";

const EXAMPLE = fs.readFileSync(path.join(REPO, "examples/playbooks/scan-and-tag-on-alert.ts"), "utf8");

describe("loadProjectEnvironment", () => {
  const root = writeProject({ playbooks: ["playbooks"], catalog: ["scheduled-advanced-hunting"] }, {
    "playbooks/scan.ts": EXAMPLE,
    "Pulumi.dev.yaml": stackYaml({ "scan-and-tag-on-alert": "      mode: audit\n", "scheduled-advanced-hunting": "" }),
    "Pulumi.prod.yaml": stackYaml({ "scan-and-tag-on-alert": "      mode: enforce\n      parameters:\n        tag: suspicious\n" }),
    "Pulumi.typo.yaml": stackYaml({ "scan-and-tag": "" }),
  });
  const loaded = loadProject(findProject(root), { typecheck: false });

  it("enforce: the author playbook is deployed with exactly its own app roles", () => {
    const plan = loadProjectEnvironment("prod", loaded);
    expect(plan.playbooks.map((p) => p.name)).toEqual(["scan-and-tag-on-alert"]);
    const [scan] = plan.playbooks;
    expect(scan!.workflowName).toBe("scan-and-tag-on-alert-prod");
    expect(scan!.parameters).toEqual({ tag: "suspicious" });
    expect(scan!.permissions.map((p) => p.role)).toEqual(["Alert.Read.All", "Machine.ReadWrite.All", "Machine.Scan"]);
    expect(scan!.playbook.destructiveSteps).toEqual(["Quick_scan"]);
  });

  it("audit: no destructive step is rendered and its permission is not granted", () => {
    const plan = loadProjectEnvironment("dev", loaded);
    expect(plan.playbooks.map((p) => p.name)).toEqual(["scheduled-advanced-hunting", "scan-and-tag-on-alert"]);
    const scan = plan.playbooks.find((p) => p.name === "scan-and-tag-on-alert")!;
    expect(scan.mode).toBe("audit");
    expect(scan.playbook.destructiveSteps).toEqual([]);
    const quickScan = (scan.playbook.definition.actions.Medium_or_High as { actions: Record<string, { type: string; inputs: { mode?: string } }> }).actions.Quick_scan!;
    expect([quickScan.type, quickScan.inputs.mode]).toEqual(["Compose", "audit"]);
    expect(scan.connectors).toEqual(["wdatp"]);
    expect(scan.permissions.map((p) => p.role)).toEqual(["Alert.Read.All", "Machine.ReadWrite.All"]);
  });

  it("an unknown name lists every playbook of the project", () => {
    expect(() => loadProjectEnvironment("typo", loaded)).toThrow(
      "playbook-kit:playbooks.scan-and-tag: is not a playbook of this project; available: scheduled-advanced-hunting, scan-and-tag-on-alert.",
    );
  });
});
