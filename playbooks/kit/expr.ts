/**
 * Typed expression values. An `Expr<T>` wraps a `wdl/` AST node (or interpolated text) together with the
 * steps it reads, so the builder can check at build time that every referenced step can have run.
 */
import { ast, parseExpression, type Expr as AstExpr, type Json } from "../../wdl";
import { BuildError } from "./errors";

/** Key under which an expression keeps its state; a symbol so it never clashes with entity field names. */
export const EXPR: unique symbol = Symbol.for("playbook-kit.expr") as never;
declare const TYPE: unique symbol;

/** Something a step can read: another step's outputs, a loop's current item, a parameter, a variable, the trigger. */
export type Dep =
  | { kind: "step"; step: DepTarget }
  | { kind: "loop"; step: DepTarget }
  | { kind: "param"; name: string }
  | { kind: "variable"; name: string }
  | { kind: "trigger" };

/** What a dependency points at (implemented by the builder's step nodes). */
export interface DepTarget {
  readonly name: string;
}

/** Internal state of an expression. Exactly one of `node`, `parts` and `raw` is set (`raw` may come with `node`). */
export interface ExprState {
  readonly node?: AstExpr;
  /** A JSON value rendered exactly as given (`raw(…)`); `node` is its parsed form when it is one `"@expr"` string. */
  readonly raw?: Json;
  /** Interpolated text: literal strings and expressions, rendered as `"…@{…}…"`. */
  readonly parts?: readonly (string | Expr<unknown>)[];
  readonly deps: readonly Dep[];
}

/** A typed expression. `T` is the type of the value at run time. */
export interface Expr<T = unknown> {
  readonly [EXPR]: ExprState;
  /** Phantom: carries `T` for type checking only. */
  readonly [TYPE]?: T;
}

/** A literal of type T or an expression yielding T. */
export type ExprLike<T> = T | Expr<T>;

/** Typed field access on an expression: `alert.body.severity` is a `Ref<Severity>`. Misspelt fields do not compile. */
export type Ref<T> = Expr<T> & Fields<T>;

/**
 * A value whose shape nobody declared (a raw trigger's body, a raw action's outputs, `call(…)`'s result): any
 * field can be read (`trigger.body.WorkspaceId`) and it is accepted wherever a value is, as in the definition.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Untyped = any;

type Fields<T> = 0 extends 1 & T
  ? { readonly [field: string]: Ref<Untyped> }
  : [NonNullable<T>] extends [readonly unknown[]]
  ? unknown
  : [NonNullable<T>] extends [object]
    ? { readonly [K in keyof NonNullable<T> & string]-?: Ref<NonNullable<T>[K]> }
    : unknown;

/** True for an expression value. */
export function isExpr(value: unknown): value is Expr<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && EXPR in value;
}

function plainStringMisuse(): never {
  throw new BuildError(
    "expression-in-plain-string",
    "An expression was put into a plain JavaScript string. Use the text`…${expr}…` tag, or pass the expression itself.",
  );
}

/** Make an expression from an AST node and the dependencies it carries. */
export function expr<T>(node: AstExpr, deps: readonly Dep[] = []): Expr<T> {
  return { [EXPR]: { node, deps }, [Symbol.toPrimitive]: plainStringMisuse } as unknown as Expr<T>;
}

const refHandler: ProxyHandler<Expr<unknown>> = {
  get(target, prop, receiver) {
    if (typeof prop === "symbol") return Reflect.get(target, prop, receiver);
    // Never look like a promise or a JSON-serialisable object.
    if (prop === "then" || prop === "toJSON") return undefined;
    const state = target[EXPR];
    return ref(ast.index(state.node!, ast.str(prop), true), state.deps);
  },
};

/**
 * Escape hatch: a JSON value rendered exactly as given: strings are not escaped and nothing is parsed or
 * reordered. It reads no step the builder knows of, so the builder checks nothing in it. `import` uses it for
 * what has no typed form; an author can use it to paste a piece of an existing definition.
 */
export function raw<T = Untyped>(value: Json): Expr<T> {
  let node: AstExpr | undefined;
  if (typeof value === "string" && value.length > 1 && value[0] === "@" && value[1] !== "@") {
    try {
      node = parseExpression(value.slice(1));
    } catch {
      node = undefined;
    }
  }
  const state: ExprState = node ? { raw: value, node, deps: [] } : { raw: value, deps: [] };
  return { [EXPR]: state, [Symbol.toPrimitive]: plainStringMisuse } as unknown as Expr<T>;
}

/** Make an expression whose fields can be read with `.field` (each read renders `?['field']`). */
export function ref<T>(node: AstExpr, deps: readonly Dep[] = []): Ref<T> {
  return new Proxy(expr<T>(node, deps), refHandler) as Ref<T>;
}

