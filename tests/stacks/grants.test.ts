/**
 * Grants: exactly the union of the enabled playbooks' permissions, role ids looked up by value from the
 * resource service principals, gone when a playbook is disabled, and replaced by working admin commands when
 * `grantPermissions` is false.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AZURE_ROLE_DEFINITION_IDS } from "../../operations";
import { loadEnvironment, planEnvironment } from "../../playbooks/env";
import { RESOURCE_APP_IDS } from "../../stacks/principals";
import { mockAppRoleId, mockServicePrincipalObjectId, type MockRun } from "../../stacks/testing";
import { REPO } from "../support/paths";
import { expectClean, ofType, runStack, stackRaw, T } from "./support";

type Obj = Record<string, any>;
type Grant = { principal: string; resource: string; role: string };

const APP_ID_OF: Record<string, string> = RESOURCE_APP_IDS;
const RESOURCE_OF_APP: Record<string, string> = Object.fromEntries(Object.entries(RESOURCE_APP_IDS).map(([r, id]) => [id, r]));

const AZURE_ROLE_OF_ID: Record<string, string> = Object.fromEntries(Object.entries(AZURE_ROLE_DEFINITION_IDS).map(([name, id]) => [id, name]));

/** App role assignments as {principalObjectId, resource, role}, decoded through the mocked service principals. */
function appRoleAssignments(run: MockRun): Grant[] {
  const spToResource = new Map(Object.entries(RESOURCE_APP_IDS).map(([r, appId]) => [mockServicePrincipalObjectId(appId), { r, appId }]));
  return ofType(run, T.appRoleAssignment).map((g) => {
    const sp = spToResource.get(String(g.inputs.resourceObjectId));
    if (!sp) throw new Error(`assignment ${g.name} targets an unknown service principal ${String(g.inputs.resourceObjectId)}`);
    return { principal: String(g.inputs.principalObjectId), resource: sp.r, role: roleOf(sp.appId, String(g.inputs.appRoleId)) };
  });
}

/** Azure role assignments, each checked to be on the stack's Sentinel workspace, as {principalId, MicrosoftSentinel, role name}. */
function workspaceRoleAssignments(run: MockRun, env: string): Grant[] {
  const workspace = stackRaw(env).sentinel?.workspaceResourceId;
  return ofType(run, T.roleAssignment).map((r) => {
    expect(r.inputs.scope, r.name).toBe(workspace);
    const role = AZURE_ROLE_OF_ID[String(r.inputs.roleDefinitionId).split("/").at(-1)!];
    if (!role) throw new Error(`role assignment ${r.name} has an unknown role definition ${String(r.inputs.roleDefinitionId)}`);
    return { principal: String(r.inputs.principalId), resource: "MicrosoftSentinel", role };
  });
}

/** Every recorded grant (app roles and the Sentinel workspace roles), sorted. */
function assignments(run: MockRun, env = "prod"): Grant[] {
  return [...appRoleAssignments(run), ...workspaceRoleAssignments(run, env)]
    .sort((a, b) => `${a.principal}${a.resource}${a.role}`.localeCompare(`${b.principal}${b.resource}${b.role}`));
}

const KNOWN_ROLES = ["Alert.Read.All", "Machine.Read.All", "Machine.Isolate", "Machine.RestrictExecution", "Machine.Scan", "Machine.CollectForensics", "Mail.Send", "ThreatHunting.Read.All", "AdvancedQuery.Read.All", "SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"];
function roleOf(appId: string, roleId: string): string {
  const role = KNOWN_ROLES.find((r) => mockAppRoleId(appId, r) === roleId);
  if (!role) throw new Error(`unknown app role id ${roleId}`);
  return role;
}

const key = (g: { resource: string; role: string }) => `${g.resource}/${g.role}`;

let dev: MockRun;
let prod: MockRun;

beforeAll(async () => {
  dev = expectClean(await runStack("dev"));
  prod = expectClean(await runStack("prod"));
});

