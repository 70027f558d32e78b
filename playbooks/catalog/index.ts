/** The shipped playbooks, by name. */
import type { Playbook, PlaybookMode } from "../kit";
import { isolateOnHighSeverity } from "./isolate-on-high-severity";
import { scheduledAdvancedHunting } from "./scheduled-advanced-hunting";
import { isolateIncidentHosts } from "./isolate-incident-hosts";
import { releaseIncidentHosts } from "./release-incident-hosts";
import { restrictAppExecutionIncidentHosts } from "./restrict-app-execution-incident-hosts";
import { scanIncidentHosts } from "./scan-incident-hosts";
import { collectInvestigationPackage } from "./collect-investigation-package";
import { graphAlertTriage } from "./graph-alert-triage";
import type { NotifyChannel } from "./notify";

export { isolateOnHighSeverity, type IsolateOnHighSeverityOptions } from "./isolate-on-high-severity";
export { scheduledAdvancedHunting, type ScheduledAdvancedHuntingOptions } from "./scheduled-advanced-hunting";
export { isolateIncidentHosts, type IsolateIncidentHostsOptions } from "./isolate-incident-hosts";
export { releaseIncidentHosts, type ReleaseIncidentHostsOptions } from "./release-incident-hosts";
export { restrictAppExecutionIncidentHosts, type RestrictAppExecutionIncidentHostsOptions } from "./restrict-app-execution-incident-hosts";
export { scanIncidentHosts, type ScanIncidentHostsOptions } from "./scan-incident-hosts";
export { collectInvestigationPackage, type CollectInvestigationPackageOptions } from "./collect-investigation-package";
export { graphAlertTriage, type GraphAlertTriageOptions } from "./graph-alert-triage";
export { incidentHostPlaybook, type IncidentHostOptions, type IncidentHostSpec, type ActionWords, type FollowUpContext, type HostOutcome } from "./incident-hosts";
export { mailer, notifyParameters, type Mailer, type NotifyChannel } from "./notify";

/** Build options an environment may set for any catalog playbook. */
export interface CatalogBuildOptions {
  /** Only for playbooks with destructive steps: `audit` renders each as an audit record (`withMode`). */
  mode?: PlaybookMode;
  /** Email channel. */
  channel?: NotifyChannel;
}

/** One shipped playbook. */
export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  /** True when the playbook has an audit mode (it has destructive steps). */
  readonly hasModes: boolean;
  /** Build it with environment options. */
  create(options?: CatalogBuildOptions): Playbook;
}

/** Every shipped playbook. */
export const catalog: readonly CatalogEntry[] = [
  {
    name: "isolate-on-high-severity",
    description: "Isolate devices on High-severity MDE alerts and email the SOC.",
    hasModes: true,
    create: (o = {}) => isolateOnHighSeverity({ mode: o.mode, channel: o.channel }),
  },
  {
    name: "scheduled-advanced-hunting",
    description: "Run an Advanced Hunting query on a schedule and email any results.",
    hasModes: false,
    create: (o = {}) => scheduledAdvancedHunting({ channel: o.channel }),
  },
  {
    name: "isolate-incident-hosts",
    description: "Isolate the MDE devices of a Microsoft Sentinel incident's hosts and comment the outcome per host on the incident.",
    hasModes: true,
    create: (o = {}) => isolateIncidentHosts({ mode: o.mode, channel: o.channel }),
  },
  {
    name: "release-incident-hosts",
    description: "Release the MDE devices of a Microsoft Sentinel incident's hosts from isolation and comment the outcome per host on the incident.",
    hasModes: true,
    create: (o = {}) => releaseIncidentHosts({ mode: o.mode, channel: o.channel }),
  },
  {
    name: "restrict-app-execution-incident-hosts",
    description: "Restrict app execution on the MDE devices of a Microsoft Sentinel incident's hosts and comment the outcome per host on the incident.",
    hasModes: true,
    create: (o = {}) => restrictAppExecutionIncidentHosts({ mode: o.mode, channel: o.channel }),
  },
  {
    name: "scan-incident-hosts",
    description: "Start a Microsoft Defender Antivirus scan on the MDE devices of a Microsoft Sentinel incident's hosts and comment the outcome per host on the incident.",
    hasModes: true,
    create: (o = {}) => scanIncidentHosts({ mode: o.mode, channel: o.channel }),
  },
  {
    name: "collect-investigation-package",
    description: "Collect an MDE investigation package from each host of a Microsoft Sentinel incident, wait until it is ready and comment its download URI on the incident.",
    hasModes: true,
    create: (o = {}) => collectInvestigationPackage({ mode: o.mode, channel: o.channel }),
  },
  {
    name: "graph-alert-triage",
    description: "On a schedule, set the status of the new High Defender XDR alerts (Graph alerts_v2) since the last run, comment on them and email the SOC.",
    hasModes: false,
    create: (o = {}) => graphAlertTriage({ channel: o.channel }),
  },
];

/** Find a catalog playbook by name. */
export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return catalog.find((e) => e.name === name);
}
