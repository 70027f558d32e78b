/**
 * Microsoft Defender for Endpoint connector (managed API `wdatp`) and the Graph hunting API. Paths and methods
 * follow the connector's SDK (Azure/connectors-python-sdk `wdatp.py`) and real Sentinel playbooks; permissions
 * are the least privileged MDE application role each API documents (../shared/reference/connectors.md Q3).
 * Action operation ids are inferred from the SDK's method names (not confirmed by a public swagger).
 */
import {
  advancedQueryResultShape,
  alertNotificationShape,
  alertShape,
  domainStatsShape,
  fileStatsShape,
  huntingQueryResultShape,
  investigationShape,
  ipStatsShape,
  machineActionShape,
  machineShape,
  odataListShape,
  packageUriShape,
} from "./defender-types";
import { apiOperationInfo, httpOperationInfo, webhookTriggerInfo, type Permission } from "./operation";
import type { Shape, Typed } from "./shape";

/** The managed API name of the MDE connector. */
export const WDATP = "wdatp";
const mde = (role: string): Permission => ({ resource: "WindowsDefenderATP", role });

const wdatp = <S extends Typed<unknown, Shape>>(
  name: string,
  title: string,
  operationId: string,
  method: "get" | "post" | "patch",
  path: string,
  role: string,
  destructive: boolean,
  output: S,
  extra: { notification?: boolean; successStatus?: number } = {},
) => apiOperationInfo({ connector: WDATP, name, title, operationId, operationIdConfirmed: false, method, path, permissions: [mde(role)], destructive, output, ...extra });

// MDE answers a machine action request with 201 Created and the MachineAction.
const machineAction = (name: string, title: string, operationId: string, segment: string, role: string) =>
  wdatp(name, title, operationId, "post", `/api/machines/{id}/${segment}`, role, true, machineActionShape, { successStatus: 201 });

/** Every Defender operation the kit declares. */
export const defenderCatalogue = {
  getAlert: wdatp("getAlert", "Alerts - Get single alert", "GetSingleAlert", "get", "/api/alerts/{id}", "Alert.Read.All", false, alertShape),
  listAlerts: wdatp("listAlerts", "Alerts - Get list of alerts", "GetAlerts", "get", "/api/alerts", "Alert.Read.All", false, odataListShape(alertShape)),
  updateAlert: wdatp("updateAlert", "Alerts - Update alert", "PatchAlert", "patch", "/api/alerts/{id}", "Alert.ReadWrite.All", false, alertShape, {
    // The SOC sees an alert's status, assignment and classification change in its queue.
    notification: true,
  }),
  getMachine: wdatp("getMachine", "Machines - Get single machine", "GetSingleMachine", "get", "/api/machines/{id}", "Machine.Read.All", false, machineShape),
  listMachines: wdatp("listMachines", "Machines - Get list of machines", "GetMachines", "get", "/api/machines", "Machine.Read.All", false, odataListShape(machineShape)),
  isolateMachine: machineAction("isolateMachine", "Actions - Isolate machine", "IsolateMachine", "isolate", "Machine.Isolate"),
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
  tagMachine: wdatp("tagMachine", "Machines - Tag machine", "MachineTag", "post", "/api/machines/{id}/tags", "Machine.ReadWrite.All", false, machineShape),
  collectInvestigationPackage: machineAction(
    "collectInvestigationPackage",
    "Actions - Collect investigation package",
    "CollectInvestigationPackage",
    "collectInvestigationPackage",
    "Machine.CollectForensics",
  ),
  getInvestigationPackageUri: wdatp(
    "getInvestigationPackageUri",
    "Actions - Get investigation package download URI",
    "GetInvestigationPackageUri",
    "get",
    "/api/machineactions/{id}/getPackageUri",
    "Machine.CollectForensics",
    false,
    packageUriShape,
  ),
  startInvestigation: wdatp(
    "startInvestigation",
    "Actions - Start automated investigation on a machine",
    "StartInvestigation",
    "post",
    "/api/machines/{id}/startInvestigation",
    "Alert.ReadWrite.All",
    false,
    investigationShape,
    { successStatus: 201 },
  ),
  getMachineAction: wdatp("getMachineAction", "Actions - Get single machine action", "GetSingleMachineAction", "get", "/api/machineactions/{id}", "Machine.Read.All", false, machineActionShape),
  getFileStats: wdatp("getFileStats", "Files - Get the statistics for the given file", "GetFileStats", "get", "/api/files/{id}/stats", "File.Read.All", false, fileStatsShape),
  // Paths, the lookBackHours query and the designer names: ../shared/corpus/sentinel-mde/get-mdestatistics-alert.json;
  // roles: defender-docs get-ip-statistics.md (Ip.Read.All) and get-domain-statistics.md (URL.Read.All).
  getIpStats: wdatp("getIpStats", "Ips - Get the statistics for the given ip address", "GetIpStats", "get", "/api/ips/{ip}/stats", "Ip.Read.All", false, ipStatsShape),
  getDomainStats: wdatp(
    "getDomainStats",
    "Domains - Get the statistics for the given domain name",
    "GetDomainStats",
    "get",
    "/api/domains/{domain}/stats",
    "URL.Read.All",
    false,
    domainStatsShape,
  ),
  runAdvancedQuery: {
    ...wdatp("runAdvancedQuery", "Advanced Hunting", "AdvancedHunting", "post", "/api/advancedqueries/run", "AdvancedQuery.Read.All", false, advancedQueryResultShape),
    deprecated: "Microsoft retires this connector action on 2027-02-01; use runHuntingQuery (Graph) instead.",
  },
  runHuntingQuery: httpOperationInfo({
    name: "runHuntingQuery",
    title: "Run hunting query",
    method: "POST",
    uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery",
    audience: "https://graph.microsoft.com",
    permissions: [{ resource: "MicrosoftGraph", role: "ThreatHunting.Read.All" }],
    destructive: false,
    output: huntingQueryResultShape,
  }),
};

/** Every Defender trigger the kit declares. */
export const defenderTriggers = {
  /** A new MDE alert: the webhook delivers only the alert `id` and `machineId`. */
  alertCreated: webhookTriggerInfo({
    name: "alertCreated",
    connector: WDATP,
    title: "Triggers - Trigger when new WDATP alert occurs",
    method: "post",
    path: "/subscriptions",
    operationId: "WebHooks_CreateWebHook",
    operationIdConfirmed: true,
    source: "Azure/connectors-python-sdk src/azure/connectors/wdatp.py (TRIGGER_OPERATIONS)",
    output: alertNotificationShape,
  }),
};
