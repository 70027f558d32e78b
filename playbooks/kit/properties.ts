/**
 * Author properties: guard rails a playbook declares in `definePlaybook({ properties })` and `playbook-kit verify`
 * checks on every explored run, beside the built-in ones. Each reads in one line:
 *
 *   never(defender.isolateMachine, when(params.isolationType, "Full"))   // no Full isolation, ever
 *   always(sentinel.addIncidentComment, called(defender.isolateMachine)) // an isolation is always commented on
 *   never(defender.isolateMachine, failed(defender.getMachine))          // no isolation after a failed lookup
 *
 * `never(op, …conditions)` is violated by a call of `op` made while every condition holds; `always(op, …conditions)`
 * by a run in which every condition holds and no call of `op` follows (a call made counts, whatever it answered:
 * every outcome of it is explored). A property is plain data: the verifier interprets it.
 */
import { printExpression, type Expr as AstExpr } from "../../wdl";
import { BuildError } from "./errors";
import { toAst, type Expr } from "./expr";
import type { Operation } from "./operation";

/** An operation as a property names it: the builder function (`defender.isolateMachine`) or its declaration. */
export type OperationLike = Operation | { readonly operation: Operation };

/** Which calls an operation reference matches: the connector's method and path, or the Http method and URI. */
export type OperationMatch =
  | { readonly kind: "api"; readonly name: string; readonly connector: string; readonly method: string; readonly path: string }
  | { readonly kind: "http"; readonly name: string; readonly method: string; readonly uri: string };

/** A condition of a property. */
export type PropertyCondition =
  | { readonly kind: "when"; readonly negate: boolean; readonly source: "param" | "trigger"; readonly path: readonly string[]; readonly value: unknown; readonly text: string }
  | { readonly kind: "called" | "failed"; readonly operation: OperationMatch };

/** One declared property. `code` is what the verify report names (derived, or set with `.as(code)`). */
export interface PlaybookProperty {
  readonly kind: "never" | "always";
  readonly operation: OperationMatch;
  readonly conditions: readonly PropertyCondition[];
  readonly code: string;
  /** The property in words, for reports. */
  readonly text: string;
  /** The same property under another code (kebab-case). */
  as(code: string): PlaybookProperty;
}

/** Codes of the verifier's built-in properties: an author property may not take one (tests/verifier checks the list). */
export const BUILTIN_PROPERTY_CODES = ["unhandled-expression-error", "destructive-not-reported", "failure-not-reported", "duplicate-destructive", "excluded-target", "audit-destructive"] as const;

const CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

function matchOf(op: OperationLike): OperationMatch {
  const o = "operation" in op && typeof op.operation === "object" ? op.operation : (op as Operation);
  if (!o || (o.kind !== "api" && o.kind !== "http")) throw new BuildError("property-operation", "A property names an operation: a connector builder such as defender.isolateMachine, or its declaration.");
  return o.kind === "api" ? { kind: "api", name: o.name, connector: o.connector, method: o.method.toLowerCase(), path: o.path } : { kind: "http", name: o.name, method: o.method.toLowerCase(), uri: o.uri };
}

/** The parameter name or trigger body path an access chain reads, or undefined. */
function readOf(node: AstExpr): { source: "param" | "trigger"; path: string[] } | undefined {
  if (node.kind === "call") {
    const name = node.name.toLowerCase();
    if (name === "parameters" && node.args.length === 1 && node.args[0]!.kind === "string") return { source: "param", path: [node.args[0]!.value] };
    if (name === "triggerbody" && node.args.length === 0) return { source: "trigger", path: [] };
    return undefined;
  }
  if (node.kind === "member" || node.kind === "index") {
    const base = readOf(node.target);
    const key = node.kind === "member" ? node.name : node.index.kind === "string" ? node.index.value : undefined;
    if (!base || key === undefined || base.source === "param") return undefined;
    return { source: base.source, path: [...base.path, key] };
  }
  return undefined;
}

function whenCondition(ref: Expr<unknown>, value: unknown, negate: boolean): PropertyCondition {
  const node = toAst(ref);
  const read = readOf(node);
  if (!read) throw new BuildError("property-condition", `when()/unless() compares a parameter (params.x) or a trigger body field (trigger.body.x) with a value; '${printExpression(node)}' is neither.`);
  return { kind: "when", negate, source: read.source, path: read.path, value: JSON.parse(JSON.stringify(value ?? null)) as unknown, text: `${printExpression(node)} ${negate ? "is not" : "is"} ${JSON.stringify(value)}` };
}

/** Holds when the parameter or trigger body field equals `value` in the run. */
export function when<T>(ref: Expr<T>, value: T): PropertyCondition {
  return whenCondition(ref, value, false);
}

/** Holds when the parameter or trigger body field differs from `value` in the run. */
export function unless<T>(ref: Expr<T>, value: T): PropertyCondition {
  return whenCondition(ref, value, true);
}

/** Holds once the run has called `op` (before the call judged, for `never`). */
export function called(op: OperationLike): PropertyCondition {
  return { kind: "called", operation: matchOf(op) };
}

/** Holds once a call of `op` has failed in the run (answered with an error after its retries, or timed out). */
export function failed(op: OperationLike): PropertyCondition {
  return { kind: "failed", operation: matchOf(op) };
}

function conditionText(c: PropertyCondition): string {
  return c.kind === "when" ? c.text : `${c.kind === "called" ? "after a call of" : "after a failed"} ${c.operation.name}`;
}

function property(kind: "never" | "always", op: OperationLike, conditions: readonly PropertyCondition[], code?: string): PlaybookProperty {
  const operation = matchOf(op);
  const text = `${kind} ${operation.name}${conditions.length ? ` ${conditions.map(conditionText).join(" and ")}` : ""}`;
  const derived = code ?? kebab(`${kind} ${operation.name} ${conditions.map((c) => (c.kind === "when" ? `${c.negate ? "unless" : "when"} ${c.path.join(" ")}` : `${c.kind} ${c.operation.name}`)).join(" ")}`);
  if (!CODE.test(derived)) throw new BuildError("invalid-property-code", `Property code '${derived}' must be kebab-case (lower-case letters, digits and single dashes).`);
  if ((BUILTIN_PROPERTY_CODES as readonly string[]).includes(derived)) throw new BuildError("reserved-property-code", `Property code '${derived}' is a built-in property's; give yours another with .as("…").`);
  return { kind, operation, conditions, code: derived, text, as: (next) => property(kind, op, conditions, next) };
}

/** Violated by any call of `op` made while every condition holds. */
export function never(op: OperationLike, ...conditions: PropertyCondition[]): PlaybookProperty {
  return property("never", op, conditions);
}

/** Violated by a run in which every condition holds and no call of `op` follows. */
export function always(op: OperationLike, ...conditions: PropertyCondition[]): PlaybookProperty {
  return property("always", op, conditions);
}

/** Check that the declared properties' codes are unique; returns them. */
export function checkProperties(list: readonly PlaybookProperty[]): readonly PlaybookProperty[] {
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p.code)) throw new BuildError("duplicate-property-code", `Two properties have the code '${p.code}'; name one with .as("…").`);
    seen.add(p.code);
  }
  return list;
}
