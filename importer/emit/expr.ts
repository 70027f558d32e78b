/**
 * Expressions as builder code: `body('Get_alert')?['machineId']` → `getAlert.body.machineId`, `triggerBody()` →
 * `trigger.body`, `parameters('x')` → `params.x`, `items('For_each')` → the loop's item, `equals(…)` → `equals(…)`,
 * `"…@{…}…"` → `` text`…${…}…` ``. Each string is lifted only when the code's value, built here with the kit's
 * own functions, renders back to the same string; a part that cannot be written so stays `raw("@…")`, and a
 * string none of whose parts lift stays `raw("…")` as a whole.
 */
import { ast, lookupFunction, printExpression, tryParseTemplate, type Expr as AstExpr } from "../../wdl";
import * as kit from "../../playbooks/kit";
import { ref, interpolate, type Expr } from "../../playbooks/kit/expr";
import { renderExpr } from "../../playbooks/kit/render";
import { alt, call as codeCall, format, type Code } from "../code";
import { normalString } from "../compare";
import { propertyKey } from "../names";
import type { EmitContext, HandleInfo } from "./context";
import { ANY, ARRAY, BOOLEAN, fieldTy, NUMBER, OPAQUE, outputsTy, STRING, UNKNOWN, type Ty } from "./types";

/** A lifted (sub-)expression: its code, the value that code makes, its static type, and whether it holds no `raw`. */
interface Lifted {
  code: Code;
  /** The value as a kit expression, or a JS literal (for literal arguments). */
  value: unknown;
  ty: Ty;
  /** A literal argument's JS value kind. */
  literal?: "string" | "number" | "boolean" | "null";
  pure: boolean;
}

type Param = "bool" | "numstr" | "str" | "num" | "unknown" | "array";

/** Typed wrappers the generated code uses: parameter kinds (last one repeats when `variadic`) and the result. */
const WRAPPERS: Record<string, { params: Param[]; min: number; variadic?: boolean; result: Ty }> = {
  not: { params: ["bool"], min: 1, result: BOOLEAN },
  and: { params: ["bool"], min: 1, variadic: true, result: BOOLEAN },
  or: { params: ["bool"], min: 1, variadic: true, result: BOOLEAN },
  greater: { params: ["numstr", "numstr"], min: 2, result: BOOLEAN },
  greaterOrEquals: { params: ["numstr", "numstr"], min: 2, result: BOOLEAN },
  less: { params: ["numstr", "numstr"], min: 2, result: BOOLEAN },
  lessOrEquals: { params: ["numstr", "numstr"], min: 2, result: BOOLEAN },
  contains: { params: ["unknown", "unknown"], min: 2, result: BOOLEAN },
  empty: { params: ["unknown"], min: 1, result: BOOLEAN },
  length: { params: ["unknown"], min: 1, result: NUMBER },
  join: { params: ["array", "str"], min: 2, result: STRING },
  concat: { params: ["unknown"], min: 1, variadic: true, result: STRING },
  split: { params: ["str", "str"], min: 2, result: ARRAY },
  trim: { params: ["str"], min: 1, result: STRING },
  toLower: { params: ["str"], min: 1, result: STRING },
  toUpper: { params: ["str"], min: 1, result: STRING },
  replace: { params: ["str", "str", "str"], min: 3, result: STRING },
  startsWith: { params: ["str", "str"], min: 2, result: BOOLEAN },
  endsWith: { params: ["str", "str"], min: 2, result: BOOLEAN },
  substring: { params: ["str", "num", "num"], min: 2, result: STRING },
  encodeUriComponent: { params: ["str"], min: 1, result: STRING },
  string: { params: ["unknown"], min: 1, result: STRING },
  int: { params: ["unknown"], min: 1, result: NUMBER },
  bool: { params: ["unknown"], min: 1, result: BOOLEAN },
  utcNow: { params: ["str"], min: 0, result: STRING },
  formatDateTime: { params: ["str", "str"], min: 1, result: STRING },
  addDays: { params: ["str", "num", "str"], min: 2, result: STRING },
  getPastTime: { params: ["num", "str", "str"], min: 2, result: STRING },
};

/** Names the generated code may import from the kit for expressions (step identifiers avoid them). */
export const EXPRESSION_NAMES: readonly string[] = ["equals", "call", ...Object.keys(WRAPPERS)];

