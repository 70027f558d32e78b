/**
 * restrict-app-execution-incident-hosts: a Microsoft Sentinel incident → for each host entity → resolve the MDE
 * device → skip devices whose tags intersect `excludedTags` → restrict app execution (only Microsoft-signed code
 * runs; `POST /api/machines/{id}/restrictCodeExecution`, body `{Comment}` as in the corpus template
 * `restrict-mdeappexecution-alert.json`) → one comment on the incident with the outcome per host → optional email.
 * In `audit` mode the restriction is an audit record and the comment says "would restrict app execution".
 */
import { defender } from "../connectors";
import type { Playbook } from "../kit";
import { incidentHostPlaybook, type IncidentHostOptions } from "./incident-hosts";

/** Build options of restrict-app-execution-incident-hosts. */
export type RestrictAppExecutionIncidentHostsOptions = IncidentHostOptions;

/** Build the restrict-app-execution-incident-hosts playbook. */
export function restrictAppExecutionIncidentHosts(options: RestrictAppExecutionIncidentHostsOptions = {}): Playbook {
  return incidentHostPlaybook(
    {
      name: "restrict-app-execution-incident-hosts",
      description:
        "When a Microsoft Sentinel automation rule runs it on an incident, restrict app execution on each host entity's MDE device (unless excluded by its tags) and comment the outcome per host on the incident; optionally email the SOC.",
      words: { step: "Restrict app execution", Noun: "Restriction", past: "app execution restricted", wouldDo: "would restrict app execution", subject: "app execution restriction", failCode: "RestrictionFailed" },
      parameters: {},
      exclusions: true,
      act: (machineId, comment) => defender.restrictAppExecution({ machineId, comment }),
    },
    options,
  );
}
