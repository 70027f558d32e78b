/**
 * `playbook-kit runs --subscription S --resource-group RG [--workflow NAME] [--top N] [--format text|json]`:
 * recent runs with status, start, duration, and the failing action of failed runs with its error. Without
 * `--workflow`, every workflow in the resource group.
 */
import { connectionFromEnvironment, createLogicClient, endpointOf } from "../../ops/client";
import { formatRunsText, listRuns, workflowNames } from "../../ops/runs";
import { UserError } from "../../errors";
import type { OpsDeps } from "./status";

/** Options of `runs`. */
export interface RunsOptions {
  subscription: string;
  resourceGroup: string;
  workflow?: string;
  top?: string;
  format?: string;
}

const MAX_TOP = 250;

/** Run the command; resolves to the exit code. */
export async function run(options: RunsOptions, deps: OpsDeps = {}): Promise<number> {
  const topText = options.top ?? "10";
  if (!/^\d+$/.test(topText) || Number(topText) < 1 || Number(topText) > MAX_TOP) {
    throw new UserError(`--top must be a whole number from 1 to ${MAX_TOP}, not '${topText}'.`);
  }
  const top = Number(topText);
  const connection = deps.connection ?? connectionFromEnvironment(options.subscription);
  const endpoint = endpointOf(connection);
  const client = createLogicClient(connection);
  // Azure failures are AzureOperationError, a UserError: the CLI prints them without a stack trace.
  const names = options.workflow ? [options.workflow] : await workflowNames(client, options.resourceGroup, endpoint);
  const result = await listRuns(client, options.resourceGroup, names, top, endpoint);
  const write = deps.stdout ?? ((t: string) => process.stdout.write(t));
  if (options.format === "json") write(`${JSON.stringify({ resourceGroup: options.resourceGroup, workflows: result }, null, 2)}\n`);
  else if (!result.length) write(`No workflows in resource group ${options.resourceGroup}.\n`);
  else write(formatRunsText(result));
  return 0;
}
