/** Generated playbooks for benchmarks: 30 actions each, with nested If, Foreach and Scope. */
import { defender } from "../playbooks/connectors";
import { definePlaybook, equals, greater, length, param, text, type Playbook } from "../playbooks/kit";

/** Build the i-th generated playbook (30 actions, nesting depth 3). */
export function generatedPlaybook(i: number): Playbook {
  return definePlaybook({
    name: `generated-${i}`,
    description: `Generated playbook ${i}`,
    parameters: { threshold: param.int({ default: i % 7 }), tag: param.string({ default: `tag-${i}` }) },
    trigger: defender.alertCreated(),
    build({ flow, params, trigger }) {
      const alert = flow.step("Get alert", defender.getAlert({ alertId: trigger.body.id })); // 1
      const counter = flow.variable<number>("Init counter", { name: "counter", type: "integer", value: 0 }); // 2
      const machines = flow.step("List machines", defender.listMachines({ filter: text`computerDnsName eq '${alert.body.computerDnsName}'` })); // 3
      flow.if("High", equals(alert.body.severity, "High"), (high) => { // 4
        high.forEach("Each machine", machines.body.value, (each, m) => { // 5
          each.step("Tag", defender.tagMachine({ machineId: m.id, tag: params.tag, action: "Add" })); // 6
          each.scope("Contain", (s) => { // 7
            s.step("Scan", defender.runAntivirusScan({ machineId: m.id, comment: text`Alert ${alert.body.id}`, scanType: "Quick" })); // 8
            s.step("Restrict", defender.restrictAppExecution({ machineId: m.id, comment: "restrict" })); // 9
            s.compose("Note", { machine: m.id, alert: alert.body.title }); // 10
          });
          each.increment("Count", counter); // 11
        });
        for (let k = 0; k < 8; k++) high.compose(`High step ${k}`, text`${k}: ${alert.body.title}`); // 12-19
      }, (other) => {
        for (let k = 0; k < 6; k++) other.compose(`Other step ${k}`, { k, title: alert.body.title }); // 20-25
      });
      flow.if("Many", greater(length(machines.body.value), params.threshold), (many) => { // 26
        many.step("Update alert", defender.updateAlert({ alertId: alert.body.id, status: "InProgress" })); // 27
        many.compose("Summary", text`${counter.value} machines`); // 28
      });
      flow.compose("Done", "done"); // 29
      flow.terminate("End", { status: "Succeeded" }); // 30
    },
  });
}
