/**
 * Microsoft Sentinel connector (managed API `azuresentinel`): the builder's typed calls and the three triggers.
 * What each operation is (path, method, Azure RBAC role) is declared in the catalogue (`operations/sentinel.ts`);
 * this file maps typed arguments to the request bodies the corpus templates send (`incidentArmId`, `message`,
 * `classification.ClassificationAndReason`, `tagsToAdd.TagsToAdd[].Tag`, …). `ownerAction`/`owner` of Update
 * incident are inferred (no template in reach sets them).
 */
import {
  sentinelCatalogue as ops,
  sentinelTriggers,
  type WebhookTriggerInfo,
  type IncidentClassification,
  type IncidentSeverity,
  type IncidentStatus,
  type SentinelAlertEvent,
  type SentinelEntity,
  type SentinelEntityEvent,
  type SentinelIncidentEvent,
} from "../../operations";
import { encodeUriComponent, listCallbackUrl } from "../kit/functions";
import { interpolate, type Expr, type ExprLike } from "../kit/expr";
import type { Input, TriggerSpec } from "../kit/operation";
import { apiWebhookTrigger, callable, connector } from "./define";

/** The entity list an "Entities - Get …" action parses: an incident's `relatedEntities` or an alert's `Entities`. */
export interface EntitiesArgs {
  entities: Expr<SentinelEntity[]> | SentinelEntity[];
}

const entities = (a: EntitiesArgs) => ({ body: a.entities as Input });

/** Arguments of Update incident: the incident ARM id and the properties to change (unset ones are left alone). */
export interface UpdateIncidentArgs {
  incidentArmId: ExprLike<string>;
  status?: ExprLike<IncidentStatus>;
  /** Required by Sentinel when `status` is `Closed`. */
  classification?: ExprLike<IncidentClassification>;
  classificationComment?: ExprLike<string>;
  severity?: ExprLike<IncidentSeverity>;
  /** Object id or UPN of the new owner (sent with `ownerAction: "Assign"`). */
  owner?: ExprLike<string>;
  /** Tags to add. */
  tags?: readonly ExprLike<string>[];
}

function updateBody(a: UpdateIncidentArgs): Input {
  const body: Record<string, Input> = { incidentArmId: a.incidentArmId };
  if (a.status !== undefined) body.status = a.status;
  if (a.classification !== undefined) {
    body.classification = { ClassificationAndReason: a.classification, ...(a.classificationComment !== undefined ? { ClassificationReasonText: a.classificationComment } : {}) };
  }
  if (a.severity !== undefined) body.severity = a.severity;
  if (a.owner !== undefined) {
    body.ownerAction = "Assign";
    body.owner = a.owner;
  }
  if (a.tags?.length) body.tagsToAdd = { TagsToAdd: a.tags.map((tag) => ({ Tag: tag })) };
  return body;
}

/**
 * How the legacy case actions address a case: workspace coordinates, the case kind (`Incident` in every template)
 * and the case number (`incidentNumber`, or `properties.CaseNumber` of the legacy "Alert - Get incident").
 */
export interface LegacyCaseArgs {
  subscriptionId: ExprLike<string>;
  workspaceId: ExprLike<string>;
  resourceGroup: ExprLike<string>;
  kind: ExprLike<string>;
  caseNumber: ExprLike<string | number>;
}

const legacyCase = (a: LegacyCaseArgs) => ({
  subscriptionId: a.subscriptionId,
  workspaceId: a.workspaceId,
  resourceGroup: a.resourceGroup,
  kind: a.kind,
  caseNumber: a.caseNumber as ExprLike<string>,
});

