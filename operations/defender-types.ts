/**
 * Microsoft Defender for Endpoint entities, with the field names of the MDE API
 * (defender-docs `alerts.md`, `machine.md`, `machineaction.md`; see ../shared/reference/connectors.md).
 */

/** Alert severity. */
export type AlertSeverity = "UnSpecified" | "Informational" | "Low" | "Medium" | "High";
/** Alert status. */
export type AlertStatus = "Unknown" | "New" | "InProgress" | "Resolved";

/** Evidence attached to an alert. */
export interface AlertEvidence {
  entityType: string;
  evidenceCreationTime: string;
  sha1: string | null;
  sha256: string | null;
  fileName: string | null;
  filePath: string | null;
  processId: number | null;
  processCommandLine: string | null;
  ipAddress: string | null;
  url: string | null;
  accountName: string | null;
  domainName: string | null;
  userSid: string | null;
  aadUserId: string | null;
  userPrincipalName: string | null;
  detectionStatus: string | null;
}

/** An MDE alert. */
export interface Alert {
  id: string;
  incidentId: number | null;
  investigationId: number | null;
  assignedTo: string | null;
  severity: AlertSeverity;
  status: AlertStatus;
  classification: string | null;
  determination: string | null;
  investigationState: string;
  detectionSource: string;
  detectorId: string;
  category: string;
  threatFamilyName: string | null;
  threatName: string | null;
  title: string;
  description: string;
  alertCreationTime: string;
  firstEventTime: string;
  lastEventTime: string;
  lastUpdateTime: string;
  resolvedTime: string | null;
  machineId: string;
  computerDnsName: string;
  rbacGroupName: string;
  aadTenantId: string;
  mitreTechniques: string[];
  relatedUser: { userName: string; domainName: string } | null;
  comments: { comment: string; createdBy: string; createdTime: string }[];
  evidence: AlertEvidence[];
}

/** What the new-alert webhook delivers: only the alert id and machine id. */
export interface AlertNotification {
  id: string;
  machineId: string;
}

/** An MDE device. */
export interface Machine {
  id: string;
  computerDnsName: string;
  firstSeen: string;
  lastSeen: string;
  osPlatform: string;
  version: string;
  osProcessor: string;
  lastIpAddress: string;
  lastExternalIpAddress: string;
  osBuild: number;
  healthStatus: string;
  rbacGroupId: number;
  rbacGroupName: string;
  riskScore: "None" | "Informational" | "Low" | "Medium" | "High";
  exposureLevel: "None" | "Low" | "Medium" | "High";
  isAadJoined: boolean;
  aadDeviceId: string | null;
  machineTags: string[];
}

/** Machine action types. */
export type MachineActionType =
  | "RunAntiVirusScan"
  | "Offboard"
  | "LiveResponse"
  | "CollectInvestigationPackage"
  | "Isolate"
  | "Unisolate"
  | "StopAndQuarantineFile"
  | "RestrictCodeExecution"
  | "UnrestrictCodeExecution";

/** A response action on a device (isolate, scan, collect package, …). */
export interface MachineAction {
  id: string;
  type: MachineActionType;
  scope: string | null;
  requestor: string;
  requestorComment: string;
  status: "Pending" | "InProgress" | "Succeeded" | "Failed" | "TimeOut" | "Cancelled";
  machineId: string;
  computerDnsName: string;
  creationDateTimeUtc: string;
  lastUpdateDateTimeUtc: string;
  title?: string;
  relatedFileInfo: { fileIdentifier: string; fileIdentifierType: string } | null;
}

/** An OData collection. */
export interface ODataList<T> {
  "@odata.context": string;
  value: T[];
}

/** File prevalence statistics (connector `FileStats`). */
export interface FileStats {
  sha1: string;
  globallyPrevalence: number;
  globalFirstObserved: string | null;
  globalLastObserved: string | null;
  organizationPrevalence: number;
  orgFirstSeen: string | null;
  orgLastSeen: string | null;
  topFileNames: string[];
}

/** An automated investigation. */
export interface Investigation {
  id: string;
  state: string;
  statusDetails: string | null;
  computerDnsName: string;
  machineId: string;
  startTime: string;
  endTime: string | null;
}

/** Legacy Advanced Hunting result (`/api/advancedqueries/run`). */
export interface AdvancedQueryResult {
  Schema: { Name: string; Type: string }[];
  Results: Record<string, unknown>[];
}

/** Graph `runHuntingQuery` result. */
export interface HuntingQueryResult {
  schema: { name: string; type: string }[];
  results: Record<string, unknown>[];
}
