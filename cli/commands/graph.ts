/**
 * `playbook-kit graph <catalog-name | file> [--out FILE]`: a Mermaid flowchart of a catalog playbook or of the
 * workflow in a JSON file (definition, workflow resource, ARM template, Power Automate flow, Standard
 * workflow.json), on standard output unless `--out` is given.
 */
import * as fs from "node:fs";
import { catalog, findCatalogEntry } from "../../playbooks/catalog";
import { detect } from "../../validators/detect";
import { toMermaid } from "../../exporters/mermaid";
import { UserError } from "../../errors";
import { readJsonFile } from "../read-json";
import { writeOutput } from "./export-arm";

/** Options of `graph`. */
export interface GraphOptions {
  out?: string;
}

function definitionOf(target: string): unknown {
  const entry = findCatalogEntry(target);
  if (entry) return entry.create().definition;
  if (!fs.existsSync(target)) {
    throw new UserError(`'${target}' is neither a catalog playbook (${catalog.map((e) => e.name).join(", ")}) nor an existing file.`);
  }
  const doc = readJsonFile(target, "workflow");
  const found = detect(doc, target);
  if (!found.kind || !found.targets.length) {
    throw new UserError(`${target} holds no workflow: expected a definition, a workflow resource, an ARM template with a Microsoft.Logic/workflows resource, or a Power Automate flow.`);
  }
  if (found.targets.length > 1) {
    process.stderr.write(`${target} holds ${found.targets.length} workflows; drawing the first (${found.targets[0]!.name}).\n`);
  }
  return found.targets[0]!.definition;
}

/** Run the command; resolves to the exit code. */
export async function run(target: string, options: GraphOptions = {}): Promise<number> {
  const text = toMermaid(definitionOf(target));
  if (options.out) writeOutput(options.out, text);
  else process.stdout.write(text);
  return 0;
}
