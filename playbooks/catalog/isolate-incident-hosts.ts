/**
 * isolate-incident-hosts: a Microsoft Sentinel incident (an automation rule runs the playbook) → for each host
 * entity → resolve the MDE device (`resolveDevice`) → skip devices whose tags intersect `excludedTags` → isolate
 * → one comment on the incident with the outcome per host (isolated / excluded / not found / ambiguous /
 * already in progress / failed) → optional email. A failed isolation ends the run Failed after the comment.
 * In `audit` mode the isolation is an audit record and the comment says "would isolate".
 */
import { defender, deviceCandidates, machineActionOutcome, resolveDevice, sentinel } from "../connectors";
import { coalesce, concat, contains, definePlaybook, empty, equals, ifElse, intersection, join, json, length, not, param, text, withMode, type Playbook, type PlaybookMode } from "../kit";
import { mailer, notifyParameters, type NotifyChannel } from "./notify";

/** Build options of isolate-incident-hosts. */
export interface IsolateIncidentHostsOptions {
  /** `enforce` isolates (default); `audit` records the isolation it would request. */
  mode?: PlaybookMode;
  /** Email channel: Graph with the managed identity (default) or the Outlook connector. */
  channel?: NotifyChannel;
}

/** One host's line in the incident comment. */
interface HostOutcome {
  host: string;
  outcome: string;
  detail: string;
}

/** Build the isolate-incident-hosts playbook. */
export function isolateIncidentHosts(options: IsolateIncidentHostsOptions = {}): Playbook {
  const channel = options.channel ?? "graph";
  const playbook = definePlaybook({
    name: "isolate-incident-hosts",
    description:
      "When a Microsoft Sentinel automation rule runs it on an incident, isolate each host entity's MDE device (unless excluded by its tags) and comment the outcome per host on the incident; optionally email the SOC.",
    parameters: {
      isolationType: param.choice(["Full", "Selective"], { default: "Full", description: "How to isolate: Full, or Selective (keeps Outlook, Teams and Skype working)." }),
      excludedTags: param.array<string>({ default: [], description: "Device tags that exempt a device from isolation (for example domain controllers)." }),
      sendEmail: param.bool({ default: true, description: "Also email the outcome to the SOC (the incident comment is always written)." }),
      ...notifyParameters(channel),
    },
    trigger: sentinel.incidentTrigger(),
    build({ flow, params, trigger, mode }) {
      const incident = trigger.body.object;
      const candidates = deviceCandidates(flow);
      const outcomes = flow.variable<HostOutcome[]>("Initialize host outcomes", { name: "hostOutcomes", type: "array", value: [] });
      const acted = flow.variable<string[]>("Initialize isolated devices", { name: "isolatedDevices", type: "array", value: [] });
      const hosts = flow.step("Entities - Get Hosts", sentinel.getHosts({ entities: coalesce(incident.properties.relatedEntities, json("[]")) }));
      const loop = flow.forEach("For each host", coalesce(hosts.body.Hosts, json("[]")), (each, host) => {
        const device = resolveDevice(each, host, candidates);
        const machine = device.machine;
        const record = (f: typeof each, label: string, outcome: unknown, detail: unknown) => f.appendToArray(label, outcomes, { host: device.host, outcome, detail } as never);
        each.if(
          "Device resolved",
          equals(device.outcome, "resolved"),
          (resolved) => {
            const tags = coalesce(machine.machineTags, json<string[]>("[]"));
            resolved.if(
              "Device is excluded",
              not(empty(intersection(tags, params.excludedTags))),
              (skip) => void record(skip, "Record excluded", "excluded", concat(device.detail, " carries an excluded tag (", join(tags, ", "), ")")),
              (go) =>
                void go.if(
                  "Device already isolated in this run",
                  contains(acted.value, machine.id),
                  (dup) => void record(dup, "Record duplicate", "already in progress", concat(device.detail, " was isolated for an earlier host of this incident")),
                  (act) => {
                    act.appendToArray("Remember isolated device", acted, machine.id);
                    const isolate = act.step(
                      "Isolate machine",
                      defender.isolateMachine({
                        machineId: machine.id,
                        comment: text`Isolated by playbook-kit for Microsoft Sentinel incident ${incident.properties.incidentNumber}: ${incident.properties.title}`,
                        isolationType: params.isolationType,
                      }),
                    );
                    const result = machineActionOutcome(act, "Isolation outcome", isolate);
                    const done = mode === "audit" ? "would isolate (audit mode, nothing changed)" : "isolated";
                    act.appendToArray(
                      "Record isolation",
                      outcomes,
                      {
                        host: device.host,
                        outcome: ifElse(equals(result.outcome, "done"), done, result.outcome),
                        detail: ifElse(equals(result.outcome, "failed"), concat(device.detail, ": MDE answered HTTP ", coalesce<unknown>(result.statusCode, "no status")), device.detail),
                      } as never,
                    );
                  },
                ),
            );
          },
          (unresolved) => void record(unresolved, "Record unresolved", device.outcome, concat(device.detail, "; not isolated")),
        );
      });
      const lines = flow.select<HostOutcome, string>("Outcome lines", outcomes.value, (o) => concat("<li><b>", o.host, "</b>: ", o.outcome, " — ", o.detail, "</li>"), { after: loop });
      const summary = flow.compose<string>(
        "Outcome summary",
        ifElse(empty(outcomes.value), "<p>The incident has no host entities: nothing was isolated.</p>", concat("<ul>", join(lines.body, ""), "</ul>")),
      );
      const heading = text`<p>playbook-kit isolate-incident-hosts${mode === "audit" ? " (audit mode)" : ""}, isolation type ${params.isolationType}:</p>`;
      flow.step("Comment outcome on incident", sentinel.addIncidentComment({ incidentArmId: incident.id, message: concat(heading, summary.value) }));
      flow.if("Email requested", equals(params.sendEmail, true), (mail) => {
        mailer(mail, channel, params).send(mail, "Email outcome", {
          subject: text`Sentinel incident ${incident.properties.incidentNumber}: host isolation${mode === "audit" ? " (audit)" : ""}`,
          html: concat(text`<p>Incident <b>${incident.properties.title}</b> (${incident.properties.incidentNumber}).</p>`, heading, summary.value),
        });
      });
      const failures = flow.filter<HostOutcome>("Failed hosts", outcomes.value, (o) => equals(o.outcome, "failed"));
      flow.if("Any isolation failed", not(empty(failures.body)), (failed) => {
        failed.terminate("Mark run failed", { status: "Failed", code: "IsolationFailed", message: text`Isolation failed for ${length(failures.body)} host(s) of incident ${incident.properties.incidentNumber}; see the incident comment.` });
      });
    },
  });
  return withMode(playbook, options.mode ?? "enforce");
}

