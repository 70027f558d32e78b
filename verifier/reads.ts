/**
 * What a definition reads, found statically: every access chain such as `body('Get_alert')?['severity']`,
 * `triggerBody()?['machineId']` or `items('For_each')?['id']`, resolved to its source (the trigger, a call
 * action, a parameter) and the path read under it, with the strongest context it is read in. Exploration varies
 * only what is read, and varies it fully only where it steers the run (`control`); a value read only as text of an
 * interpolation (`inert`) cannot change the path a run takes, so it keeps its typical value.
 */
import { isObject, tryParseTemplate, walkActions, walkStrings, type Expr, type Obj } from "../wdl";

/** How a read can influence a run: steering it, flowing into requests and functions, or only printed. */
export type ReadContext = "control" | "data" | "inert";

const RANK: Record<ReadContext, number> = { inert: 0, data: 1, control: 2 };

/** One path read under a source; `[]` stands for "any element". */
export type ReadPath = readonly string[];

/** The reads of a definition: by source (`trigger`, an action name, `param:<name>`), path key → context. */
export interface ReadSet {
  readonly sources: ReadonlyMap<string, ReadonlyMap<string, ReadContext>>;
  /** Parameters by name → the strongest context they are read in. */
  readonly parameters: ReadonlyMap<string, ReadContext>;
  /** Actions whose record beyond the body is read (`actions('X').status`, `outputs('X')?['statusCode']`). */
  readonly records: ReadonlySet<string>;
  /** True when some expression calls `result(…)`: every record may be seen. */
  readonly anyResult: boolean;
}

/** The key of a path (`severity`, `value/[]/id`). */
export const pathKey = (path: ReadPath): string => path.join("/");

/** A chain base resolved to a source and the path under it. */
interface Resolved {
  source: string;
  path: string[];
}

const lower = (s: string) => s.toLowerCase();

/** Keys of an action that hold child actions (walked on their own). */
const CHILD_KEYS = new Set(["actions", "else", "default", "cases"]);

/** Where in an action a string steers the run. */
function contextOf(pointer: string): ReadContext {
  return /^\/(expression|foreach|splitOn|conditions)(\/|$)|^\/inputs\/where(\/|$)/.test(pointer) ? "control" : "data";
}

class Collector {
  readonly sources = new Map<string, Map<string, ReadContext>>();
  readonly parameters = new Map<string, ReadContext>();
  /** Loop name → the source path its items come from. */
  readonly loops = new Map<string, Resolved>();
  readonly records = new Set<string>();
  anyResult = false;

  add(resolved: Resolved, context: ReadContext): void {
    if (resolved.source.startsWith("param:")) {
      const name = resolved.source.slice("param:".length);
      const old = this.parameters.get(name);
      if (old === undefined || RANK[context] > RANK[old]) this.parameters.set(name, context);
      return;
    }
    let map = this.sources.get(resolved.source);
    if (!map) this.sources.set(resolved.source, (map = new Map()));
    const key = pathKey(resolved.path);
    const old = map.get(key);
    if (old === undefined || RANK[context] > RANK[old]) map.set(key, context);
  }
}

/** The literal key of an index or member step, or undefined. */
function stepKey(e: Expr): string | undefined {
  if (e.kind === "member") return e.name;
  if (e.kind === "index") return e.index.kind === "string" ? e.index.value : e.index.kind === "int" ? "[]" : undefined;
  return undefined;
}

/** The source and path an expression reads, when it is an access chain on a known base. */
function resolve(e: Expr, loops: ReadonlyMap<string, Resolved>, innermost: string | undefined): Resolved | undefined {
  if (e.kind === "member" || e.kind === "index") {
    const key = stepKey(e);
    const base = resolve(e.target, loops, innermost);
    if (!base || key === undefined) return undefined;
    return { source: base.source, path: [...base.path, key] };
  }
  if (e.kind !== "call") return undefined;
  const name = lower(e.name);
  const arg = e.args[0]?.kind === "string" ? e.args[0].value : undefined;
  if (name === "triggerbody") return { source: "trigger", path: [] };
  if (name === "triggeroutputs") return { source: "trigger", path: ["@outputs"] };
  if (name === "body" && arg !== undefined) return { source: arg, path: [] };
  if ((name === "outputs" || name === "actions") && arg !== undefined) return { source: arg, path: ["@outputs"] };
  if (name === "parameters" && arg !== undefined) return { source: `param:${arg}`, path: [] };
  if ((name === "first" || name === "last") && e.args[0]) {
    const inner = resolve(e.args[0], loops, innermost);
    return inner && { source: inner.source, path: [...inner.path, "[]"] };
  }
  const loop = name === "items" ? arg : name === "item" ? innermost : undefined;
  const items = loop === undefined ? undefined : loops.get(loop);
  return items && { source: items.source, path: [...items.path, "[]"] };
}

/** What a loop iterates: an access chain, or the first one under a wrapper such as `coalesce(…)`. */
function loopSource(e: Expr, loops: ReadonlyMap<string, Resolved>, innermost: string | undefined): Resolved | undefined {
  const direct = resolve(e, loops, innermost);
  if (direct || e.kind !== "call" || !LOOP_WRAPPERS.has(lower(e.name))) return direct;
  for (const arg of e.args) {
    const r = loopSource(arg, loops, innermost);
    if (r) return r;
  }
  return undefined;
}

/** Functions a Foreach expression wraps its array in without changing which items it yields. */
const LOOP_WRAPPERS = new Set(["coalesce", "if", "union", "take", "skip"]);

