/**
 * Bundled scenarios for the catalog playbooks: sample MDE payloads, the mocks (in the mock-file form the
 * simulator and `playbook-kit simulate --mocks` read) and what each run must do. `npm start` runs them, and the
 * simulator's scenario tests assert them. The samples use the MDE API's field names; the values are made up.
 */
import type { PlaybookMode } from "../kit";
import { isolateIncidentHostsScenarios } from "./scenarios/isolate-incident-hosts";
import { isolateOnHighSeverityScenarios } from "./scenarios/isolate-on-high-severity";
import { scheduledAdvancedHuntingScenarios } from "./scenarios/scheduled-advanced-hunting";
import { releaseIncidentHostsScenarios, restrictAppExecutionIncidentHostsScenarios, scanIncidentHostsScenarios } from "./scenarios/incident-host-actions";
import { collectInvestigationPackageScenarios } from "./scenarios/collect-investigation-package";
import { graphAlertTriageScenarios } from "./scenarios/graph-alert-triage";
import type { Scenario } from "./scenarios/types";

export type { CallPattern, Scenario, ScenarioMock } from "./scenarios/types";
export * from "./scenarios/samples";

/** Every bundled scenario, in report order (one file per playbook). */
export const scenarios: readonly Scenario[] = [
  ...isolateOnHighSeverityScenarios,
  ...scheduledAdvancedHuntingScenarios,
  ...isolateIncidentHostsScenarios,
  ...releaseIncidentHostsScenarios,
  ...restrictAppExecutionIncidentHostsScenarios,
  ...scanIncidentHostsScenarios,
  ...collectInvestigationPackageScenarios,
  ...graphAlertTriageScenarios,
];

/** The modes whose builds a scenario holds for. */
export function scenarioModes(scenario: Scenario): readonly PlaybookMode[] {
  return scenario.modes ?? [scenario.options.mode ?? "enforce"];
}

/** Parameter values used when an environment gives none (notify settings). */
export const SCENARIO_PARAMETERS: Record<string, unknown> = {
  notifyTo: "soc@contoso.com;secops@contoso.com",
  senderMailbox: "mde-automation@contoso.com",
};
