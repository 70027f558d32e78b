/**
 * isolate-on-high-severity: a new MDE alert → get the alert → if its severity is High and it names a device → get the machine →
 * skip machines tagged with an excluded tag → isolate (Comment names the alert id and title) → email the SOC;
 * if isolation fails, email the failure and mark the run Failed. In `audit` mode (`withMode`, as for any
 * playbook) the isolate step is rendered as an audit record of the request it would send, and the email says
 * what would have been isolated.
 */
import { defender } from "../connectors";
import { and, coalesce, definePlaybook, empty, equals, intersection, json, not, param, string, text, withMode, type Playbook, type PlaybookMode } from "../kit";
import { mailer, notifyParameters, type NotifyChannel } from "./notify";

/** Build options of isolate-on-high-severity. */
export interface IsolateOnHighSeverityOptions {
  /** `enforce` isolates (default); `audit` renders the isolation as an audit record and reports "would isolate". */
  mode?: PlaybookMode;
  /** Email channel: Graph with the managed identity (default) or the Outlook connector. */
  channel?: NotifyChannel;
}

/** Build the isolate-on-high-severity playbook. */
export function isolateOnHighSeverity(options: IsolateOnHighSeverityOptions = {}): Playbook {
  const channel = options.channel ?? "graph";
  const playbook = definePlaybook({
    name: "isolate-on-high-severity",
    description:
      "When Microsoft Defender for Endpoint raises a High-severity alert, isolate the device (unless it carries an excluded tag) and email the SOC; failures are emailed too.",
    parameters: {
      isolationType: param.choice(["Full", "Selective"], { default: "Full", description: "How to isolate the device: Full, or Selective (keeps Outlook, Teams and Skype working)." }),
      excludedTags: param.array<string>({ default: [], description: "Device tags that exempt a device from isolation (for example domain controllers)." }),
      ...notifyParameters(channel),
    },
    trigger: defender.alertCreated(),
    build({ flow, params, trigger, mode }) {
      const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
      // An alert need not name a device (machineId missing or null): then there is nothing to isolate.
      const onDevice = not(empty(coalesce(alert.body.machineId, "")));
      flow.if("Severity is High", and(equals(alert.body.severity, "High"), onDevice), (high) => {
        const machine = high.step("Get machine", defender.getMachine({ machineId: alert.body.machineId }));
        const mail = mailer(high, channel, params);
        const facts = text`<p>Alert <b>${alert.body.title}</b> (${alert.body.id}, severity ${alert.body.severity}) on device <b>${machine.body.computerDnsName}</b> (${machine.body.id}).</p>`;
        const excluded = not(empty(intersection(coalesce(machine.body.machineTags, json<string[]>("[]")), params.excludedTags)));
        high.if(
          "Device is excluded",
          excluded,
          (skip) => {
            mail.send(skip, "Notify excluded", {
              subject: text`MDE: Excluded from isolation: ${machine.body.computerDnsName}`,
              html: text`${facts}<p>The device was not isolated: it is excluded by its tags (${string(machine.body.machineTags)}).</p>`,
            });
          },
          (go) => {
            const isolate = go.step(
              "Isolate machine",
              defender.isolateMachine({
                machineId: machine.body.id,
                comment: text`Isolated by playbook-kit for MDE alert ${alert.body.id}: ${alert.body.title}`,
                isolationType: params.isolationType,
              }),
            );
            if (mode === "audit") {
              mail.send(go, "Notify would isolate", {
                subject: text`MDE: Audit: would isolate ${machine.body.computerDnsName}`,
                html: text`${facts}<p>Audit mode: the playbook would isolate this device (isolation type ${params.isolationType}). Nothing was changed.</p>`,
              });
              return;
            }
            mail.send(go, "Notify isolated", {
              subject: text`MDE: Isolated ${machine.body.computerDnsName}`,
              html: text`${facts}<p>The device was isolated (${params.isolationType}). Machine action ${isolate.body.id}, status ${isolate.body.status}.</p>`,
              importance: "High",
            });
            const failed = mail.send(
              go,
              "Notify isolation failed",
              {
                subject: text`MDE: Isolation FAILED: ${machine.body.computerDnsName}`,
                html: text`${facts}<p>Isolation failed with HTTP status ${isolate.outputs.statusCode}: ${string(isolate.body)}</p>`,
                importance: "High",
              },
              { after: isolate, on: ["Failed", "TimedOut"] },
            );
            go.terminate(
              "Mark run failed",
              { status: "Failed", code: "IsolationFailed", message: text`Isolation of ${machine.body.id} failed for alert ${alert.body.id}.` },
              { after: failed },
            );
          },
        );
      });
    },
  });
  return withMode(playbook, options.mode ?? "enforce");
}
