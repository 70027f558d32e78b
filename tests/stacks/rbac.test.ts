/**
 * Azure RBAC grants (the Sentinel workspace roles) under `pulumi.runtime.setMocks`: the Grants component assigns
 * exactly the Azure roles each principal needs on the workspace, with the built-in role definition ids, beside
 * the app roles; with `grant: false` it outputs `az role assignment` commands instead, which a fake `az` runs.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AZURE_ROLE_DEFINITION_IDS, sentinelRole } from "../../operations";
import { Grants, roleAssignmentName } from "../../stacks/components/grants";
import { runWithMocks, type MockRun } from "../../stacks/testing";

const WORKSPACE = "/subscriptions/9b2e4c1d-3a5f-4e6b-8c7d-0e1f2a3b4c5d/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-sentinel";
const RESPONDER = sentinelRole("Microsoft Sentinel Responder");
const READER = sentinelRole("Microsoft Sentinel Reader");

function deploy(grant: boolean, scopes: Record<string, string> = { sentinelWorkspace: WORKSPACE }): Promise<MockRun> {
  return runWithMocks({
    env: "test",
    config: {},
    program: () => {
      const g = new Grants("test-grants", {
        grant,
        scopes,
        principals: [
          { label: "isolate", principalId: "11111111-0000-4000-8000-000000000001", permissions: [{ resource: "WindowsDefenderATP", role: "Machine.Isolate" }, RESPONDER] },
          { label: "reader", principalId: "11111111-0000-4000-8000-000000000002", permissions: [READER] },
          { label: "mail", principalId: "11111111-0000-4000-8000-000000000003", permissions: [{ resource: "MicrosoftGraph", role: "Mail.Send" }] },
        ],
      });
      return { granted: g.granted, required: g.required, adminCommands: g.adminCommands };
    },
  });
}

const roleAssignments = (run: MockRun) => run.registrations.filter((r) => r.type === "azure-native:authorization:RoleAssignment").sort((a, b) => a.name.localeCompare(b.name));

describe("Grants with Azure roles", () => {
  it("assigns exactly the Sentinel roles each principal needs, on the workspace, with the built-in role ids", async () => {
    const run = await deploy(true);
    expect(run.error).toBeUndefined();
    expect(roleAssignments(run).map((r) => ({ name: r.name, inputs: r.inputs }))).toEqual([
      {
        name: "test-grants-isolate-microsoft-sentinel-responder",
        inputs: {
          roleAssignmentName: roleAssignmentName(WORKSPACE, "test-grants-isolate-microsoft-sentinel-responder", "Microsoft Sentinel Responder"),
          scope: WORKSPACE,
          roleDefinitionId: "/subscriptions/9b2e4c1d-3a5f-4e6b-8c7d-0e1f2a3b4c5d/providers/Microsoft.Authorization/roleDefinitions/3e150937-b8fe-4cfb-8069-0eaf05ecd056",
          principalId: "11111111-0000-4000-8000-000000000001",
          principalType: "ServicePrincipal",
          description: "playbook-kit: Microsoft Sentinel Responder for isolate",
        },
      },
      {
        name: "test-grants-reader-microsoft-sentinel-reader",
        inputs: {
          roleAssignmentName: roleAssignmentName(WORKSPACE, "test-grants-reader-microsoft-sentinel-reader", "Microsoft Sentinel Reader"),
          scope: WORKSPACE,
          roleDefinitionId: "/subscriptions/9b2e4c1d-3a5f-4e6b-8c7d-0e1f2a3b4c5d/providers/Microsoft.Authorization/roleDefinitions/8d289c81-5878-46d4-8554-54e1e3d8b5cb",
          principalId: "11111111-0000-4000-8000-000000000002",
          principalType: "ServicePrincipal",
          description: "playbook-kit: Microsoft Sentinel Reader for reader",
        },
      },
    ]);
    // App roles are still granted beside them, and nobody else gets an Azure role.
    expect(run.registrations.filter((r) => r.type === "azuread:index/appRoleAssignment:AppRoleAssignment").map((r) => r.name).sort()).toEqual([
      "test-grants-isolate-mde-Machine.Isolate",
      "test-grants-mail-graph-Mail.Send",
    ]);
    const outputs = run.outputs as { granted: unknown[]; required: unknown[] };
    expect(outputs.granted).toEqual(outputs.required);
    expect(outputs.required).toContainEqual({ principal: "isolate", kind: "azureRole", resource: "MicrosoftSentinel", role: "Microsoft Sentinel Responder", scope: WORKSPACE });
    expect(roleAssignmentName(WORKSPACE, "a", "b")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("fails clearly when a principal needs a workspace role and no workspace is configured", async () => {
    const run = await deploy(true, {});
    expect(run.error?.message).toContain("playbook-kit:sentinel.workspaceResourceId");
    expect(roleAssignments(run)).toEqual([]);
  });

  it("grant: false outputs az role assignment commands that assign exactly those roles (and skip existing ones)", async () => {
    const run = await deploy(false);
    expect(roleAssignments(run)).toEqual([]);
    const lines = (run.outputs as { adminCommands: string[] }).adminCommands;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-rbac-"));
    try {
      const log = path.join(dir, "calls.log");
      fs.writeFileSync(
        path.join(dir, "az"),
        `#!/usr/bin/env bash
{ for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\n'; } >> "$AZ_LOG"
if [ "$1 $2" = "ad sp" ]; then echo "sp-$5"; [ "$7" = "id" ] || echo ""; exit 0; fi
if [ "$1 $2 $3" = "role assignment list" ]; then case " \${AZ_EXISTING:-} " in *" $5 "*) echo 1 ;; *) echo 0 ;; esac; exit 0; fi
exit 0
`,
        { mode: 0o755 },
      );
      const rbac = lines.slice(lines.findIndex((l) => l.startsWith("# Run with bash as an Owner")));
      const result = spawnSync("bash", ["-c", rbac.join("\n")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, AZ_LOG: log, AZ_EXISTING: "11111111-0000-4000-8000-000000000002" }, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const calls = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => l.split("\u001f").slice(0, -1));
      const creates = calls.filter((c) => c.slice(0, 3).join(" ") === "role assignment create");
      expect(creates).toEqual([
        [
          "role", "assignment", "create",
          "--assignee-object-id", "11111111-0000-4000-8000-000000000001",
          "--assignee-principal-type", "ServicePrincipal",
          "--role", AZURE_ROLE_DEFINITION_IDS["Microsoft Sentinel Responder"],
          "--scope", WORKSPACE,
          "--output", "none",
        ],
      ]);
      expect(result.stdout).toContain("reader: Microsoft Sentinel Reader is already assigned");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
