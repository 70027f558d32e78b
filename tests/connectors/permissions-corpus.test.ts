/**
 * Permission inference on the real Sentinel MDE templates: the Azure RBAC role the template's own deployment
 * (or readme) needs on the workspace appears beside the MDE app roles, inferred from the calls alone.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { requiredPermissions } from "../../operations";
import { CORPUS, readJson } from "../support/paths";

type Obj = Record<string, any>;
const definition = (file: string): Obj =>
  (readJson(path.join(CORPUS, file)) as Obj).resources.find((r: Obj) => String(r.type).toLowerCase() === "microsoft.logic/workflows").properties.definition;

const sentinel = (role: string) => ({ kind: "azureRole", resource: "MicrosoftSentinel", role: `Microsoft Sentinel ${role}`, scope: "sentinelWorkspace" });
const mde = (role: string) => ({ resource: "WindowsDefenderATP", role });

describe("requiredPermissions on Sentinel corpus templates", () => {
  it("Isolate-MDEMachine (incident): Machine.Isolate and Microsoft Sentinel Responder (it comments)", () => {
    expect(requiredPermissions(definition("sentinel-mde/isolate-mdemachine-incident.json"))).toEqual([sentinel("Responder"), mde("Machine.Isolate")]);
  });

  it("Run-MDEAntivirus (alert): Machine.Read.All, Machine.Scan and Responder", () => {
    expect(requiredPermissions(definition("sentinel-mde/solutions-run-mdeantivirus-alert.json"))).toEqual([sentinel("Responder"), mde("Machine.Read.All"), mde("Machine.Scan")]);
  });

  it("AS-Compromised-Machine-Tagging: only reads Sentinel (entities), so Reader; its wdatp connection is OAuth, no app role", () => {
    // The wdatp actions need app roles only when the connection uses the managed identity; inference reads calls, not auth.
    expect(requiredPermissions(definition("sentinel-mde/as-compromised-machine-tagging.json"))).toEqual([sentinel("Reader"), mde("Machine.Read.All"), mde("Machine.ReadWrite.All")]);
  });

  it("the entity template's connection key is 'microsoftsentinel': with $connections telling the API, the trigger needs Reader", () => {
    const def = definition("sentinel-mde/solutions-unisolate-mdemachine-entity.json");
    expect(requiredPermissions(def)).toEqual([mde("Machine.Isolate")]);
    expect(requiredPermissions(def, { connectionApis: { microsoftsentinel: "azuresentinel", wdatp: "wdatp" } })).toEqual([sentinel("Responder"), mde("Machine.Isolate")]);
  });
});
