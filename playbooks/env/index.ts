/**
 * Environment configuration (`Pulumi.<env>.yaml`, namespace `playbook-kit:`): schema, loader and the
 * per-environment plan that both `playbook-kit build --env` and the Pulumi stack use. No Pulumi here.
 */
export { ConfigError, CONFIG_NAMESPACE, formatProblems, formatWarnings, keyPath, type ConfigProblem } from "./errors";
export { LITERAL_SECRET_CODE, credentialKind, literalSecretWarnings } from "./secrets";
export {
  CONFIG_SCHEMA,
  RESERVED_TAGS,
  STRING_KEYS,
  type EnvironmentConfig,
  type IdentityType,
  type NotifyChannel,
  type PlaybookMode,
  type PlaybookSettings,
  type AutomationRuleSettings,
  type IncidentSeverityName,
  type WorkflowState,
} from "./schema";
export { validateEnvironmentConfig, checkEnvironmentConfig, ENVIRONMENT_PARAMETERS, SECRET_PLACEHOLDER } from "./validate";
export { AUTOMATION_RULE_CODES, analyticRuleResourceId, planAutomationRule, type AutomationRuleCondition, type PlannedAutomationRule } from "./automation-rule";
export { planEnvironment, workflowName, isEnvironmentName, type EnvironmentPlan, type PlannedPlaybook } from "./plan";
export { loadEnvironment, readEnvironmentConfig, type LoadEnvironmentOptions } from "./load";
export { engineText, valueFromEngineText } from "./engine";
export { CATALOG_PLAYBOOKS, availableNames, type AvailablePlaybook } from "./available";
