/**
 * Run the compiled definition schema and turn its errors into diagnostics: unknown types and unknown keys are
 * warnings, everything else is `schema-violation`. ARM `[...]` values in an ARM template are deploy-time values,
 * so schema errors about them are dropped.
 */
import { escapeToken, resolvePointer, splitPointer } from "../../wdl/pointer";
import { isArmExpression, type WorkflowTarget } from "../detect";
import type { Diagnostic } from "../diagnostic";
import { didYouMean } from "../rules/rule";
import { validate as compiledValidate, patternTitles, propertyNames } from "./validate-definition.generated";

/** The fields of an ajv error this module reads. */
interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

type CompiledValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
const check = compiledValidate as unknown as CompiledValidator;

/** Describe where an instance path points, e.g. "action 'Get_alert' (inputs.host)". */
export function describeLocation(instancePath: string): string {
  const t = splitPointer(instancePath);
  let what = "the definition";
  let i = 0;
  if (t[0] === "triggers" && t.length > 1) {
    what = `trigger '${t[1]}'`;
    i = 2;
  } else if (t[0] === "actions" && t.length > 1) {
    what = `action '${t[1]}'`;
    i = 2;
    for (;;) {
      let j = i;
      if (t[j] === "else" || t[j] === "default") j++;
      else if ((t[j] === "cases" || t[j] === "tools") && j + 1 < t.length) j += 2;
      if (t[j] !== "actions" || j + 1 >= t.length) break;
      what = `action '${t[j + 1]}'`;
      i = j + 2;
    }
  }
  const rest = t.slice(i);
  return rest.length ? `${what} (${rest.join(".")})` : what;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function lastToken(instancePath: string): string {
  const tokens = splitPointer(instancePath);
  return tokens.length ? tokens[tokens.length - 1]! : "definition";
}

/** Turn one schema error into a diagnostic (or undefined to drop it). */
function toDiagnostic(error: SchemaError, definition: unknown, base: string, arm: boolean): Diagnostic | undefined {
  if (error.keyword === "if") return undefined; // the failing `then` already reported its own errors
  const found = resolvePointer(definition, error.instancePath);
  const data = found.found ? found.value : undefined;
  if (arm && isArmExpression(data)) return undefined; // deploy-time value
  const pointer = base + error.instancePath;
  const where = describeLocation(error.instancePath);
  if (error.keyword === "enum") {
    // The schema uses `enum` only for the fallback of unknown action and trigger types.
    const allowed = Array.isArray(error.params.allowedValues) ? error.params.allowedValues : [];
    const action = !allowed.includes("Recurrence");
    const type = String(data);
    return {
      code: action ? "unknown-action-type" : "unknown-trigger-type",
      severity: "warning",
      pointer,
      message: `${action ? "Action" : "Trigger"} type '${type}' of ${describeLocation(error.instancePath.slice(0, error.instancePath.lastIndexOf("/")))} is not a known type.${didYouMean(type, allowed.map(String))} Connectors evolve, so this is only a warning: check the spelling.`,
    };
  }
  if (error.keyword === "additionalProperties") {
    const prop = String(error.params.additionalProperty);
    const known = propertyNames as string[];
    return {
      code: "unknown-property",
      severity: "warning",
      pointer: `${pointer}/${escapeToken(prop)}`,
      message: `'${prop}' is not a known property of ${where}.${didYouMean(prop, known)} Check the name; remove it if it is not used.`,
    };
  }
  let message: string;
  switch (error.keyword) {
    case "required":
      message = `${where} is missing the required property '${String(error.params.missingProperty)}': add it.`;
      break;
    case "type":
      message = `'${lastToken(error.instancePath)}' of ${where.replace(/ \([^)]*\)$/, "")} must be ${String(error.params.type).replace(/,/g, " or ")}, not ${typeName(data)}.`;
      break;
    case "pattern": {
      const titles = patternTitles as Record<string, string>;
      const pattern = String(error.params.pattern);
      const title = Object.prototype.hasOwnProperty.call(titles, pattern) ? titles[pattern]! : `a value matching ${pattern}`;
      message = `'${lastToken(error.instancePath)}' of ${where.replace(/ \([^)]*\)$/, "")} is ${typeName(data)}; it must be ${title}.`;
      break;
    }
    default:
      message = `${where} fails the schema keyword '${error.keyword}' (${JSON.stringify(error.params)}).`;
  }
  return { code: "schema-violation", severity: "error", pointer, message };
}

/** Schema diagnostics for one definition. */
export function schemaDiagnostics(definition: unknown, target: WorkflowTarget): Diagnostic[] {
  if (check(definition)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of check.errors ?? []) {
    const d = toDiagnostic(error, definition, target.pointer, target.arm);
    if (!d) continue;
    const key = `${d.code}\u0000${d.pointer}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
