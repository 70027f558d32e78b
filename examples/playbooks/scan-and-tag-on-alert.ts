import { defender, definePlaybook, equals, or, param, text } from "playbook-kit";

/** Medium or High alert → tag the device and start a quick antivirus scan; if the scan fails, tag that too. */
export default definePlaybook({
  name: "scan-and-tag-on-alert",
  description: "Tag the device of every Medium or High MDE alert and start a quick antivirus scan.",
  parameters: { tag: param.string({ default: "under-investigation", description: "Tag to add to the device." }) },
  trigger: defender.alertCreated(),
  build({ flow, params, trigger }) {
    const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id }));
    const serious = or(equals(alert.body.severity, "High"), equals(alert.body.severity, "Medium"));
    flow.if("Medium or High", serious, (then) => {
      then.step("Tag device", defender.tagMachine({ machineId: alert.body.machineId, tag: params.tag, action: "Add" }));
      const scan = then.step("Quick scan", defender.runAntivirusScan({
        machineId: alert.body.machineId, comment: text`Scan for MDE alert ${alert.body.id}: ${alert.body.title}`, scanType: "Quick",
      }));
      then.step("Tag scan failure", defender.tagMachine({ machineId: alert.body.machineId, tag: "scan-failed", action: "Add" }), { after: scan, on: "Failed" });
    });
  },
});
