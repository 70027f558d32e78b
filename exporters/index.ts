/** Exporters: ARM templates, the Power Automate solution, Mermaid diagrams. */
export { toMermaid } from "./mermaid";
export {
  toArmTemplate,
  apisOf,
  deploymentNotes,
  grantCommand,
  templateParameterName,
  RESOURCE_APPS,
  WORKFLOW_API_VERSION,
  CONNECTION_API_VERSION,
  type ArmExportOptions,
  type ExportablePlaybook,
} from "./arm";
export { escapeArmLiterals, escapeArmString, unescapeArmString, isArmExpressionString, needsArmEscape } from "./arm-escape";
export { MANAGED_IDENTITY_APIS, usesManagedIdentity, connectionKeysOf } from "./connections";
export { uuidV5, PLAYBOOK_KIT_NAMESPACE } from "./guid";
export { API_OPERATIONS, WEBHOOK_OPERATIONS, findApiOperation, findWebhookOperation, matchPath, type WebhookOperation } from "../operations";
export {
  buildPowerAutomateSolution,
  toPowerAutomateFlow,
  flowId,
  flowFileBaseName,
  connectionReferenceName,
  sharedApiName,
  PowerAutomateExportError,
  DEFAULT_SOLUTION,
  type FlowSource,
  type PowerAutomateFlow,
  type PowerAutomateSolution,
  type SolutionFlow,
  type SolutionOptions,
} from "./power-automate";
