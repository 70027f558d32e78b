/**
 * Typed connector calls: an `ApiConnection` action whose managed API, method and path match an operation the
 * kit declares becomes that operation's builder call (`defender.isolateMachine({...})`), when the call
 * renders back to the action exactly. Each operation's request shape is learnt by calling its `request`
 * function once with marker arguments and rendering the result; an action then matches when it has the same
 * members, the same literal values and the same path text, and the arguments are read off the marked places.
 */
import { CONNECTORS } from "../../playbooks/connectors";
import { expr } from "../../playbooks/kit/expr";
import type { ApiOperation, Input } from "../../playbooks/kit/operation";
import { renderInput } from "../../playbooks/kit/render";
import { invoke } from "../../playbooks/connectors/define";
import { ast, printExpression, tryParseTemplate, type Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { call, obj, type Code } from "../code";
import { propertyKey } from "../names";
import type { EmitContext } from "./context";
import { inputCode, rawCode } from "./value";

/** One declared operation with its rendered request template. */
interface OperationTemplate {
  connectorKey: string;
  operationKey: string;
  api: string;
  method: string;
  /** `inputs` as rendered with marker arguments (host removed). */
  inputs: Obj;
}

const MARKER = /^@__arg\('([A-Za-z0-9_$]+)'\)$/;

/** The request template of an operation, or undefined when its request cannot be learnt from markers. */
function templateOf(connectorKey: string, operationKey: string, op: ApiOperation): OperationTemplate | undefined {
  const args = new Proxy({}, { get: (_t, prop) => (typeof prop === "string" ? expr(ast.call("__arg", ast.str(prop))) : undefined) });
  try {
    const spec = invoke(op, args as never);
    const rendered = renderInput(spec.action as unknown as Input, "template") as Obj;
    const inputs = { ...(rendered.inputs as Obj) };
    delete inputs.host;
    return { connectorKey, operationKey, api: op.connector.toLowerCase(), method: op.method, inputs };
  } catch {
    return undefined;
  }
}

let templates: OperationTemplate[] | undefined;

/** Every declared managed-connector operation whose request can be learnt. */
function allTemplates(): OperationTemplate[] {
  if (templates) return templates;
  templates = [];
  for (const [connectorKey, connector] of Object.entries(CONNECTORS)) {
    for (const [operationKey, op] of Object.entries(connector.operations as Record<string, { kind: string }>)) {
      if (op.kind !== "api") continue;
      const t = templateOf(connectorKey, operationKey, op as ApiOperation);
      if (t) templates.push(t);
    }
  }
  return templates;
}

/** Managed APIs the kit declares operations for. */
export function declaredApis(): Set<string> {
  const out = new Set<string>();
  for (const connector of Object.values(CONNECTORS)) {
    for (const op of Object.values(connector.operations as Record<string, { kind: string; connector?: string }>)) if (op.kind === "api" && op.connector) out.add(op.connector.toLowerCase());
  }
  return out;
}

/** Arguments read off a source value at the template's marked places; false when the shapes differ. */
function matchValue(template: Json, source: Json, args: Map<string, Json>): boolean {
  if (typeof template === "string") {
    const m = MARKER.exec(template);
    if (m) {
      args.set(m[1]!, source);
      return true;
    }
    if (template.includes("__arg(")) return false;
    return template === source;
  }
  if (Array.isArray(template)) return Array.isArray(source) && source.length === template.length && template.every((t, i) => matchValue(t, source[i]!, args));
  if (isObject(template)) {
    if (!isObject(source)) return false;
    for (const key of Object.keys(source)) if (!Object.hasOwn(template, key)) return false;
    for (const [key, t] of Object.entries(template)) {
      // A field the source leaves out: the argument is omitted (it must be optional, the type check says).
      if (!Object.hasOwn(source, key)) {
        if (typeof t === "string" && MARKER.test(t)) continue;
        return false;
      }
      if (!matchValue(t as Json, source[key] as Json, args)) return false;
    }
    return true;
  }
  return JSON.stringify(template) === JSON.stringify(source);
}

/** Path arguments: literal text equal, each marked `encodeUriComponent(__arg(n))` against one source expression. */
function matchPath(template: string, source: string, args: Map<string, Json>): boolean {
  const t = tryParseTemplate(template);
  const s = tryParseTemplate(source);
  if (!t.ok || !s.ok) return false;
  if (t.template.kind === "literal") return template === source;
  if (t.template.kind !== "interpolation" || s.template.kind !== "interpolation") return false;
  const tp = t.template.parts;
  const sp = s.template.parts;
  if (tp.length !== sp.length) return false;
  for (let i = 0; i < tp.length; i++) {
    const a = tp[i]!;
    const b = sp[i]!;
    if (typeof a === "string") {
      if (a !== b) return false;
      continue;
    }
    if (typeof b === "string" || b.kind !== "call" || !/^encodeur[il]component$/i.test(b.name) || b.args.length !== 1) return false;
    const marker = a.kind === "call" && a.args[0]?.kind === "call" && a.args[0].name === "__arg" ? a.args[0].args[0] : undefined;
    if (!marker || marker.kind !== "string") return false;
    args.set(marker.value, `@${printExpression(b)}`);
  }
  return true;
}

/** True for `@parameters('$connections')['key']['connectionId']`. */
function connectionKey(host: unknown): string | undefined {
  if (!isObject(host) || Object.keys(host).length !== 1 || !isObject(host.connection) || Object.keys(host.connection).length !== 1) return undefined;
  const name = host.connection.name;
  const m = typeof name === "string" ? /^@parameters\('\$connections'\)\['([^']+)'\]\['connectionId'\]$/.exec(name) : undefined;
  return m?.[1];
}

/** The managed API an ApiConnection action calls, through the workflow's connection map (else the key's stem). */
export function apiOf(action: Obj, apis: ReadonlyMap<string, string>): string | undefined {
  const inputs = isObject(action.inputs) ? action.inputs : undefined;
  const key = inputs ? connectionKey(inputs.host) : undefined;
  if (!key) return undefined;
  return apis.get(key.toLowerCase()) ?? key.replace(/_\d+$/, "").toLowerCase();
}

/** An argument value as code: plain when the builder renders it as written, else `raw(…)`. */
function argCode(value: Json, ctx: EmitContext): Code {
  return typeof value === "string" ? inputCode(value, ctx) : rawCode(value, ctx);
}

/** The typed call for an ApiConnection action (`sentinel.addIncidentComment({...})`), or undefined. */
export function typedApiCall(action: Obj, apis: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
  const { type, inputs, runAfter: _, description, ...others } = action;
  if (type !== "ApiConnection" || Object.keys(others).length || !isObject(inputs)) return undefined;
  if (description !== undefined && (typeof description !== "string" || description === "")) return undefined;
  const api = apiOf(action, apis);
  if (!api) return undefined;
  const { host: _h, path, method, ...request } = inputs;
  if (typeof path !== "string" || typeof method !== "string") return undefined;
  for (const t of allTemplates()) {
    if (t.api !== api || t.method !== method) continue;
    const { path: tPath, method: _m, ...tRequest } = t.inputs;
    const args = new Map<string, Json>();
    if (typeof tPath !== "string" || !matchPath(tPath, path, args)) continue;
    if (!matchValue(tRequest as Json, request as Json, args)) continue;
    ctx.imports.add(t.connectorKey);
    const entries: [string, Code][] = [...args].map(([name, value]) => [propertyKey(name), argCode(value, ctx)]);
    return call(`${t.connectorKey}.${t.operationKey}`, [obj(entries)]);
  }
  return undefined;
}
