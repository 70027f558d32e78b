/**
 * Microsoft Defender for Endpoint entities, with the field names of the MDE API
 * (defender-docs `alerts.md`, `machine.md`, `machineaction.md`; see ../shared/reference/connectors.md).
 * Each entity is a runtime shape; its TypeScript type is inferred from the shape (one source of truth).
 */
import { shape, type Infer, type Typed } from "./shape";

const { string, id, enum: oneOf, int, boolean, array, tags, object, record, nullable, optional } = shape;

/** Alert severities. */
export const alertSeverityShape = oneOf(["UnSpecified", "Informational", "Low", "Medium", "High"]);
/** Alert severity. */
export type AlertSeverity = Infer<typeof alertSeverityShape>;
/** Alert statuses. */
export const alertStatusShape = oneOf(["Unknown", "New", "InProgress", "Resolved"]);
/** Alert status. */
export type AlertStatus = Infer<typeof alertStatusShape>;

/** Evidence attached to an alert. */
export const alertEvidenceShape = object({
  entityType: string(),
  evidenceCreationTime: string("datetime"),
  sha1: nullable(string("sha1")),
  sha256: nullable(string("sha256")),
  fileName: nullable(string()),
  filePath: nullable(string()),
  processId: nullable(int()),
  processCommandLine: nullable(string()),
  ipAddress: nullable(string("ip")),
  url: nullable(string("url")),
  accountName: nullable(string()),
  domainName: nullable(string()),
  userSid: nullable(string()),
  aadUserId: nullable(string()),
  userPrincipalName: nullable(string("email")),
  detectionStatus: nullable(string()),
});
/** Evidence attached to an alert. */
export interface AlertEvidence extends Infer<typeof alertEvidenceShape> {}

/** An MDE alert. */
export const alertShape = object(
  {
    id: id("alert"),
    incidentId: nullable(int()),
    investigationId: nullable(int()),
    assignedTo: nullable(string("email")),
    severity: alertSeverityShape,
    status: alertStatusShape,
    classification: nullable(string()),
    determination: nullable(string()),
    investigationState: string(),
    detectionSource: string(),
    detectorId: string("id"),
    category: string(),
    threatFamilyName: nullable(string()),
    threatName: nullable(string()),
    title: string(),
    description: string(),
    alertCreationTime: string("datetime"),
    firstEventTime: string("datetime"),
    lastEventTime: string("datetime"),
    lastUpdateTime: string("datetime"),
    resolvedTime: nullable(string("datetime")),
    machineId: id("machine"),
    computerDnsName: string("dns"),
    rbacGroupName: string(),
    aadTenantId: string("id"),
    mitreTechniques: array(string()),
    relatedUser: nullable(object({ userName: string(), domainName: string() })),
    comments: array(object({ comment: string(), createdBy: string("email"), createdTime: string("datetime") })),
    evidence: array(alertEvidenceShape),
  },
  { entity: "alert" },
);
/** An MDE alert. */
export interface Alert extends Infer<typeof alertShape> {}

/** What the new-alert webhook delivers: only the alert id and machine id. */
export const alertNotificationShape = object({ id: id("alert"), machineId: id("machine") });
/** What the new-alert webhook delivers: only the alert id and machine id. */
export interface AlertNotification extends Infer<typeof alertNotificationShape> {}

/** An MDE device. */
export const machineShape = object(
  {
    id: id("machine"),
    computerDnsName: string("dns"),
    firstSeen: string("datetime"),
    lastSeen: string("datetime"),
    osPlatform: string(),
    version: string(),
    osProcessor: string(),
    lastIpAddress: string("ip"),
    lastExternalIpAddress: string("ip"),
    osBuild: int(),
    healthStatus: string(),
    rbacGroupId: int(),
    rbacGroupName: string(),
    riskScore: oneOf(["None", "Informational", "Low", "Medium", "High"]),
    exposureLevel: oneOf(["None", "Low", "Medium", "High"]),
    isAadJoined: boolean(),
    aadDeviceId: nullable(string("id")),
    machineTags: tags(),
  },
  { entity: "machine" },
);
/** An MDE device. */
export interface Machine extends Infer<typeof machineShape> {}

/** Machine action types. */
export const machineActionTypeShape = oneOf([
  "RunAntiVirusScan",
  "Offboard",
  "LiveResponse",
  "CollectInvestigationPackage",
  "Isolate",
  "Unisolate",
  "StopAndQuarantineFile",
  "RestrictCodeExecution",
  "UnrestrictCodeExecution",
]);
/** Machine action types. */
export type MachineActionType = Infer<typeof machineActionTypeShape>;

