/**
 * The playbooks an environment may enable. By default the shipped catalog; a project (project/) passes its own
 * list: the catalog entries it names and its authors' playbooks, each buildable with the environment's mode
 * and channel the same way.
 */
import { catalog, type CatalogBuildOptions } from "../catalog";
import type { Playbook } from "../kit";

/** A playbook an environment can enable (a `CatalogEntry` is one). */
export interface AvailablePlaybook {
  /** The name `Pulumi.<env>.yaml` lists it under (its definition's name). */
  readonly name: string;
  readonly description: string;
  /** True when it has destructive steps, so `mode` applies (`audit` renders none of them). */
  readonly hasModes: boolean;
  /** Build it with the environment's options. */
  create(options?: CatalogBuildOptions): Playbook;
}

/** The default list: every catalog playbook. */
export const CATALOG_PLAYBOOKS: readonly AvailablePlaybook[] = catalog;

/** `available: a, b, c` for messages. */
export function availableNames(available: readonly AvailablePlaybook[]): string {
  return available.length ? available.map((p) => p.name).join(", ") : "none (add playbooks to playbook-kit.json)";
}