/** The value as an expression: expressions pass through, literals become literal expressions (`@true`). */
export function asExpr<T>(value: ExprLike<T>): Expr<T> {
  return isExpr(value) ? (value as Expr<T>) : expr<T>(toAst(value));
}

/**
 * A literal as an expression: `lit(null)` renders `"@null"`, `lit("x")` renders `"@'x'"` (plain values render as
 * JSON). Untyped, like the designer's operands it stands for (`{ equals: [x, "@null"] }`).
 */
export function lit(value: string | number | boolean | null): Expr<Untyped> {
  return expr<Untyped>(toAst(value));
}

/** Merge dependency lists without duplicates (order kept). */
export function mergeDeps(lists: readonly (readonly Dep[])[]): Dep[] {
  const out: Dep[] = [];
  for (const list of lists) {
    for (const dep of list) {
      if (!out.some((d) => sameDep(d, dep))) out.push(dep);
    }
  }
  return out;
}

function sameDep(a: Dep, b: Dep): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "step" || a.kind === "loop") return a.step === (b as typeof a).step;
  if (a.kind === "param" || a.kind === "variable") return a.name === (b as typeof a).name;
  return true;
}

/** Dependencies of any input value (expressions nested in arrays and objects included). */
export function depsOf(value: unknown): Dep[] {
  const lists: (readonly Dep[])[] = [];
  const visit = (v: unknown): void => {
    if (isExpr(v)) lists.push(v[EXPR].deps);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(value);
  return mergeDeps(lists);
}

/** The AST of a value used as a function argument (literals become literal nodes). */
export function toAst(value: unknown): AstExpr {
  if (isExpr(value)) {
    const state = value[EXPR];
    if (state.node) return state.node;
    if (state.raw !== undefined) {
      throw new BuildError("raw-in-expression", `raw(${JSON.stringify(state.raw).slice(0, 60)}) is not one "@expression" string, so it cannot be used inside an expression.`);
    }
    const parts = state.parts!.map((p) => (typeof p === "string" ? ast.str(p) : toAst(p)));
    if (parts.length === 0) return ast.str("");
    if (parts.length === 1 && parts[0]!.kind === "string") return parts[0]!;
    return ast.call("concat", ...parts);
  }
  if (typeof value === "string") return ast.str(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new BuildError("invalid-literal", `The number ${value} cannot be written in an expression.`);
    return Number.isInteger(value) ? ast.int(value) : ast.float(value);
  }
  if (typeof value === "boolean") return ast.bool(value);
  if (value === null) return ast.null();
  if (Array.isArray(value)) {
    if (value.length === 0) return ast.call("json", ast.str("[]"));
    return ast.call("createArray", ...value.map(toAst));
  }
  if (typeof value === "object" && depsOf(value).length === 0) return ast.call("json", ast.str(JSON.stringify(value)));
  throw new BuildError(
    "invalid-literal",
    `Cannot use ${describe(value)} as an expression argument; pass a string, number, boolean, null, array or an expression.`,
  );
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "object" && value !== null) return `an object (${value.constructor?.name ?? "Object"}) that contains expressions`;
  return typeof value;
}

/** A value an interpolated string can hold. */
export type Interpolable = string | number | boolean | Expr<unknown>;

/** Interpolated text from literal strings and expressions; adjacent strings are merged. */
export function interpolate(values: readonly Interpolable[]): Expr<string> {
  const parts: (string | Expr<unknown>)[] = [];
  for (const v of values) {
    if (isExpr(v)) {
      parts.push(v);
      continue;
    }
    const s = String(v);
    if (!s) continue;
    const last = parts[parts.length - 1];
    if (typeof last === "string") parts[parts.length - 1] = last + s;
    else parts.push(s);
  }
  const deps = mergeDeps(parts.filter(isExpr).map((p) => p[EXPR].deps));
  return { [EXPR]: { parts, deps }, [Symbol.toPrimitive]: plainStringMisuse } as unknown as Expr<string>;
}

/**
 * Interpolated text: text`Isolated for alert ${alert.body.id}` renders `"Isolated for alert @{…}"`. Called with
 * the parts instead (`text("Isolated for alert ", alert.body.id)`) it gives the same: long texts can be written
 * one part a line.
 */
export function text(strings: TemplateStringsArray, ...values: Interpolable[]): Expr<string>;
export function text(...parts: Interpolable[]): Expr<string>;
export function text(strings: TemplateStringsArray | Interpolable, ...values: Interpolable[]): Expr<string> {
  if (!Array.isArray(strings) || !Object.hasOwn(strings, "raw")) return interpolate([strings as Interpolable, ...values]);
  const seq: Interpolable[] = [];
  (strings as TemplateStringsArray).forEach((s, i) => {
    seq.push(s);
    if (i < values.length) seq.push(values[i]!);
  });
  return interpolate(seq);
}
