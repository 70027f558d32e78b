/**
 * Microsoft Defender for Endpoint connector (managed API `wdatp`). Paths, methods and body fields follow the
 * connector's SDK (Azure/connectors-python-sdk `wdatp.py`) and real Sentinel playbooks; permissions are the least
 * privileged MDE application role each API documents (../shared/reference/connectors.md Q3).
 * Action operation ids are inferred from the SDK's method names (not confirmed by a public swagger); the
 * webhook trigger's `WebHooks_CreateWebHook` is confirmed.
 */
import type { ExprLike } from "../kit/expr";
import { listCallbackUrl } from "../kit/functions";
import type { Input, Permission } from "../kit/operation";
import { apiOperation, apiWebhookTrigger, connector, httpOperation } from "./define";
import type {
  AdvancedQueryResult,
  Alert,
  AlertNotification,
  AlertStatus,
  FileStats,
  HuntingQueryResult,
  Investigation,
  Machine,
  MachineAction,
  ODataList,
} from "./defender-types";

export * from "./defender-types";

const API = "wdatp";
const mde = (role: string): Permission => ({ resource: "WindowsDefenderATP", role });

/** OData query options for list operations. */
export interface ODataQuery {
  filter?: ExprLike<string>;
  top?: ExprLike<number>;
  skip?: ExprLike<number>;
  orderBy?: ExprLike<string>;
  select?: ExprLike<string>;
}

const odata = (q: ODataQuery = {}): Record<string, Input> => ({
  $filter: q.filter,
  $top: q.top,
  $skip: q.skip,
  $orderby: q.orderBy,
  $select: q.select,
});

/** A machine id (or computer DNS name, which the API also accepts) and the comment MDE records with the action. */
export interface MachineCommentArgs {
  machineId: ExprLike<string>;
  comment: ExprLike<string>;
}

const machineAction = (name: string, title: string, operationId: string, segment: string, role: string) =>
  apiOperation<MachineCommentArgs, MachineAction>({
    connector: API,
    name,
    title,
    operationId,
    operationIdConfirmed: false,
    method: "post",
    path: `/api/machines/{id}/${segment}`,
    permissions: [mde(role)],
    destructive: true,
    request: (a) => ({ params: { id: a.machineId }, body: { Comment: a.comment } }),
  });

