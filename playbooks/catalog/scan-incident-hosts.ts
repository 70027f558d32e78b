/**
 * scan-incident-hosts: a Microsoft Sentinel incident → for each host entity → resolve the MDE device → start a
 * Microsoft Defender Antivirus scan (`POST /api/machines/{id}/runAntiVirusScan`, body `{Comment, ScanType}` as in
 * the corpus template `run-mdeantivirus-incident.json`) → one comment on the incident with the outcome per host →
 * optional email. In `audit` mode the scan request is an audit record and the comment says "would start a scan".
 */
import { defender } from "../connectors";
import { param, text, type Playbook } from "../kit";
import { incidentHostPlaybook, type IncidentHostOptions } from "./incident-hosts";

/** Build options of scan-incident-hosts. */
export type ScanIncidentHostsOptions = IncidentHostOptions;

/** Build the scan-incident-hosts playbook. */
export function scanIncidentHosts(options: ScanIncidentHostsOptions = {}): Playbook {
  return incidentHostPlaybook(
    {
      name: "scan-incident-hosts",
      description:
        "When a Microsoft Sentinel automation rule runs it on an incident, start a Microsoft Defender Antivirus scan on each host entity's MDE device and comment the outcome per host on the incident; optionally email the SOC.",
      words: { step: "Run antivirus scan", Noun: "Scan", past: "scan started", wouldDo: "would start a scan", subject: "antivirus scan", failCode: "ScanFailed" },
      parameters: {
        scanType: param.choice(["Quick", "Full"], { default: "Full", description: "Antivirus scan type: Quick, or Full (the corpus template's choice; slower)." }),
      },
      exclusions: false,
      headingDetail: (p) => text`, scan type ${p.scanType}`,
      act: (machineId, comment, p) => defender.runAntivirusScan({ machineId, comment, scanType: p.scanType }),
    },
    options,
  );
}
