/**
 * Typed connector calls: an `ApiConnection` action whose managed API, method and path match an operation the
 * kit declares becomes that operation's builder call (`defender.isolateMachine({...})`), when the call renders
 * back to the action exactly. Each operation's request shape is learnt by calling its `request` function once with
 * marker arguments (`./probe`) and rendering the result; an action matches when its members fit that shape (fields
 * the request sends only for some arguments may be missing, list items repeat), the arguments are read off the
 * marked places, and the call built from those arguments renders the action's inputs again.
 */
import { CONNECTORS } from "../../playbooks/connectors";
import { raw } from "../../playbooks/kit/expr";
import type { ApiOperation, Input } from "../../playbooks/kit/operation";
import { renderInput } from "../../playbooks/kit/render";
import { invoke } from "../../playbooks/connectors/define";
import { printExpression, tryParseTemplate, type Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { arr, call, obj, type Code } from "../code";
import { normalString } from "../compare";
import { propertyKey } from "../names";
import type { EmitContext } from "./context";
import { ITEM, markerArgs, markerPath, mentionsMarker } from "./probe";
import { inputCode, needsRaw, rawCode } from "./value";

/** One declared operation with its rendered request template. */
interface OperationTemplate {
  connectorKey: string;
  operationKey: string;
  op: ApiOperation;
  api: string;
  method: string;
  /** `inputs` as rendered with marker arguments (host removed). */
  inputs: Obj;
}

/** `inputs` of an action without `host` (the connection is not an argument). */
function requestOf(inputs: Obj): Obj {
  const { host: _h, ...rest } = inputs;
  return rest;
}

/** The request template of an operation, or undefined when its request cannot be learnt from markers. */
function templateOf(connectorKey: string, operationKey: string, op: ApiOperation): OperationTemplate | undefined {
  try {
    const spec = invoke(op, markerArgs() as never);
    const rendered = renderInput(spec.action as unknown as Input, "template") as Obj;
    return { connectorKey, operationKey, op, api: op.connector.toLowerCase(), method: op.method, inputs: requestOf(rendered.inputs as Obj) };
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

/** Argument values read off a source, keyed by argument path with list indexes (`attachments[0].name`). */
type Bind = (path: string, value: Json) => void;

/** The list path of a one-item template list whose item holds list-item markers (`tags[]` → `tags`), if any. */
function repeatedList(template: Json[]): string | undefined {
  if (template.length !== 1) return undefined;
  const m = /__arg\('([A-Za-z0-9_$.]+(?:\[\d+\])*)\[\]/.exec(JSON.stringify(template[0]));
  return m?.[1];
}

/** Arguments read off a source value at the template's marked places; false when the shapes differ. */
function matchValue(template: Json, source: Json, bind: Bind): boolean {
  if (typeof template === "string") {
    const path = markerPath(template);
    if (path !== undefined) {
      bind(path, source);
      return true;
    }
    return !mentionsMarker(template) && template === source;
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(source)) return false;
    const list = repeatedList(template);
    if (list !== undefined) {
      const item = `${list}${ITEM}`;
      return source.every((s, i) => matchValue(template[0]!, s, (p, v) => bind(p.replace(item, `${list}[${i}]`), v)));
    }
    return source.length === template.length && template.every((t, i) => matchValue(t, source[i]!, bind));
  }
  if (isObject(template)) {
    if (!isObject(source)) return false;
    for (const key of Object.keys(source)) if (!Object.hasOwn(template, key)) return false;
    // A member the source leaves out is one the request sends only for some arguments: the check by rendering decides.
    return Object.entries(template).every(([key, t]) => !Object.hasOwn(source, key) || matchValue(t as Json, source[key] as Json, bind));
  }
  return JSON.stringify(template) === JSON.stringify(source);
}

/** Path arguments: literal text equal, each marked `encodeUriComponent(__arg(n))` against one source expression. */
function matchPath(template: string, source: string, bind: Bind): boolean {
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
    bind(marker.value, `@${printExpression(b)}`);
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

/** An argument: a value read off the source as a whole, or a list / record assembled from its items' and fields' values. */
type Arg = { value: Json } | Arg[] | { fields: Map<string, Arg> };

/** `attachments[0].name` → `["attachments", 0, "name"]`. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** The arguments the bindings describe; undefined when two of them disagree (one place bound twice, differently). */
function assemble(bindings: readonly [string, Json][]): Map<string, Arg> | undefined {
  const root: { fields: Map<string, Arg> } = { fields: new Map() };
  for (const [path, value] of bindings) {
    const segs = segments(path);
    let node: Arg = root;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      const last = i === segs.length - 1;
      const fresh = (): Arg => (last ? { value } : typeof segs[i + 1] === "number" ? [] : { fields: new Map() });
      if (typeof seg === "number") {
        if (!Array.isArray(node)) return undefined;
        node[seg] ??= fresh();
        node = node[seg]!;
      } else {
        if (Array.isArray(node) || !("fields" in node)) return undefined;
        if (!node.fields.has(seg)) node.fields.set(seg, fresh());
        node = node.fields.get(seg)!;
      }
      if (last && !("value" in node && JSON.stringify(node.value) === JSON.stringify(value))) return undefined;
    }
  }
  return root.fields;
}

/** An argument as builder input, the way the generated code passes it. */
function argInput(arg: Arg): Input {
  if (Array.isArray(arg)) return arg.map(argInput);
  if ("fields" in arg) return Object.fromEntries([...arg.fields].map(([k, v]) => [k, argInput(v)]));
  return typeof arg.value === "string" && !needsRaw(arg.value) ? arg.value : (raw(arg.value) as Input);
}

/** Equal up to key order and the whitespace the round trip allows in expressions. */
function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (typeof a === "string" && typeof b === "string") return normalString(a) === normalString(b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b) || Object.keys(a).length !== Object.keys(b).length) return false;
    return Object.keys(a).every((k) => Object.hasOwn(b, k) && sameJson(a[k] as Json, b[k] as Json));
  }
  return a === b;
}

