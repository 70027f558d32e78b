/**
 * What `simulate()` accepts, brought to one shape: a bare definition, a workflow resource
 * (`{properties: {definition, parameters}}`, as GET returns it, or a Power Automate flow file), a Standard
 * `workflow.json` (`{definition, kind}`), or an ARM template with a `Microsoft.Logic/workflows` resource.
 *
 * ARM templates: strings of the form `[...]` are deploy-time expressions. `[parameters('x')]` and
 * `[variables('x')]` are replaced by the template's value (default, or `armParameters`) when it is known, and
 * `concat()` / `format()` over them are evaluated (`arm-expression.ts`): the result is the string the deployment
 * writes into the definition, so workflow expressions in it run. `[[...` is ARM's escape for a literal `[`; every
 * other `[...]` string (`resourceGroup()`, `uniqueString()`, …) is kept as an opaque literal (inside the definition
 * it is escaped so the workflow expression language does not read `@` in it).
 */
import { isObject, setKey, type Obj } from "../wdl/walk";
import { evaluateArmExpression, parseArmExpression } from "./arm-expression";
import { SimulationError } from "./errors";

/** A target brought to one shape. */
export interface Target {
  kind: "definition" | "workflow" | "standard" | "arm";
  definition: Obj;
  /** JSON pointer of the definition in the document as given (as `validate` reports it). */
  pointer: string;
  /** Definition parameter values supplied by the resource (`properties.parameters.<name>.value`). */
  values: Record<string, unknown>;
  /** Resource name, when known literally. */
  name?: string;
  /** Resource location, when known literally. */
  location?: string;
  /** Power Automate `connectionReferences` (connection name → `{api: {name}}`). */
  connectionReferences?: Obj;
}

const cache = new WeakMap<object, Map<string, Target>>();

/** Bring a target to one shape (cached by object identity unless `armParameters` is given). */
export function resolveTarget(input: unknown, resource?: string, armParameters?: Record<string, unknown>): Target {
  if (!isObject(input)) throw new SimulationError("InvalidTarget", "The target must be a workflow definition, a workflow resource or an ARM template (a JSON object).");
  const key = resource ?? "";
  if (!armParameters) {
    const hit = cache.get(input)?.get(key);
    if (hit) return hit;
  }
  const target = resolveUncached(input, resource, armParameters);
  if (!armParameters) {
    let byResource = cache.get(input);
    if (!byResource) cache.set(input, (byResource = new Map()));
    byResource.set(key, target);
  }
  return target;
}

function isDefinition(value: unknown): boolean {
  return isObject(value) && (isObject(value.triggers) || isObject(value.actions));
}

function unwrapValues(parameters: unknown, transform: (v: unknown) => unknown = (v) => v): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(parameters)) return out;
  for (const [name, entry] of Object.entries(parameters)) {
    if (isObject(entry) && "value" in entry) setKey(out, name, transform(entry.value));
  }
  return out;
}

function literalString(value: unknown): string | undefined {
  return typeof value === "string" && !value.startsWith("[") ? value : undefined;
}

function resolveUncached(input: Obj, resource: string | undefined, armParameters: Record<string, unknown> | undefined): Target {
  if (Array.isArray(input.resources)) return resolveArm(input, resource, armParameters);
  if (armParameters !== undefined) throw new SimulationError("InvalidOptions", "ARM parameter values (armParameters, --arm-params) apply to ARM templates only; this target is not one. Use the definition's parameters (--params) instead.");
  if (isDefinition(input)) return { kind: "definition", definition: input, pointer: "", values: {} };
  if (isObject(input.properties) && isDefinition(input.properties.definition)) {
    const props = input.properties;
    return {
      kind: "workflow",
      definition: props.definition as Obj,
      pointer: "/properties/definition",
      values: unwrapValues(props.parameters),
      name: literalString(input.name),
      location: literalString(input.location),
      connectionReferences: isObject(props.connectionReferences) ? props.connectionReferences : undefined,
    };
  }
  if (isDefinition(input.definition)) {
    return { kind: "standard", definition: input.definition as Obj, pointer: "/definition", values: unwrapValues(input.parameters) };
  }
  throw new SimulationError(
    "InvalidTarget",
    "The target is not a workflow definition (no 'triggers' or 'actions'), a workflow resource (no 'properties.definition'), a workflow.json (no 'definition') or an ARM template (no 'resources').",
  );
}

