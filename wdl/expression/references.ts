import type { Call, Expr, Template } from "./ast";
import { tryParseTemplate } from "./parser";

/** Visit every function call in an expression, outermost first. */
export function forEachCall(expr: Expr, visit: (call: Call) => void): void {
  switch (expr.kind) {
    case "call":
      visit(expr);
      for (const arg of expr.args) forEachCall(arg, visit);
      return;
    case "member":
      forEachCall(expr.target, visit);
      return;
    case "index":
      forEachCall(expr.target, visit);
      forEachCall(expr.index, visit);
      return;
    default:
      return;
  }
}

/** The expressions inside a template (none for a literal). */
export function templateExpressions(template: Template): Expr[] {
  if (template.kind === "expression") return [template.expr];
  if (template.kind === "interpolation") return template.parts.filter((p): p is Expr => typeof p !== "string");
  return [];
}

/** Functions whose first argument names an action. */
export const ACTION_REFERENCE_FUNCTIONS = new Set(["body", "outputs", "actions", "actionbody", "actionoutputs", "result", "formdatavalue", "formdatamultivalues", "multipartbody"]);

/** A reference found in an expression: `kind` is the lower-cased function, `name` its literal first argument. */
export interface NamedReference {
  kind: string;
  name: string;
  call: Call;
}

/** Calls with a string-literal first argument to body/outputs/items/variables/parameters/…, in source order. */
export function namedReferences(expr: Expr): NamedReference[] {
  const out: NamedReference[] = [];
  forEachCall(expr, (call) => {
    const first = call.args[0];
    if (first && first.kind === "string") out.push({ kind: call.name.toLowerCase(), name: first.value, call });
  });
  return out;
}

/**
 * Connection keys used as `parameters('$connections')['key']…` in an expression.
 */
export function connectionKeys(expr: Expr): string[] {
  const keys: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === "index") {
      const t = e.target;
      if (
        t.kind === "call" &&
        t.name.toLowerCase() === "parameters" &&
        t.args[0]?.kind === "string" &&
        t.args[0].value === "$connections" &&
        e.index.kind === "string"
      ) {
        keys.push(e.index.value);
      }
      visit(e.target);
      visit(e.index);
    } else if (e.kind === "member") {
      const t = e.target;
      if (t.kind === "call" && t.name.toLowerCase() === "parameters" && t.args[0]?.kind === "string" && t.args[0].value === "$connections") {
        keys.push(e.name);
      }
      visit(e.target);
    } else if (e.kind === "call") {
      e.args.forEach(visit);
    }
  };
  visit(expr);
  return keys;
}

/**
 * The `$connections` key of a managed-connector call: `inputs.host.connection.name` such as
 * `@parameters('$connections')['wdatp']['connectionId']` → `wdatp`. Undefined when there is none.
 */
export function connectionKeyOfInputs(inputs: unknown): string | undefined {
  const host = (inputs as { host?: { connection?: { name?: unknown } } } | null)?.host;
  const name = host?.connection?.name;
  if (typeof name !== "string") return undefined;
  const parsed = tryParseTemplate(name);
  if (!parsed.ok) return undefined;
  for (const e of templateExpressions(parsed.template)) {
    const keys = connectionKeys(e);
    if (keys.length) return keys[0];
  }
  return undefined;
}