/** True when calling the operation with these arguments renders exactly the source request. */
function rendersAgain(op: ApiOperation, args: Map<string, Arg>, request: Obj): boolean {
  try {
    const spec = invoke(op, Object.fromEntries([...args].map(([k, v]) => [k, argInput(v)])) as never);
    const rendered = renderInput(spec.action as unknown as Input, "import") as Obj;
    return sameJson(requestOf(rendered.inputs as Obj) as Json, request as Json);
  } catch {
    return false;
  }
}

/** An argument as code: plain when the builder renders it as written, else `raw(…)`; lists and records spelt out. */
function argCode(arg: Arg, ctx: EmitContext): Code {
  if (Array.isArray(arg)) return arr(arg.map((a) => argCode(a, ctx)));
  if ("fields" in arg) return obj([...arg.fields].map(([k, v]) => [propertyKey(k), argCode(v, ctx)]));
  return typeof arg.value === "string" ? inputCode(arg.value, ctx) : rawCode(arg.value, ctx);
}

/** The typed call for an ApiConnection action (`sentinel.addIncidentComment({...})`), or undefined. */
export function typedApiCall(action: Obj, apis: ReadonlyMap<string, string>, ctx: EmitContext): Code | undefined {
  const { type, inputs, runAfter: _, description, ...others } = action;
  if (type !== "ApiConnection" || Object.keys(others).length || !isObject(inputs)) return undefined;
  if (description !== undefined && (typeof description !== "string" || description === "")) return undefined;
  const api = apiOf(action, apis);
  if (!api) return undefined;
  const request = requestOf(inputs);
  const { path, method, ...rest } = request;
  if (typeof path !== "string" || typeof method !== "string") return undefined;
  for (const t of allTemplates()) {
    if (t.api !== api || t.method !== method) continue;
    const { path: tPath, method: _m, ...tRest } = t.inputs;
    const bindings: [string, Json][] = [];
    const bind: Bind = (p, v) => void bindings.push([p, v]);
    if (typeof tPath !== "string" || !matchPath(tPath, path, bind) || !matchValue(tRest as Json, rest as Json, bind)) continue;
    const args = assemble(bindings);
    if (!args || !rendersAgain(t.op, args, request)) continue;
    ctx.imports.add(t.connectorKey);
    return call(`${t.connectorKey}.${t.operationKey}`, [obj([...args].map(([name, a]) => [propertyKey(name), argCode(a, ctx)]))]);
  }
  return undefined;
}