/** Every wdatp operation the kit declares. */
export const defenderOperations = {
  getAlert: apiOperation<{ alertId: ExprLike<string> }, Alert>({
    connector: API,
    name: "getAlert",
    title: "Alerts - Get single alert",
    operationId: "GetSingleAlert",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/alerts/{id}",
    permissions: [mde("Alert.Read.All")],
    destructive: false,
    request: (a) => ({ params: { id: a.alertId } }),
  }),
  listAlerts: apiOperation<ODataQuery, ODataList<Alert>>({
    connector: API,
    name: "listAlerts",
    title: "Alerts - Get list of alerts",
    operationId: "GetAlerts",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/alerts",
    permissions: [mde("Alert.Read.All")],
    destructive: false,
    request: (q) => ({ queries: odata(q) }),
  }),
  updateAlert: apiOperation<
    { alertId: ExprLike<string>; status?: ExprLike<Exclude<AlertStatus, "Unknown">>; assignedTo?: ExprLike<string>; classification?: ExprLike<string>; determination?: ExprLike<string> },
    Alert
  >({
    connector: API,
    name: "updateAlert",
    title: "Alerts - Update alert",
    operationId: "PatchAlert",
    operationIdConfirmed: false,
    method: "patch",
    path: "/api/alerts/{id}",
    permissions: [mde("Alert.ReadWrite.All")],
    destructive: false,
    request: (a) => ({
      params: { id: a.alertId },
      body: { status: a.status, assignedTo: a.assignedTo, classification: a.classification, determination: a.determination },
    }),
  }),
  getMachine: apiOperation<{ machineId: ExprLike<string> }, Machine>({
    connector: API,
    name: "getMachine",
    title: "Machines - Get single machine",
    operationId: "GetSingleMachine",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/machines/{id}",
    permissions: [mde("Machine.Read.All")],
    destructive: false,
    request: (a) => ({ params: { id: a.machineId } }),
  }),
  listMachines: apiOperation<ODataQuery, ODataList<Machine>>({
    connector: API,
    name: "listMachines",
    title: "Machines - Get list of machines",
    operationId: "GetMachines",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/machines",
    permissions: [mde("Machine.Read.All")],
    destructive: false,
    request: (q) => ({ queries: odata(q) }),
  }),
  isolateMachine: apiOperation<MachineCommentArgs & { isolationType: ExprLike<"Full" | "Selective"> }, MachineAction>({
    connector: API,
    name: "isolateMachine",
    title: "Actions - Isolate machine",
    operationId: "IsolateMachine",
    operationIdConfirmed: false,
    method: "post",
    path: "/api/machines/{id}/isolate",
    permissions: [mde("Machine.Isolate")],
    destructive: true,
    request: (a) => ({ params: { id: a.machineId }, body: { Comment: a.comment, IsolationType: a.isolationType } }),
  }),
  releaseMachine: machineAction("releaseMachine", "Actions - Unisolate machine", "UnisolateMachine", "unisolate", "Machine.Isolate"),
  restrictAppExecution: machineAction("restrictAppExecution", "Actions - Restrict app execution", "RestrictAppExecution", "restrictCodeExecution", "Machine.RestrictExecution"),
  unrestrictAppExecution: machineAction(
    "unrestrictAppExecution",
    "Actions - Remove app execution restriction",
    "UnrestrictAppExecution",
    "unrestrictCodeExecution",
    "Machine.RestrictExecution",
  ),
  runAntivirusScan: apiOperation<MachineCommentArgs & { scanType: ExprLike<"Quick" | "Full"> }, MachineAction>({
    connector: API,
    name: "runAntivirusScan",
    title: "Actions - Run antivirus scan",
    operationId: "RunAntivirusScan",
    operationIdConfirmed: false,
    method: "post",
    path: "/api/machines/{id}/runAntiVirusScan",
    permissions: [mde("Machine.Scan")],
    destructive: true,
    request: (a) => ({ params: { id: a.machineId }, body: { Comment: a.comment, ScanType: a.scanType } }),
  }),
  tagMachine: apiOperation<{ machineId: ExprLike<string>; tag: ExprLike<string>; action: ExprLike<"Add" | "Remove"> }, Machine>({
    connector: API,
    name: "tagMachine",
    title: "Machines - Tag machine",
    operationId: "MachineTag",
    operationIdConfirmed: false,
    method: "post",
    path: "/api/machines/{id}/tags",
    permissions: [mde("Machine.ReadWrite.All")],
    destructive: false,
    request: (a) => ({ params: { id: a.machineId }, body: { Value: a.tag, Action: a.action } }),
  }),
  collectInvestigationPackage: machineAction(
    "collectInvestigationPackage",
    "Actions - Collect investigation package",
    "CollectInvestigationPackage",
    "collectInvestigationPackage",
    "Machine.CollectForensics",
  ),
  getInvestigationPackageUri: apiOperation<{ machineActionId: ExprLike<string> }, { value: string }>({
    connector: API,
    name: "getInvestigationPackageUri",
    title: "Actions - Get investigation package download URI",
    operationId: "GetInvestigationPackageUri",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/machineactions/{id}/getPackageUri",
    permissions: [mde("Machine.CollectForensics")],
    destructive: false,
    request: (a) => ({ params: { id: a.machineActionId } }),
  }),
  startInvestigation: apiOperation<MachineCommentArgs, Investigation>({
    connector: API,
    name: "startInvestigation",
    title: "Actions - Start automated investigation on a machine",
    operationId: "StartInvestigation",
    operationIdConfirmed: false,
    method: "post",
    path: "/api/machines/{id}/startInvestigation",
    permissions: [mde("Alert.ReadWrite.All")],
    destructive: false,
    request: (a) => ({ params: { id: a.machineId }, body: { Comment: a.comment } }),
  }),
  getMachineAction: apiOperation<{ machineActionId: ExprLike<string> }, MachineAction>({
    connector: API,
    name: "getMachineAction",
    title: "Actions - Get single machine action",
    operationId: "GetSingleMachineAction",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/machineactions/{id}",
    permissions: [mde("Machine.Read.All")],
    destructive: false,
    request: (a) => ({ params: { id: a.machineActionId } }),
  }),
  getFileStats: apiOperation<{ fileHash: ExprLike<string>; lookBackHours?: ExprLike<number> }, FileStats>({
    connector: API,
    name: "getFileStats",
    title: "Files - Get the statistics for the given file",
    operationId: "GetFileStats",
    operationIdConfirmed: false,
    method: "get",
    path: "/api/files/{id}/stats",
    permissions: [mde("File.Read.All")],
    destructive: false,
    request: (a) => ({ params: { id: a.fileHash }, queries: { lookBackHours: a.lookBackHours } }),
  }),
  runAdvancedQuery: apiOperation<{ query: ExprLike<string> }, AdvancedQueryResult>({
    connector: API,
    name: "runAdvancedQuery",
    title: "Advanced Hunting",
    operationId: "AdvancedHunting",
    operationIdConfirmed: false,
    method: "post",
    path: "/api/advancedqueries/run",
    permissions: [mde("AdvancedQuery.Read.All")],
    destructive: false,
    deprecated: "Microsoft retires this connector action on 2027-02-01; use runHuntingQuery (Graph) instead.",
    request: (a) => ({ body: { Query: a.query } }),
  }),
  runHuntingQuery: httpOperation<{ query: ExprLike<string>; timespan?: ExprLike<string> }, HuntingQueryResult>({
    name: "runHuntingQuery",
    title: "Run hunting query",
    method: "POST",
    uri: "https://graph.microsoft.com/v1.0/security/runHuntingQuery",
    audience: "https://graph.microsoft.com",
    permissions: [{ resource: "MicrosoftGraph", role: "ThreatHunting.Read.All" }],
    destructive: false,
    request: (a) => ({ body: { Query: a.query, Timespan: a.timespan } }),
  }),
};

/** Builder functions for every Defender operation (`defender.isolateMachine({...})`). */
export const defender = {
  ...connector(defenderOperations),
  /**
   * Trigger when a new MDE alert is created (webhook `POST /subscriptions`). It delivers only the alert `id`
   * and `machineId`: fetch the alert with `getAlert`.
   */
  alertCreated(options: { clientState?: string; expirationDateTime?: string } = {}) {
    return apiWebhookTrigger<AlertNotification>({
      connector: API,
      title: "Triggers - Trigger when new WDATP alert occurs",
      path: "/subscriptions",
      body: {
        clientState: options.clientState ?? "playbook-kit",
        changeType: "created",
        resource: "alerts",
        expirationDateTime: options.expirationDateTime ?? "2038-09-20T12:00:00Z",
        notificationUrl: listCallbackUrl(),
      },
    });
  },
};
