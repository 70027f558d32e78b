/**
 * Microsoft Sentinel payloads as the `azuresentinel` connector delivers them, as runtime shapes (the TypeScript
 * types are inferred from them). Field names the corpus templates read (../shared/corpus/sentinel-mde,
 * sentinel-other) are confirmed; the others follow the Sentinel incident schema (SecurityInsights REST
 * `Incident`, `HostEntity`, …) and are marked "inferred" where no template reads them.
 */
import { shape, type Infer } from "./shape";

const { string, id, enum: oneOf, int, boolean, array, object, record, nullable, optional } = shape;
const anyRecord = () => record(shape.unknown());

/** Incident severities. */
export const incidentSeverityShape = oneOf(["High", "Medium", "Low", "Informational"]);
/** Incident severity. */
export type IncidentSeverity = Infer<typeof incidentSeverityShape>;
/** Incident statuses. */
export const incidentStatusShape = oneOf(["New", "Active", "Closed"]);
/** Incident status. */
export type IncidentStatus = Infer<typeof incidentStatusShape>;

/**
 * Classification and reason as "Update incident" takes them (`BenignPositive - SuspiciousButExpected` form). The
 * spaced `Benign Positive - Suspicious But Expected` is what Incident-Status-Sync-To-WDATP sends
 * (../shared/corpus/sentinel-mde/incident-status-sync-to-wdatp.json); that the connector takes it is UNCONFIRMED,
 * it is accepted so that template imports typed.
 */
export type IncidentClassification =
  | "Undetermined"
  | "TruePositive - SuspiciousActivity"
  | "BenignPositive - SuspiciousButExpected"
  | "Benign Positive - Suspicious But Expected"
  | "FalsePositive - IncorrectAlertLogic"
  | "FalsePositive - InaccurateData";

/** An entity in `relatedEntities` / an alert's `Entities`: a kind and its properties. */
export const sentinelEntityShape = object({ id: string("id"), kind: string(), properties: anyRecord() });
/** An entity of an incident or alert. */
export interface SentinelEntity extends Infer<typeof sentinelEntityShape> {}

/**
 * A host as "Entities - Get Hosts" returns it. `HostName`, `DnsDomain` and `MdatpDeviceId` are confirmed (corpus);
 * `additionalData.MdatpDeviceId` is what the entity trigger reads (confirmed); `MdeDeviceId` (top level and in
 * `additionalData`) and `FQDN` are inferred. Any of the device ids may be missing.
 */
export const sentinelHostShape = object(
  {
    HostName: string(),
    DnsDomain: optional(nullable(string("dns"))),
    NTDomain: optional(nullable(string())),
    OSFamily: optional(string()),
    OSVersion: optional(string()),
    IsDomainJoined: optional(boolean()),
    AzureID: optional(string("id")),
    OMSAgentID: optional(string("id")),
    FQDN: optional(nullable(string("dns"))),
    MdatpDeviceId: optional(nullable(id("machine"))),
    MdeDeviceId: optional(nullable(id("machine"))),
    additionalData: optional(
      object({
        MdatpDeviceId: optional(nullable(id("machine"))),
        MdeDeviceId: optional(nullable(id("machine"))),
        FQDN: optional(nullable(string("dns"))),
      }),
    ),
    friendlyName: optional(string()),
  },
  { entity: "host" },
);
/** A Sentinel host entity. */
export interface SentinelHost extends Infer<typeof sentinelHostShape> {}

/** An account entity (inferred field names: SecurityInsights `AccountEntity`). */
export const sentinelAccountShape = object({
  Name: string(),
  NTDomain: optional(nullable(string())),
  UPNSuffix: optional(nullable(string("dns"))),
  AadUserId: optional(nullable(string("id"))),
  Sid: optional(nullable(string())),
  DisplayName: optional(string()),
});
/** A Sentinel account entity. */
export interface SentinelAccount extends Infer<typeof sentinelAccountShape> {}

/** An IP entity (`Address` confirmed). */
export const sentinelIpShape = object({ Address: string("ip") });
/** A Sentinel IP entity. */
export interface SentinelIp extends Infer<typeof sentinelIpShape> {}

/** A URL entity (`Url` confirmed). */
export const sentinelUrlShape = object({ Url: string("url") });
/** A Sentinel URL entity. */
export interface SentinelUrl extends Infer<typeof sentinelUrlShape> {}

/** A file hash entity (`Value` confirmed, `Algorithm` inferred). */
export const sentinelFileHashShape = object({ Value: string("sha256"), Algorithm: optional(oneOf(["MD5", "SHA1", "SHA256", "SHA256AC"])) });
/** A Sentinel file hash entity. */
export interface SentinelFileHash extends Infer<typeof sentinelFileHashShape> {}

/** An alert of an incident (`properties.alertDisplayName`, `severity`, `startTimeUtc`, `description` confirmed). */
export const sentinelIncidentAlertShape = object({
  id: string("id"),
  name: string("id"),
  properties: object({
    alertDisplayName: string(),
    description: optional(string()),
    severity: incidentSeverityShape,
    status: optional(string()),
    startTimeUtc: optional(string("datetime")),
    endTimeUtc: optional(string("datetime")),
    providerAlertId: optional(string("id")),
    productName: optional(string()),
  }),
});
/** An alert of an incident. */
export interface SentinelIncidentAlert extends Infer<typeof sentinelIncidentAlertShape> {}

