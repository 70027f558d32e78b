/**
 * The `playbook-kit:` configuration of one environment (`Pulumi.<env>.yaml`): TypeScript types and the JSON
 * schema ajv checks first. Rules that span several keys or depend on the catalog live in `validate.ts`.
 */
import type { PlaybookMode } from "../kit";

/** How the workflows authenticate. */
export type IdentityType = "SystemAssigned" | "UserAssigned";
/** How playbooks send email. */
export type NotifyChannel = "graph" | "outlook";
/** Workflow state after deploy. */
export type WorkflowState = "Enabled" | "Disabled";
/** Playbook mode: `audit` renders every destructive step as an audit record (`withMode`). */
export type { PlaybookMode };

/** One playbook's settings in an environment. */
export interface PlaybookSettings {
  /** Deploy it at all. A disabled playbook has no workflow, no connection and no grant. */
  enabled: boolean;
  /** Deployed workflow state (a deployed but Disabled workflow keeps its history and does not fire). */
  state: WorkflowState;
  /** Only for playbooks with destructive steps, and then required. */
  mode?: PlaybookMode;
  /** Definition parameter values (the environment-wide ones — recipients, sender, identity — are set elsewhere). */
  parameters: Record<string, unknown>;
  /** A Microsoft Sentinel automation rule that runs the playbook (incident-triggered playbooks only). */
  automationRule?: AutomationRuleSettings;
}

/** Incident severities an automation rule can match. */
export type IncidentSeverityName = "High" | "Medium" | "Low" | "Informational";

/**
 * `playbooks.<name>.automationRule`: a Sentinel automation rule on the environment's workspace that runs the
 * playbook when an incident is created (or updated) and matches every condition given.
 */
export interface AutomationRuleSettings {
  /** Position among the workspace's automation rules (1–1000, lower runs first). */
  order: number;
  /** Name shown in Sentinel; default `playbook-kit: run <workflow name>`. */
  displayName?: string;
  /** Run only for incidents of these severities (any severity when absent). */
  severities?: IncidentSeverityName[];
  /**
   * Run only for incidents raised by these analytics rules: rule ids (`<guid>`) of the workspace or their full
   * ARM ids (`<workspace id>/providers/Microsoft.SecurityInsights/alertRules/<guid>`).
   */
  analyticRuleIds?: string[];
  /** Run when the incident is `Created` (default) or `Updated`. */
  triggersWhen?: "Created" | "Updated";
  /** Default true; a rule of a playbook whose state is Disabled is deployed disabled. */
  enabled?: boolean;
}

/** The environment's Microsoft Sentinel workspace. */
export interface SentinelSettings {
  /** `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`. */
  workspaceResourceId: string;
}

/** A validated environment configuration (defaults applied). */
export interface EnvironmentConfig {
  /** Azure region of every resource, e.g. `westeurope`. */
  location: string;
  resourceGroup: { name: string; create: boolean };
  identity: { type: IdentityType; name?: string };
  notify: { channel: NotifyChannel; sender?: string; recipients: string[] };
  /** Grant the identity its app roles (needs Entra rights); false outputs the admin commands instead. */
  grantPermissions: boolean;
  /** Log Analytics workspace resource id for diagnostic settings (WorkflowRuntime logs, AllMetrics). */
  logAnalyticsWorkspaceId?: string;
  /** The Microsoft Sentinel workspace: Azure RBAC roles of playbooks that use the Sentinel connector are assigned on it. */
  sentinel?: SentinelSettings;
  /** Tags on every resource. */
  tags: Record<string, string>;
  /** By catalog playbook name. */
  playbooks: Record<string, PlaybookSettings>;
}

/** Tag names the stack sets itself on every resource. */
export const RESERVED_TAGS = ["managed-by", "environment", "playbook"] as const;

/** Keys whose Pulumi config value is a plain string (every other key holds JSON). */
export const STRING_KEYS = ["location", "logAnalyticsWorkspaceId"] as const;

const expressionHint = "Write the literal value; Pulumi config is not an ARM template.";

/** The JSON schema (draft-07) of the `playbook-kit:` namespace. `x-hint` explains pattern and format failures. */
export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["location", "resourceGroup", "identity", "notify", "grantPermissions", "playbooks"],
  properties: {
    location: {
      type: "string",
      pattern: "^[a-z][a-z0-9]*$",
      "x-hint": "must be an Azure region name in lower case without spaces, e.g. westeurope or eastus2",
    },
    resourceGroup: {
      type: "object",
      additionalProperties: false,
      required: ["name", "create"],
      properties: {
        name: {
          type: "string",
          pattern: "^[-\\w.()]{0,89}[-\\w()]$",
          "x-hint": "must be 1-90 letters, digits, '-', '_', '.', '(' or ')' and must not end with '.'",
        },
        create: { type: "boolean" },
      },
    },
    identity: {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: {
        type: { enum: ["SystemAssigned", "UserAssigned"] },
        name: {
          type: "string",
          pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$",
          "x-hint": "must be 3-128 letters, digits, '-' or '_', starting with a letter or digit",
        },
      },
    },
    notify: {
      type: "object",
      additionalProperties: false,
      required: ["channel", "recipients"],
      properties: {
        channel: { enum: ["graph", "outlook"] },
        sender: { type: "string", format: "mailbox", "x-hint": "must be a mailbox address such as soc-automation@contoso.com" },
        recipients: {
          type: "array",
          minItems: 1,
          // Repeats are checked in validate.ts: two Pulumi secrets read as the same placeholder are no repeat.
          items: { type: "string", format: "mailbox", "x-hint": "must be an email address such as soc@contoso.com" },
        },
      },
    },
    grantPermissions: { type: "boolean" },
    logAnalyticsWorkspaceId: {
      type: "string",
      format: "workspace-id",
      "x-hint": `must be a workspace resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>. ${expressionHint}`,
    },
    sentinel: {
      type: "object",
      additionalProperties: false,
      required: ["workspaceResourceId"],
      properties: {
        workspaceResourceId: {
          type: "string",
          format: "workspace-id",
          "x-hint": `must be the resource id of the Log Analytics workspace Microsoft Sentinel runs on: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>. ${expressionHint}`,
        },
      },
    },
    tags: {
      type: "object",
      maxProperties: 50 - RESERVED_TAGS.length,
      propertyNames: {
        maxLength: 512,
        pattern: "^[^<>%&\\\\?/]+$",
        "x-hint": "tag names must not contain < > % & \\ ? /",
      },
      additionalProperties: { type: "string", maxLength: 256 },
    },
    playbooks: {
      type: "object",
      minProperties: 1,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["enabled", "state"],
        properties: {
          enabled: { type: "boolean" },
          state: { enum: ["Enabled", "Disabled"] },
          mode: { enum: ["audit", "enforce"] },
          parameters: { type: "object" },
          // Checked by automation-rule.ts, which gives each problem a code.
          automationRule: {},
        },
      },
    },
  },
} as const;
