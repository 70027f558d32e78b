/** View section: the offline HTML page of the environment's builds and the scenario runs the report simulated. */
import * as fs from "node:fs";
import * as path from "node:path";
import { requiredPermissions } from "../../operations";
import { renderViewPage, viewRun, type ViewPlaybook } from "../../review/view";
import { scenariosFor } from "../scenarios";
import type { ReportSection } from "../section";

/** The view section: writes `<out>/view/index.html`. */
export const viewSection: ReportSection = {
  id: "view",
  async run({ plan, outDir }) {
    const playbooks: ViewPlaybook[] = plan.playbooks.map((planned) => {
      const { applicable, parameters } = scenariosFor(planned);
      const { playbook } = planned;
      return {
        name: planned.name,
        description: playbook.description,
        definition: playbook.definition,
        permissions: requiredPermissions(playbook.definition),
        runs: applicable.map((s) => viewRun(s, playbook, parameters, false)),
      };
    });
    const dir = path.join(outDir, "view");
    const file = path.join(dir, "index.html");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, await renderViewPage(playbooks, { title: `playbook-kit view — environment ${plan.env}` }));
    return { title: "View", lines: [`The diagrams and the scenario runs above, as a page: ${file}`], ok: true };
  },
};
