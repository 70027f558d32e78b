/**
 * `playbook-kit import <files or dirs…> [--out DIR] [--check] [--lift]`: wiring only; the work is importer/'s.
 * Writes one `<name>.ts` per workflow and `import-report.json` into the output folder and prints the table.
 * `--lift` moves hard-coded environment values into definition parameters and prints the Pulumi.<env>.yaml lines.
 * `--check` writes nothing and exits 1 when a round trip is not exact, printing where the definitions part.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../errors";
import { formatLifted, formatReportTable, importPlaybooks } from "../../importer";
import { findProject } from "../../project";

/** Options commander passes to `import`. */
export interface ImportCommandOptions {
  out?: string;
  check?: boolean;
  lift?: boolean;
}

/** The output folder: `--out`, else the project's first playbooks folder, else `playbooks`. */
function outputFolder(options: ImportCommandOptions): string {
  if (options.out) return path.resolve(options.out);
  const project = findProject();
  return path.resolve(project.root, project.config.playbooks[0] ?? "playbooks");
}

/** Playbook names already in the output folder (the generated ones avoid them). */
function existingNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\.ts$/, ""));
}

/** Import the files and write the playbooks; resolves to the exit code. */
export async function run(paths: string[], options: ImportCommandOptions = {}): Promise<number> {
  if (!paths.length) throw new UserError("import needs at least one file or directory, e.g. playbook-kit import azuredeploy.json");
  const out = outputFolder(options);
  const result = importPlaybooks(paths, { taken: options.check ? [] : existingNames(out), lift: options.lift === true });
  if (result.report.playbooks.length === 0) throw new UserError(`no workflow found in ${paths.join(", ")}`);
  process.stdout.write(formatReportTable(result.report));
  const failed = result.report.playbooks.filter((p) => p.roundTrip !== "exact");
  for (const [i, p] of result.report.playbooks.entries()) process.stdout.write(formatLifted(p, result.details[i]!));
  if (options.check) {
    for (const [i, p] of result.report.playbooks.entries()) {
      if (p.roundTrip === "exact") continue;
      process.stdout.write(`\n${p.source}${p.pointer ? `#${p.pointer}` : ""} (${p.file}):\n`);
      const differences = result.details[i]!.differences;
      if (differences.length === 0) for (const n of p.notes.filter((x) => x.startsWith("not imported"))) process.stdout.write(`  ${n}\n`);
      for (const d of differences) process.stdout.write(`  ${d.pointer || "/"}: source ${d.source}, built ${d.built}\n`);
    }
    return failed.length ? 1 : 0;
  }
  fs.mkdirSync(out, { recursive: true });
  for (const f of result.files) fs.writeFileSync(path.join(out, f.file), f.text);
  fs.writeFileSync(path.join(out, "import-report.json"), `${JSON.stringify(result.report, null, 2)}\n`);
  process.stdout.write(`Wrote ${result.files.length} playbook file(s) and import-report.json to ${path.relative(process.cwd(), out) || "."}.\n`);
  return failed.length ? 1 : 0;
}