/** True when an argument of this type and literal kind can be passed where `param` is expected. */
function fits(arg: Lifted, param: Param): boolean {
  if (param === "unknown") return true;
  if (arg.literal) {
    if (param === "bool") return arg.literal === "boolean";
    if (param === "str") return arg.literal === "string";
    if (param === "num") return arg.literal === "number";
    if (param === "numstr") return arg.literal === "string" || arg.literal === "number";
    return false;
  }
  const k = arg.ty.k;
  if (k === "any") return true;
  if (param === "bool") return k === "boolean";
  if (param === "str") return k === "string" || k === "enum";
  if (param === "num") return k === "number";
  if (param === "numstr") return k === "number" || k === "string" || k === "enum";
  return k === "array";
}

/** True when `equals(a, b)` type-checks: same kinds, an untyped or unknown side, an enum against one of its values. */
function equalsFits(a: Lifted, b: Lifted): boolean {
  const kind = (x: Lifted) => x.literal ?? (x.ty.k === "enum" ? "string" : x.ty.k);
  if (a.ty.k === "any" && !a.literal) return true;
  if (b.ty.k === "any" && !b.literal) return true;
  if (a.literal && b.literal) return a.literal === b.literal && a.literal !== "null";
  for (const [x, y] of [[a, b], [b, a]] as const) {
    if (x.ty.k === "enum" && !x.literal) return y.literal === "string" ? x.ty.values!.includes(y.value as string) : y.ty.k === "enum" || y.ty.k === "unknown";
  }
  if (!a.literal && a.ty.k === "unknown") return true;
  if (!b.literal && b.ty.k === "unknown") return true;
  return kind(a) === kind(b);
}

/** `raw("@…")` for a sub-expression the code cannot write. */
function rawNode(node: AstExpr, ctx: EmitContext): Lifted {
  ctx.imports.add("raw");
  const text = `@${printExpression(node)}`;
  return { code: `raw(${JSON.stringify(text)})`, value: kit.raw(text), ty: OPAQUE, pure: false };
}

/** A step handle's accessor (`getAlert.body`), when the step is visible here and reading it is allowed. */
function handleRef(info: HandleInfo, fn: "body" | "outputs", ctx: EmitContext): Lifted | undefined {
  const access = info.access[fn];
  if (!access) return undefined;
  ctx.touch(info);
  info.id ??= ctx.allocate(info.idHint ?? info.name);
  return { code: `${info.id}.${access.member}`, value: ref(ast.call(fn, ast.str(info.name))), ty: access.ty, pure: true };
}

/** The single string argument of a call, if that is all it has. */
function onlyString(node: AstExpr & { kind: "call" }): string | undefined {
  return node.args.length === 1 && node.args[0]!.kind === "string" ? node.args[0]!.value : undefined;
}

/** A reference to the trigger, a step, a parameter, a loop item or a variable; undefined when it is none of these. */
function reference(node: AstExpr & { kind: "call" }, ctx: EmitContext): Lifted | undefined {
  const scope = ctx.lifting;
  if (!scope) return undefined;
  if (node.args.length === 0 && (node.name === "triggerBody" || node.name === "triggerOutputs")) {
    ctx.uses.add("trigger");
    const member = node.name === "triggerBody" ? "body" : "outputs";
    const ty = member === "body" ? scope.trigger : outputsTy(scope.trigger, false);
    return { code: `trigger.${member}`, value: ref(ast.call(node.name)), ty, pure: true };
  }
  const arg = onlyString(node);
  if (arg === undefined) return undefined;
  if (node.name === "body" || node.name === "outputs") {
    const info = scope.visible.get(arg);
    if (!info || ctx.blocked.has(ctx.reader ?? "")) return undefined;
    return handleRef(info, node.name, ctx);
  }
  if (node.name === "parameters") {
    const ty = scope.params.get(arg);
    if (!ty) return undefined;
    ctx.uses.add("params");
    return { code: `params${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(arg) ? `.${arg}` : `[${JSON.stringify(arg)}]`}`, value: ref(ast.call("parameters", ast.str(arg))), ty, pure: true };
  }
  if (node.name === "items") {
    const loop = scope.loops.get(arg);
    if (!loop) return undefined;
    ctx.touch(loop);
    return { code: loop.id, value: ref(ast.call("items", ast.str(arg))), ty: loop.ty, pure: true };
  }
  if (node.name === "variables") {
    const info = scope.variables.get(arg);
    if (!info || ctx.blocked.has(ctx.reader ?? "")) return undefined;
    const access = info.access.variables!;
    ctx.touch(info);
    info.id ??= ctx.allocate(info.idHint ?? info.name);
    return { code: `${info.id}.${access.member}`, value: ref(ast.call("variables", ast.str(arg))), ty: access.ty, pure: true };
  }
  return undefined;
}

