/**
 * `playbooks.<name>.automationRule`: checked here rather than by the JSON schema so that every problem carries a
 * stable code. A rule is only for a playbook triggered by a Sentinel incident; its conditions become the
 * automation rule's `triggeringLogic.conditions` in the shape of the Microsoft.SecurityInsights API
 * (Azure/azure-quickstart-templates `quickstarts/microsoft.securityinsights/sentinel-automation-rule/azuredeploy.json`
 * @9f73f726: `{conditionType: "Property", conditionProperties: {propertyName, operator, propertyValues}}` with
 * `IncidentSeverity`/`Equals` and `IncidentRelatedAnalyticRuleIds`/`Contains` holding analytics rule ARM ids).
 */
import { describeValue } from "../../wdl";
import { isSentinelIncidentTriggered } from "../../operations";
import type { Problems } from "./errors";
import type { AutomationRuleSettings, IncidentSeverityName, WorkflowState } from "./schema";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Stable codes of the automation rule problems. */
export const AUTOMATION_RULE_CODES = {
  shape: "automation-rule-invalid",
  trigger: "automation-rule-not-incident-triggered",
  analyticRule: "automation-rule-analytic-rule-id",
} as const;

const KEYS = ["order", "displayName", "severities", "analyticRuleIds", "triggersWhen", "enabled"] as const;
const SEVERITIES: readonly IncidentSeverityName[] = ["High", "Medium", "Low", "Informational"];
/** UNCONFIRMED: the portal offers orders 1–1000; the API reference states no range. */
const MAX_ORDER = 1000;
const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ALERT_RULES = "/providers/microsoft.securityinsights/alertrules/";

/** One condition of an automation rule, in the API's shape. */
export interface AutomationRuleCondition {
  conditionType: "Property";
  conditionProperties: { propertyName: "IncidentSeverity" | "IncidentRelatedAnalyticRuleIds"; operator: "Equals" | "Contains"; propertyValues: string[] };
}

/** An automation rule as the environment deploys it (stacks and `export arm` read this). */
export interface PlannedAutomationRule {
  displayName: string;
  order: number;
  triggersWhen: "Created" | "Updated";
  /** False when the config disables it or the workflow is deployed Disabled. */
  enabled: boolean;
  conditions: AutomationRuleCondition[];
}

/** Unknown keys and a missing or non-integer order. */
function keyProblems(at: (string | number)[], raw: Obj, problems: Problems): void {
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) problems.add([...at, key], `is not a key of an automation rule; its keys: ${KEYS.join(", ")}.`, AUTOMATION_RULE_CODES.shape);
  }
  if (raw.order === undefined) problems.add([...at, "order"], `is required: the rule's position among the workspace's automation rules, an integer from 1 to ${MAX_ORDER} (lower runs first).`, AUTOMATION_RULE_CODES.shape);
  else if (!Number.isInteger(raw.order) || (raw.order as number) < 1 || (raw.order as number) > MAX_ORDER) {
    problems.add([...at, "order"], `must be an integer from 1 to ${MAX_ORDER}, not ${describeValue(raw.order)}.`, AUTOMATION_RULE_CODES.shape);
  }
}

/** displayName, triggersWhen and enabled: their types. */
function scalarProblems(at: (string | number)[], raw: Obj, problems: Problems): void {
  if (raw.displayName !== undefined && (typeof raw.displayName !== "string" || !raw.displayName.trim())) {
    problems.add([...at, "displayName"], `must be a non-empty string, not ${describeValue(raw.displayName)}.`, AUTOMATION_RULE_CODES.shape);
  }
  if (raw.triggersWhen !== undefined && raw.triggersWhen !== "Created" && raw.triggersWhen !== "Updated") {
    problems.add([...at, "triggersWhen"], `must be Created or Updated, not ${describeValue(raw.triggersWhen)}.`, AUTOMATION_RULE_CODES.shape);
  }
  if (raw.enabled !== undefined && typeof raw.enabled !== "boolean") problems.add([...at, "enabled"], `must be a boolean, not ${describeValue(raw.enabled)}.`, AUTOMATION_RULE_CODES.shape);
}

/** A non-empty list of distinct strings, each passing `check` (which returns why not). */
function listProblems(at: (string | number)[], value: unknown, check: (item: string) => string | undefined, problems: Problems): void {
  if (!Array.isArray(value) || !value.length) {
    const what = Array.isArray(value) ? "is empty" : `must be a list, not ${describeValue(value)}`;
    problems.add(at, `${what}: list at least one value, or leave it out to match every incident.`, AUTOMATION_RULE_CODES.shape);
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    const why = typeof item === "string" ? check(item) : `must be a string, not ${describeValue(item)}.`;
    if (why) problems.add([...at, i], why, AUTOMATION_RULE_CODES.shape);
    const key = typeof item === "string" ? item.toLowerCase() : JSON.stringify(item);
    if (seen.has(key)) problems.add([...at, i], `repeats [${seen.get(key)}]; list each value once.`, AUTOMATION_RULE_CODES.shape);
    else seen.set(key, i);
  });
}