/** The incident's properties (`title`, `severity`, `status`, `incidentNumber`, `relatedEntities`, `Alerts`, `owner`, … confirmed). */
export const incidentPropertiesShape = object({
  title: string(),
  description: optional(string()),
  severity: incidentSeverityShape,
  status: incidentStatusShape,
  classification: optional(nullable(string())),
  classificationComment: optional(nullable(string())),
  owner: object({ objectId: nullable(string("id")), email: nullable(string("email")), assignedTo: nullable(string()), userPrincipalName: nullable(string("email")) }),
  labels: array(object({ labelName: string(), labelType: string() })),
  incidentNumber: int(),
  incidentUrl: string("url"),
  createdTimeUtc: string("datetime"),
  lastModifiedTimeUtc: optional(string("datetime")),
  firstActivityTimeUtc: optional(string("datetime")),
  lastActivityTimeUtc: optional(string("datetime")),
  /** Analytics rules behind the incident (inferred name, SecurityInsights REST). */
  relatedAnalyticRuleIds: optional(array(string("id"))),
  relatedEntities: array(sentinelEntityShape),
  /** The corpus reads `Alerts` with a capital A. */
  Alerts: array(sentinelIncidentAlertShape),
});
/** The incident's properties. */
export interface IncidentProperties extends Infer<typeof incidentPropertiesShape> {}

/** The workspace the incident lives in (`workspaceInfo`, confirmed). */
export const workspaceInfoShape = object({ SubscriptionId: string("id"), ResourceGroupName: string(), WorkspaceName: string() });

/** What the "Microsoft Sentinel incident" trigger delivers; `object.id` is the incident ARM id (confirmed). */
export const sentinelIncidentEventShape = object({
  eventUniqueId: string("id"),
  objectSchemaType: oneOf(["Incident"]),
  objectEventType: oneOf(["Create", "Update"]),
  workspaceInfo: workspaceInfoShape,
  workspaceId: string("id"),
  object: object({ id: string("id"), name: string("id"), etag: optional(string()), type: string(), properties: incidentPropertiesShape }),
});
/** What the "Microsoft Sentinel incident" trigger delivers. */
export interface SentinelIncidentEvent extends Infer<typeof sentinelIncidentEventShape> {}

/** A Sentinel incident as the connector's incident reads return it (ARM resource shape). */
export const sentinelIncidentShape = object({ id: string("id"), name: string("id"), etag: optional(string()), type: optional(string()), properties: incidentPropertiesShape });
/** A Sentinel incident. */
export interface SentinelIncident extends Infer<typeof sentinelIncidentShape> {}

/** What the "Microsoft Sentinel alert" trigger delivers (the `Workspace*`, `SystemAlertId`, `ProviderAlertId`, `Entities` fields confirmed). */
export const sentinelAlertEventShape = object({
  SystemAlertId: string("id"),
  ProviderAlertId: string("id"),
  AlertDisplayName: string(),
  AlertType: optional(string()),
  Severity: incidentSeverityShape,
  Description: optional(string()),
  ProductName: optional(string()),
  StartTimeUtc: optional(string("datetime")),
  EndTimeUtc: optional(string("datetime")),
  WorkspaceSubscriptionId: string("id"),
  WorkspaceResourceGroup: string(),
  WorkspaceId: string("id"),
  Entities: array(sentinelEntityShape),
  ExtendedProperties: optional(anyRecord()),
});
/** What the "Microsoft Sentinel alert" trigger delivers. */
export interface SentinelAlertEvent extends Infer<typeof sentinelAlertEventShape> {}

/** What the "Microsoft Sentinel entity" trigger delivers (`Entity.properties`, `IncidentArmID` confirmed). */
export const sentinelEntityEventShape = object({ Entity: sentinelEntityShape, IncidentArmID: string("id"), EntityType: optional(string()) });
/** What the "Microsoft Sentinel entity" trigger delivers. */
export interface SentinelEntityEvent extends Infer<typeof sentinelEntityEventShape> {}

/** A comment the connector added (inferred: the incident comment resource). */
export const sentinelCommentShape = object({
  id: string("id"),
  name: string("id"),
  properties: object({ message: string(), createdTimeUtc: optional(string("datetime")), author: optional(object({ name: optional(string()), objectId: optional(string("id")) })) }),
});
/** A comment the connector added. */
export interface SentinelComment extends Infer<typeof sentinelCommentShape> {}

/**
 * A case as the legacy "Alert - Get incident" (`GET /Cases/{alertId}/…`) returns it. Only `properties.CaseNumber`
 * is confirmed (../shared/corpus/sentinel-mde/get-mdatpvulnerabilities-crlf.json reads it to address the legacy
 * comment); `id` and the other properties are inferred from the current incident shape (UNCONFIRMED).
 */
export const sentinelLegacyCaseShape = object({
  id: string("id"),
  properties: object({ CaseNumber: int(), Title: optional(string()), Severity: optional(string()), Status: optional(string()) }),
});
/** A case as the legacy "Alert - Get incident" returns it. */
export interface SentinelLegacyCase extends Infer<typeof sentinelLegacyCaseShape> {}

/** The "Entities - Get …" results: one list under the kind's key. */
export const entitiesResultShapes = {
  Hosts: object({ Hosts: array(sentinelHostShape) }),
  Accounts: object({ Accounts: array(sentinelAccountShape) }),
  IPs: object({ IPs: array(sentinelIpShape) }),
  URLs: object({ URLs: array(sentinelUrlShape) }),
  Filehashes: object({ Filehashes: array(sentinelFileHashShape) }),
};
