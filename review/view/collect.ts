/**
 * What `playbook-kit view` draws: the playbooks of the project (`playbook-kit.json`: the catalog entries it names
 * and the author's playbooks; all of them by default), playbooks by name or `.ts` file, or workflow files
 * (definition, workflow resource, ARM template, flow); each with the bundled scenarios of its name run in the
 * simulator, plus the scenarios of `--scenario` files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import { requiredPermissions } from "../../operations";
import { findProject, loadProject, resolvePlaybook, type ProjectPlaybook } from "../../project";
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
  /** Where the project is found (default: the current folder). */
  cwd?: string;
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

function drawn(p: ProjectPlaybook): ViewPlaybook {
  const playbook = p.create();
  return { name: p.name, description: playbook.description, definition: playbook.definition, permissions: requiredPermissions(playbook.definition), runs: [] };
}

/** The playbooks (and runs) of the view. */
export function viewPlaybooks(targets: readonly string[], options: ViewOptions = {}): ViewPlaybook[] {
  const cwd = options.cwd ?? process.cwd();
  const out: ViewPlaybook[] = [];
  const sources = new Map<string, ProjectPlaybook>();
  const add = (p: ProjectPlaybook) => {
    sources.set(p.name, p);
    out.push(drawn(p));
  };
  if (!targets.length) loadProject(findProject(cwd)).playbooks.forEach(add);
  for (const target of targets) {
    const file = path.resolve(cwd, target);
    if (/\.json$/i.test(target) && fs.existsSync(file) && fs.statSync(file).isFile()) out.push(...fileTargets(file));
    else add(resolvePlaybook(target, { cwd }));
  }
  const extra: Scenario[] = (options.scenarioFiles ?? []).flatMap((f) => readScenarioFile(f));
  const parameters = options.parameters ?? SCENARIO_PARAMETERS;
  for (const scenario of [...bundled, ...extra]) {
    const target = out.find((p) => p.name === scenario.playbook);
    const source = sources.get(scenario.playbook);
    if (!target || !source) {
      if (extra.includes(scenario)) throw new UserError(`scenario '${scenario.name}' runs '${scenario.playbook}', which is not a playbook drawn here (${out.map((p) => p.name).join(", ")}).`);
      continue;
    }
    target.runs.push(viewRun(scenario, source.create(scenario.options), parameters, options.revealSecureData === true));
  }
  return out;
}
