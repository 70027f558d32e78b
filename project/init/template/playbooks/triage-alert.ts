import { defender, definePlaybook, equals, param, text } from "playbook-kit";

/** A new MDE alert → fetch it; High severity isolates the device (Selective), anything else tags it for review. */
export default definePlaybook({
  name: "triage-alert",
  description: "Isolate the device of every High severity MDE alert; tag the device of any other alert for review.",
  parameters: {
    reviewTag: param.string({ default: "needs-review", description: "Tag added to the device of an alert below High." }),
  },
  trigger: defender.alertCreated(),
  build({ flow, params, trigger }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    flow.if(
      "Severity is High",
      equals(alert.body.severity, "High"),
      (then) => {
        then.step("Isolate device", defender.isolateMachine({
          machineId: alert.body.machineId,
          comment: text`Isolated by playbook-kit for MDE alert ${alert.body.id}: ${alert.body.title}`,
          isolationType: "Selective",
        }));
      },
      (otherwise) => {
        otherwise.step("Tag for review", defender.tagMachine({ machineId: alert.body.machineId, tag: params.reviewTag, action: "Add" }));
      },
    );
  },
});
