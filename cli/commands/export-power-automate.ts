/**
 * `playbook-kit export power-automate [--out DIR]`: an importable unmanaged Power Platform solution with every
 * playbook of the project as a cloud flow, `DIR/PlaybookKitMDE_1_0_0_0.zip`. Mail goes through the Office 365 Outlook
 * connector (Power Automate has no managed identity for Graph calls).
 */
import * as path from "node:path";
import { buildPowerAutomateSolution, connectionReferenceName, DEFAULT_SOLUTION, PowerAutomateExportError, sharedApiName } from "../../exporters/power-automate";
import { UserError } from "../../errors";
import { projectPlaybooks, type TypecheckOption } from "../project";
import { formatTable } from "../table";
import { writeOutput } from "./export-arm";

/** Options of `export power-automate`. */
export interface ExportPowerAutomateOptions extends TypecheckOption {
  out: string;
}

/** Run the command; resolves to the exit code. */
export async function run(options: ExportPowerAutomateOptions): Promise<number> {
  // Catalog playbooks switch to the Outlook connector; an author playbook sends mail the way its file says.
  const sources = projectPlaybooks(options).playbooks.map((p) => p.create({ channel: "outlook" }));
  let solution;
  try {
    solution = buildPowerAutomateSolution(sources);
  } catch (error) {
    if (error instanceof PowerAutomateExportError) throw new UserError(`cannot export to Power Automate: ${error.message}`, 1);
    throw error;
  }
  const file = path.join(options.out, solution.fileName);
  writeOutput(file, solution.zip);
  const out: string[] = [`wrote ${file} (unmanaged solution ${DEFAULT_SOLUTION.uniqueName} ${DEFAULT_SOLUTION.version})\n`];
  const rows = [["flow", "file", "connection references", "set after import"]];
  for (const flow of solution.flows) {
    rows.push([flow.name, flow.file, flow.apis.map(sharedApiName).join(", "), flow.parametersToSet.join(", ") || "-"]);
  }
  out.push(formatTable(rows));
  out.push(
    `Connection references: ${solution.apis.map((api) => `${connectionReferenceName(api, DEFAULT_SOLUTION.publisherPrefix)} (${sharedApiName(api)})`).join(", ")}.\n`,
  );
  out.push("Import: Power Automate > Solutions > Import solution, pick a connection for each reference, then set the listed parameters and turn the flows on.\n");
  process.stdout.write(out.join(""));
  return 0;
}
