/**
 * Microsoft Graph security API v1.0 resources (`microsoft.graph.security.alert`, `incident`, `alertComment`) as
 * runtime shapes, field names from microsoftgraph/microsoft-graph-docs-contrib
 * `api-reference/v1.0/resources/security-alert.md`, `security-incident.md` and the update/comment API pages.
 * Enum values are lower camel case on the wire.
 */
import { shape, type Infer, type Typed } from "./shape";

const { string, id, enum: oneOf, array, object, nullable, optional } = shape;

/** Alert and incident severities. */
export const graphSeverityShape = oneOf(["unknown", "informational", "low", "medium", "high", "unknownFutureValue"]);
/** Alert and incident severity. */
export type GraphSeverity = Infer<typeof graphSeverityShape>;
/** Alert statuses. */
export const graphAlertStatusShape = oneOf(["unknown", "new", "inProgress", "resolved", "unknownFutureValue"]);
/** Alert status. */
export type GraphAlertStatus = Infer<typeof graphAlertStatusShape>;
/** Incident statuses. */
export const graphIncidentStatusShape = oneOf(["active", "resolved", "inProgress", "redirected", "unknownFutureValue"]);
/** Incident status. */
export type GraphIncidentStatus = Infer<typeof graphIncidentStatusShape>;
/** Classifications. */
export const graphClassificationShape = oneOf(["unknown", "falsePositive", "truePositive", "informationalExpectedActivity", "unknownFutureValue"]);
/** Alert / incident classification. */
export type GraphClassification = Infer<typeof graphClassificationShape>;
/** Determinations. */
export const graphDeterminationShape = oneOf([
  "unknown",
  "apt",
  "malware",
  "securityPersonnel",
  "securityTesting",
  "unwantedSoftware",
  "other",
  "multiStagedAttack",
  "compromisedAccount",
  "phishing",
  "maliciousUserActivity",
  "notMalicious",
  "notEnoughDataToValidate",
  "confirmedUserActivity",
  "lineOfBusinessApplication",
  "unknownFutureValue",
]);
/** Alert / incident determination. */
export type GraphDetermination = Infer<typeof graphDeterminationShape>;

/** A comment on an alert or incident. */
export const graphAlertCommentShape = object({ comment: string(), createdByDisplayName: string(), createdDateTime: string("datetime") });
/** A comment on an alert or incident. */
export interface GraphAlertComment extends Infer<typeof graphAlertCommentShape> {}

/** One piece of evidence (`@odata.type` tells the kind; device evidence carries the MDE device id and DNS name). */
export const graphAlertEvidenceShape = object({
  "@odata.type": string(),
  createdDateTime: string("datetime"),
  verdict: string(),
  remediationStatus: string(),
  mdeDeviceId: optional(nullable(id("machine"))),
  deviceDnsName: optional(nullable(string("dns"))),
});
/** One piece of alert evidence. */
export interface GraphAlertEvidence extends Infer<typeof graphAlertEvidenceShape> {}

/** A Microsoft Defender XDR alert (`/security/alerts_v2`). */
export const graphSecurityAlertShape = object(
  {
    id: id("graphAlert"),
    providerAlertId: string("id"),
    incidentId: id("graphIncident"),
    status: graphAlertStatusShape,
    severity: graphSeverityShape,
    classification: nullable(graphClassificationShape),
    determination: nullable(graphDeterminationShape),
    serviceSource: string(),
    detectionSource: string(),
    detectorId: string("id"),
    tenantId: string("id"),
    title: string(),
    description: string(),
    recommendedActions: string(),
    category: string(),
    assignedTo: nullable(string("email")),
    alertWebUrl: string("url"),
    incidentWebUrl: string("url"),
    actorDisplayName: nullable(string()),
    threatDisplayName: nullable(string()),
    threatFamilyName: nullable(string()),
    mitreTechniques: array(string()),
    createdDateTime: string("datetime"),
    lastUpdateDateTime: string("datetime"),
    resolvedDateTime: nullable(string("datetime")),
    firstActivityDateTime: string("datetime"),
    lastActivityDateTime: string("datetime"),
    comments: array(graphAlertCommentShape),
    evidence: array(graphAlertEvidenceShape),
  },
  { entity: "graphAlert" },
);
/** A Microsoft Defender XDR alert. */
export interface GraphSecurityAlert extends Infer<typeof graphSecurityAlertShape> {}

/** A Microsoft Defender XDR incident (`/security/incidents`). */
export const graphSecurityIncidentShape = object(
  {
    id: id("graphIncident"),
    incidentWebUrl: string("url"),
    redirectIncidentId: nullable(string("id")),
    displayName: string(),
    description: nullable(string()),
    tenantId: string("id"),
    createdDateTime: string("datetime"),
    lastUpdateDateTime: string("datetime"),
    assignedTo: nullable(string("email")),
    classification: nullable(graphClassificationShape),
    determination: nullable(graphDeterminationShape),
    status: graphIncidentStatusShape,
    severity: graphSeverityShape,
    customTags: array(string()),
    systemTags: array(string()),
    comments: array(object({ comment: string(), createdBy: string("email"), createdTime: string("datetime") })),
    alerts: optional(array(graphSecurityAlertShape)),
  },
  { entity: "graphIncident" },
);
/** A Microsoft Defender XDR incident. */
export interface GraphSecurityIncident extends Infer<typeof graphSecurityIncidentShape> {}

/** The shape of a Graph collection page of `item`. */
export function graphListShape<S extends Typed<unknown>>(item: S) {
  return object({ "@odata.context": string("url"), "@odata.nextLink": optional(string("url")), value: array(item) });
}
/** A Graph collection page. */
export type GraphList<T> = Infer<ReturnType<typeof graphListShape<Typed<T>>>>;

