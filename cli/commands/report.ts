/**
 * `playbook-kit report` (what `npm start` runs): build the playbooks an environment enables, validate them,
 * simulate the catalog's bundled scenarios and print one report; write the HTML view of the same playbooks and
 * runs (`<out>/view/index.html`). Offline; exit 1 when anything is wrong.
 */
import * as path from "node:path";
import { renderBuild, writeBuild } from "../../playbooks/build";
import { findCatalogEntry } from "../../playbooks/catalog";
import { checkScenario } from "../../scenarios/check";
import { SCENARIO_PARAMETERS, scenarios } from "../../playbooks/catalog/scenarios";
import { loadEnvironment } from "../../playbooks/env";
import { toMermaid } from "../../exporters/mermaid";
import { countSeverities, validate } from "../../validators";
import { formatTable } from "../table";

/** Options of `report`. */
export interface ReportOptions {
  env: string;
  out: string;
}

const ok = (good: boolean) => (good ? "ok" : "FAIL");

/** Run the command; resolves to the exit code. */
export async function run(options: ReportOptions): Promise<number> {
  let plan;
  try {
    plan = loadEnvironment(options.env);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  let failed = false;
  const say = (text: string) => process.stdout.write(`${text}\n`);

  say(`# playbook-kit report — environment ${plan.env}\n`);
  say(`## Build (${options.out}/)`);
  const output = renderBuild(
    plan.playbooks.map((p) => p.playbook),
    toMermaid,
  );
  writeBuild(options.out, output);
  const buildRows = [["playbook", "state", "mode", "actions", "permissions"]];
  for (const p of plan.playbooks) {
    const mode = plan.config.playbooks[p.name]?.mode ?? (findCatalogEntry(p.name)?.hasModes ? "enforce" : "-");
    buildRows.push([p.name, p.state, mode, String(p.playbook.actionCount), p.permissions.map((x) => x.role).join(", ") || "-"]);
  }
  say(formatTable(buildRows));

  say("## Validate");
  const validateRows = [["definition", "errors", "warnings", "result"]];
  for (const p of plan.playbooks) {
    const diagnostics = validate(p.playbook.definition);
    const counts = countSeverities(diagnostics);
    failed ||= counts.errors > 0;
    validateRows.push([`${p.name}.definition.json`, String(counts.errors), String(counts.warnings), ok(counts.errors === 0)]);
    for (const d of diagnostics) validateRows.push([`  ${d.severity} ${d.code}`, d.pointer, "", d.message]);
  }
  say(formatTable(validateRows));

  say("## Simulate (bundled scenarios, simulated clock, mocked connectors)");
  const envParameters = new Map(plan.playbooks.map((p) => [p.name, p.parameters]));
  for (const scenario of scenarios) {
    const entry = findCatalogEntry(scenario.playbook)!;
    const playbook = entry.create({ ...scenario.options, channel: plan.config.notify.channel });
    const parameters = { ...SCENARIO_PARAMETERS, ...(envParameters.get(scenario.playbook) ?? {}) };
    const outcome = checkScenario(scenario, playbook, parameters);
    failed ||= outcome.problems.length > 0;
    const calls = outcome.run.calls.map((c) => `${c.connector ?? "http"} ${c.method} ${c.path ?? c.uri}`);
    say(`- [${ok(outcome.problems.length === 0)}] ${scenario.playbook} / ${scenario.name}: ${scenario.title}`);
    say(`    run ${outcome.run.status}${outcome.run.error ? ` (${outcome.run.error.code})` : ""}; calls: ${calls.length ? calls.join(" → ") : "none"}`);
    for (const subject of outcome.emails) say(`    email: "${subject}"`);
    for (const problem of outcome.problems) say(`    unexpected: ${problem}`);
  }
  say("");
  say("## View");
  const { writeViewPage } = require("./view") as typeof import("./view");
  const page = await writeViewPage(plan.playbooks.map((p) => p.name), path.join(options.out, "view"));
  say(`The diagrams and the scenario runs above, as a page: ${page}`);
  say("");
  say(failed ? "Report: something is wrong (see FAIL above)." : "Report: all playbooks built, validated and behaved as expected.");
  return failed ? 1 : 0;
}