/** Every Sentinel operation the kit declares, callable. */
export const sentinelOperations = {
  getHosts: callable(ops.getHosts, entities),
  getAccounts: callable(ops.getAccounts, entities),
  getIPs: callable(ops.getIPs, entities),
  getURLs: callable(ops.getURLs, entities),
  getFileHashes: callable(ops.getFileHashes, entities),
  getIncident: callable(ops.getIncident, (a: { incidentArmId: ExprLike<string> }) => ({ body: { incidentArmId: a.incidentArmId } })),
  alertGetIncident: callable(
    ops.alertGetIncident,
    (a: { subscriptionId: ExprLike<string>; resourceGroup: ExprLike<string>; workspaceId: ExprLike<string>; alertId: ExprLike<string> }) => ({
      params: { subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, workspaceId: a.workspaceId, alertId: a.alertId },
    }),
  ),
  updateIncident: callable(ops.updateIncident, (a: UpdateIncidentArgs) => ({ body: updateBody(a) })),
  addIncidentComment: callable(ops.addIncidentComment, (a: { incidentArmId: ExprLike<string>; message: ExprLike<string> }) => ({
    body: { incidentArmId: a.incidentArmId, message: a.message },
  })),
  legacyAlertGetIncident: callable(
    ops.legacyAlertGetIncident,
    (a: { alertId: ExprLike<string>; subscriptionId: ExprLike<string>; workspaceId: ExprLike<string>; resourceGroup: ExprLike<string> }) => ({
      params: { alertId: a.alertId, subscriptionId: a.subscriptionId, workspaceId: a.workspaceId, resourceGroup: a.resourceGroup },
    }),
  ),
  legacyChangeIncidentStatus: callable(
    ops.legacyChangeIncidentStatus,
    (a: LegacyCaseArgs & { status: ExprLike<string>; closeReason?: ExprLike<string>; closeReasonText?: ExprLike<string> }) => ({
      params: { ...legacyCase(a), status: a.status },
      body: a.closeReason === undefined && a.closeReasonText === undefined ? undefined : { CloseReason: a.closeReason, CloseReasonText: a.closeReasonText },
    }),
  ),
  legacyChangeIncidentSeverity: callable(ops.legacyChangeIncidentSeverity, (a: LegacyCaseArgs & { severity: ExprLike<string> }) => ({
    params: { ...legacyCase(a), severity: a.severity },
  })),
  legacyAddIncidentComment: callable(ops.legacyAddIncidentComment, (a: LegacyCaseArgs & { comment: ExprLike<string> }) => ({
    params: legacyCase(a),
    body: { Value: a.comment },
  })),
};

const callbackBody = (): Record<string, Input> => ({ callback_url: interpolate([listCallbackUrl()]) });

/** A Sentinel trigger: the subscription body every one sends, and the Reader role it needs. */
const subscribe = <Out>(info: WebhookTriggerInfo<Out>) => apiWebhookTrigger(info, callbackBody(), info.permissions ?? []);

/** Builder functions for every Sentinel operation, and the triggers. */
export const sentinel = {
  ...connector(sentinelOperations),
  /**
   * "Microsoft Sentinel incident": an automation rule runs the playbook on an incident (created or updated). The
   * body is the incident event: `object.id` is the incident ARM id, `object.properties` the incident.
   */
  incidentTrigger(): TriggerSpec<SentinelIncidentEvent> {
    return subscribe(sentinelTriggers.incident);
  },
  /** "Microsoft Sentinel alert": run manually or by an analytics rule on an alert (automation rules cannot call it). */
  alertTrigger(): TriggerSpec<SentinelAlertEvent> {
    return subscribe(sentinelTriggers.alert);
  },
  /** "Microsoft Sentinel entity": run manually on one entity of a kind (`Host`, `Account`, `IP`, `URL`, `FileHash`, …). */
  entityTrigger(kind: "Host" | "Account" | "IP" | "URL" | "FileHash" | "DNS" | "Process" | "File" | "MailMessage" | "Mailbox"): TriggerSpec<SentinelEntityEvent> {
    const spec = subscribe(sentinelTriggers.entity);
    // The corpus writes the kind as an expression: /entity/@{encodeURIComponent('Host')}.
    const inputs = { ...(spec.trigger.inputs as Record<string, Input>), path: interpolate(["/entity/", encodeUriComponent(kind)]) };
    return { ...spec, trigger: { ...spec.trigger, inputs } };
  },
};
