/**
 * `playbook-kit graph <playbook | file> [--format mermaid|svg] [--out FILE]`: a Mermaid flowchart (or an SVG
 * diagram laid out as the designer draws it) of a playbook of the project, a `.ts` playbook file, or the
 * workflow in a JSON file (definition, workflow resource, ARM template, Power Automate flow, Standard
 * workflow.json), on standard output unless `--out` is given.
 */
import * as fs from "node:fs";
import { detect } from "../../validators/detect";
import { toMermaid } from "../../exporters/mermaid";
import { escapeControl, UserError } from "../../errors";
import { isPlaybookFileArgument } from "../../project/resolve";
import { playbookArgument, type TypecheckOption } from "../project";
import { readJsonFile } from "../read-json";
import { writeOutput } from "./export-arm";

/** Options of `graph`. */
export interface GraphOptions extends TypecheckOption {
  out?: string;
  /** `mermaid` (default) or `svg` (laid out as the designer draws it, rendered without a browser). */
  format?: "mermaid" | "svg";
}

function definitionOf(target: string, options: TypecheckOption): unknown {
  if (isPlaybookFileArgument(target) || !fs.existsSync(target)) return playbookArgument(target, options).playbook.definition;
  const doc = readJsonFile(target, "workflow");
  const found = detect(doc, target);
  if (!found.kind || !found.targets.length) {
    throw new UserError(`${target} holds no workflow: expected a definition, a workflow resource, an ARM template with a Microsoft.Logic/workflows resource, or a Power Automate flow.`);
  }
  if (found.targets.length > 1) {
    process.stderr.write(`${escapeControl(`${target} holds ${found.targets.length} workflows; drawing the first (${found.targets[0]!.name}).`)}\n`);
  }
  return found.targets[0]!.definition;
}

/** Run the command; resolves to the exit code. */
export async function run(target: string, options: GraphOptions = {}): Promise<number> {
  const definition = definitionOf(target, options);
  let text: string;
  if (options.format === "svg") {
    const { definitionSvg } = require("../../review/view") as typeof import("../../review/view");
    text = await definitionSvg(definition, { title: target });
  } else text = toMermaid(definition);
  if (options.out) writeOutput(options.out, text);
  else process.stdout.write(text);
  return 0;
}
