/**
 * `playbook-kit status --subscription S --resource-group RG [--env NAME] [--format text|json]`: is each deployed
 * workflow what main builds for the environment? Exit 0 when all are in sync, 1 when one drifted or is missing
 * (so a scheduled pipeline can alert), 2 when Azure cannot be asked (message, no stack trace).
 */
import type { AzureConnection } from "../../ops/client";
import { connectionFromEnvironment, createLogicClient, endpointOf } from "../../ops/client";
import { checkStatus, formatStatusText, statusExitCode } from "../../ops/status";
import { builtWorkflows, type BuiltWorkflow } from "../../ops/targets";
import { UserError } from "../../errors";
import { projectTargets } from "../project";

/** Options of `status`. */
export interface StatusOptions {
  subscription: string;
  resourceGroup: string;
  env?: string;
  format?: string;
}

/** Injected in tests. */
export interface OpsDeps {
  connection?: AzureConnection;
  /** Folder of `Pulumi.<env>.yaml`; default the project's (playbook-kit.json `pulumi`). */
  root?: string;
  stdout?: (text: string) => void;
}

/** Run the command; resolves to the exit code. */
export async function run(options: StatusOptions, deps: OpsDeps = {}): Promise<number> {
  const env = options.env ?? "dev";
  let workflows: BuiltWorkflow[];
  try {
    const { loaded, root } = projectTargets();
    workflows = builtWorkflows(env, deps.root ?? root, loaded.playbooks);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") throw new UserError(error.message, (error as { exitCode?: 1 | 2 }).exitCode ?? 1, true);
    throw error;
  }
  const connection = deps.connection ?? connectionFromEnvironment(options.subscription);
  // Azure failures are AzureOperationError, a UserError: the CLI prints them without a stack trace.
  const results = await checkStatus(createLogicClient(connection), options.resourceGroup, workflows, endpointOf(connection));
  const write = deps.stdout ?? ((t: string) => process.stdout.write(t));
  if (options.format === "json") {
    write(`${JSON.stringify({ environment: env, subscription: options.subscription, resourceGroup: options.resourceGroup, workflows: results }, null, 2)}\n`);
  } else {
    write(formatStatusText(results, { env, resourceGroup: options.resourceGroup }));
  }
  return statusExitCode(results);
}
