/**
 * The ARM resource schemas of ../shared/schemas (draft-04), compiled with ajv-draft-04, for the workflow
 * (`Microsoft.Logic/workflows` 2019-05-01) and connection (`Microsoft.Web/connections` 2016-06-01) resources.
 *
 * The 2019-05-01 file (from an unmerged pull request, see schemas/README) types a workflow parameter's `value`
 * as `{"type": "object"}` only — the Swagger "object" that means any JSON value. `parameterValue` says how the
 * caller relaxes that single node: `any` (Pulumi sends plain values), `object-or-expression` (ARM templates pass
 * `[parameters('x')]`, as the 2016/2017 schemas allow), or `as-published`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ValidateFunction } from "ajv";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { SCHEMAS } from "./paths";

const LOGIC_FILE = "arm-2019-05-01-Microsoft.Logic.json";
const LOGIC = "https://schema.management.azure.com/schemas/2019-05-01/Microsoft.Logic.json";
const WEB = "https://schema.management.azure.com/schemas/2016-06-01/Microsoft.Web.json";
const EXPRESSION = "https://schema.management.azure.com/schemas/common/definitions.json#/definitions/expression";

/** How the workflow parameter `value` node is read. */
export type ParameterValueMode = "any" | "object-or-expression" | "as-published";

/** The 2019-05-01 Logic schema, with the parameter `value` node set per `mode`. */
export function logicSchema(mode: ParameterValueMode): Record<string, any> {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, LOGIC_FILE), "utf8"));
  if (mode === "any") schema.definitions.WorkflowParameter.properties.value = {};
  if (mode === "object-or-expression") schema.definitions.WorkflowParameter.properties.value = { oneOf: [{ type: "object" }, { $ref: EXPRESSION }] };
  return schema;
}

/** Compiled validators for a workflow resource and a connection resource. */
export function armSchemaValidators(mode: ParameterValueMode): { workflow: ValidateFunction; connection: ValidateFunction } {
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(SCHEMAS).filter((f) => f.endsWith(".json")).sort()) {
    ajv.addSchema(file === LOGIC_FILE ? logicSchema(mode) : JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), "utf8")));
  }
  return {
    workflow: ajv.compile({ $ref: `${LOGIC}#/resourceDefinitions/workflows` }),
    connection: ajv.compile({ $ref: `${WEB}#/resourceDefinitions/connections` }),
  };
}