/** A response action on a device (isolate, scan, collect package, …). */
export const machineActionShape = object({
  id: id("machineAction"),
  type: machineActionTypeShape,
  scope: nullable(string()),
  requestor: string("email"),
  requestorComment: string(),
  status: oneOf(["Pending", "InProgress", "Succeeded", "Failed", "TimeOut", "Cancelled"]),
  machineId: id("machine"),
  computerDnsName: string("dns"),
  creationDateTimeUtc: string("datetime"),
  lastUpdateDateTimeUtc: string("datetime"),
  title: optional(string()),
  relatedFileInfo: nullable(object({ fileIdentifier: string("sha1"), fileIdentifierType: string() })),
});
/** A response action on a device (isolate, scan, collect package, …). */
export interface MachineAction extends Infer<typeof machineActionShape> {}

/** The shape of an OData collection of `item`. */
export function odataListShape<S extends Typed<unknown>>(item: S) {
  return object({ "@odata.context": string("url"), value: array(item) });
}
/** An OData collection. */
export type ODataList<T> = Infer<ReturnType<typeof odataListShape<Typed<T>>>>;

/** File prevalence statistics (connector `FileStats`). */
export const fileStatsShape = object({
  sha1: string("sha1"),
  globallyPrevalence: int(),
  globalFirstObserved: nullable(string("datetime")),
  globalLastObserved: nullable(string("datetime")),
  organizationPrevalence: int(),
  orgFirstSeen: nullable(string("datetime")),
  orgLastSeen: nullable(string("datetime")),
  topFileNames: array(string()),
});
/** File prevalence statistics (connector `FileStats`). */
export interface FileStats extends Infer<typeof fileStatsShape> {}

/**
 * IP prevalence statistics (`GET /api/ips/{ip}/stats`): the fields of the MDE API reference (defender-docs
 * `get-ip-statistics.md`) and the connector's `IpStats` (Azure Connectors SDK, WdatpExtensions). The Get-MDEStatistics
 * template (../shared/corpus/sentinel-mde/get-mdestatistics-alert.json) reads `orgPrevalence`, which neither source
 * lists: UNCONFIRMED which name the connector really returns, so only the documented one is declared. First/last seen
 * are nullable because an IP the organisation never saw has prevalence 0 (inferred: no sample shows them then).
 */
export const ipStatsShape = object({
  ipAddress: string("ip"),
  organizationPrevalence: int(),
  orgFirstSeen: nullable(string("datetime")),
  orgLastSeen: nullable(string("datetime")),
});
/** IP prevalence statistics. */
export interface IpStats extends Infer<typeof ipStatsShape> {}

/** Domain prevalence statistics (`GET /api/domains/{domain}/stats`; defender-docs `get-domain-statistics.md`, SDK `DomainStats`). */
export const domainStatsShape = object({
  host: string("dns"),
  organizationPrevalence: int(),
  orgFirstSeen: nullable(string("datetime")),
  orgLastSeen: nullable(string("datetime")),
});
/** Domain prevalence statistics. */
export interface DomainStats extends Infer<typeof domainStatsShape> {}

/** An automated investigation. */
export const investigationShape = object({
  id: id("investigation"),
  state: string(),
  statusDetails: nullable(string()),
  computerDnsName: string("dns"),
  machineId: id("machine"),
  startTime: string("datetime"),
  endTime: nullable(string("datetime")),
});
/** An automated investigation. */
export interface Investigation extends Infer<typeof investigationShape> {}

/** Legacy Advanced Hunting result (`/api/advancedqueries/run`). */
export const advancedQueryResultShape = object({
  Schema: array(object({ Name: string(), Type: string() })),
  Results: array(record(shape.unknown())),
});
/** Legacy Advanced Hunting result (`/api/advancedqueries/run`). */
export interface AdvancedQueryResult extends Infer<typeof advancedQueryResultShape> {}

/** Graph `runHuntingQuery` result. */
export const huntingQueryResultShape = object({
  schema: array(object({ name: string(), type: string() })),
  results: array(record(shape.unknown())),
});
/** Graph `runHuntingQuery` result. */
export interface HuntingQueryResult extends Infer<typeof huntingQueryResultShape> {}

/** A package download link (`getPackageUri`). */
export const packageUriShape = object({ value: string("url") });

/** An id in a response body. */
export const idBodyShape = object({ id: string("id") });