describe("grants", () => {
  it("equal exactly the union of the enabled playbooks' permissions (prod: one shared identity)", () => {
    const plan = loadEnvironment("prod", { root: REPO });
    const union = [...new Set(plan.playbooks.flatMap((p) => p.permissions.map(key)))].sort();
    const granted = assignments(prod);
    expect(granted.map(key).sort()).toEqual(union);
    expect(new Set(granted.map((g) => g.principal)).size).toBe(1);
    expect(union).toEqual([
      "MicrosoftGraph/Mail.Send",
      "MicrosoftGraph/ThreatHunting.Read.All",
      "MicrosoftSentinel/Microsoft Sentinel Responder",
      "WindowsDefenderATP/Alert.Read.All",
      "WindowsDefenderATP/Machine.Isolate",
      "WindowsDefenderATP/Machine.Read.All",
    ]);
    expect((prod.outputs as Obj).grantedPermissions.map(key).sort()).toEqual(union);
  });

  it("dev: each system-assigned identity gets exactly its own playbook's permissions", () => {
    const plan = loadEnvironment("dev", { root: REPO });
    const outputs = dev.outputs as Obj;
    const granted = assignments(dev, "dev");
    for (const p of plan.playbooks) {
      const principal = outputs.identityPrincipalIds[p.name];
      expect(granted.filter((g) => g.principal === principal).map(key).sort()).toEqual(p.permissions.map(key).sort());
    }
    const union = [...new Set(plan.playbooks.flatMap((p) => p.permissions.map(key)))].sort();
    expect([...new Set(granted.map(key))].sort()).toEqual(union);
    expect(granted).toHaveLength(plan.playbooks.reduce((n, p) => n + p.permissions.length, 0));
  });

  it("look role ids up by value on the WindowsDefenderATP and Microsoft Graph service principals", () => {
    const lookups = prod.invocations.filter((c) => c.token === "azuread:index/getServicePrincipal:getServicePrincipal");
    expect(lookups.map((c) => c.inputs).sort((a, b) => String(a.clientId).localeCompare(String(b.clientId)))).toEqual([
      { clientId: "00000003-0000-0000-c000-000000000000" },
      { clientId: "fc780465-2017-40d4-a0c5-307022471b92" },
    ]);
    for (const g of ofType(prod, T.appRoleAssignment)) {
      const [, label, role] = /-(mde|graph)-([^-]+)$/.exec(g.name)!;
      const resource = label === "mde" ? "WindowsDefenderATP" : "MicrosoftGraph";
      expect(g.inputs.appRoleId).toBe(mockAppRoleId(APP_ID_OF[resource]!, role));
      expect(g.inputs.resourceObjectId).toBe(mockServicePrincipalObjectId(APP_ID_OF[resource]!));
    }
  });

  it("the stack code holds no GUID but the two resource application ids", () => {
    const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir)) {
        const p = path.join(dir, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (f.endsWith(".ts") && f !== "testing.ts") for (const m of fs.readFileSync(p, "utf8").matchAll(guid)) found.add(m[0].toLowerCase());
      }
    };
    walk(path.join(REPO, "stacks"));
    expect([...found].sort()).toEqual(Object.values(RESOURCE_APP_IDS).sort());
  });
});

