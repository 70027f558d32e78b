/**
 * `playbook-kit stack-mock [env]`: run the project's Pulumi program (its `Pulumi.yaml` `main`) for
 * `Pulumi.<env>.yaml` under Pulumi's mocks — no Pulumi CLI, no cloud — and print one JSON line: the workflows it
 * would create, the app roles it would grant, the resource count and a digest. Exit 1 when the program fails.
 * Loads Pulumi (a deploy command), only when run.
 */
import { UserError } from "../../errors";
import { findProject, pulumiRoot } from "../../project";
import { configExitCode } from "../config-exit";

/** Run the command; resolves to the exit code. */
export async function run(env: string | undefined, _options: Record<string, never> = {}): Promise<number> {
  const project = findProject();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mockStackSummary } = require("../../stacks/testing") as typeof import("../../stacks/testing");
  try {
    const result = await mockStackSummary(env ?? "dev", pulumiRoot(project));
    process.stdout.write(`${result.line}\n`);
    return result.code;
  } catch (error) {
    // An unknown environment is a usage error (2), problems in its stack file a failed check (1).
    if (error instanceof Error && error.name === "ConfigError") throw new UserError(error.message, configExitCode(error), true);
    throw error;
  }
}
