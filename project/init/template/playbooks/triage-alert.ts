import { coalesce, defender, definePlaybook, empty, equals, not, param, text } from "playbook-kit";

/**
 * A new MDE alert → fetch it; when it names a device, High severity isolates the device (Selective) and marks the
 * alert In progress whatever the isolation answered (the SOC sees it in its queue), anything else tags the device
 * for review. `npx playbook-kit verify` explores every path of it.
 */
export default definePlaybook({
  name: "triage-alert",
  description: "Isolate the device of every High severity MDE alert and mark the alert In progress; tag the device of any other alert for review.",
  parameters: {
    reviewTag: param.string({ default: "needs-review", description: "Tag added to the device of an alert below High." }),
  },
  trigger: defender.alertCreated(),
  build({ flow, params, trigger }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    const machineId = coalesce(alert.body.machineId, "");
    flow.if("Alert names a device", not(empty(machineId)), (device) => {
      device.if(
        "Severity is High",
        equals(alert.body.severity, "High"),
        (then) => {
          const isolate = then.step("Isolate device", defender.isolateMachine({
            machineId,
            comment: text`Isolated by playbook-kit for MDE alert ${alert.body.id}: ${alert.body.title}`,
            isolationType: "Selective",
          }));
          then.step("Mark alert in progress", defender.updateAlert({ alertId: alert.body.id, status: "InProgress" }), {
            after: isolate,
            on: ["Succeeded", "Failed", "TimedOut"],
          });
        },
        (otherwise) => {
          otherwise.step("Tag for review", defender.tagMachine({ machineId, tag: params.reviewTag, action: "Add" }));
        },
      );
    });
  },
});