describe("disabling a playbook", () => {
  it("removes its grants (system-assigned: its principal's; user-assigned: the roles no other playbook needs)", async () => {
    const devHuntingOff = expectClean(await runStack("dev", (raw) => void (raw.playbooks["scheduled-advanced-hunting"].enabled = false)));
    const devPlan = loadEnvironment("dev", { root: REPO });
    const othersNeed = devPlan.playbooks.filter((p) => p.name !== "scheduled-advanced-hunting").flatMap((p) => p.permissions.map(key));
    expect(assignments(devHuntingOff, "dev").map(key).sort()).toEqual(othersNeed.sort());
    expect(ofType(devHuntingOff, T.appRoleAssignment).some((g) => g.name.startsWith("dev-grants-scheduled-advanced-hunting-"))).toBe(false);
    expect(ofType(dev, T.appRoleAssignment).some((g) => g.name.startsWith("dev-grants-scheduled-advanced-hunting-"))).toBe(true);

    const prodIsolateOff = expectClean(await runStack("prod", (raw) => void (raw.playbooks["isolate-on-high-severity"].enabled = false)));
    const granted = assignments(prodIsolateOff).map(key).sort();
    // isolate-incident-hosts still isolates (and reads machines) with the shared identity: only Alert.Read.All goes.
    expect(granted).toEqual([
      "MicrosoftGraph/Mail.Send",
      "MicrosoftGraph/ThreatHunting.Read.All",
      "MicrosoftSentinel/Microsoft Sentinel Responder",
      "WindowsDefenderATP/Machine.Isolate",
      "WindowsDefenderATP/Machine.Read.All",
    ]);
    const removed = assignments(prod).map(key).filter((k) => !granted.includes(k));
    expect(removed.sort()).toEqual(["WindowsDefenderATP/Alert.Read.All"]);
    expect(ofType(prodIsolateOff, T.workflow)).toHaveLength(ofType(prod, T.workflow).length - 1);
  });
});

