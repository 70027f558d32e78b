/** The shipped playbooks, by name. */
import type { Playbook, PlaybookMode } from "../kit";
import { isolateOnHighSeverity } from "./isolate-on-high-severity";
import { scheduledAdvancedHunting } from "./scheduled-advanced-hunting";
import { isolateIncidentHosts } from "./isolate-incident-hosts";
import type { NotifyChannel } from "./notify";

export { isolateOnHighSeverity, type IsolateOnHighSeverityOptions } from "./isolate-on-high-severity";
export { scheduledAdvancedHunting, type ScheduledAdvancedHuntingOptions } from "./scheduled-advanced-hunting";
export { isolateIncidentHosts, type IsolateIncidentHostsOptions } from "./isolate-incident-hosts";
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
];

/** Find a catalog playbook by name. */
export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return catalog.find((e) => e.name === name);
}
