/** Every rule, in the order they run, and the catalogue of every code `validate` can report. */
import * as arm from "./arm";
import * as connections from "./connections";
import * as deprecations from "./deprecations";
import * as expressions from "./expressions";
import * as limits from "./limits";
import * as parameters from "./parameters";
import * as references from "./references";
import type { Rule, RuleInfo } from "./rule";
import * as runAfter from "./run-after";
import * as secrets from "./secrets";
import * as structure from "./structure";
import * as triggers from "./triggers";
import * as variables from "./variables";
import * as warnings from "./warnings";

/** The semantic rules, one function each, in reporting order. */
export const SEMANTIC_RULES: readonly Rule[] = [
  expressions.expressionSyntax,
  expressions.unknownFunction,
  expressions.functionArity,
  expressions.createArrayNoArguments,
  expressions.expressionTooLong,
  expressions.templateTooLong,
  runAfter.runAfterMissing,
  runAfter.runAfterOtherScope,
  runAfter.runAfterSelf,
  runAfter.runAfterCycle,
  runAfter.runAfterStatus,
  references.referenceMissing,
  references.referenceNotRun,
  references.loopReferenceOutside,
  variables.variableUndeclared,
  variables.variableInitNested,
  parameters.parameterUndeclared,
  parameters.parameterNotInApp,
  parameters.parameterValueUndeclared,
  connections.connectionKeyMissing,
  connections.connectionKeyUnused,
  triggers.triggerReferenceWithoutTrigger,
  triggers.responseWithoutRequest,
  structure.notAllowedInLoop,
  structure.responseInParallelBranch,
  structure.foreachSequentialWithRepetitions,
  structure.nestingTooDeep,
  structure.tooManyActions,
  structure.switchTooManyCases,
  structure.nameTooLong,
  structure.nameInvalidCharacters,
  structure.duplicateName,
  warnings.untilWithoutLimit,
  limits.untilCountTooHigh,
  limits.waitCountNegative,
  limits.waitLongerThanRun,
  limits.secureParameterDefault,
  warnings.httpNotHttps,
  deprecations.deprecatedWdatpAdvancedHunting,
  deprecations.deprecatedMdeAdvancedHuntingApi,
  deprecations.deprecatedGraphSecurityAlerts,
  deprecations.deprecatedWdatpInitiateInvestigation,
  secrets.literalSecret,
  secrets.secureDataMissing,
  secrets.armSecretInlined,
  arm.armConnectionApiMismatch,
  arm.armConnectionNotInTemplate,
  arm.armConnectionDuplicate,
  arm.armMiConnectionNotAlternative,
  arm.workflowIdentityMissing,
];

/** Codes reported before the semantic rules: the document and the JSON Schema. */
export const DOCUMENT_RULES: readonly RuleInfo[] = [
  {
    code: "json-syntax",
    severity: "error",
    summary: "The file is not valid JSON (UTF-8 or UTF-16, a byte order mark and `//` or `/* */` comments are accepted).",
    fix: "Fix the JSON at the reported line and column.",
  },
  {
    code: "json-comments",
    severity: "warning",
    summary:
      "The file has `//` or `/* */` comments but is no ARM template: ARM accepts comments in templates, but nothing documents them for a definition, workflow resource, flow or workflow.json uploaded as is.",
    fix: "Remove the comments, or deploy the file inside an ARM template.",
  },
  {
    code: "json-duplicate-key",
    severity: "warning",
    summary: "An object has the same key twice: JSON parsers keep only the last one, so the first value is silently lost.",
    fix: "Remove or rename one of the two (in `actions`, a second action with the same name replaces the first).",
  },
  {
    code: "json-number-out-of-range",
    severity: "error",
    summary: "A number is beyond the range of a double (±1.7976931348623157E+308), such as `1e999`: parsers read it as Infinity, which has no JSON form.",
    fix: "Write the number as a string, or make it smaller.",
  },
  {
    code: "invalid-utf8",
    severity: "error",
    summary: "The file's bytes are not valid UTF-8 (nor UTF-16 with a byte order mark): the invalid bytes would be read as U+FFFD and their text lost.",
    fix: "Re-save the file as UTF-8.",
  },
  {
    code: "json-too-deep",
    severity: "error",
    summary: "Objects and arrays nest more than 256 levels deep; what lies inside is not checked (the rules stop there, and so does the simulator).",
    fix: "Flatten the value: no real workflow needs that depth.",
  },
  {
    code: "unknown-document",
    severity: "error",
    summary: "The JSON is none of: a workflow definition, a workflow resource, an ARM template, a Power Automate flow, a Logic Apps Standard workflow.json.",
    fix: "Pass workflow files only, or wrap the definition as `{\"definition\": …}`.",
  },
  {
    code: "definition-not-inline",
    severity: "warning",
    summary: "An ARM workflow resource's `definition` is an ARM expression (or missing), so its content cannot be checked here.",
    fix: "Inline the definition in the template, or validate the file it comes from.",
  },
  {
    code: "schema-violation",
    severity: "error",
    summary: "The definition breaks the workflow definition schema: a required property is missing or a value has the wrong type or form.",
    fix: "Fix the value the message names (see validators/schema/definition.schema.json).",
  },
  {
    code: "unknown-action-type",
    severity: "warning",
    summary: "An action's `type` is not one the schema knows (connectors evolve, so this is only a warning).",
    fix: "Check the spelling of the type; if it is a real new type, the schema needs it added.",
  },
  {
    code: "unknown-trigger-type",
    severity: "warning",
    summary: "A trigger's `type` is not one the schema knows.",
    fix: "Check the spelling of the type; if it is a real new type, the schema needs it added.",
  },
  {
    code: "unknown-property",
    severity: "warning",
    summary: "A property is not part of the schema for its action, trigger or definition type (often a typo).",
    fix: "Check the property name; remove it if it is not used.",
  },
  {
    code: "internal-error",
    severity: "error",
    summary: "A rule failed on this input. `validate` never throws; it reports the failure instead.",
    fix: "Report it with the input file; the other rules' results are still valid.",
  },
];

/** Every code `validate` can report, document codes first. */
export const RULES: readonly RuleInfo[] = [
  ...DOCUMENT_RULES,
  ...SEMANTIC_RULES.map(({ code, severity, summary, fix }): RuleInfo => ({ code, severity, summary, fix })),
];

/** Look a rule up by code. */
export function ruleInfo(code: string): RuleInfo | undefined {
  return RULES.find((r) => r.code === code);
}
