/**
 * The stack program deploying an author's own playbook (not a catalog one) from a project folder: the
 * workflow gets exactly that playbook's app roles; in `audit` mode no destructive call is rendered and the role
 * only the destructive step needed is not granted. The real program (type check included) under Pulumi mocks.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { destructiveCall } from "../../operations";
import { findProject, loadProject } from "../../project";
import { RESOURCE_APP_IDS } from "../../stacks/principals";
import { deployEnvironment } from "../../stacks/program";
import { MOCK_APP_ROLES, mockAppRoleId, mockServicePrincipalObjectId, runWithMocks, unwrapSecrets, type MockRun } from "../../stacks/testing";
import { tempDir } from "../support/cli";
import { engineConfig, expectClean, ofType, one, stackRaw, T } from "./support";

type Obj = Record<string, any>;

/** An author playbook: a High alert isolates the device (destructive: Machine.Isolate), any other alert tags it. */
const CONTAIN = `import { defender, definePlaybook, equals, text } from "playbook-kit";

/** High alert → isolate the device; otherwise tag it. */
export default definePlaybook({
  name: "contain-on-high",
  description: "Isolate the device of a High MDE alert; tag the device of any other alert.",
  trigger: defender.alertCreated(),
  build({ flow, trigger }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    flow.if("High", equals(alert.body.severity, "High"), (then) => {
      then.step("Isolate device", defender.isolateMachine({ machineId: alert.body.machineId, comment: text\`Alert \${alert.body.id}\`, isolationType: "Full" }));
    }, (otherwise) => {
      otherwise.step("Tag device", defender.tagMachine({ machineId: alert.body.machineId, tag: "triaged", action: "Add" }));
    });
  },
});
`;

let root: string;
const runs: Record<string, MockRun> = {};

/** The dev stack config of this checkout with only the author playbook enabled, in `mode`. */
function config(mode: "audit" | "enforce"): Record<string, string> {
  const raw = stackRaw("dev");
  raw.playbooks = { "contain-on-high": { enabled: true, state: "Enabled", mode } };
  return engineConfig(raw);
}

/** App roles granted to a principal, decoded through the mocked service principals as `resource/role`. */
function rolesOf(run: MockRun, principal: string): string[] {
  const out: string[] = [];
  for (const g of ofType(run, T.appRoleAssignment)) {
    if (String(g.inputs.principalObjectId) !== principal) continue;
    const [resource, appId] = Object.entries(RESOURCE_APP_IDS).find(([, id]) => mockServicePrincipalObjectId(id) === String(g.inputs.resourceObjectId))!;
    const role = MOCK_APP_ROLES[appId]!.find((r) => mockAppRoleId(appId, r) === String(g.inputs.appRoleId));
    out.push(`${resource}/${role ?? `unknown role id ${String(g.inputs.appRoleId)}`}`);
  }
  return out.sort();
}

/** Every action of a definition by name, nested scopes included. */
function actions(scope: Obj | undefined, out: Record<string, Obj> = {}): Record<string, Obj> {
  for (const [name, a] of Object.entries(scope ?? {}) as [string, Obj][]) {
    out[name] = a;
    actions(a.actions, out);
    actions(a.else?.actions, out);
    actions(a.default?.actions, out);
    for (const c of Object.values((a.cases ?? {}) as Obj)) actions((c as Obj).actions, out);
  }
  return out;
}

beforeAll(async () => {
  root = tempDir("pk-author-stack-");
  fs.writeFileSync(path.join(root, "playbook-kit.json"), `${JSON.stringify({ playbooks: ["playbooks"] })}\n`);
  fs.mkdirSync(path.join(root, "playbooks"));
  fs.writeFileSync(path.join(root, "playbooks", "contain-on-high.ts"), CONTAIN);
  for (const mode of ["enforce", "audit"] as const) {
    runs[mode] = expectClean(await runWithMocks({ env: "dev", config: config(mode), program: () => deployEnvironment({ cwd: root }) }));
  }
}, 120_000);

describe("an author playbook from a project folder, deployed by the stack", () => {
  it("enforce: one workflow, its definition the author's build, granted exactly its own app roles", () => {
    const run = runs.enforce!;
    expect(ofType(run, T.workflow).map((w) => w.inputs.workflowName)).toEqual(["contain-on-high-dev"]);
    const playbook = loadProject(findProject(root), { typecheck: false }).get("contain-on-high").playbook;
    expect(unwrapSecrets(one(run, T.workflow, "dev-contain-on-high-workflow").inputs.definition)).toEqual(JSON.parse(playbook.render()));
    const principal = (run.outputs as Obj).identityPrincipalIds["contain-on-high"];
    expect(rolesOf(run, principal)).toEqual(["WindowsDefenderATP/Alert.Read.All", "WindowsDefenderATP/Machine.Isolate", "WindowsDefenderATP/Machine.ReadWrite.All"]);
    expect(ofType(run, T.appRoleAssignment)).toHaveLength(3);
  });

  it("audit: no destructive call is rendered and Machine.Isolate is not granted; the tag step and its role stay", () => {
    const run = runs.audit!;
    const definition = unwrapSecrets(one(run, T.workflow, "dev-contain-on-high-workflow").inputs.definition) as Obj;
    const all = actions(definition.actions);
    expect(Object.keys(all).sort()).toEqual(["Get_alert", "High", "Isolate_device", "Tag_device"]);
    expect(Object.entries(all).filter(([, a]) => destructiveCall(a)).map(([n]) => n)).toEqual([]);
    expect(all.Isolate_device!.type).toBe("Compose");
    expect(all.Tag_device!.type).toBe("ApiConnection");
    const principal = (run.outputs as Obj).identityPrincipalIds["contain-on-high"];
    expect(rolesOf(run, principal)).toEqual(["WindowsDefenderATP/Alert.Read.All", "WindowsDefenderATP/Machine.ReadWrite.All"]);
    expect(ofType(run, T.appRoleAssignment)).toHaveLength(2);
    const audited = loadProject(findProject(root), { typecheck: false }).get("contain-on-high").create({ mode: "audit" });
    expect(definition).toEqual(JSON.parse(audited.render()));
  });
});
