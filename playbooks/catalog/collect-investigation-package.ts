/**
 * collect-investigation-package: a Microsoft Sentinel incident → for each host entity → resolve the MDE device →
 * collect an investigation package (`POST /api/machines/{id}/collectInvestigationPackage`, body `{Comment}`) → poll
 * the machine action (`GET /api/machineactions/{id}`) in an Until loop with a delay until it ends → when it
 * Succeeded, get the package's download URI (`GET /api/machineactions/{id}/getPackageUri`, `{value}`) → one comment
 * on the incident with the outcome per host, the URI included → optional email. The shapes follow the corpus
 * template `get-mdeinvestigationpackage-incident.json` (its loop: 30-second wait, limit 60 / PT1H), except that
 * this loop waits before it reads (a fresh action is never done at once) and also stops on Failed, TimeOut and
 * Cancelled instead of polling a failed action for an hour.
 * In `audit` mode the collection is an audit record, nothing is polled, and the comment says "would collect".
 */
import { defender } from "../connectors";
import { concat, contains, createArray, equals, ifElse, param, text, type Playbook } from "../kit";
import { incidentHostPlaybook, type IncidentHostOptions } from "./incident-hosts";

/** Build options of collect-investigation-package. */
export type CollectInvestigationPackageOptions = IncidentHostOptions;

/** The statuses a machine action ends in. */
const FINAL_STATUSES = ["Succeeded", "Failed", "TimeOut", "Cancelled"] as const;

/** Build the collect-investigation-package playbook. */
export function collectInvestigationPackage(options: CollectInvestigationPackageOptions = {}): Playbook {
  return incidentHostPlaybook(
    {
      name: "collect-investigation-package",
      description:
        "When a Microsoft Sentinel automation rule runs it on an incident, collect an MDE investigation package from each host entity's device, wait until it is ready and comment its download URI per host on the incident; optionally email the SOC.",
      words: { step: "Collect investigation package", Noun: "Collection", past: "collected", wouldDo: "would collect an investigation package", subject: "investigation package", failCode: "CollectionFailed" },
      parameters: {
        pollIntervalSeconds: param.int({ default: 30, description: "Seconds to wait between two reads of the collection's status (at most 60 reads or one hour)." }),
      },
      exclusions: false,
      act: (machineId, comment) => defender.collectInvestigationPackage({ machineId, comment }),
      followUp({ flow, action, params, deviceDetail, status, record }) {
        flow.setVariable("Start polling", status, action.body.status);
        // UNCONFIRMED: what an Until that reaches its limit ends in is not documented; the step after it runs on
        // any status and reads the variable, so a limit reached (or a failed read) is reported as "still running".
        const poll = flow.until(
          "Until the collection ends",
          (loop) => {
            loop.wait("Wait before reading the status", { count: params.pollIntervalSeconds, unit: "Second" });
            const read = loop.step("Get machine action", defender.getMachineAction({ machineActionId: action.body.id }));
            loop.setVariable("Keep machine action status", status, read.body.status);
            return contains(createArray(...FINAL_STATUSES), status.value);
          },
          { count: 60, timeout: "PT1H" },
        );
        flow.if(
          "Package ready",
          equals(status.value, "Succeeded"),
          (ready) => {
            const uri = ready.step("Get package download URI", defender.getInvestigationPackageUri({ machineActionId: action.body.id }));
            record(ready, "Record package URI", "collected", concat(deviceDetail, ": the package is ready at ", uri.body.value, " (the link expires; download it soon)"));
          },
          (notReady) =>
            record(
              notReady,
              "Record collection not ready",
              ifElse(contains(createArray(...FINAL_STATUSES), status.value), "failed", "still running"),
              concat(deviceDetail, text`: the collection (machine action ${action.body.id}) is ${status.value}`),
            ),
          { after: poll, on: ["Succeeded", "Failed", "TimedOut"] },
        );
      },
    },
    options,
  );
}
