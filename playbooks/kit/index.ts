/** The playbook builder: typed expressions, steps, control flow and deterministic rendering. */
export { BuildError } from "./errors";
export { text, raw, lit, isExpr, type Expr, type ExprLike, type Ref, type Interpolable, type Untyped } from "./expr";
export * from "./functions";
export { Flow, type DesignerCondition, type ContainerBranches, type Step, type StepHandle, type StepOptions, type Composed, type Variable, type VariableTypeName, type ActionOutputs } from "./flow";
export { nameFromLabel, MAX_NAME_LENGTH } from "./names";
export {
  managedIdentity,
  connectionRef,
  type ActionSpec,
  type TriggerSpec,
  type Permission,
  type Input,
  type Operation,
  type ApiOperation,
  type HttpOperation,
  type OperationArgs,
  type OperationOutput,
} from "./operation";
export { param, type ParamSpec, type ParamSpecs, type ParamValue } from "./params";
export { definePlaybook, withMode, uniquePermissions, type Playbook, type PlaybookSpec, type TriggerHandle, type ParamRefs } from "./playbook";
export { never, always, when, unless, called, failed, BUILTIN_PROPERTY_CODES, type PlaybookProperty, type PropertyCondition, type OperationMatch, type OperationLike } from "./properties";
export { PLAYBOOK_MODES, type PlaybookMode } from "./audit";
export { toCanonicalJson } from "./render";
export * from "./triggers";
