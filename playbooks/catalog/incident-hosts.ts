/**
 * The skeleton the incident-triggered per-host catalog playbooks share (release, restrict app execution, AV scan):
 * a Microsoft Sentinel incident → for each host entity → resolve the MDE device (`resolveDevice`) → optionally skip
 * devices whose tags intersect `excludedTags` → one machine action per device (a device two hosts resolve to is
 * acted on once) → one comment on the incident with the outcome per host → optional email; a failed action ends
 * the run Failed after the comment. In `audit` mode the machine action is an audit record and the comment says
 * what it would have done. isolate-incident-hosts predates this file and keeps its own (identical) structure.
 */
import type { MachineAction, SentinelIncidentEvent } from "../../operations";
import { deviceCandidates, machineActionOutcome, resolveDevice, sentinel } from "../connectors";
import {
  coalesce,
  concat,
  contains,
  definePlaybook,
  empty,
  equals,
  ifElse,
  intersection,
  join,
  json,
  length,
  not,
  param,
  text,
  withMode,
  type ExprLike,
  type Flow,
  type ParamRefs,
  type ParamSpecs,
  type Playbook,
  type PlaybookMode,
  type Ref,
  type ActionSpec,
  type Step,
  type Variable,
} from "../kit";
import { mailer, notifyParameters, type NotifyChannel } from "./notify";

/** Build options every incident-host playbook takes. */
export interface IncidentHostOptions {
  /** `enforce` acts (default); `audit` records the machine action it would request. */
  mode?: PlaybookMode;
  /** Email channel: Graph with the managed identity (default) or the Outlook connector. */
  channel?: NotifyChannel;
}

/** One host's line in the incident comment. */
export interface HostOutcome {
  host: string;
  outcome: string;
  detail: string;
}

/** The words a playbook's steps and texts use, e.g. `{noun: "release", Noun: "Release", past: "released", …}`. */
export interface ActionWords {
  /** Label of the machine action step, e.g. `Release machine`. */
  step: string;
  /** Noun, capitalised, e.g. `Release` (step labels, the terminate message). */
  Noun: string;
  /** Past participle for the outcome, e.g. `released`. */
  past: string;
  /** The audit mode outcome, e.g. `would release`. */
  wouldDo: string;
  /** The email subject after the incident number, e.g. `host release`. */
  subject: string;
  /** The terminate code, e.g. `ReleaseFailed`. */
  failCode: string;
}

/** What one playbook adds to the skeleton. */
export interface IncidentHostSpec<P extends ParamSpecs> {
  name: string;
  description: string;
  words: ActionWords;
  /** Parameters of its own (placed before the shared ones). */
  parameters: P;
  /** Declare `excludedTags` and skip devices that carry one. */
  exclusions: boolean;
  /** The comment heading's text after the playbook name, e.g. `, scan type Full`. */
  headingDetail?: (params: ParamRefs<P>) => ExprLike<string>;
  /** The machine action for `machineId` with `comment` (MDE records it with the action); placed as `words.step`. */
  act(machineId: Ref<string>, comment: ExprLike<string>, params: ParamRefs<P>): ActionSpec<MachineAction>;
  /**
   * Instead of recording the outcome straight away (`done` → `words.past`), continue after an accepted action in
   * `enforce` mode (poll it, fetch its result) and record the host's outcome yourself.
   */
  followUp?: (context: FollowUpContext<P>) => void;
}

/** What a follow-up receives: the accepted action and how to record the host's outcome. */
export interface FollowUpContext<P extends ParamSpecs> {
  flow: Flow;
  action: Step<MachineAction>;
  params: ParamRefs<P>;
  /** The device's sentence (`MDE device … (…)`). */
  deviceDetail: Ref<string>;
  /** A string variable (declared at the top level) for the action's polled status. */
  status: Variable<string>;
  /** Append the host's outcome line. */
  record(flow: Flow, label: string, outcome: ExprLike<string>, detail: ExprLike<string>): void;
}

const excludedTagsParam = () => param.array<string>({ default: [], description: "Device tags that exempt a device from the action (for example domain controllers)." });
const sendEmailParam = () => param.bool({ default: true, description: "Also email the outcome to the SOC (the incident comment is always written)." });

