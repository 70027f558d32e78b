/**
 * Microsoft Graph security API over the Http action with the managed identity (audience
 * `https://graph.microsoft.com`): alerts_v2 and incidents (get, list, update, comment) and `runHuntingQuery`.
 * Methods, URIs and the least privileged application permission of each come from the v1.0 API pages
 * (microsoftgraph/microsoft-graph-docs-contrib `api-reference/v1.0/api/security-*.md`); the legacy
 * `/security/alerts` API is not declared here (being retired, see operations/deprecations.ts).
 */
import { defenderCatalogue } from "./defender";
import { graphAlertCommentShape, graphListShape, graphSecurityAlertShape, graphSecurityIncidentShape } from "./graph-security-types";
import { httpOperationInfo, type HttpMethod, type Permission } from "./operation";
import type { Shape, Typed } from "./shape";

/** Base URI of Microsoft Graph v1.0. */
export const GRAPH_V1 = "https://graph.microsoft.com/v1.0";
const AUDIENCE = "https://graph.microsoft.com";

const graph = (role: string): Permission => ({ resource: "MicrosoftGraph", role });

const security = <S extends Typed<unknown, Shape>>(name: string, title: string, method: HttpMethod, path: string, role: string, output: S, notification = false) =>
  httpOperationInfo({
    name,
    title,
    method,
    uri: `${GRAPH_V1}/security/${path}`,
    audience: AUDIENCE,
    permissions: [graph(role)],
    destructive: false,
    output,
    ...(notification ? { notification: true } : {}),
  });

const alert = graphSecurityAlertShape;
const incident = graphSecurityIncidentShape;
const comments = graphListShape(graphAlertCommentShape);

/** Every Graph security operation the kit declares; updates and comments are what the SOC sees (notifications). */
export const graphSecurityCatalogue = {
  getAlert: security("getAlert", "Get alert (Graph alerts_v2)", "GET", "alerts_v2/{id}", "SecurityAlert.Read.All", alert),
  listAlerts: security("listAlerts", "List alerts (Graph alerts_v2)", "GET", "alerts_v2", "SecurityAlert.Read.All", graphListShape(alert)),
  updateAlert: security("updateAlert", "Update alert (Graph alerts_v2)", "PATCH", "alerts_v2/{id}", "SecurityAlert.ReadWrite.All", alert, true),
  addAlertComment: security("addAlertComment", "Comment on alert (Graph alerts_v2)", "POST", "alerts_v2/{id}/comments", "SecurityAlert.ReadWrite.All", comments, true),
  getIncident: security("getIncident", "Get incident (Graph)", "GET", "incidents/{id}", "SecurityIncident.Read.All", incident),
  listIncidents: security("listIncidents", "List incidents (Graph)", "GET", "incidents", "SecurityIncident.Read.All", graphListShape(incident)),
  updateIncident: security("updateIncident", "Update incident (Graph)", "PATCH", "incidents/{id}", "SecurityIncident.ReadWrite.All", incident, true),
  addIncidentComment: security("addIncidentComment", "Comment on incident (Graph)", "POST", "incidents/{id}/comments", "SecurityIncident.ReadWrite.All", comments, true),
  /** The same declaration as `defender.runHuntingQuery` (one operation, reachable from both modules). */
  runHuntingQuery: defenderCatalogue.runHuntingQuery,
};
