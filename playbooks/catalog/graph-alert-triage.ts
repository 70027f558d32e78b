/**
 * graph-alert-triage: on a schedule (Recurrence; frequency and interval are parameters) list the Microsoft
 * Defender XDR alerts of Graph `alerts_v2` that are new, of the chosen severity (default high) and created since
 * the previous run (`createdDateTime ge` the trigger interval ago, less an overlap) → set each one's status (default
 * inProgress) and comment on it → email the list to the SOC. No email when there are none. This is the path that
 * needs neither Sentinel nor a deprecated API (the legacy Graph `/security/alerts` is being retired).
 * An overlap between two windows is harmless: an alert the previous run triaged is no longer `new`.
 * Only the first page is read (`$top`, default 50; Graph's maximum is 2,000); alerts beyond it stay new and out of
 * the next window, so set `maxAlerts` above what one interval produces.
 * Setting a status and commenting are notifications (the SOC sees them), not destructive steps: the playbook has no
 * audit mode.
 */
import { graphSecurity } from "../connectors";
import { call, coalesce, concat, definePlaybook, empty, getPastTime, json, length, not, param, recurrence, text, type Playbook } from "../kit";
import type { GraphSecurityAlert } from "../../operations";
import { mailer, notifyParameters, type NotifyChannel } from "./notify";

/** Build options of graph-alert-triage. */
export interface GraphAlertTriageOptions {
  /** Email channel: Graph with the managed identity (default) or the Outlook connector. */
  channel?: NotifyChannel;
}

/** The OData datetime literal Graph's `$filter` takes (UTC, no fraction). */
const ODATA_TIME = "yyyy-MM-ddTHH:mm:ssZ";

/** Build the graph-alert-triage playbook. */
export function graphAlertTriage(options: GraphAlertTriageOptions = {}): Playbook {
  const channel = options.channel ?? "graph";
  return definePlaybook({
    name: "graph-alert-triage",
    description:
      "On a schedule, take the new Microsoft Defender XDR alerts of a severity (default high) created since the last run from Graph alerts_v2, set their status and comment on them, and email the SOC the list.",
    parameters: {
      recurrenceFrequency: param.choice(["Minute", "Hour", "Day"], { default: "Minute", description: "Unit of the schedule (also the unit of the look-back window)." }),
      recurrenceInterval: param.int({ default: 15, description: "Run every N units; the run takes the alerts of the last N units." }),
      overlapMinutes: param.int({ default: 5, description: "Minutes the window reaches back before the previous run, for a late trigger." }),
      severity: param.choice(["high", "medium", "low", "informational"], { default: "high", description: "Severity of the alerts to triage (Graph's lower-case value)." }),
      triageStatus: param.choice(["inProgress", "resolved"], { default: "inProgress", description: "Status each triaged alert is set to." }),
      maxAlerts: param.int({ default: 50, description: "Most alerts one run triages ($top of the list call)." }),
      ...notifyParameters(channel),
    },
    trigger: (p) => recurrence({ frequency: p.recurrenceFrequency, interval: p.recurrenceInterval }),
    build({ flow, params }) {
      const since = flow.compose<string>(
        "Window start",
        call<string>("addMinutes", getPastTime(params.recurrenceInterval, params.recurrenceFrequency), call<number>("mul", params.overlapMinutes, -1), ODATA_TIME),
      );
      const list = flow.step(
        "List new alerts",
        graphSecurity.listAlerts({
          filter: text`severity eq '${params.severity}' and status eq 'new' and createdDateTime ge ${since.value}`,
          orderBy: "createdDateTime asc",
          top: params.maxAlerts,
        }),
      );
      const alerts = coalesce(list.body.value, json<GraphSecurityAlert[]>("[]"));
      flow.if("Any new alerts", not(empty(alerts)), (found) => {
        found.forEach("For each alert", alerts, (each, alert) => {
          each.step("Set alert status", graphSecurity.updateAlert({ alertId: alert.id, status: params.triageStatus }));
          each.step(
            "Comment on alert",
            graphSecurity.addAlertComment({ alertId: alert.id, comment: text`Triaged by playbook-kit graph-alert-triage: status set to ${params.triageStatus}; the SOC was emailed.` }),
          );
        });
        const rows = found.table<GraphSecurityAlert>("Alert table", {
          from: alerts,
          format: "HTML",
          columns: [
            { header: "Created", value: (a) => a.createdDateTime },
            { header: "Severity", value: (a) => a.severity },
            { header: "Title", value: (a) => a.title },
            { header: "Source", value: (a) => a.serviceSource },
            { header: "Alert", value: (a) => a.alertWebUrl },
          ],
        });
        mailer(found, channel, params).send(found, "Email triaged alerts", {
          subject: text`Defender XDR: ${length(alerts)} new ${params.severity} alert(s) triaged`,
          html: concat(text`<p>${length(alerts)} new ${params.severity}-severity alert(s) since ${since.value}, each set to ${params.triageStatus} and commented:</p>`, rows.body),
        });
      });
    },
  });
}
