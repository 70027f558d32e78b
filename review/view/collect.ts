/**
 * What `playbook-kit view` draws: catalog playbooks by name (all of them by default) or workflow files
 * (definition, workflow resource, ARM template, flow), each catalog playbook with its bundled scenarios run in
 * the simulator, plus the scenarios of `--scenario` files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import { requiredPermissions } from "../../operations";
import { catalog, findCatalogEntry } from "../../playbooks/catalog";
import { SCENARIO_PARAMETERS, scenarios as bundled, type Scenario } from "../../playbooks/catalog/scenarios";
import { detect } from "../../validators/detect";
import type { ViewPlaybook } from "./page";
import { readScenarioFile, viewRun } from "./runs";

/** Options of `viewPlaybooks`. */
export interface ViewOptions {
  /** Scenario files to run besides the bundled scenarios. */
  scenarioFiles?: readonly string[];
  /** Show what `secureData` hides. */
  revealSecureData?: boolean;
  /** Parameter values for the runs (default: the scenarios' notify settings). */
  parameters?: Record<string, unknown>;
}

function fileTargets(file: string): ViewPlaybook[] {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`cannot read the workflow file '${file}': ${(error as Error).message}`);
  }
  const found = detect(doc, path.basename(file).replace(/\.json$/i, ""));
  if (!found.kind || !found.targets.length) throw new UserError(`${file} holds no workflow: expected a definition, a workflow resource, an ARM template with a Microsoft.Logic/workflows resource, or a Power Automate flow.`);
  return found.targets.map((t) => ({ name: t.name, definition: t.definition, permissions: requiredPermissions(t.definition), runs: [] }));
}

/** The playbooks (and runs) of the view. */
export function viewPlaybooks(targets: readonly string[], options: ViewOptions = {}): ViewPlaybook[] {
  const out: ViewPlaybook[] = [];
  const names = targets.length ? targets : catalog.map((e) => e.name);
  for (const target of names) {
    const entry = findCatalogEntry(target);
    if (entry) {
      const playbook = entry.create();
      out.push({ name: entry.name, description: playbook.description, definition: playbook.definition, permissions: requiredPermissions(playbook.definition), runs: [] });
    } else if (fs.existsSync(target) && fs.statSync(target).isFile()) out.push(...fileTargets(target));
    else throw new UserError(`'${target}' is neither a catalog playbook (${catalog.map((e) => e.name).join(", ")}) nor a workflow file.`);
  }
  const extra: Scenario[] = (options.scenarioFiles ?? []).flatMap((f) => readScenarioFile(f));
  const parameters = options.parameters ?? SCENARIO_PARAMETERS;
  for (const scenario of [...bundled, ...extra]) {
    const target = out.find((p) => p.name === scenario.playbook);
    const entry = findCatalogEntry(scenario.playbook);
    if (!target || !entry) {
      if (extra.includes(scenario)) throw new UserError(`scenario '${scenario.name}' runs '${scenario.playbook}', which is not a catalog playbook drawn here (${out.map((p) => p.name).join(", ")}).`);
      continue;
    }
    target.runs.push(viewRun(scenario, entry.create(scenario.options), parameters, options.revealSecureData === true));
  }
  return out;
}
