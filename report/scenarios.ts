/** The bundled scenarios of an environment's playbook: those written for the mode it is built in, and the others. */
import { SCENARIO_PARAMETERS, scenarioModes, scenarios, type Scenario } from "../playbooks/catalog/scenarios";
import type { PlannedPlaybook } from "../playbooks/env";

/** Scenarios of `planned` split by whether they hold for its build's mode, and the parameter values to run them with. */
export function scenariosFor(planned: PlannedPlaybook): { applicable: Scenario[]; other: Scenario[]; parameters: Record<string, unknown> } {
  const own = scenarios.filter((s) => s.playbook === planned.name);
  const applicable = own.filter((s) => scenarioModes(s).includes(planned.playbook.mode));
  return { applicable, other: own.filter((s) => !applicable.includes(s)), parameters: { ...SCENARIO_PARAMETERS, ...planned.parameters } };
}