/** A function call: a reference, a typed wrapper when its name, arity and argument types fit, else `call(…)`. */
function liftCall(node: AstExpr & { kind: "call" }, ctx: EmitContext, wantNav: boolean): Lifted | undefined {
  const refd = reference(node, ctx);
  if (refd) return refd;
  const info = lookupFunction(node.name);
  if (!info || node.args.length < info.minArgs || node.args.length > info.maxArgs) return undefined;
  const args = node.args.map((a) => liftNode(a, ctx, false) ?? rawNode(a, ctx));
  const pure = args.every((a) => a.pure);
  const wrapper = WRAPPERS[node.name];
  if (!wantNav && node.name === "equals" && args.length === 2 && equalsFits(args[0]!, args[1]!)) return wrapped("equals", args, BOOLEAN, pure, ctx);
  if (!wantNav && wrapper && args.length >= wrapper.min && (wrapper.variadic || args.length <= wrapper.params.length)) {
    const ok = args.every((a, i) => fits(a, wrapper.params[Math.min(i, wrapper.params.length - 1)]!));
    if (ok) return wrapped(node.name, args, wrapper.result, pure, ctx);
  }
  ctx.imports.add("call");
  const value = kit.call(node.name, ...args.map((a) => a.value));
  return { code: codeCall("call", [JSON.stringify(node.name), ...args.map((a) => a.code)]), value, ty: ANY, pure };
}

function wrapped(name: string, args: Lifted[], result: Ty, pure: boolean, ctx: EmitContext): Lifted {
  ctx.imports.add(name);
  const fn = (kit as unknown as Record<string, (...a: unknown[]) => Expr<unknown>>)[name]!;
  return { code: codeCall(name, args.map((a) => a.code)), value: fn(...args.map((a) => a.value)), ty: result, pure };
}

/** `at(target, key)` (`{ optional: true }` for `?[key]`): an index `.field` does not write. */
function indexAt(node: AstExpr & { kind: "index" }, target: Lifted, ctx: EmitContext): Lifted | undefined {
  const key = liftNode(node.index, ctx, false);
  if (!key || !key.pure) return undefined;
  ctx.imports.add("at");
  const args = [target.code, key.code];
  if (node.safe) args.push("{ optional: true }");
  return { code: codeCall("at", args), value: kit.at(target.value, key.value as string, { optional: node.safe }), ty: ANY, pure: true };
}

/** `K` of `parameters('$connections')['K']['connectionId']` (written exactly so), the connection reference of `connectionRef`. */
function connectionKey(node: AstExpr & { kind: "index" }): string | undefined {
  const inner = node.target;
  if (node.safe || node.index.kind !== "string" || node.index.value !== "connectionId" || inner.kind !== "index" || inner.safe || inner.index.kind !== "string") return undefined;
  const root = inner.target;
  return root.kind === "call" && root.name === "parameters" && onlyString(root) === "$connections" ? inner.index.value : undefined;
}

/** `target?['field']` as `.field` on a navigable value. */
function liftIndex(node: AstExpr & { kind: "index" }, ctx: EmitContext): Lifted | undefined {
  const connection = connectionKey(node);
  if (connection !== undefined && ctx.lifting?.connections) {
    ctx.imports.add("connectionRef");
    return { code: `connectionRef(${JSON.stringify(connection)})`, value: kit.connectionRef(connection), ty: STRING, pure: true };
  }
  const target = liftNode(node.target, ctx, true);
  if (!target || !target.pure || target.literal) return undefined;
  const field = node.safe && node.index.kind === "string" ? node.index.value : undefined;
  // The builder's field proxy never answers these two (a value must not look like a promise or JSON-serialisable).
  const ty = field === undefined || field === "then" || field === "toJSON" ? undefined : fieldTy(target.ty, field);
  if (field === undefined || !ty) return indexAt(node, target, ctx);
  const key = propertyKey(field);
  const code = key === field ? `${format(target.code, 0, Infinity)}.${field}` : `${format(target.code, 0, Infinity)}[${key}]`;
  if (code.length > CHAIN_WIDTH) return undefined;
  return { code, value: (target.value as Record<string, unknown>)[field], ty, pure: true };
}

