/** Operations against deployed workflows (loads the Azure SDK): drift status, runs, remote validation. */
export { createLogicClient, connectionFromEnvironment, staticTokenCredential, endpointOf, DEFAULT_ENDPOINT, type AzureConnection } from "./client";
export { DEFAULT_OPS_LIMITS, OpsLimitError, type OpsLimits, type OpsLimitCode } from "./limits";
export { AzureOperationError, explainAzureError, isResourceNotFound } from "./errors";
export { diffJson, type Difference } from "./diff";
export { normalizeDefinition, normalizeRunAfter, normalizeParameterDeclarations } from "./normalize";
export { checkStatus, compareWorkflow, comparableDocuments, formatStatusText, statusExitCode, type WorkflowStatus } from "./status";
export { listRuns, workflowNames, failingAction, formatRunsText, type RunSummary, type WorkflowRuns, type ActionFailure } from "./runs";
export { validateRemotely, validationRequest, formatRemoteValidation, type RemoteValidation } from "./remote-validate";
export { builtWorkflows, type BuiltWorkflow } from "./targets";
