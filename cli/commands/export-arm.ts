/**
 * `playbook-kit export arm [--env NAME] [--out DIR]`: one deployable ARM template per playbook,
 * `DIR/<playbook>.json`. With `--env`, the environment's enabled playbooks (built with its modes) and its values
 * as template parameter defaults; without, every playbook of the project with default options.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SENTINEL_PRINCIPAL_COMMAND, SENTINEL_PRINCIPAL_PARAMETER } from "../../exporters/arm-automation";
import { apisOf, toArmTemplate, type ArmExportOptions, type ExportablePlaybook } from "../../exporters/arm";
import { SECRET_PLACEHOLDER } from "../../playbooks/env";
import { requiredPermissions, type Permission } from "../../operations";
import { toCanonicalJson } from "../../playbooks/kit";
import { UserError } from "../../errors";
import { projectEnvironment, projectPlaybooks, type TypecheckOption } from "../project";
import { formatTable } from "../table";
import { configExitCode } from "../config-exit";

/** How the roles column names each resource. */
const ROLE_LABELS: Record<Permission["resource"], string> = { MicrosoftGraph: "Graph", WindowsDefenderATP: "MDE", MicrosoftSentinel: "Sentinel workspace:" };

/** Options of `export arm`. */
export interface ExportArmOptions extends TypecheckOption {
  env?: string;
  out: string;
}

interface Job {
  playbook: ExportablePlaybook;
  options: ArmExportOptions;
}

function jobs(env: string | undefined, options: TypecheckOption): Job[] {
  if (env === undefined) return projectPlaybooks(options).playbooks.map((p) => ({ playbook: p.playbook, options: {} }));
  const plan = projectEnvironment(env, options);
  const identity: ArmExportOptions["identity"] =
    plan.config.identity.type === "UserAssigned" ? { type: "UserAssigned", name: plan.config.identity.name ?? "" } : { type: "SystemAssigned" };
  return plan.playbooks.map((p) => {
    // Pulumi `secure:` values reach us as a placeholder: they must not become template defaults.
    const secretParameters = Object.keys(p.parameters).filter((name) => holdsSecret(p.parameters[name]));
    const parameterValues = Object.fromEntries(Object.entries(p.parameters).filter(([name]) => !secretParameters.includes(name)));
    return {
      playbook: p.playbook,
      options: {
        workflowName: p.workflowName,
        environment: env,
        parameterValues,
        secretParameters,
        state: p.state,
        identity,
        ...(plan.config.sentinel ? { sentinelWorkspaceResourceId: plan.config.sentinel.workspaceResourceId } : {}),
        ...(p.automationRule ? { automationRule: p.automationRule } : {}),
      },
    };
  });
}

/** True when a configured value is, or contains, a Pulumi secret (which only Pulumi can decrypt). */
function holdsSecret(value: unknown): boolean {
  if (value === SECRET_PLACEHOLDER) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsSecret);
  return false;
}

/** Write a file, turning file-system failures into a message. */
export function writeOutput(file: string, content: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

/** Run the command; resolves to the exit code. */
export async function run(options: ExportArmOptions): Promise<number> {
  let list: Job[];
  try {
    list = jobs(options.env, options);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") {
      process.stderr.write(`${error.message}\n`);
      return configExitCode(error);
    }
    throw error;
  }
  if (!list.length) {
    process.stderr.write(`Environment ${options.env} enables no playbook: nothing to export.\n`);
    return 1;
  }
  const rows = [["template", "workflow", "connections", "roles"]];
  const rendered: [string, string][] = [];
  for (const { playbook, options: exportOptions } of list) {
    const file = path.join(options.out, `${playbook.name}.json`);
    rendered.push([file, toCanonicalJson(toArmTemplate(playbook, exportOptions))]);
    const roles = requiredPermissions(playbook.definition).map((p) => `${ROLE_LABELS[p.resource]} ${p.role}`);
    rows.push([file, exportOptions.workflowName ?? playbook.name, apisOf(playbook).join(", ") || "-", roles.join(", ") || "-"]);
  }
  for (const [file, text] of rendered) writeOutput(file, text);
  process.stdout.write(formatTable(rows));
  process.stdout.write(
    `Deploy: az deployment group create --resource-group <rg> --template-file <template>; then grant the app roles (the template's metadata.postDeployment lists the commands). Sentinel roles are assigned by the template itself.\n`,
  );
  if (list.some((j) => j.options.automationRule)) {
    process.stdout.write(
      `Templates with a Sentinel automation rule take ${SENTINEL_PRINCIPAL_PARAMETER} (${SENTINEL_PRINCIPAL_COMMAND}) to grant Sentinel Automation Contributor on the resource group.\n`,
    );
  }
  return 0;
}
