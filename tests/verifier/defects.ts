/**
 * Playbooks with one deliberate defect each (one per built-in property), and correct ones that must verify clean.
 * Notifications go through Outlook so each playbook stays a handful of steps.
 */
import { defender, outlook } from "../../playbooks/connectors";
import { coalesce, contains, definePlaybook, empty, equals, greater, intersection, json, length, not, param, recurrence, text, withMode, type Playbook } from "../../playbooks/kit";

const notify = { notifyTo: param.string({ default: "soc@contoso.com", description: "Recipients." }) };
const mail = (subject: string) => (to: unknown) => outlook.sendEmail({ to: to as never, subject, body: subject });

/** `length(alert.title)` with no guard: a missing title fails the condition and nothing handles it. */
export const unguardedLength = (): Playbook =>
  definePlaybook({
    name: "defect-unguarded-length",
    description: "length() of a field that may be missing.",
    parameters: notify,
    trigger: defender.alertCreated(),
    build({ flow, params, trigger }) {
      const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
      flow.if("Has title", greater(length(alert.body.title), 0), (then) => {
        then.step("Email", mail("alert")(params.notifyTo));
      });
    },
  });

/** Isolates and ends Failed when that fails, but tells nobody when it succeeds. */
export const silentIsolation = (): Playbook =>
  definePlaybook({
    name: "defect-silent-isolation",
    description: "Isolation nobody hears of.",
    parameters: notify,
    trigger: defender.alertCreated(),
    build({ flow, trigger }) {
      const machineId = coalesce(trigger.body.machineId, "");
      flow.if("Has machine", not(empty(machineId)), (then) => {
        const isolate = then.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }));
        then.terminate("Fail run", { status: "Failed", code: "IsolationFailed", message: "isolation failed" }, { after: isolate, on: ["Failed", "TimedOut"] });
      });
    },
  });

/** Try/catch around the isolation whose catch only composes a note: the run ends Succeeded and nobody hears. */
export const swallowedFailure = (): Playbook =>
  definePlaybook({
    name: "defect-swallowed-failure",
    description: "Isolation failure swallowed by a handler.",
    parameters: notify,
    trigger: defender.alertCreated(),
    build({ flow, params, trigger }) {
      const machineId = coalesce(trigger.body.machineId, "");
      const attempt = flow.scope("Try", (t) => {
        t.if("Has machine", not(empty(machineId)), (then) => {
          then.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }));
          then.step("Email isolated", mail("isolated")(params.notifyTo));
        });
      });
      flow.compose("Note failure", "isolation failed", { after: attempt, on: ["Failed", "TimedOut"] });
    },
  });

/** One isolation per alert of the list: two alerts on one machine isolate it twice. */
export const isolatePerAlert = (): Playbook =>
  definePlaybook({
    name: "defect-isolate-per-alert",
    description: "Isolates once per alert rather than once per machine.",
    parameters: notify,
    trigger: recurrence({ frequency: "Hour", interval: 1 }),
    build({ flow, params }) {
      const alerts = flow.step("List alerts", defender.listAlerts({ filter: "severity eq 'High'" }));
      const loop = flow.forEach("For each alert", coalesce(alerts.body.value, json<never[]>("[]")), (each, alert) => {
        const machineId = coalesce(alert.machineId, "");
        each.if("Has machine", not(empty(machineId)), (then) => {
          then.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }));
        });
      });
      flow.step("Email summary", mail("done")(params.notifyTo), { after: loop, on: ["Succeeded", "Failed", "TimedOut"] });
    },
  });

/** The guard checks a hard-coded tag instead of the `excludedTags` parameter. */
export const hardCodedGuard = (): Playbook =>
  definePlaybook({
    name: "defect-hard-coded-guard",
    description: "Exclusion guard that ignores the parameter.",
    parameters: { ...notify, excludedTags: param.array<string>({ default: ["critical"], description: "Tags that exempt a device." }) },
    trigger: defender.alertCreated(),
    build({ flow, params, trigger }) {
      const machineId = coalesce(trigger.body.machineId, "");
      flow.if("Has machine", not(empty(machineId)), (then) => {
        const machine = then.step("Get machine", defender.getMachine({ machineId }));
        then.if("Not a domain controller", not(contains(coalesce(machine.body.machineTags, json<string[]>("[]")), "domain-controller")), (go) => {
          const isolate = go.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }));
          go.step("Email", mail("isolated")(params.notifyTo), { after: isolate, on: ["Succeeded", "Failed", "TimedOut"] });
        });
      });
      void params.excludedTags;
    },
  });