describe("grantPermissions: false", () => {
  let run: MockRun;
  const fakeAz = `#!/usr/bin/env bash
# Fake Azure CLI: records its arguments, answers 'ad sp show' like Entra would.
{ for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\n'; } >> "$AZ_LOG"
if [ "$1 $2 $3" = "ad sp show" ]; then
  if [ "$7" = "id" ]; then echo "sp-object-$5"; exit 0; fi
  role=$(printf '%s' "$7" | sed -n "s/.*value=='\\([^']*\\)'.*/\\1/p")
  echo "role-id-$5-$role"; exit 0
fi
# Listing a principal's assignments: AZ_EXISTING holds the app role ids it already has.
if [ "$1 $2 $3" = "rest --method GET" ]; then
  role=$(printf '%s' "$*" | sed -n "s/.*appRoleId=='\\([^']*\\)'.*/\\1/p")
  case " \${AZ_EXISTING:-} " in *" $role "*) echo 1 ;; *) echo 0 ;; esac
  exit 0
fi
exit 0
`;

  beforeAll(async () => {
    run = expectClean(await runStack("prod", (raw) => void (raw.grantPermissions = false)));
  });

  it("creates no assignment and looks up no service principal", () => {
    expect(ofType(run, T.appRoleAssignment)).toEqual([]);
    expect(ofType(run, T.roleAssignment)).toEqual([]);
    expect(run.invocations.filter((c) => c.token.startsWith("azuread:"))).toEqual([]);
    expect((run.outputs as Obj).grantedPermissions).toEqual([]);
    expect((run.outputs as Obj).requiredPermissions.map(key).sort()).toEqual(assignments(prod).map(key).sort());
  });

  it("outputs commands that, run by a tenant admin, grant exactly the required roles to the identity", () => {
    const lines = (run.outputs as Obj).adminCommands as string[];
    expect(lines[0]).toMatch(/^# Run with bash as a Privileged Role Administrator/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-"));
    try {
      fs.writeFileSync(path.join(dir, "az"), fakeAz, { mode: 0o755 });
      const log = path.join(dir, "calls.log");
      const result = spawnSync("bash", ["-c", lines.join("\n")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, AZ_LOG: log }, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const calls = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => l.split("\u001f").slice(0, -1));
      const posts = calls.filter((c) => c[0] === "rest" && c[2] === "POST");
      const principal = (run.outputs as Obj).identity.principalId;
      const made: Grant[] = posts.map((c) => {
        const arg = (flag: string) => c[c.indexOf(flag) + 1]!;
        expect(arg("--method")).toBe("POST");
        const body = JSON.parse(arg("--body")) as { principalId: string; resourceId: string; appRoleId: string };
        const appId = body.resourceId.replace("sp-object-", "");
        expect(arg("--uri")).toBe(`https://graph.microsoft.com/v1.0/servicePrincipals/${body.resourceId}/appRoleAssignedTo`);
        expect(body.appRoleId.startsWith(`role-id-${appId}-`)).toBe(true);
        return { principal: body.principalId, resource: RESOURCE_OF_APP[appId]!, role: body.appRoleId.slice(`role-id-${appId}-`.length) };
      });
      expect(made.map((g) => g.principal)).toEqual(made.map(() => principal));
      expect(made.map(key).sort()).toEqual(appRoleAssignments(prod).map(key).sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the commands can be run again: an app role the principal already has is skipped, the others are granted", () => {
    const lines = (run.outputs as Obj).adminCommands as string[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-"));
    try {
      fs.writeFileSync(path.join(dir, "az"), fakeAz, { mode: 0o755 });
      const log = path.join(dir, "calls.log");
      const mde = RESOURCE_APP_IDS.WindowsDefenderATP;
      const existing = `role-id-${mde}-Machine.Isolate role-id-${mde}-Alert.Read.All`;
      const result = spawnSync("bash", ["-c", lines.join("\n")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, AZ_LOG: log, AZ_EXISTING: existing }, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const calls = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => l.split("\u001f").slice(0, -1));
      const posted = calls.filter((c) => c[0] === "rest" && c[2] === "POST").map((c) => (JSON.parse(c[c.indexOf("--body") + 1]!) as { appRoleId: string }).appRoleId);
      expect(posted.sort()).toEqual([`role-id-${mde}-Machine.Read.All`, `role-id-${RESOURCE_APP_IDS.MicrosoftGraph}-Mail.Send`, `role-id-${RESOURCE_APP_IDS.MicrosoftGraph}-ThreatHunting.Read.All`].sort());
      // Each check lists the principal's own assignments.
      const principal = (run.outputs as Obj).identity.principalId;
      const checks = calls.filter((c) => c[0] === "rest" && c[2] === "GET");
      expect(checks).toHaveLength(5);
      for (const c of checks) expect(c[c.indexOf("--uri") + 1]).toBe(`https://graph.microsoft.com/v1.0/servicePrincipals/${principal}/appRoleAssignments`);
      expect(result.stdout).toContain("WindowsDefenderATP Machine.Isolate is already granted");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the commands stop with an error when the tenant lacks a role", () => {
    const lines = (run.outputs as Obj).adminCommands as string[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-"));
    try {
      fs.writeFileSync(path.join(dir, "az"), fakeAz.replace('echo "role-id-$5-$role"; exit 0', 'if [ "$role" = "Machine.Isolate" ]; then echo ""; else echo "role-id-$5-$role"; fi; exit 0'), { mode: 0o755 });
      const result = spawnSync("bash", ["-c", lines.join("\n")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, AZ_LOG: path.join(dir, "log") }, encoding: "utf8" });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("WindowsDefenderATP has no application role Machine.Isolate");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the plan and the stack agree", () => {
  it("a changed config changes the plan's permissions and the grants alike", async () => {
    const raw = stackRaw("prod");
    const audit = (r: Record<string, any>) => {
      for (const name of ["isolate-on-high-severity", "isolate-incident-hosts"]) r.playbooks[name].mode = "audit";
    };
    audit(raw);
    const plan = planEnvironment("prod", raw);
    const run = expectClean(await runStack("prod", audit));
    expect(assignments(run).map(key).sort()).toEqual([...new Set(plan.playbooks.flatMap((p) => p.permissions.map(key)))].sort());
    expect(assignments(run).map(key)).not.toContain("WindowsDefenderATP/Machine.Isolate");
  });
});
