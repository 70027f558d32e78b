/**
 * Catalogue of the built-in expression functions: name, arity and result type.
 *
 * Source: the Logic Apps / Power Automate expression functions reference
 * (learn.microsoft.com/azure/logic-apps/expression-functions-reference). Names are matched
 * case-insensitively, as the service does (`encodeURIComponent` and `triggerbody` appear in real templates).
 */

/** Result type of a function. `any` means it depends on the arguments or the run. */
export type ValueType = "string" | "integer" | "float" | "number" | "boolean" | "array" | "object" | "binary" | "any";

/** Function categories, as the reference groups them. */
export type FunctionCategory =
  | "string"
  | "collection"
  | "logical"
  | "conversion"
  | "math"
  | "datetime"
  | "workflow"
  | "uri"
  | "manipulation";

/** One catalogue entry. `maxArgs` is `Infinity` for variadic functions. */
export interface FunctionInfo {
  name: string;
  category: FunctionCategory;
  minArgs: number;
  maxArgs: number;
  returns: ValueType;
  /** True for functions that read run state (actions, trigger, variables, …) rather than only their arguments. */
  workflow?: boolean;
  /** Available only in Logic Apps Standard. */
  standardOnly?: boolean;
}

const V = Infinity;
type Row = [name: string, min: number, max: number, returns: ValueType];