/** `@outputs` paths as body paths: `['@outputs','body','x']` → `['x']`; other output fields (statusCode) drop. */
function normalise(r: Resolved): Resolved | undefined {
  if (r.path[0] !== "@outputs") return r;
  if (r.path[1] === undefined) return { source: r.source, path: [] };
  if (lower(r.path[1]) !== "body") return undefined;
  return { source: r.source, path: r.path.slice(2) };
}

function visitExpr(e: Expr, context: ReadContext, c: Collector, innermost: string | undefined): void {
  const r = resolve(e, c.loops, innermost);
  if (r) {
    const n = normalise(r);
    if (n) c.add(n, context);
    // The status, status code or headers of a call: its outcome class is visible, not only its body.
    if (r.path[0] === "@outputs" && (!n || r.path.length === 1)) c.records.add(r.source);
    // The chain's own arguments (e.g. body('X')[variables('i')]) are not read further.
    return;
  }
  if (e.kind === "call") {
    if (lower(e.name) === "result") c.anyResult = true;
    // string(x) only prints x: it is as inert as an interpolation.
    const inner: ReadContext = lower(e.name) === "string" && context === "data" ? "inert" : context;
    for (const arg of e.args) visitExpr(arg, inner, c, innermost);
  } else if (e.kind === "member" || e.kind === "index") {
    visitExpr(e.target, context, c, innermost);
    if (e.kind === "index") visitExpr(e.index, context, c, innermost);
  }
}

function visitString(text: string, context: ReadContext, c: Collector, innermost: string | undefined): void {
  if (!text.includes("@")) return;
  const parsed = tryParseTemplate(text);
  if (!parsed.ok) return;
  const t = parsed.template;
  if (t.kind === "expression") visitExpr(t.expr, context, c, innermost);
  else if (t.kind === "interpolation") {
    for (const part of t.parts) {
      if (typeof part === "string") continue;
      // A chain printed into text is inert; a call inside an interpolation may still fail on what it reads.
      visitExpr(part, context === "control" ? "control" : resolve(part, c.loops, innermost) ? "inert" : context, c, innermost);
    }
  }
}

function ownFields(action: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(action)) if (!CHILD_KEYS.has(k)) out[k] = v;
  // A Switch's case values are literals; its expression is already an own field.
  return out;
}

/** The innermost enclosing Foreach of an action visit. */
function innermostLoop(v: { parent?: { name: string; action: Obj; parent?: unknown } | undefined }): string | undefined {
  let p = v.parent as { name: string; action: Obj; parent?: unknown } | undefined;
  while (p) {
    if (typeof p.action.type === "string" && lower(p.action.type) === "foreach") return p.name;
    p = p.parent as typeof p;
  }
  return undefined;
}

/** Every read of a definition, with its strongest context. */
export function readsOf(definition: unknown): ReadSet {
  const c = new Collector();
  const def = isObject(definition) ? definition : {};
  // Loops first, so item() and items('L') resolve wherever they appear.
  walkActions(def.actions, "/actions", (v) => {
    if (typeof v.action.type !== "string" || lower(v.action.type) !== "foreach" || typeof v.action.foreach !== "string") return;
    const parsed = tryParseTemplate(v.action.foreach);
    if (parsed.ok && parsed.template.kind === "expression") {
      const r = loopSource(parsed.template.expr, c.loops, innermostLoop(v));
      const n = r && normalise(r);
      if (n) c.loops.set(v.name, n);
    }
  });
  if (isObject(def.triggers)) {
    for (const trigger of Object.values(def.triggers)) {
      if (isObject(trigger)) walkStrings(trigger, "", (text, pointer) => visitString(text, contextOf(pointer), c, undefined));
    }
  }
  walkActions(def.actions, "/actions", (v) => {
    const loop = innermostLoop(v);
    // item() inside a Foreach's own fields refers to the loop around it, not to itself.
    walkStrings(ownFields(v.action), "", (text, pointer) => visitString(text, contextOf(pointer), c, loop));
  });
  if (isObject(def.outputs)) walkStrings(def.outputs, "", (text) => visitString(text, "data", c, undefined));
  return { sources: c.sources, parameters: c.parameters, records: c.records, anyResult: c.anyResult };
}

/** Answers of `readOf` per read map and path key: generation asks the same paths on every run. */
const READ_CACHE = new WeakMap<ReadonlyMap<string, ReadContext>, Map<string, { exact?: ReadContext; below?: ReadContext }>>();

/** The context a path is read in, counting reads of its descendants (a read of `a/b` reads `a`). */
export function readOf(reads: ReadonlyMap<string, ReadContext> | undefined, path: ReadPath): { exact?: ReadContext; below?: ReadContext } {
  if (!reads) return {};
  const key = pathKey(path);
  let cache = READ_CACHE.get(reads);
  if (!cache) READ_CACHE.set(reads, (cache = new Map()));
  let answer = cache.get(key);
  if (!answer) cache.set(key, (answer = readOfKey(reads, key)));
  return answer;
}

function readOfKey(reads: ReadonlyMap<string, ReadContext>, key: string): { exact?: ReadContext; below?: ReadContext } {
  const prefix = key === "" ? "" : `${key}/`;
  let below: ReadContext | undefined;
  for (const [k, ctx] of reads) {
    if (k !== key && (prefix === "" ? k !== "" : k.startsWith(prefix)) && (below === undefined || RANK[ctx] > RANK[below])) below = ctx;
  }
  return { exact: reads.get(key), ...(below ? { below } : {}) };
}