/** Build an incident-host playbook from its spec. */
export function incidentHostPlaybook<P extends ParamSpecs>(spec: IncidentHostSpec<P>, options: IncidentHostOptions = {}): Playbook {
  const channel = options.channel ?? "graph";
  const w = spec.words;
  const shared = { ...(spec.exclusions ? { excludedTags: excludedTagsParam() } : {}), sendEmail: sendEmailParam(), ...notifyParameters(channel) };
  const playbook = definePlaybook({
    name: spec.name,
    description: spec.description,
    parameters: { ...spec.parameters, ...shared },
    trigger: sentinel.incidentTrigger(),
    build({ flow, params: all, trigger, mode }) {
      const params = all as unknown as ParamRefs<P> & { excludedTags: Ref<string[]>; sendEmail: Ref<boolean>; notifyTo: Ref<string>; senderMailbox?: Ref<string> };
      const incident = (trigger.body as Ref<SentinelIncidentEvent>).object;
      const candidates = deviceCandidates(flow);
      const outcomes = flow.variable<HostOutcome[]>("Initialize host outcomes", { name: "hostOutcomes", type: "array", value: [] });
      const acted = flow.variable<string[]>("Initialize devices acted on", { name: "actedDevices", type: "array", value: [] });
      const status = spec.followUp && mode === "enforce" ? flow.variable<string>("Initialize machine action status", { name: "machineActionStatus", type: "string", value: "" }) : undefined;
      const hosts = flow.step("Entities - Get Hosts", sentinel.getHosts({ entities: coalesce(incident.properties.relatedEntities, json("[]")) }));
      const loop = flow.forEach("For each host", coalesce(hosts.body.Hosts, json("[]")), (each, host) => {
        const device = resolveDevice(each, host, candidates);
        const machine = device.machine;
        const record = (f: Flow, label: string, outcome: unknown, detail: unknown) => void f.appendToArray(label, outcomes, { host: device.host, outcome, detail } as never);
        const actOn = (go: Flow) =>
          void go.if(
            "Device already handled in this run",
            contains(acted.value, machine.id),
            (dup) => void record(dup, "Record duplicate", "already in progress", concat(device.detail, " was handled for an earlier host of this incident")),
            (act) => {
              act.appendToArray("Remember device", acted, machine.id);
              const comment = text`${w.past.charAt(0).toUpperCase()}${w.past.slice(1)} by playbook-kit for Microsoft Sentinel incident ${incident.properties.incidentNumber}: ${incident.properties.title}`;
              const action = act.step(w.step, spec.act(machine.id, comment, params));
              const result = machineActionOutcome(act, `${w.Noun} outcome`, action);
              const failedDetail = concat(device.detail, ": MDE answered HTTP ", coalesce<unknown>(result.statusCode, "no status"));
              if (spec.followUp && status) {
                const followUp = spec.followUp;
                act.if(
                  `${w.Noun} accepted`,
                  equals(result.outcome, "done"),
                  (ok) => followUp({ flow: ok, action, params, deviceDetail: device.detail, status, record }),
                  (refused) => void record(refused, `Record ${w.Noun.toLowerCase()} refused`, result.outcome, ifElse(equals(result.outcome, "failed"), failedDetail, device.detail)),
                );
                return;
              }
              const done = mode === "audit" ? `${w.wouldDo} (audit mode, nothing changed)` : w.past;
              act.appendToArray(`Record ${w.Noun.toLowerCase()}`, outcomes, {
                host: device.host,
                outcome: ifElse(equals(result.outcome, "done"), done, result.outcome),
                detail: ifElse(equals(result.outcome, "failed"), failedDetail, device.detail),
              } as never);
            },
          );
        each.if(
          "Device resolved",
          equals(device.outcome, "resolved"),
          (resolved) => {
            if (!spec.exclusions) return actOn(resolved);
            const tags = coalesce(machine.machineTags, json<string[]>("[]"));
            resolved.if(
              "Device is excluded",
              not(empty(intersection(tags, params.excludedTags))),
              (skip) => void record(skip, "Record excluded", "excluded", concat(device.detail, " carries an excluded tag (", join(tags, ", "), ")")),
              actOn,
            );
          },
          (unresolved) => void record(unresolved, "Record unresolved", device.outcome, concat(device.detail, `; no ${w.Noun.toLowerCase()} requested`)),
        );
      });
      const lines = flow.select<HostOutcome, string>("Outcome lines", outcomes.value, (o) => concat("<li><b>", o.host, "</b>: ", o.outcome, " — ", o.detail, "</li>"), { after: loop });
      const summary = flow.compose<string>(
        "Outcome summary",
        ifElse(empty(outcomes.value), `<p>The incident has no host entities: nothing was requested.</p>`, concat("<ul>", join(lines.body, ""), "</ul>")),
      );
      const detail = spec.headingDetail ? spec.headingDetail(params) : "";
      const heading = text`<p>playbook-kit ${spec.name}${mode === "audit" ? " (audit mode)" : ""}${detail}:</p>`;
      flow.step("Comment outcome on incident", sentinel.addIncidentComment({ incidentArmId: incident.id, message: concat(heading, summary.value) }));
      flow.if("Email requested", equals(params.sendEmail, true), (mail) => {
        mailer(mail, channel, params).send(mail, "Email outcome", {
          subject: text`Sentinel incident ${incident.properties.incidentNumber}: ${w.subject}${mode === "audit" ? " (audit)" : ""}`,
          html: concat(text`<p>Incident <b>${incident.properties.title}</b> (${incident.properties.incidentNumber}).</p>`, heading, summary.value),
        });
      });
      const failures = flow.filter<HostOutcome>("Failed hosts", outcomes.value, (o) => equals(o.outcome, "failed"));
      flow.if(`Any ${w.Noun.toLowerCase()} failed`, not(empty(failures.body)), (failed) => {
        failed.terminate("Mark run failed", {
          status: "Failed",
          code: w.failCode,
          message: text`${w.Noun} failed for ${length(failures.body)} host(s) of incident ${incident.properties.incidentNumber}; see the incident comment.`,
        });
      });
    },
  });
  return withMode(playbook, options.mode ?? "enforce");
}
