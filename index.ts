/**
 * playbook-kit as a library: the builder, the connectors and the catalog. Validation, simulation and the WDL
 * language have their own entry points (`playbook-kit/validators`, `playbook-kit/simulator`, `playbook-kit/wdl`).
 */
export * from "./playbooks/kit";
export * from "./playbooks/connectors";
export { catalog, findCatalogEntry, isolateOnHighSeverity, scheduledAdvancedHunting, mailer, notifyParameters } from "./playbooks/catalog";
export type { CatalogEntry, CatalogBuildOptions, IsolateOnHighSeverityOptions, ScheduledAdvancedHuntingOptions, Mailer, NotifyChannel } from "./playbooks/catalog";
export { requiredPermissions } from "./operations";
export type { WorkflowDefinition, Action, Trigger, Json } from "./wdl";
