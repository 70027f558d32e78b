/**
 * Microsoft Sentinel connector (managed API `azuresentinel`). Paths, methods and body fields of the entity
 * actions, "Add comment to incident (V3)", "Update incident", "Alert - Get incident" and the three triggers are
 * confirmed from the templates in ../shared/corpus (sentinel-mde, sentinel-other); "Get incident" and every
 * operation id are inferred (no template or public swagger in reach shows them). Permissions are Azure RBAC roles
 * on the Sentinel workspace: Microsoft Sentinel Reader to use the triggers and read, Responder to update incidents
 * and add comments (MicrosoftDocs/azure-docs `articles/sentinel/automation/playbook-triggers-actions.md` @085a7f1b,
 * "Prerequisites").
 */
import { sentinelRole } from "./azure-roles";
import { apiOperationInfo, webhookTriggerInfo, type ApiMethod, type Permission } from "./operation";
import {
  entitiesResultShapes,
  sentinelAlertEventShape,
  sentinelCommentShape,
  sentinelEntityEventShape,
  sentinelIncidentEventShape,
  sentinelIncidentShape,
  sentinelLegacyCaseShape,
} from "./sentinel-types";
import { shape, type Shape, type Typed } from "./shape";

/** The managed API name of the Microsoft Sentinel connector. */
export const AZURESENTINEL = "azuresentinel";

const READER: readonly Permission[] = [sentinelRole("Microsoft Sentinel Reader")];
const RESPONDER: readonly Permission[] = [sentinelRole("Microsoft Sentinel Responder")];

const sentinel = <S extends Typed<unknown, Shape>>(name: string, title: string, operationId: string, method: ApiMethod, path: string, permissions: readonly Permission[], output: S, notification = false) =>
  apiOperationInfo({
    connector: AZURESENTINEL,
    name,
    title,
    operationId,
    operationIdConfirmed: false,
    method,
    path,
    permissions,
    destructive: false,
    output,
    ...(notification ? { notification: true } : {}),
  });

const entities = <K extends keyof typeof entitiesResultShapes>(name: string, kind: string, key: K) =>
  sentinel(name, `Entities - Get ${key === "Filehashes" ? "FileHashes" : key}`, `Entities_Get${kind}`, "post", `/entities/${kind.toLowerCase()}`, READER, entitiesResultShapes[key]);

/**
 * Why the legacy actions are marked deprecated. The 2021 templates (../shared/reference/connectors.md, "Older-history
 * corpus") address a case by subscription, workspace, resource group, kind and case number in the path; today's
 * templates use "Update incident" and "Add comment to incident (V3)" on the incident ARM id instead. No retirement
 * date is published in reach (UNCONFIRMED), so the validator's deprecation rules (operations/deprecations.ts, which
 * hold published retirements only) do not cover them.
 */
const LEGACY = "a legacy Sentinel connector action (case number in the path); use updateIncident / addIncidentComment on the incident ARM id. No retirement date published (UNCONFIRMED).";
const CASE = "{subscriptionId}/{workspaceId}/{resourceGroup}/{kind}/{caseNumber}";

/**
 * The legacy case actions, with paths and bodies as ../shared/corpus/sentinel-mde/ad4iot-tritondetectionandresponse.json
 * (status with `CloseReason`/`CloseReasonText`, severity, comment with `Value`) and get-mdatpvulnerabilities-crlf.json
 * (`GET /Cases/…`, comment) send them. Titles are those templates' action names; operation ids are inferred.
 */
function legacyCatalogue() {
  const legacy = <T extends object>(op: T) => ({ ...op, deprecated: LEGACY });
  return {
    legacyAlertGetIncident: legacy(
      sentinel("legacyAlertGetIncident", "Alert - Get incident", "GetCaseByAlert", "get", "/Cases/{alertId}/{subscriptionId}/{workspaceId}/{resourceGroup}", READER, sentinelLegacyCaseShape),
    ),
    legacyChangeIncidentStatus: legacy(sentinel("legacyChangeIncidentStatus", "Change incident status", "ChangeCaseStatus", "put", `/Case/${CASE}/Status/{status}`, RESPONDER, shape.unknown(), true)),
    legacyChangeIncidentSeverity: legacy(
      sentinel("legacyChangeIncidentSeverity", "Change incident severity", "ChangeCaseSeverity", "put", `/Case/${CASE}/Severity/{severity}`, RESPONDER, shape.unknown(), true),
    ),
    legacyAddIncidentComment: legacy(sentinel("legacyAddIncidentComment", "Add comment to incident (V2)", "AddCommentToCase", "put", `/Comment/${CASE}`, RESPONDER, shape.unknown(), true)),
  };
}

/** Every Sentinel connector action the kit declares. */
export const sentinelCatalogue = {
  getHosts: entities("getHosts", "Host", "Hosts"),
  getAccounts: entities("getAccounts", "Account", "Accounts"),
  getIPs: entities("getIPs", "IP", "IPs"),
  getURLs: entities("getURLs", "URL", "URLs"),
  getFileHashes: entities("getFileHashes", "FileHash", "Filehashes"),
  getIncident: sentinel("getIncident", "Get incident", "GetIncident", "post", "/Incidents", READER, sentinelIncidentShape),
  alertGetIncident: sentinel(
    "alertGetIncident",
    "Alert - Get incident",
    "GetIncidentByAlert",
    "get",
    "/Incidents/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/workspaces/{workspaceId}/alerts/{alertId}",
    READER,
    sentinelIncidentShape,
  ),
  // Updating the incident (status, owner, tags) and commenting are what the SOC reads in its queue: notifications.
  updateIncident: sentinel("updateIncident", "Update incident", "UpdateIncident", "put", "/Incidents", RESPONDER, sentinelIncidentShape, true),
  addIncidentComment: sentinel("addIncidentComment", "Add comment to incident (V3)", "CreateIncidentComment", "post", "/Incidents/Comment", RESPONDER, sentinelCommentShape, true),
  ...legacyCatalogue(),
};

const SOURCE = "../shared/corpus/sentinel-mde (path and body); the operation id is inferred";
const trigger = <S extends Typed<unknown, Shape>>(name: string, title: string, path: string, operationId: string, output: S) =>
  webhookTriggerInfo({ name, connector: AZURESENTINEL, title, method: "post", path, operationId, operationIdConfirmed: false, source: SOURCE, permissions: READER, output });

/** The Sentinel triggers (`ApiConnectionWebhook`, body `{"callback_url": "@{listCallbackUrl()}"}`), each needing Reader. */
export const sentinelTriggers = {
  incident: trigger("incident", "Microsoft Sentinel incident", "/incident-creation", "IncidentCreationWebhook", sentinelIncidentEventShape),
  alert: trigger("alert", "Microsoft Sentinel alert", "/subscribe", "AlertSubscriptionWebhook", sentinelAlertEventShape),
  entity: trigger("entity", "Microsoft Sentinel entity", "/entity/{kind}", "EntityWebhook", sentinelEntityEventShape),
};
