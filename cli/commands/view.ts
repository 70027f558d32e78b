/**
 * `playbook-kit view [names…] [--out DIR] [--scenario FILE…] [--reveal-secure-data] [--open]`: write the
 * offline HTML view of playbooks and their simulated scenario runs to DIR/index.html and print its path.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "../../errors";
import { renderViewPage, viewPlaybooks } from "../../review/view";

/** Options of `view`. */
export interface ViewCommandOptions {
  out: string;
  scenario?: string[];
  revealSecureData?: boolean;
  open?: boolean;
}

/** Write the view page of `names` (all catalog playbooks when empty) into `out`; returns the file. */
export async function writeViewPage(names: readonly string[], out: string, options: Omit<ViewCommandOptions, "out" | "open"> = {}): Promise<string> {
  const playbooks = viewPlaybooks(names, { scenarioFiles: options.scenario, revealSecureData: options.revealSecureData });
  const html = await renderViewPage(playbooks, { revealSecureData: options.revealSecureData });
  const file = path.join(out, "index.html");
  try {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(file, html);
  } catch (error) {
    throw new UserError(`cannot write the view to ${out}: ${(error as Error).message}`);
  }
  return file;
}

/** Open a file with the desktop's default program, without waiting for it. */
function openFile(file: string): void {
  const [command, args] = process.platform === "darwin" ? ["open", [file]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", file]] : ["xdg-open", [file]];
  const child = spawn(command, args, { detached: true, stdio: "ignore" });
  child.on("error", () => process.stderr.write(`could not start ${command}; open ${file} in a browser.\n`));
  child.unref();
}

/** Run the command; resolves to the exit code. */
export async function run(names: string[], options: ViewCommandOptions): Promise<number> {
  const file = await writeViewPage(names, options.out, options);
  const absolute = path.resolve(file);
  process.stdout.write(`Wrote the view of ${names.length ? names.join(", ") : "the project's playbooks"} to ${file}\nOpen ${pathToFileURL(absolute).href}\n`);
  if (options.open) openFile(absolute);
  return 0;
}