/** Declares `excludedTags` and never looks at the device: the world's tagged device is isolated. */
export const noGuard = (): Playbook =>
  definePlaybook({
    name: "defect-no-guard",
    description: "Exclusion parameter never checked.",
    parameters: { ...notify, excludedTags: param.array<string>({ default: ["domain-controller"], description: "Tags that exempt a device." }) },
    trigger: defender.alertCreated(),
    build({ flow, params, trigger }) {
      const machineId = coalesce(trigger.body.machineId, "");
      flow.if("Has machine", not(empty(machineId)), (then) => {
        const isolate = then.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }));
        then.step("Email", mail("isolated")(params.notifyTo), { after: isolate, on: ["Succeeded", "Failed", "TimedOut"] });
      });
    },
  });

/** The isolate URI is built from a parameter, so audit mode cannot recognise the step and sends it for real. */
export const hiddenIsolate = (): Playbook =>
  withMode(
    definePlaybook({
      name: "defect-hidden-isolate",
      description: "Destructive Http call audit mode does not see.",
      parameters: { ...notify, mdeApi: param.string({ default: "https://api.securitycenter.microsoft.com", description: "MDE API base." }) },
      trigger: defender.alertCreated(),
      build({ flow, params, trigger }) {
        const machineId = coalesce(trigger.body.machineId, "");
        flow.if("Has machine", not(empty(machineId)), (then) => {
          const isolate = then.http("Isolate", {
            method: "POST",
            uri: text`${params.mdeApi}/api/machines/${machineId}/isolate`,
            body: { Comment: "isolated", IsolationType: "Full" },
            authentication: { type: "ManagedServiceIdentity", audience: "https://api.securitycenter.microsoft.com" },
          });
          then.step("Email", mail("isolated")(params.notifyTo), { after: isolate, on: ["Succeeded", "Failed", "TimedOut"] });
        });
      },
    }),
    "audit",
  );

/** Correct: guard, exclusion by the parameter, notify on success, notify and fail on failure. */
export const correctIsolation = (): Playbook =>
  definePlaybook({
    name: "correct-isolation",
    description: "Isolation done right.",
    parameters: { ...notify, excludedTags: param.array<string>({ default: [], description: "Tags that exempt a device." }) },
    trigger: defender.alertCreated(),
    build({ flow, params, trigger }) {
      const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
      const machineId = coalesce(alert.body.machineId, "");
      flow.if("High with machine", equals(alert.body.severity, "High"), (high) => {
        high.if("Has machine", not(empty(machineId)), (then) => {
          const machine = then.step("Get machine", defender.getMachine({ machineId }));
          const tags = coalesce(machine.body.machineTags, json<string[]>("[]"));
          then.if("Excluded", not(empty(intersection(tags, params.excludedTags))), (skip) => {
            skip.step("Email excluded", mail("excluded")(params.notifyTo));
          }, (go) => {
            const isolate = go.step("Isolate", defender.isolateMachine({ machineId, comment: text`alert ${coalesce(alert.body.title, "")}`, isolationType: "Full" }));
            go.step("Email isolated", mail("isolated")(params.notifyTo));
            const failed = go.step("Email failed", mail("failed")(params.notifyTo), { after: isolate, on: ["Failed", "TimedOut"] });
            go.terminate("Fail run", { status: "Failed", code: "IsolationFailed", message: "isolation failed" }, { after: failed, on: ["Succeeded", "Failed", "TimedOut"] });
          });
        });
      });
    },
  });

/**
 * Isolates each machine of a fixed list of two and emails after each success; a failed isolation (the Try scope
 * around it failed) is only noted in a Compose. When the first isolation succeeds (and emails) and the second fails, nothing reports the failure.
 */
export const swallowedIterationFailure = (): Playbook =>
  definePlaybook({
    name: "defect-swallowed-iteration-failure",
    description: "A failed isolation in one loop iteration goes unreported.",
    parameters: { ...notify, machines: param.array<string>({ default: ["machine-a", "machine-b"], description: "Machines to isolate." }) },
    trigger: recurrence({ frequency: "Hour", interval: 1 }),
    build({ flow, params }) {
      flow.forEach("For each machine", params.machines, (each, machineId) => {
        const attempt = each.scope("Try", (t) => {
          t.step("Isolate", defender.isolateMachine({ machineId, comment: "isolated", isolationType: "Full" }));
          t.step("Email isolated", mail("isolated")(params.notifyTo));
        });
        each.compose("Note failure", "isolation failed", { after: attempt, on: ["Failed", "TimedOut"] });
      });
    },
  });