const rows: Record<FunctionCategory, Row[]> = {
  string: [
    ["chunk", 2, 2, "array"],
    ["concat", 1, V, "string"],
    ["endsWith", 2, 2, "boolean"],
    ["formatNumber", 2, 3, "string"],
    ["guid", 0, 1, "string"],
    ["indexOf", 2, 2, "integer"],
    ["isFloat", 1, 2, "boolean"],
    ["isInt", 1, 1, "boolean"],
    ["lastIndexOf", 2, 2, "integer"],
    ["length", 1, 1, "integer"],
    ["nthIndexOf", 3, 3, "integer"],
    ["replace", 3, 3, "string"],
    ["slice", 2, 3, "string"],
    ["split", 2, 2, "array"],
    ["startsWith", 2, 2, "boolean"],
    ["substring", 2, 3, "string"],
    ["toLower", 1, 1, "string"],
    ["toUpper", 1, 1, "string"],
    ["trim", 1, 1, "string"],
  ],
  collection: [
    ["contains", 2, 2, "boolean"],
    ["empty", 1, 1, "boolean"],
    ["first", 1, 1, "any"],
    ["intersection", 2, V, "any"],
    ["join", 2, 2, "string"],
    ["last", 1, 1, "any"],
    ["reverse", 1, 1, "array"],
    ["skip", 2, 2, "array"],
    ["sort", 1, 2, "array"],
    ["take", 2, 2, "any"],
    ["union", 2, V, "any"],
  ],
  logical: [
    ["and", 1, V, "boolean"],
    ["equals", 2, 2, "boolean"],
    ["greater", 2, 2, "boolean"],
    ["greaterOrEquals", 2, 2, "boolean"],
    ["if", 3, 3, "any"],
    ["less", 2, 2, "boolean"],
    ["lessOrEquals", 2, 2, "boolean"],
    ["not", 1, 1, "boolean"],
    ["or", 1, V, "boolean"],
  ],
  conversion: [
    ["array", 1, 1, "array"],
    ["base64", 1, 1, "string"],
    ["base64ToBinary", 1, 1, "binary"],
    ["base64ToString", 1, 1, "string"],
    ["binary", 1, 1, "binary"],
    ["bool", 1, 1, "boolean"],
    ["createArray", 1, V, "array"],
    ["dataUri", 1, 1, "string"],
    ["dataUriToBinary", 1, 1, "binary"],
    ["dataUriToString", 1, 1, "string"],
    ["decimal", 1, 1, "number"],
    ["decodeBase64", 1, 1, "string"],
    ["decodeDataUri", 1, 1, "binary"],
    ["decodeUriComponent", 1, 1, "string"],
    // Documented with one argument; the designer writes `encodeURIComponent('workflows/', x, '/runs')` in connector
    // paths (Azure/logicapps gallery templates) and the service concatenates the arguments.
    ["encodeUriComponent", 1, V, "string"],
    ["float", 1, 2, "float"],
    ["int", 1, 1, "integer"],
    ["json", 1, 1, "any"],
    ["string", 1, 1, "string"],
    ["uriComponent", 1, 1, "string"],
    ["uriComponentToBinary", 1, 1, "binary"],
    ["uriComponentToString", 1, 1, "string"],
    ["xml", 1, 1, "any"],
  ],
  math: [
    ["add", 2, 2, "number"],
    ["div", 2, 2, "number"],
    ["max", 1, V, "number"],
    ["min", 1, V, "number"],
    ["mod", 2, 2, "number"],
    ["mul", 2, 2, "number"],
    ["rand", 2, 2, "integer"],
    ["range", 2, 2, "array"],
    ["sub", 2, 2, "number"],
  ],
  datetime: [
    ["addDays", 2, 3, "string"],
    ["addHours", 2, 3, "string"],
    ["addMinutes", 2, 3, "string"],
    ["addSeconds", 2, 3, "string"],
    ["addToTime", 3, 4, "string"],
    ["convertFromUtc", 2, 3, "string"],
    ["convertTimeZone", 3, 4, "string"],
    ["convertToUtc", 2, 3, "string"],
    ["dateDifference", 2, 2, "string"],
    ["dayOfMonth", 1, 1, "integer"],
    ["dayOfWeek", 1, 1, "integer"],
    ["dayOfYear", 1, 1, "integer"],
    ["formatDateTime", 1, 3, "string"],
    ["getFutureTime", 2, 3, "string"],
    ["getPastTime", 2, 3, "string"],
    ["parseDateTime", 1, 3, "string"],
    ["startOfDay", 1, 2, "string"],
    ["startOfHour", 1, 2, "string"],
    ["startOfMonth", 1, 2, "string"],
    ["subtractFromTime", 3, 4, "string"],
    ["ticks", 1, 1, "integer"],
    ["utcNow", 0, 1, "string"],
  ],
  workflow: [
    ["action", 0, 0, "object"],
    ["actionBody", 1, 1, "any"],
    ["actionOutputs", 1, 1, "any"],
    ["actions", 1, 1, "object"],
    ["body", 1, 1, "any"],
    ["formDataMultiValues", 2, 2, "array"],
    ["formDataValue", 2, 2, "string"],
    ["item", 0, 0, "any"],
    ["items", 1, 1, "any"],
    ["iterationIndexes", 1, 1, "integer"],
    ["listCallbackUrl", 0, 0, "string"],
    ["multipartBody", 2, 2, "any"],
    ["outputs", 1, 1, "any"],
    ["parameters", 1, 1, "any"],
    ["result", 1, 1, "array"],
    ["trigger", 0, 0, "object"],
    ["triggerBody", 0, 0, "any"],
    ["triggerFormDataMultiValues", 1, 1, "array"],
    ["triggerFormDataValue", 1, 1, "string"],
    ["triggerMultipartBody", 1, 1, "any"],
    ["triggerOutputs", 0, 0, "any"],
    ["variables", 1, 1, "any"],
    ["workflow", 0, 0, "object"],
    ["appsetting", 1, 1, "string"],
    ["agentParameters", 1, 1, "any"],
  ],
  uri: [
    ["uriHost", 1, 1, "string"],
    ["uriPath", 1, 1, "string"],
    ["uriPathAndQuery", 1, 1, "string"],
    ["uriPort", 1, 1, "integer"],
    ["uriQuery", 1, 1, "string"],
    ["uriScheme", 1, 1, "string"],
  ],
  manipulation: [
    ["addProperty", 3, 3, "object"],
    ["coalesce", 1, V, "any"],
    ["removeProperty", 2, 2, "object"],
    ["setProperty", 3, 3, "object"],
    ["xpath", 2, 2, "any"],
  ],
};

/** Every catalogued function, in category order. */
export const FUNCTIONS: readonly FunctionInfo[] = Object.entries(rows).flatMap(([category, list]) =>
  list.map(([name, minArgs, maxArgs, returns]): FunctionInfo => {
    const info: FunctionInfo = { name, category: category as FunctionCategory, minArgs, maxArgs, returns };
    if (category === "workflow") info.workflow = true;
    if (name === "appsetting") info.standardOnly = true;
    return info;
  }),
);

const byLowerName = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/** Look a function up by name, case-insensitively. */
export function lookupFunction(name: string): FunctionInfo | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** Describe an arity for messages: "2", "1 to 3", "at least 1". */
export function describeArity(info: FunctionInfo): string {
  if (info.maxArgs === Infinity) return `at least ${info.minArgs}`;
  if (info.minArgs === info.maxArgs) return String(info.minArgs);
  return `${info.minArgs} to ${info.maxArgs}`;
}
