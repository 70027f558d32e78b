/**
 * Parameter values against their declarations: the type a definition parameter declares (`String`, `Int`,
 * `SecureObject`, …, compared case-insensitively as the service does) and its `allowedValues`. The environment
 * config and the simulator both check values given from outside with it.
 */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const TYPES: Record<string, { test: (v: unknown) => boolean; noun: string }> = {
  string: { test: (v) => typeof v === "string", noun: "a string" },
  securestring: { test: (v) => typeof v === "string", noun: "a string" },
  int: { test: (v) => typeof v === "number" && Number.isInteger(v), noun: "an integer" },
  float: { test: (v) => typeof v === "number" && Number.isFinite(v), noun: "a number" },
  bool: { test: (v) => typeof v === "boolean", noun: "a boolean" },
  array: { test: (v) => Array.isArray(v), noun: "a list" },
  object: { test: isObj, noun: "an object" },
  secureobject: { test: isObj, noun: "an object" },
};

/** Short description of a value for messages: `"x"`, `42`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isObj(value)) return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Why `value` does not fit a parameter declaration (`{type, allowedValues?}`), as the end of a sentence
 * ("must be an integer (the playbook declares it Int), not "4"."); undefined when it fits or the type is unknown.
 */
export function parameterValueProblem(declaration: unknown, value: unknown): string | undefined {
  if (!isObj(declaration) || typeof declaration.type !== "string") return undefined;
  const type = TYPES[declaration.type.toLowerCase()];
  if (!type) return undefined;
  if (!type.test(value)) return `must be ${type.noun} (the playbook declares it ${declaration.type}), not ${describeValue(value)}.`;
  const allowed = declaration.allowedValues;
  if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
    return `must be one of ${allowed.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(", ")}, not ${describeValue(value)}.`;
  }
  return undefined;
}
