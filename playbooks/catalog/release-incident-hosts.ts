/**
 * release-incident-hosts: a Microsoft Sentinel incident → for each host entity → resolve the MDE device → release
 * it from isolation (`POST /api/machines/{id}/unisolate`, body `{Comment}` as in the corpus template
 * `solutions-unisolate-mdemachine-entity.json`) → one comment on the incident with the outcome per host → optional
 * email. In `audit` mode the release is an audit record and the comment says "would release".
 */
import { defender } from "../connectors";
import type { Playbook } from "../kit";
import { incidentHostPlaybook, type IncidentHostOptions } from "./incident-hosts";

/** Build options of release-incident-hosts. */
export type ReleaseIncidentHostsOptions = IncidentHostOptions;

/** Build the release-incident-hosts playbook. */
export function releaseIncidentHosts(options: ReleaseIncidentHostsOptions = {}): Playbook {
  return incidentHostPlaybook(
    {
      name: "release-incident-hosts",
      description:
        "When a Microsoft Sentinel automation rule runs it on an incident, release each host entity's MDE device from isolation and comment the outcome per host on the incident; optionally email the SOC.",
      words: { step: "Release machine", Noun: "Release", past: "released", wouldDo: "would release", subject: "host release", failCode: "ReleaseFailed" },
      parameters: {},
      exclusions: false,
      act: (machineId, comment) => defender.releaseMachine({ machineId, comment }),
    },
    options,
  );
}