function resolveArm(template: Obj, resource: string | undefined, armParameters: Record<string, unknown> | undefined): Target {
  const resources = (template.resources as unknown[]).filter(
    (r): r is Obj => isObject(r) && typeof r.type === "string" && r.type.toLowerCase() === "microsoft.logic/workflows",
  );
  checkArmParameters(template, armParameters);
  const arm = new ArmValues(template, armParameters);
  if (resources.length === 0) throw new SimulationError("InvalidTarget", "The ARM template has no 'Microsoft.Logic/workflows' resource to simulate.");
  let chosen = resources[0]!;
  if (resource !== undefined) {
    const found = resources.find((r) => arm.data(r.name) === resource || r.name === resource);
    if (!found) {
      const names = resources.map((r) => String(arm.data(r.name)));
      throw new SimulationError("InvalidTarget", `The ARM template has no workflow resource named '${resource}'; it has: ${names.join(", ")}.`);
    }
    chosen = found;
  }
  const props = isObject(chosen.properties) ? chosen.properties : {};
  if (!isDefinition(props.definition)) throw new SimulationError("InvalidTarget", "The ARM template's workflow resource has no 'properties.definition' object.");
  return {
    kind: "arm",
    definition: arm.definition(props.definition) as Obj,
    pointer: `/resources/${(template.resources as unknown[]).indexOf(chosen)}/properties/definition`,
    values: unwrapValues(props.parameters, (v) => arm.data(v)),
    name: literalString(arm.data(chosen.name)),
    location: literalString(arm.data(chosen.location)),
  };
}

/** ARM rejects values for parameters the template does not declare ("… are not valid; they are not present in the original template"). */
function checkArmParameters(template: Obj, given: Record<string, unknown> | undefined): void {
  if (given === undefined) return;
  if (!isObject(given)) throw new SimulationError("InvalidOptions", "ARM parameter values must be an object of values by parameter name.");
  const declared = isObject(template.parameters) ? Object.keys(template.parameters) : [];
  const unknown = Object.keys(given).filter((k) => !declared.some((d) => d.toLowerCase() === k.toLowerCase()));
  if (unknown.length) {
    throw new SimulationError(
      "InvalidOptions",
      `The ARM template declares no parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `'${u}'`).join(", ")} (declared: ${declared.join(", ") || "none"}); ARM rejects values for parameters the template does not declare.`,
    );
  }
}

const PARAMETER_REF = /^\[\s*parameters\(\s*'([^']*)'\s*\)\s*\]$/i;
const VARIABLE_REF = /^\[\s*variables\(\s*'([^']*)'\s*\)\s*\]$/i;

