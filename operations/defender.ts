/**
 * Microsoft Defender for Endpoint connector (managed API `wdatp`) and the Graph hunting API. Paths and methods
 * follow the connector's SDK (Azure/connectors-python-sdk `wdatp.py`) and real Sentinel playbooks; permissions
 * are the least privileged MDE application role each API documents (../shared/reference/connectors.md Q3).
 * Action operation ids are inferred from the SDK's method names (not confirmed by a public swagger).
 */
import { apiOperationInfo, httpOperationInfo, type Permission } from "./operation";
import type { AdvancedQueryResult, Alert, FileStats, HuntingQueryResult, Investigation, Machine, MachineAction, ODataList } from "./defender-types";

/** The managed API name of the MDE connector. */
export const WDATP = "wdatp";
const mde = (role: string): Permission => ({ resource: "WindowsDefenderATP", role });

const wdatp = <Out>(name: string, title: string, operationId: string, method: "get" | "post" | "patch", path: string, role: string, destructive: boolean) =>
  apiOperationInfo<Out>({ connector: WDATP, name, title, operationId, operationIdConfirmed: false, method, path, permissions: [mde(role)], destructive });

const machineAction = (name: string, title: string, operationId: string, segment: string, role: string) =>
  wdatp<MachineAction>(name, title, operationId, "post", `/api/machines/{id}/${segment}`, role, true);

/** Every Defender operation the kit declares. */
export const defenderCatalogue = {
  getAlert: wdatp<Alert>("getAlert", "Alerts - Get single alert", "GetSingleAlert", "get", "/api/alerts/{id}", "Alert.Read.All", false),
  listAlerts: wdatp<ODataList<Alert>>("listAlerts", "Alerts - Get list of alerts", "GetAlerts", "get", "/api/alerts", "Alert.Read.All", false),
  updateAlert: wdatp<Alert>("updateAlert", "Alerts - Update alert", "PatchAlert", "patch", "/api/alerts/{id}", "Alert.ReadWrite.All", false),
  getMachine: wdatp<Machine>("getMachine", "Machines - Get single machine", "GetSingleMachine", "get", "/api/machines/{id}", "Machine.Read.All", false),
  listMachines: wdatp<ODataList<Machine>>("listMachines", "Machines - Get list of machines", "GetMachines", "get", "/api/machines", "Machine.Read.All", false),
  isolateMachine: wdatp<MachineAction>("isolateMachine", "Actions - Isolate machine", "IsolateMachine", "post", "/api/machines/{id}/isolate", "Machine.Isolate", true),
  releaseMachine: machineAction("releaseMachine", "Actions - Unisolate machine", "UnisolateMachine", "unisolate", "Machine.Isolate"),
  restrictAppExecution: machineAction("restrictAppExecution", "Actions - Restrict app execution", "RestrictAppExecution", "restrictCodeExecution", "Machine.RestrictExecution"),
  unrestrictAppExecution: machineAction(
    "unrestrictAppExecution",
    "Actions - Remove app execution restriction",
    "UnrestrictAppExecution",
    "unrestrictCodeExecution",
    "Machine.RestrictExecution",
  ),
  runAntivirusScan: machineAction("runAntivirusScan", "Actions - Run antivirus scan", "RunAntivirusScan", "runAntiVirusScan", "Machine.Scan"),
  tagMachine: wdatp<Machine>("tagMachine", "Machines - Tag machine", "MachineTag", "post", "/api/machines/{id}/tags", "Machine.ReadWrite.All", false),
  collectInvestigationPackage: machineAction(
    "collectInvestigationPackage",
    "Actions - Collect investigation package",
    "CollectInvestigationPackage",
    "collectInvestigationPackage",
    "Machine.CollectForensics",
  ),
  getInvestigationPackageUri: wdatp<{ value: string }>(
    "getInvestigationPackageUri",
    "Actions - Get investigation package download URI",
    "GetInvestigationPackageUri",
    "get",
    "/api/machineactions/{id}/getPackageUri",
    "Machine.CollectForensics",
    false,
  ),
  startInvestigation: wdatp<Investigation>(
    "startInvestigation",
    "Actions - Start automated investigation on a machine",
    "StartInvestigation",
    "post",
    "/api/machines/{id}/startInvestigation",
    "Alert.ReadWrite.All",
    false,
  ),
  getMachineAction: wdatp<MachineAction>("getMachineAction", "Actions - Get single machine action", "GetSingleMachineAction", "get", "/api/machineactions/{id}", "Machine.Read.All", false),
  getFileStats: wdatp<FileStats>("getFileStats", "Files - Get the statistics for the given file", "GetFileStats", "get", "/api/files/{id}/stats", "File.Read.All", false),
  runAdvancedQuery: {
    ...wdatp<AdvancedQueryResult>("runAdvancedQuery", "Advanced Hunting", "AdvancedHunting", "post", "/api/advancedqueries/run", "AdvancedQuery.Read.All", false),
    deprecated: "Microsoft retires this connector action on 2027-02-01; use runHuntingQuery (Graph) instead.",
  },
  runHuntingQuery: httpOperationInfo<HuntingQueryResult>({
    name: "runHuntingQuery",
    title: "Run hunting query",
    method: "POST",
    uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery",
    audience: "https://graph.microsoft.com",
    permissions: [{ resource: "MicrosoftGraph", role: "ThreatHunting.Read.All" }],
    destructive: false,
  }),
};
