/**
 * Bodies generated from an operation's output shape, varying only what the definition reads: enum fields take
 * every value, strings typical / empty / missing / null, arrays one / empty / several, device tags that intersect
 * the excluded tags or not; an object's own `id` is always there. A field nobody reads keeps no value at all (it cannot change the run); a field read
 * only as printed text keeps its typical value.
 */
import type { Shape } from "../operations";
import type { ChoiceKind, Chooser } from "./choices";
import { readOf, type ReadContext } from "./reads";

/** What generation needs from the run. */
export interface GenerateContext {
  readonly chooser: Chooser;
  readonly reads: ReadonlyMap<string, ReadContext> | undefined;
  /** The tag that counts as excluded in this run (the first excluded tag, or a sample). */
  readonly excludedTag: string;
  /** Tags generated for each machine id in this run (the world: a device has one set of tags). */
  readonly machineTags: Map<string, unknown>;
}

const MISSING = Symbol("missing");
type Value = unknown | typeof MISSING;

const TYPICAL: Record<string, string> = {
  text: "text",
  datetime: "2024-01-01T00:00:00Z",
  dns: "host-1.contoso.com",
  email: "soc@contoso.com",
  sha1: "3395856ce81f2b7382dee72602f798b642f14140",
  sha256: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
  ip: "10.0.0.1",
  url: "https://contoso.com/x",
  kql: "DeviceEvents | take 1",
};

const kindOf = (ctx: ReadContext): ChoiceKind => (ctx === "control" ? "control" : "data");

function idValue(of: string | undefined, owner: string | undefined, ordinal: number): string {
  const entity = of ?? "id";
  // An object's own id differs per array element; a reference to another entity (an alert's machineId) agrees.
  return `${entity}-${of !== undefined && of === owner ? ordinal + 1 : 1}`;
}

/** A value of `shape` at `path`. */
function gen(shape: Shape, path: string[], key: string, g: GenerateContext, owner: string | undefined, ordinal: number, optional: boolean): Value {
  const { exact, below } = readOf(g.reads, path);
  if (exact === undefined && below === undefined) return MISSING;
  const ctx: ReadContext = exact ?? "inert";
  const choose = (labels: string[]) => (ctx === "inert" ? 0 : g.chooser.choose(`${key}:${path.join(".")}`, labels, kindOf(ctx)));
  switch (shape.kind) {
    case "optional":
      return gen(shape.inner, path, key, g, owner, ordinal, true);
    case "nullable":
      return gen(shape.inner, path, key, g, owner, ordinal, optional);
    case "enum": {
      const labels = [...shape.values, ...(optional ? ["missing"] : [])];
      const i = choose(labels);
      return labels[i] === "missing" && i >= shape.values.length ? MISSING : shape.values[i];
    }
    case "string": {
      const typical = shape.format === "id" ? idValue(shape.of, owner, ordinal) : TYPICAL[shape.format] ?? "text";
      // An object's own id is how the service names it: an answer always carries it (references may be missing).
      if (shape.format === "id" && path.at(-1) === "id" && !optional) return typical;
      return [typical, "", MISSING, null][choose(["typical", "empty", "missing", "null"])];
    }
    case "number":
      return [1, 0, MISSING, null][choose(["1", "0", "missing", "null"])];
    case "boolean":
      return [true, false, MISSING][choose(["true", "false", "missing"])];
    case "array": {
      if (shape.tags) return tagsValue(choose, g.excludedTag);
      const labels = ["one", "empty", "several", "same", "missing"];
      const what = labels[choose(labels)];
      if (what === "missing") return MISSING;
      if (what === "null") return null;
      const count = what === "empty" ? 0 : what === "one" ? 1 : 2;
      if (count > 1 && ctx === "control") g.chooser.several = true;
      const out: unknown[] = [];
      for (let n = 0; n < count; n++) {
        const item = gen(shape.items, [...path, "[]"], `${key}[${n}]`, g, owner, what === "same" ? 0 : n, false);
        out.push(item === MISSING ? typicalOf(shape.items, owner, n) : item);
      }
      return out;
    }
    case "object": {
      if (below === undefined) return wholeObject(shape, g, key, ordinal, path, owner, choose(["object", "null"]));
      const out: Record<string, unknown> = {};
      const entity = shape.entity ?? owner;
      for (const [name, field] of Object.entries(shape.fields)) {
        const v = gen(field, [...path, name], key, g, entity, ordinal, false);
        if (v !== MISSING) out[name] = v;
      }
      if (shape.entity === "machine") return machineWorld(out, shape, g, key, ordinal, path);
      return out;
    }
    case "record":
    case "unknown": {
      if (below === undefined) return ["text", MISSING, null][choose(["typical", "missing", "null"])];
      // Fields the definition reads under an untyped object: generate them as unknown values.
      const out: Record<string, unknown> = {};
      for (const name of childNames(g.reads, path)) {
        const v = gen({ kind: "unknown" }, [...path, name], key, g, owner, ordinal, true);
        if (v !== MISSING) out[name] = v;
      }
      return out;
    }
  }
}