/** Make a string a workflow-language literal: `@x` → `@@x`, `a@{b` → `a@@{b`. */
export function escapeWorkflowLiteral(text: string): string {
  if (text.startsWith("@")) return `@${text}`;
  return text.includes("@{") ? text.replace(/@\{/g, "@@{") : text;
}

/**
 * ARM's limit on a template "after it has been expanded … with values for variables and parameters" (ARM template
 * best practices, "Template limits"); here it bounds the expanded definition, counted as JSON text.
 */
const MAX_EXPANDED_CHARS = 4 * 1024 * 1024;

/** Deploy-time values of one ARM template. */
class ArmValues {
  /** The `[variables('x')]` / `[parameters('x')]` references being expanded, outermost first (cycle check). */
  private readonly expanding: { key: string; ref: string }[] = [];
  /** JSON characters produced so far (the expanded-size cap). */
  private size = 0;
  constructor(
    private readonly template: Obj,
    private readonly overrides: Record<string, unknown> | undefined,
  ) {}

  /** A value as it would be deployed into a parameter value (data: no workflow-language escaping). */
  data(value: unknown): unknown {
    return this.walk(value, false);
  }

  /** A definition as deployed: opaque ARM strings become workflow-language literals. */
  definition(value: unknown): unknown {
    return this.walk(value, true);
  }

  private grow(chars: number): void {
    this.size += chars;
    if (this.size <= MAX_EXPANDED_CHARS) return;
    const where = this.expanding.length ? ` while expanding ${this.expanding.map((e) => e.ref).join(" → ")}` : "";
    throw new SimulationError(
      "InvalidTarget",
      `The ARM template expands to more than 4 MB${where}; ARM rejects templates whose expanded size (with variable and parameter values) passes 4 MB. Refer to shared values less often, or pass them as parameters.`,
    );
  }

  private walk(value: unknown, escape: boolean): unknown {
    if (typeof value === "string") {
      const out = this.string(value, escape);
      if (typeof out === "string") this.grow(out.length + 3);
      return out;
    }
    if (Array.isArray(value)) {
      this.grow(2);
      return value.map((v) => this.walk(v, escape));
    }
    if (isObject(value)) {
      const out: Obj = {};
      this.grow(2);
      for (const [k, v] of Object.entries(value)) {
        this.grow(k.length + 4);
        setKey(out, k, this.walk(v, escape));
      }
      return out;
    }
    this.grow(String(value).length + 1);
    return value;
  }

  private string(text: string, escape: boolean): unknown {
    if (!(text.startsWith("[") && text.endsWith("]"))) return text;
    if (text.startsWith("[[")) return text.slice(1);
    const p = PARAMETER_REF.exec(text);
    if (p) {
      const found = this.lookup("parameters", p[1]!);
      if (found.found) return this.nested(`parameters:${p[1]!.toLowerCase()}`, `parameters('${p[1]}')`, found.value, escape);
    }
    const v = VARIABLE_REF.exec(text);
    if (v) {
      const found = this.lookup("variables", v[1]!);
      if (found.found) return this.nested(`variables:${v[1]!.toLowerCase()}`, `variables('${v[1]}')`, found.value, escape);
    }
    // concat() / format() over parameters and variables: the deployed string, which the workflow then evaluates.
    const expr = parseArmExpression(text.slice(1, -1));
    if (expr && (expr.kind === "call" || expr.kind === "member")) {
      const result = evaluateArmExpression(expr, (section, name) => {
        const found = this.lookup(section, name);
        return found.found ? { found: true, value: this.nested(`${section}:${name.toLowerCase()}`, `${section}('${name}')`, found.value, false) } : found;
      });
      if (result.ok) return result.value;
    }
    return escape ? escapeWorkflowLiteral(text) : text;
  }

  /** Expand a referenced value; a reference back to one being expanded is ARM's "circular reference" error. */
  private nested(key: string, ref: string, value: unknown, escape: boolean): unknown {
    const open = this.expanding.findIndex((e) => e.key === key);
    if (open >= 0) {
      const names = [...this.expanding.slice(open).map((e) => e.ref), ref].map((r) => /'(.*)'/.exec(r)![1]);
      throw new SimulationError(
        "InvalidTarget",
        `The ARM template has a circular reference: ${ref} refers back to itself (${names.join(" → ")}); ARM rejects the template. Break the cycle.`,
      );
    }
    this.expanding.push({ key, ref });
    try {
      return this.walk(value, escape);
    } finally {
      this.expanding.pop();
    }
  }

  private lookup(section: "parameters" | "variables", name: string): { found: true; value: unknown } | { found: false } {
    if (section === "parameters" && this.overrides) {
      const key = Object.keys(this.overrides).find((k) => k.toLowerCase() === name.toLowerCase());
      if (key !== undefined) return { found: true, value: this.overrides[key] };
    }
    const table = this.template[section];
    if (!isObject(table)) return { found: false };
    const key = Object.keys(table).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) return { found: false };
    if (section === "variables") return { found: true, value: table[key] };
    const decl = table[key];
    if (isObject(decl) && "defaultValue" in decl) return { found: true, value: decl.defaultValue };
    return { found: false };
  }
}