const severityProblem = (s: string) => ((SEVERITIES as readonly string[]).includes(s) ? undefined : `must be one of ${SEVERITIES.join(", ")}, not ${describeValue(s)}.`);
const ruleIdForm = (s: string) =>
  RULE_NAME.test(s) || s.toLowerCase().includes(ALERT_RULES)
    ? undefined
    : `must be an analytics rule id (its GUID) or its ARM id <workspace id>/providers/Microsoft.SecurityInsights/alertRules/<id>, not ${describeValue(s)}.`;

/** An analytics rule given by ARM id must be a rule of the environment's workspace. */
function foreignRuleProblems(at: (string | number)[], ids: readonly string[], workspaceId: string, problems: Problems): void {
  const prefix = `${workspaceId.toLowerCase()}${ALERT_RULES}`;
  ids.forEach((id, i) => {
    if (!id.toLowerCase().includes(ALERT_RULES) || id.toLowerCase().startsWith(prefix)) return;
    problems.add(
      [...at, "analyticRuleIds", i],
      `is not an analytics rule of the Sentinel workspace ${workspaceId} (playbook-kit:sentinel.workspaceResourceId): an automation rule only sees incidents of its own workspace. Give the rule's id in that workspace.`,
      AUTOMATION_RULE_CODES.analyticRule,
    );
  });
}

/**
 * Check `raw` (the value of `playbooks.<name>.automationRule`) for a playbook with `definition`; returns the
 * settings when they are well-formed. `workspaceId` is the environment's Sentinel workspace, when valid.
 */
export function checkAutomationRule(name: string, raw: unknown, definition: unknown, workspaceId: string | undefined, problems: Problems): AutomationRuleSettings | undefined {
  const at = ["playbooks", name, "automationRule"];
  if (!isObj(raw)) {
    problems.add(at, `must be an object such as {order: 10, severities: [High]}, not ${describeValue(raw)}.`, AUTOMATION_RULE_CODES.shape);
    return undefined;
  }
  const before = problems.size;
  if (!isSentinelIncidentTriggered(definition)) {
    problems.add(
      at,
      `is only for playbooks triggered by a Microsoft Sentinel incident (sentinel.incidentTrigger()); ${name} starts from another trigger, which an automation rule cannot run. Remove automationRule, or build ${name} on the incident trigger.`,
      AUTOMATION_RULE_CODES.trigger,
    );
  }
  keyProblems(at, raw, problems);
  scalarProblems(at, raw, problems);
  if (raw.severities !== undefined) listProblems([...at, "severities"], raw.severities, severityProblem, problems);
  if (raw.analyticRuleIds !== undefined) {
    listProblems([...at, "analyticRuleIds"], raw.analyticRuleIds, ruleIdForm, problems);
    if (workspaceId && Array.isArray(raw.analyticRuleIds)) foreignRuleProblems(at, raw.analyticRuleIds.filter((x): x is string => typeof x === "string"), workspaceId, problems);
  }
  return problems.size === before ? (raw as unknown as AutomationRuleSettings) : undefined;
}

/** The full ARM id of an analytics rule given by id or ARM id. */
export function analyticRuleResourceId(workspaceId: string, id: string): string {
  return id.toLowerCase().includes(ALERT_RULES) ? id : `${workspaceId}/providers/Microsoft.SecurityInsights/alertRules/${id}`;
}

/** The rule the stack and the ARM export deploy for a playbook's settings. */
export function planAutomationRule(settings: AutomationRuleSettings, workflowName: string, workspaceId: string, state: WorkflowState): PlannedAutomationRule {
  const conditions: AutomationRuleCondition[] = [];
  if (settings.severities?.length) {
    conditions.push({ conditionType: "Property", conditionProperties: { propertyName: "IncidentSeverity", operator: "Equals", propertyValues: [...settings.severities] } });
  }
  if (settings.analyticRuleIds?.length) {
    conditions.push({
      conditionType: "Property",
      conditionProperties: { propertyName: "IncidentRelatedAnalyticRuleIds", operator: "Contains", propertyValues: settings.analyticRuleIds.map((id) => analyticRuleResourceId(workspaceId, id)) },
    });
  }
  return {
    displayName: settings.displayName ?? `playbook-kit: run ${workflowName}`,
    order: settings.order,
    triggersWhen: settings.triggersWhen ?? "Created",
    enabled: (settings.enabled ?? true) && state === "Enabled",
    conditions,
  };
}