/** A machine object carries its id and its tags whenever it is generated, so excluded-target can be judged. */
function machineWorld(out: Record<string, unknown>, shape: Extract<Shape, { kind: "object" }>, g: GenerateContext, key: string, ordinal: number, path: string[]): Record<string, unknown> {
  const id = typeof out.id === "string" ? out.id : idValue("machine", "machine", ordinal);
  // The id goes into the body even when unread, so a counterexample says which machine carries the tags.
  if (out.id === undefined && shape.fields.id) out = { id, ...out };
  if (out.machineTags === undefined && shape.fields.machineTags) {
    const tags = tagsValue((labels) => g.chooser.choose(`${key}:${[...path, "machineTags"].join(".")}`, labels, "control"), g.excludedTag);
    if (tags !== MISSING) g.machineTags.set(id, tags);
  } else g.machineTags.set(id, out.machineTags);
  return out;
}

/**
 * An object read whole (passed into a variable, a Compose or a request): its typical value with every field, so
 * what later reads find is what the service sends. A machine's tags are a choice (its world).
 */
function wholeObject(shape: Extract<Shape, { kind: "object" }>, g: GenerateContext, key: string, ordinal: number, path: string[], owner: string | undefined, variant: number): Value {
  if (variant === 1) return null;
  const out = typicalOf(shape, shape.entity ?? owner, ordinal) as Record<string, unknown>;
  if (shape.entity !== "machine" || typeof out.id !== "string") return out;
  if (g.machineTags.has(out.id)) {
    // The world: a machine read twice in one run carries the same tags both times.
    const known = g.machineTags.get(out.id);
    if (known === undefined) delete out.machineTags;
    else out.machineTags = known;
    return out;
  }
  const tags = tagsValue((labels) => g.chooser.choose(`${key}:${[...path, "machineTags"].join(".")}`, labels, "control"), g.excludedTag);
  if (tags === MISSING) delete out.machineTags;
  else out.machineTags = tags;
  g.machineTags.set(out.id, tags === MISSING ? undefined : tags);
  return out;
}

function tagsValue(choose: (labels: string[]) => number, excluded: string): Value {
  const variants: Value[] = [[], ["finance"], [excluded], ["finance", excluded], null];
  return variants[choose(["none", "other", "excluded", "other and excluded", "null"])];
}

function childNames(reads: ReadonlyMap<string, ReadContext> | undefined, path: string[]): string[] {
  const prefix = path.length ? `${path.join("/")}/` : "";
  const names = new Set<string>();
  for (const k of reads?.keys() ?? []) if (k.startsWith(prefix) && k.length > prefix.length) names.add(k.slice(prefix.length).split("/")[0]!);
  return [...names].filter((n) => n !== "[]").sort();
}

function typicalOf(shape: Shape, owner: string | undefined, ordinal: number): unknown {
  switch (shape.kind) {
    case "string":
      return shape.format === "id" ? idValue(shape.of, owner, ordinal) : TYPICAL[shape.format] ?? "text";
    case "object": {
      const out: Record<string, unknown> = {};
      const entity = shape.entity ?? owner;
      for (const [name, field] of Object.entries(shape.fields)) out[name] = typicalOf(field, entity, ordinal);
      return out;
    }
    case "record":
    case "unknown":
      return {};
    case "enum":
      return shape.values[0];
    case "number":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "optional":
    case "nullable":
      return typicalOf(shape.inner, owner, ordinal);
  }
}

/** A body of `shape` for a call (or the trigger), choices keyed under `key`; undefined when nothing is read. */
export function generateBody(shape: Shape | undefined, key: string, g: GenerateContext): unknown {
  const v = gen(shape ?? { kind: "unknown" }, [], key, g, undefined, 0, false);
  return v === MISSING ? undefined : v;
}