/** Lift one expression node; undefined when the code cannot write it. */
function liftNode(node: AstExpr, ctx: EmitContext, wantNav: boolean): Lifted | undefined {
  switch (node.kind) {
    case "string":
      return { code: JSON.stringify(node.value), value: node.value, ty: STRING, literal: "string", pure: true };
    case "int":
      return Number.isSafeInteger(node.value) ? { code: String(node.value), value: node.value, ty: NUMBER, literal: "number", pure: true } : undefined;
    case "bool":
      return { code: String(node.value), value: node.value, ty: BOOLEAN, literal: "boolean", pure: true };
    case "null":
      return { code: "null", value: null, ty: UNKNOWN, literal: "null", pure: true };
    case "call":
      return liftCall(node, ctx, wantNav);
    case "index":
      return liftIndex(node, ctx);
    default:
      return undefined;
  }
}

/** Literal text of a `text` template: backslashes, backticks and `${` escaped, control characters spelt out. */
function templateText(s: string): string {
  return s.replace(/[\\`]|\$\{|[\u0000-\u001f\u2028\u2029]/g, (c) => {
    if (c === "\\" || c === "`") return `\\${c}`;
    if (c === "${") return "\\${";
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** Longest field chain (`step.body.a.b.c`) the code writes; a longer one stays raw, so lines stay short. */
const CHAIN_WIDTH = 90;

/** How one string value was written. */
export type LiftOutcome = "lifted" | "partial" | "raw";

/**
 * A JSON string that holds an expression as builder code, or undefined (the caller writes `raw(…)`). The code's
 * value is rendered with the kit and compared with the source; anything but the same string is refused.
 */
export function liftString(source: string, ctx: EmitContext): { code: Code; outcome: LiftOutcome; ty: Ty } | undefined {
  if (!ctx.lifting) return undefined;
  const parsed = tryParseTemplate(source);
  if (!parsed.ok || parsed.template.kind === "literal") return undefined;
  const template = parsed.template;
  const mark = ctx.checkpoint();
  let code: Code;
  let value: Expr<unknown>;
  let pure: boolean;
  let ty: Ty = STRING;
  if (template.kind === "expression") {
    const lifted = liftNode(template.expr, ctx, false);
    if (!lifted || !lifted.pure) return ctx.rollback(mark);
    // A literal at the top (`@true`, `@'x'`) is written `lit(…)`: plain, it would render as JSON, not as an expression.
    const shown = lifted.literal ? literalExpr(lifted, ctx) : lifted;
    ({ code, pure, ty } = shown);
    value = shown.value as Expr<unknown>;
  } else {
    const parts: Lifted[] = template.parts.map((p) => (typeof p === "string" ? { code: "", value: p, ty: STRING, literal: "string" as const, pure: true } : liftPart(p, ctx)));
    if (!parts.some((p, i) => typeof template.parts[i] !== "string" && p.pure)) return ctx.rollback(mark);
    ctx.imports.add("text");
    const body = parts.map((p, i) => (typeof template.parts[i] === "string" ? templateText(p.value as string) : `\${${format(p.code, 0, Infinity)}}`)).join("");
    // A long text is written one part a line (`text("…", x, "…")`, the same value), so lines stay short.
    code = alt(`text\`${body}\``, codeCall("text", parts.map((p, i) => (typeof template.parts[i] === "string" ? JSON.stringify(p.value) : p.code))));
    value = interpolate(parts.map((p) => p.value as kit.Interpolable));
    pure = parts.every((p) => p.pure);
  }
  let rendered: unknown;
  try {
    rendered = renderExpr(value);
  } catch {
    return ctx.rollback(mark);
  }
  if (typeof rendered !== "string" || (rendered !== source && normalString(rendered) !== normalString(source))) return ctx.rollback(mark);
  return { code, outcome: pure ? "lifted" : "partial", ty };
}

/** One `@{…}` part: lifted (a bare literal as `lit(…)`, which `text` does not merge into the text), else `raw`. */
function liftPart(node: AstExpr, ctx: EmitContext): Lifted {
  const lifted = liftNode(node, ctx, false);
  if (!lifted) return rawNode(node, ctx);
  return lifted.literal ? literalExpr(lifted, ctx) : lifted;
}

/** A literal as an expression: `lit(null)`. */
function literalExpr(lifted: Lifted, ctx: EmitContext): Lifted {
  ctx.imports.add("lit");
  return { code: `lit(${format(lifted.code, 0, Infinity)})`, value: kit.lit(lifted.value as null), ty: OPAQUE, pure: true };
}
