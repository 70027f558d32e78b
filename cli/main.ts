#!/usr/bin/env node
/**
 * The `playbook-kit` command. It only wires library functions together: each command's module is
 * required lazily, so `--help` and `validate` never load Pulumi or the Azure SDK.
 */
import { Command, CommanderError, Option } from "commander";
import { escapeControl, escapeControlLines, UserError } from "../errors";
import { kitVersion } from "../project/kit";

/** A command module: runs with parsed arguments and returns the exit code. */
type CommandModule = { run(...args: any[]): Promise<number> | number };

function lazy(modulePath: string) {
  return async (...args: unknown[]) => {
    // Commander passes (args..., options, command); drop the Command object.
    const mod = require(modulePath) as CommandModule;
    const code = await mod.run(...args.slice(0, -1));
    process.exitCode = code;
  };
}

const format = (choices: string[], fallback: string) => new Option("--format <format>", "output format").choices(choices).default(fallback);

/** Build the command tree (exported for tests). */
export function createProgram(): Command {
  const program = new Command("playbook-kit")
    .description("Build, validate, simulate, export and operate Microsoft Defender for Endpoint playbooks.")
    .version(kitVersion(), "-V, --version", "print the kit's version")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("init")
    .description("write a new playbook repository: package.json, tsconfig, a sample playbook and its test, Pulumi stacks, the GitOps workflow")
    .argument("<dir>", "folder to create (must be empty unless --force)")
    .option("--kit <spec>", "dependency spec of playbook-kit in package.json (default: this kit's folder for a checkout, ^<version> when installed)")
    .option("--force", "write into a folder that is not empty (template files are overwritten, others left alone)")
    .action(lazy("./commands/init"));

  program
    .command("build")
    .description("type-check and render the project's playbooks to definition files and a manifest")
    .option("--out <dir>", "output directory (default: the project file's out, dist)")
    .option("--playbooks <dir>", "also build the TypeScript playbook files in this folder")
    .option("--env <name>", "build only what Pulumi.<name>.yaml enables, with its modes")
    .option("--no-typecheck", "load the playbook files without type-checking them first")
    .action(lazy("./commands/build"));

  program
    .command("validate")
    .description("check definitions, workflow resources, ARM templates and flow files")
    .argument("[paths...]", "files or directories (directories are walked for *.json)")
    .addOption(format(["text", "json", "sarif"], "text"))
    .option("--strict", "exit 1 on warnings too")
    .option("--remote", "use the Logic Apps validate API for each built definition")
    .option("--subscription <id>", "Azure subscription id (with --remote)")
    .option("--resource-group <name>", "resource group (with --remote)")
    .option("--location <region>", "Azure region (with --remote)")
    .option("--env <name>", "environment whose definitions --remote validates")
    .action(lazy("./commands/validate"));

  program
    .command("import")
    .description("turn existing playbooks (definitions, workflow resources, ARM templates, flows, workflow.json) into TypeScript playbook files")
    .argument("<paths...>", "files or directories (directories are walked for *.json, as validate walks them)")
    .option("--out <dir>", "folder for the .ts files and import-report.json (default: the project's first playbooks folder)")
    .option("--check", "write nothing: rebuild each import in memory and exit 1 with a JSON-pointer diff when a round trip is not exact")
    .option("--lift", "lift e-mail addresses, subscription/resource group/workspace/tenant ids and tenant URLs into definition parameters")
    .action(lazy("./commands/import"));

  program
    .command("simulate")
    .description("run a playbook locally against mocked connectors")
    .argument("<target>", "a playbook of the project (name), a .ts playbook file, or a definition, workflow or ARM template file")
    .option("--trigger <file>", "trigger outputs as JSON: {\"headers\"?: {...}, \"body\": ...} (optional for a Recurrence trigger)")
    .option("--mocks <file>", "JSON list of mocked calls")
    .option("--params <file>", "JSON object of definition parameter values (checked against their declared types)")
    .option("--now <iso>", "simulated start time")
    .option("--env <name>", "simulate the playbook as Pulumi.<name>.yaml builds it: its mode and parameter values")
    .option("--allow-unmocked", "exit 0 even when a call had no mock and a failure handler absorbed it")
    .option("--reveal-secure-data", "show the inputs and outputs secureData hides (local runs only)")
    .option("--arm-params <file>", "ARM template parameter values (a parameters file or {name: value})")
    .option("--no-typecheck", "load the project's playbook files without type-checking them first")
    .option("--max-actions <n>", "budget: actions run or skipped, every iteration counted (default 1000000)")
    .option("--max-time <duration>", "budget: simulated time from the start, ISO 8601 (default P90D)")
    .option("--max-records <n>", "budget: entries in the run record, action records and calls (default 500000)")
    .option("--max-record-chars <n>", "budget: characters of inputs, outputs and call bodies in the run record (default 400000000)")
    .option("--keep-iterations <n>", "iterations each loop's record keeps, first and last half (default 100)")
    .addOption(format(["text", "json"], "text"))
    .action(lazy("./commands/simulate"));

  program
    .command("verify")
    .description("explore every path of the project's playbooks and check their guard rails")
    .argument("[targets...]", "playbook names of the project or .ts playbook files (default: all)")
    .option("--playbooks <dir>", "also verify the TypeScript playbook files in this folder")
    .option("--budget <n>", "most runs per playbook (default 20000)")
    .option("--catalog", "only the catalog playbooks the project names, not its own files")
    .option("--no-typecheck", "load the playbook files without type-checking them first")
    .addOption(format(["text", "json", "markdown"], "text"))
    .action(lazy("./commands/verify"));

  program
    .command("eval")
    .description("evaluate an expression, or a batch of them")
    .argument("[expression]", "an expression such as \"@concat('a', 'b')\"")
    .option("--context <file>", "JSON {variables, parameters, now}")
    .option("--batch <file>", "JSON list of {expression, context}")
    .action(lazy("./commands/eval"));

  program
    .command("graph")
    .description("draw a playbook as a Mermaid flowchart or an SVG diagram")
    .argument("<target>", "a playbook of the project (name), a .ts playbook file, or a definition file")
    .addOption(format(["mermaid", "svg"], "mermaid"))
    .option("--out <file>", "write to a file instead of standard output")
    .option("--no-typecheck", "load the project's playbook files without type-checking them first")
    .action(lazy("./commands/graph"));

  program
    .command("diff")
    .description("what a change does to the playbooks: steps, trigger, parameters, permissions, destructive steps (exit 1 on changes)")
    .argument("[base]", "git ref, build folder (with manifest.json) or project folder", undefined)
    .argument("[head]", "git ref, build folder or project folder (default: the working tree)")
    .addOption(format(["text", "markdown", "json"], "text"))
    .option("--env <name>", "build what Pulumi.<name>.yaml enables on both sides")
    .action(lazy("./commands/diff"));

  program
    .command("view")
    .description("write an offline HTML view of playbooks and their simulated scenario runs")
    .argument("[names...]", "catalog playbook names or workflow files (default: the whole catalog)")
    .option("--out <dir>", "output directory", "dist/view")
    .option("--scenario <file...>", "also run these scenario files (a scenario object or a list of them)")
    .option("--reveal-secure-data", "show inputs and outputs that secureData hides in run history")
    .option("--open", "open the page in the default browser")
    .action(lazy("./commands/view"));

  const exportCmd = program.command("export").description("export playbooks for other deployment paths");
  // Without a subcommand commander would print nothing and exit 0.
  exportCmd.action(() => {
    throw new UserError("export needs a subcommand: 'export arm' or 'export power-automate' (see playbook-kit export --help).");
  });
  exportCmd
    .command("arm")
    .description("one deployable ARM template per playbook")
    .option("--env <name>", "environment whose values become template parameter defaults")
    .option("--out <dir>", "output directory", "dist/arm")
    .option("--no-typecheck", "load the project's playbook files without type-checking them first")
    .action(lazy("./commands/export-arm"));
  exportCmd
    .command("power-automate")
    .description("an importable unmanaged Power Platform solution zip")
    .option("--out <dir>", "output directory", "dist/power-automate")
    .option("--no-typecheck", "load the project's playbook files without type-checking them first")
    .action(lazy("./commands/export-power-automate"));

  program
    .command("status")
    .description("compare deployed workflows with what main builds (exit 1 on drift)")
    .requiredOption("--subscription <id>", "Azure subscription id")
    .requiredOption("--resource-group <name>", "resource group")
    .option("--env <name>", "environment to compare", "dev")
    .addOption(format(["text", "json"], "text"))
    .action(lazy("./commands/status"));

  program
    .command("runs")
    .description("recent runs with status, duration and the failing action")
    .requiredOption("--subscription <id>", "Azure subscription id")
    .requiredOption("--resource-group <name>", "resource group")
    .option("--workflow <name>", "only this workflow")
    .option("--top <n>", "runs per workflow", "10")
    .addOption(format(["text", "json"], "text"))
    .action(lazy("./commands/runs"));

  program
    .command("stack-mock")
    .description("run the project's Pulumi program for an environment under mocks (no Pulumi CLI, no cloud); print what it would create and grant")
    .argument("[env]", "environment (Pulumi.<env>.yaml)", "dev")
    .action(lazy("./commands/stack-mock"));

  program
    .command("report")
    .description("build, validate and simulate the playbooks an environment deploys and print a report (npm start)")
    .option("--env <name>", "environment", "dev")
    .option("--out <dir>", "output directory", "dist")
    .option("--no-typecheck", "load the project's playbook files without type-checking them first")
    .action(lazy("./commands/report"));

  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      return 2;
    }
    if (error instanceof UserError) {
      // Messages may quote input (file names, values, names from a definition): no control character gets through.
      process.stderr.write(`playbook-kit: ${error.multiline ? escapeControlLines(error.message) : escapeControl(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

if (require.main === module) {
  // A reader that closes the pipe early (`| head -c 10`) is not an error: stop quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`playbook-kit: internal error (please report it): ${escapeControlLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
      process.exitCode = 70;
    },
  );
}
