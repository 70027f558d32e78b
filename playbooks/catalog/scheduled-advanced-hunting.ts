/**
 * scheduled-advanced-hunting: on a schedule (frequency and interval are parameters) run an Advanced Hunting
 * query; if it returns rows, email them as an HTML table, otherwise end quietly. Uses Graph `runHuntingQuery`
 * with the managed identity by default; the legacy wdatp connector action (retired 2027-02-01) is an option.
 */
import { defender } from "../connectors";
import { coalesce, definePlaybook, greater, json, length, param, recurrence, text, type Expr, type Playbook } from "../kit";
import { mailer, notifyParameters, type NotifyChannel } from "./notify";

/** Build options of scheduled-advanced-hunting. */
export interface ScheduledAdvancedHuntingOptions {
  /** `graph` (default): Graph runHuntingQuery; `connector`: the deprecated wdatp Advanced Hunting action. */
  via?: "graph" | "connector";
  /** Email channel: Graph with the managed identity (default) or the Outlook connector. */
  channel?: NotifyChannel;
}

const DEFAULT_QUERY =
  "DeviceProcessEvents | where Timestamp > ago(1h) | where FileName in~ ('powershell.exe', 'pwsh.exe') and ProcessCommandLine has '-EncodedCommand' | project Timestamp, DeviceName, AccountName, ProcessCommandLine | take 100";

/** Build the scheduled-advanced-hunting playbook. */
export function scheduledAdvancedHunting(options: ScheduledAdvancedHuntingOptions = {}): Playbook {
  const via = options.via ?? "graph";
  const channel = options.channel ?? "graph";
  return definePlaybook({
    name: "scheduled-advanced-hunting",
    description: "On a schedule, run an Advanced Hunting query and email the results as an HTML table when there are any.",
    parameters: {
      huntingQuery: param.string({ default: DEFAULT_QUERY, description: "The KQL query to run." }),
      recurrenceFrequency: param.choice(["Minute", "Hour", "Day", "Week", "Month"], { default: "Hour", description: "Unit of the schedule." }),
      recurrenceInterval: param.int({ default: 1, description: "Run every N units." }),
      ...notifyParameters(channel),
    },
    trigger: (p) => recurrence({ frequency: p.recurrenceFrequency, interval: p.recurrenceInterval }),
    build({ flow, params }) {
      let rows: Expr<Record<string, unknown>[]>;
      if (via === "graph") {
        rows = flow.step("Run hunting query", defender.runHuntingQuery({ query: params.huntingQuery })).body.results;
      } else {
        rows = flow.step("Run hunting query", defender.runAdvancedQuery({ query: params.huntingQuery })).body.Results;
      }
      // A query answer may lack its results array: count it as no rows rather than fail the run.
      flow.if("Has results", greater(length(coalesce(rows, json<Record<string, unknown>[]>("[]"))), 0), (found) => {
        const table = found.table("Create HTML table", { from: rows, format: "HTML" });
        const mail = mailer(found, channel, params);
        mail.send(found, "Email results", {
          subject: text`MDE hunting: ${length(rows)} result(s)`,
          html: text`<p>The scheduled Advanced Hunting query returned ${length(rows)} row(s).</p>${table.body}`,
        });
      });
    },
  });
}
