/**
 * The per-environment plan: which playbooks are enabled, built with the environment's mode and channel, the
 * definition parameter values the stack sets, and the permissions it grants. `playbook-kit build --env` and the
 * Pulumi stack both use it, so what is built is byte for byte what is deployed and granted.
 */
import { createHash } from "node:crypto";
import type { Permission, Playbook } from "../kit";
import { MANAGED_IDENTITY_PARAMETER } from "../kit/operation";
import { requiredPermissions } from "../../operations";
import { planAutomationRule, type PlannedAutomationRule } from "./automation-rule";
import { ConfigError, type ConfigProblem } from "./errors";
import type { EnvironmentConfig, PlaybookMode, WorkflowState } from "./schema";
import type { AvailablePlaybook } from "./available";
import { checkEnvironmentConfig } from "./validate";

/** One enabled playbook of an environment. */
export interface PlannedPlaybook {
  /** Playbook name (a catalog entry's or an author playbook's). */
  name: string;
  /** Azure Logic App name the stack deploys (`workflowName(env, name)`). */
  workflowName: string;
  /** Built with the environment's mode and notify channel; its `render()` is the deployed definition. */
  playbook: Playbook;
  /** Deployed workflow state. */
  state: WorkflowState;
  /** The mode it was built with, for playbooks that have modes. */
  mode?: PlaybookMode;
  /**
   * Definition parameter values the stack sets (`$connections` excluded), in declaration order. Parameters
   * left out take their definition default.
   */
  parameters: Record<string, unknown>;
  /**
   * Set when the environment uses a user-assigned identity and the definition declares the identity parameter:
   * the stack sets that parameter to the identity's resource id, known only at deploy time.
   */
  identityParameter?: string;
  /** Managed APIs used through `$connections` (the connections the stack wires), sorted. */
  connectors: readonly string[];
  /** `requiredPermissions(playbook.definition)`: exactly what the stack grants for this playbook. */
  permissions: Permission[];
  /** The Sentinel automation rule that runs it, when its settings ask for one. */
  automationRule?: PlannedAutomationRule;
}

/** What an environment deploys. */
export interface EnvironmentPlan {
  /** Environment (= Pulumi stack) name. */
  env: string;
  config: EnvironmentConfig;
  /** Enabled playbooks only, in the order of the available list (catalog, then authors' files). */
  playbooks: PlannedPlaybook[];
  /** `config-literal-secret` warnings (plain values that look like credentials), when there are any. */
  warnings?: ConfigProblem[];
}

const MAX_WORKFLOW_NAME = 80;
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** True when `env` can name an environment (a Pulumi stack name without organization or project). */
export function isEnvironmentName(env: string): boolean {
  return ENV_NAME.test(env) && env.length <= 100;
}

/**
 * The Logic App name of a playbook in an environment: `<playbook>-<env>`, or when that exceeds the service's
 * 80 characters, its first 71 characters, a dash and 8 hex digits of its SHA-256. Deterministic.
 */
export function workflowName(env: string, playbook: string): string {
  const full = `${playbook}-${env}`;
  if (full.length <= MAX_WORKFLOW_NAME) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, MAX_WORKFLOW_NAME - 9)}-${hash}`;
}

function environmentValue(name: string, config: EnvironmentConfig): { value?: unknown; identityParameter?: boolean } {
  switch (name) {
    case "notifyTo":
      return { value: config.notify.recipients.join(";") };
    case "senderMailbox":
      return config.notify.sender === undefined ? {} : { value: config.notify.sender };
    case MANAGED_IDENTITY_PARAMETER:
      return config.identity.type === "UserAssigned" ? { identityParameter: true } : { value: "SystemAssigned" };
    default:
      return {};
  }
}

/**
 * Validate an environment's raw config (the `playbook-kit:` keys without the namespace) and plan it, with the
 * playbooks chosen from `available` (default: the catalog; a project passes its own, see project/).
 * Throws `ConfigError` listing every problem; `source` names what was read in the error's first line.
 */
export function planEnvironment(env: string, raw: unknown, source?: string, available?: readonly AvailablePlaybook[]): EnvironmentPlan {
  if (!isEnvironmentName(env)) {
    throw new ConfigError([{ path: "environment", message: `'${env}' is not a valid environment name: use letters, digits, '-', '_' and '.', starting with a letter or digit.` }], source, 2);
  }
  const { config, playbooks, warnings } = checkEnvironmentConfig(raw, source, available);
  const planned: PlannedPlaybook[] = [];
  for (const { entry, settings, playbook } of playbooks) {
    if (!settings.enabled) continue;
    const parameters: Record<string, unknown> = {};
    let identityParameter: string | undefined;
    for (const name of playbook.parameterNames) {
      if (name === "$connections") continue;
      const fromEnv = environmentValue(name, config);
      if (fromEnv.identityParameter) identityParameter = name;
      else if (fromEnv.value !== undefined) parameters[name] = fromEnv.value;
      else if (name in settings.parameters) parameters[name] = settings.parameters[name];
    }
    planned.push({
      name: entry.name,
      workflowName: workflowName(env, entry.name),
      playbook,
      state: settings.state,
      ...(settings.mode ? { mode: settings.mode } : {}),
      parameters,
      ...(identityParameter ? { identityParameter } : {}),
      connectors: playbook.connectors,
      permissions: requiredPermissions(playbook.definition),
      ...(settings.automationRule && config.sentinel
        ? { automationRule: planAutomationRule(settings.automationRule, workflowName(env, entry.name), config.sentinel.workspaceResourceId, settings.state) }
        : {}),
    });
  }
  return { env, config, playbooks: planned, ...(warnings.length ? { warnings } : {}) };
}
