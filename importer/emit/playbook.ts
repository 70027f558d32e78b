/**
 * One playbook file: the `definePlaybook({...})` call around the trigger, the definition's own members and
 * the steps, with the imports it needs.
 */
import { WORKFLOW_SCHEMA, type Json } from "../../wdl";
import { isObject, type Obj } from "../../wdl/walk";
import { arrow, call, format, obj, prefix, type Code } from "../code";
import { propertyKey, stepLabel } from "../names";
import { commentLines, wrapLongStrings } from "../wrap";
import { emitContext, type EmitContext } from "./context";
import { scopeStatements } from "./scope";
import { orderTrigger } from "../../playbooks/kit/render";
import type { JsonObject } from "../../wdl";
import { countRaw, literal, sortedKeys } from "./value";
import { declaredTrigger } from "./trigger";
import { paramSpecs } from "./params";
import { ANY } from "./types";

/** What the file is made from. */
export interface PlaybookSource {
  /** Playbook name (kebab-case). */
  name: string;
  description: string;
  definition: Obj;
  /** `$connections` key (lower-cased) → managed API. */
  apis?: ReadonlyMap<string, string>;
}

/** How to emit: `lift: false` writes every expression raw (the faithful fallback); `blocked` steps read no handles. */
export interface EmitOptions {
  lift?: boolean;
  blocked?: ReadonlySet<string>;
}

/** The generated file text and what emitting it counted. */
export interface EmittedPlaybook {
  text: string;
  context: EmitContext;
}

/** Top-level members the builder writes itself, with the value it writes. */
const KIT_MEMBERS: Record<string, Json> = { $schema: WORKFLOW_SCHEMA, contentVersion: "1.0.0.0", outputs: {} };

/** The `definition:` entry: members that differ from what the builder writes, `null` for those missing. */
function definitionMembers(definition: Obj, typedParams: ReadonlySet<string>): Code | undefined {
  const entries: [string, Code][] = [];
  for (const [key, value] of Object.entries(KIT_MEMBERS)) {
    if (!Object.hasOwn(definition, key)) entries.push([propertyKey(key), "null"]);
    else if (JSON.stringify(definition[key]) !== JSON.stringify(value)) entries.push([propertyKey(key), literal(sortedKeys(definition[key] as Json))]);
  }
  if (!Object.hasOwn(definition, "parameters")) entries.push(["parameters", "null"]);
  else {
    const rest = isObject(definition.parameters) ? Object.fromEntries(Object.entries(definition.parameters).filter(([k]) => !typedParams.has(k))) : definition.parameters;
    // Parameters all declared with param.*: the builder writes the member itself.
    if (!(isObject(rest) && typedParams.size && Object.keys(rest).length === 0)) entries.push(["parameters", literal(sortedKeys(rest as Json))]);
  }
  for (const [key, value] of Object.entries(definition)) {
    if (key in KIT_MEMBERS || key === "parameters" || key === "triggers" || key === "actions") continue;
    entries.push([propertyKey(key), literal(sortedKeys(value as Json))]);
  }
  return entries.length ? obj(entries) : undefined;
}

/** The trigger entries: its exact name and the trigger as written. */
function triggerEntries(definition: Obj, ctx: EmitContext): [string, Code][] {
  const triggers = isObject(definition.triggers) ? Object.entries(definition.triggers) : [];
  if (triggers.length !== 1) throw new Error(`the definition has ${triggers.length} triggers; a playbook has exactly one`);
  const [name, trigger] = triggers[0]!;
  if (!isObject(trigger)) throw new Error(`trigger '${name}' is not an object`);
  const declared = ctx.lifting ? declaredTrigger(trigger) : undefined;
  if (declared) {
    ctx.imports.add(declared.connector);
    ctx.lifting!.trigger = declared.ty;
    return [
      ["triggerName", JSON.stringify(name)],
      ["trigger", declared.code],
    ];
  }
  ctx.imports.add("rawTrigger");
  countRaw(trigger as Json, ctx);
  const { label } = stepLabel(name);
  return [
    ["triggerName", JSON.stringify(name)],
    ["trigger", call("rawTrigger", [JSON.stringify(label), literal(orderTrigger(sortedKeys(trigger as Json) as JsonObject))])],
  ];
}

/** Generate the playbook file. Throws an Error (with a sentence) for a definition no playbook can hold. */
export function emitPlaybook(source: PlaybookSource, options: EmitOptions = {}): EmittedPlaybook {
  const ctx = emitContext(source.apis, options);
  const { definition } = source;
  const params = options.lift === false ? { entries: [], types: new Map() } : paramSpecs(definition.parameters);
  if (options.lift !== false) ctx.lifting = { visible: new Map(), variables: new Map(), params: params.types, loops: new Map(), trigger: ANY, depth: -1, connections: isObject(definition.parameters) && Object.hasOwn(definition.parameters, "$connections") };
  const actions = isObject(definition.actions) ? definition.actions : {};
  if (Object.hasOwn(definition, "actions") && !isObject(definition.actions)) throw new Error("its actions member is not an object");
  const entries: [string, Code][] = [
    ["name", JSON.stringify(source.name)],
    ["description", JSON.stringify(source.description)],
  ];
  const members = definitionMembers(definition, new Set(params.types.keys()));
  if (params.entries.length) {
    ctx.imports.add("param");
    entries.push(["parameters", obj(params.entries)]);
  }
  if (members) entries.push(["definition", members]);
  entries.push(...triggerEntries(definition, ctx));
  const body = scopeStatements(actions, ctx);
  const entryCodes: Code[] = entries.map(([k, v]) => prefix(`${k}: `, v));
  const context = ["flow", ...["params", "trigger"].filter((u) => ctx.uses.has(u))];
  entryCodes.push(prefix("build: ", arrow(`({ ${context.join(", ")} })`, body)));
  const spec: Code = { kind: "list", open: "{", close: "}", items: entryCodes };
  const bare = (name: string) => name.replace(/^type /, "");
  const imports = [...ctx.imports].sort((a, b) => (bare(a) < bare(b) ? -1 : bare(a) > bare(b) ? 1 : 0));
  const text = [
    ...commentLines(`Imported by playbook-kit import. ${source.description}`),
    // Room for ` from "playbook-kit";` after the list.
    `${format({ kind: "list", open: "import {", close: "}", items: imports }, 0, 90)} from "playbook-kit";`,
    "",
    `export default ${format(call("definePlaybook", [spec]))};`,
    "",
  ].join("\n");
  return { text: wrapLongStrings(text), context: ctx };
}
