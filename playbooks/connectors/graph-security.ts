/**
 * Microsoft Graph security API over the Http action with the managed identity: alerts_v2 and incidents (get,
 * list with OData, update, comment) and `runHuntingQuery`. The declarations (URI, method, app role) are in
 * `operations/graph-security.ts`; this file maps typed arguments to the request bodies of the v1.0 API pages.
 */
import {
  graphSecurityCatalogue as ops,
  type GraphAlertStatus,
  type GraphClassification,
  type GraphDetermination,
  type GraphIncidentStatus,
} from "../../operations";
import type { ExprLike } from "../kit/expr";
import type { Input } from "../kit/operation";
import { callable, connector } from "./define";

/** OData options of the Graph list operations. */
export interface GraphQuery {
  filter?: ExprLike<string>;
  top?: ExprLike<number>;
  skip?: ExprLike<number>;
  count?: ExprLike<boolean>;
  orderBy?: ExprLike<string>;
  /** `$expand`, e.g. `alerts` on incidents. */
  expand?: ExprLike<string>;
}

const odata = (q: GraphQuery = {}): Record<string, Input> => ({
  $filter: q.filter,
  $top: q.top,
  $skip: q.skip,
  $count: q.count,
  $orderby: q.orderBy,
  $expand: q.expand,
});

/** Properties an alert or incident update may change; unset ones are left out of the PATCH body. */
export interface TriageUpdate<Status extends string> {
  status?: ExprLike<Status>;
  classification?: ExprLike<GraphClassification>;
  determination?: ExprLike<GraphDetermination>;
  assignedTo?: ExprLike<string>;
}

const triage = <S extends string>(u: TriageUpdate<S>): Record<string, Input> => ({ status: u.status, classification: u.classification, determination: u.determination, assignedTo: u.assignedTo });

/** Drop undefined properties (Graph treats a present `null` as "clear"). */
function present(body: Record<string, Input>): Record<string, Input> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

const comment = (text: ExprLike<string>): Input => ({ "@odata.type": "microsoft.graph.security.alertComment", comment: text });

/** Every Graph security operation the kit declares, callable. */
export const graphSecurityOperations = {
  getAlert: callable(ops.getAlert, (a: { alertId: ExprLike<string> }) => ({ params: { id: a.alertId } })),
  listAlerts: callable(ops.listAlerts, (q: GraphQuery) => ({ queries: odata(q) })),
  updateAlert: callable(ops.updateAlert, (a: { alertId: ExprLike<string> } & TriageUpdate<Exclude<GraphAlertStatus, "unknownFutureValue">>) => ({
    params: { id: a.alertId },
    body: present(triage(a)),
  })),
  addAlertComment: callable(ops.addAlertComment, (a: { alertId: ExprLike<string>; comment: ExprLike<string> }) => ({ params: { id: a.alertId }, body: comment(a.comment) })),
  getIncident: callable(ops.getIncident, (a: { incidentId: ExprLike<string>; expand?: ExprLike<string> }) => ({ params: { id: a.incidentId }, queries: { $expand: a.expand } })),
  listIncidents: callable(ops.listIncidents, (q: GraphQuery) => ({ queries: odata(q) })),
  updateIncident: callable(
    ops.updateIncident,
    (a: { incidentId: ExprLike<string>; customTags?: Input } & TriageUpdate<Exclude<GraphIncidentStatus, "unknownFutureValue">>) => ({
      params: { id: a.incidentId },
      body: present({ ...triage(a), customTags: a.customTags }),
    }),
  ),
  addIncidentComment: callable(ops.addIncidentComment, (a: { incidentId: ExprLike<string>; comment: ExprLike<string> }) => ({ params: { id: a.incidentId }, body: comment(a.comment) })),
  runHuntingQuery: callable(ops.runHuntingQuery, (a: { query: ExprLike<string>; timespan?: ExprLike<string> }) => ({ body: { Query: a.query, Timespan: a.timespan } })),
};

/** Builder functions (`graphSecurity.updateAlert({...})`). */
export const graphSecurity = connector(graphSecurityOperations);
